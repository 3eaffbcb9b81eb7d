import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Add or list cohorts (intakes of the program, coded like 2026-A).",
        subcommands: [AddCohort.self, ListCohorts.self]
    )

    struct AddCohort: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a cohort.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The cohort's code, e.g. 2026-A.", valueName: "code"))
        var code: String

        @Option(name: .long, help: ArgumentHelp("The day it starts (2026-03-25, or 25/03/2026 read as the rules' date_order says).", valueName: "date"))
        var starts: String

        @Option(
            name: .long, parsing: .unconditional,
            help: "How many applications may ever reach mentored (default: the rules' default_capacity).")
        var capacity: Int?

        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let store = try database.open()
                let startsOn = try Parse.date(starts, option: "--starts", rules: try store.rules())
                let cohort = try store.addCohort(code: code, startsOn: startsOn, capacity: capacity)
                switch output.format {
                case .json: try printJSON(cohort)
                case .table: print("Added cohort \(cohort.code): starts \(cohort.startsOn), capacity \(cohort.capacity).")
                }
            }
        }
    }

    struct ListCohorts: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the cohorts with their places taken.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let cohorts = try database.open().cohorts()
                switch output.format {
                case .json:
                    try printJSON(cohorts)
                case .table: print(CohortTable.text(cohorts))
                }
            }
        }
    }
}
