import AcceleratorDomain
import AcceleratorStore
import ArgumentParser

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every stage event of a startup: time, from, to, actor, note.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let (name, events) = try database.open().history(of: startup)
            switch output.format {
            case .json:
                try printJSON(events)
            case .table, .csv:
                if events.isEmpty {
                    print("\(name) has not moved yet: no stage events.")
                    return
                }
                print(TextTable(
                    headers: ["time", "cohort", "from", "to", "actor", "note"],
                    rows: events.map { [$0.occurredAt, $0.cohort, $0.from.rawValue, $0.to.rawValue, $0.actor, $0.note ?? ""] }
                ).render())
            }
        }
    }
}
