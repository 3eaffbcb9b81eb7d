import AcceleratorDomain
import AcceleratorStore
import ArgumentParser

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Show or change the program's rules (capacity, currency, sectors, network countries…).",
        subcommands: [ShowRules.self, SetRules.self]
    )

    struct ShowRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the rules in force as a rules file (save it, edit it, load it with `rules set`)."
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try reportingFailures {
                print(RulesFile.render(try database.open().rules()), terminator: "")
            }
        }
    }

    struct SetRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Replace the rules with a rules file; a bad file is refused with its line and the old rules stay."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The rules file.", valueName: "file"))
        var file: String

        func run() throws {
            try reportingFailures {
                let text = try readTextFile(file)
                let rules = try database.open().setRules(text: text, path: file)
                print("Rules set from \(file): capacity \(rules.defaultCapacity), currency \(rules.defaultCurrency), \(rules.sectors.count) sectors, \(rules.networkCountries.count) network countries.")
            }
        }
    }
}
