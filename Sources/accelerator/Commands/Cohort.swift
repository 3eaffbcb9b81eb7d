import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Add, change or list cohorts (intakes of the program, coded like 2026-A).",
        subcommands: [AddCohort.self, EditCohort.self, ListCohorts.self]
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

    struct EditCohort: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a cohort's start day or capacity, each change recorded.",
            discussion: "A capacity below the places already taken (applications that ever reached mentored) is refused with the count."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The cohort's code, e.g. 2026-A.", valueName: "code"))
        var code: String

        @Option(name: .long, help: ArgumentHelp("The day it starts.", valueName: "date"))
        var starts: String?

        @Option(name: .long, parsing: .unconditional, help: "How many applications may ever reach mentored.")
        var capacity: Int?

        @Option(name: .long, parsing: .unconditional, help: "Why, for the change log.")
        var reason: String?

        @Option(name: .long, help: "Who changes it (default: your login name).")
        var actor: String?

        @OptionGroup var output: FormatOptions

        func validate() throws {
            if starts == nil && capacity == nil { throw ValidationError("give --starts or --capacity (or both)") }
        }

        func run() throws {
            try reportingFailures {
                let store = try database.open()
                let startsOn = try starts.map { try Parse.date($0, option: "--starts", rules: try store.rules()) }
                let outcome = try store.editCohort(
                    code: code, startsOn: startsOn, capacity: capacity, actor: actor ?? Environment.actor, reason: reason)
                switch output.format {
                case .json: try printJSON(outcome)
                case .table: print(CohortTable.edited(outcome))
                }
            }
        }
    }

    struct ListCohorts: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the cohorts with their places taken.")

        @OptionGroup var database: DatabaseOptions

        /// `--format table|json|csv`.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, csv
        }

        @Option(name: .long, help: "Output format: table, json or csv.")
        var format: Format = .table

        func run() throws {
            try reportingFailures {
                let cohorts = try database.open().cohorts()
                switch format {
                case .json: try printJSON(cohorts)
                case .csv: print(String(decoding: try CohortTable.csv(cohorts), as: UTF8.self), terminator: "")
                case .table: print(CohortTable.text(cohorts))
                }
            }
        }
    }
}
