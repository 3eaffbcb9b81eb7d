import ArgumentParser

/// The `accelerator` command: the system of record of the acceleration program.
@main
struct Accelerator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accelerator",
        abstract: "The system of record of the Technopark Morocco × Plug and Play acceleration program.",
        discussion: """
            Applications move applied → mentored → funded → international under the program's rules, \
            with an append-only history. The database is ./accelerator.sqlite unless --db or \
            ACCELERATOR_DB says otherwise; it is created on first use.

            Exit codes: 0 done; 1 refused by a rule or invalid input (nothing changed); \
            64 usage error; 74 database or file failure.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, RulesCommand.self, CohortCommand.self, Apply.self, List.self, Show.self,
            Advance.self, Reject.self, Withdraw.self, History.self, Import.self, Imports.self, Decisions.self, Fund.self, Market.self, Mentors.self,
            Export.self, Report.self, Forget.self,
        ]
    )
}
