import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a startup: identity, founders, applications with stage, mentors, funding, markets, warnings and extra attributes."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let details = try database.open().details(of: startup)
            switch output.format {
            case .json: try printJSON(StartupJSON(details))
            case .table: print(StartupCard.text(details))
            }
        }
    }
}
