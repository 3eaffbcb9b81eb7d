import AcceleratorStore
import ArgumentParser

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create (or bring up to date) the database, optionally with a rules file.",
        discussion: """
            The only command that creates a database: every other command refuses a path where none is. \
            The file is created with mode 0600 (it holds personal data); an empty file given to it is brought \
            to 0600. A file that is not Accelerator's (another SQLite database, any other file) is refused and \
            left untouched.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("A rules file to load (see SampleData/rules.toml).", valueName: "file"))
    var rules: String?

    func run() throws {
        try reportingFailures {
            // Read the rules first: a bad file must not leave a new, empty database behind it.
            let text = try rules.map { try readTextFile($0) }
            let store = try database.openOrCreate()
            if let text, let rules {
                try store.setRules(text: text, path: rules)
                print("Loaded the rules from \(rules).")
            }
            print("Database ready: \(store.path) (schema \(AppDatabase.migrationNames.joined(separator: ", "))).")
        }
    }
}
