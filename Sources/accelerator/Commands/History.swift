import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every stage event of a startup (time, from, to, actor, note), with its voids, notes, recorded corrections and any erasure of its personal data.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let history = try database.open().history(of: startup)
            let lines = HistoryLine.merge(history)
            switch output.format {
            case .json:
                try printJSON(lines)
            case .table:
                if lines.isEmpty {
                    print("\(history.startup) has not moved yet: no stage events.")
                    return
                }
                print(TextTable(headers: [DisplayTime.header("time"), "cohort", "from", "to", "actor", "note"], rows: lines.map(\.cells), wrapping: 5).render())
            }
        }
    }
}
