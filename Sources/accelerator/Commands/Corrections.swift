import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct VoidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Void an application entered in error: it leaves every count, listing and export, and keeps its history.",
        discussion: """
            Unlike `withdraw`, a voided application is not an application nor an exit in any report from the \
            moment it is voided (a report as of an earlier day still counts it, as it did then). It is listed \
            only by `accelerator list --include-void`, cannot move again, and `show` and `history` keep it. Only \
            an application still at applied can be voided; once it went further, it leaves by a real exit.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Option(name: .long, help: ArgumentHelp("The application's cohort, when the startup has several open.", valueName: "code"))
    var cohort: String?

    @Option(name: .long, parsing: .unconditional, help: "Why it was entered in error, for the history.")
    var reason: String

    @Option(name: .long, help: "Who voids it (default: your login name).")
    var actor: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let outcome = try database.open().void(
                startup: startup, cohort: cohort, reason: reason, actor: actor ?? Environment.actor, today: try Environment.today())
            switch output.format {
            case .json: try printJSON(outcome)
            case .table: print(CorrectionSummary.text(outcome))
            }
        }
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a note to a startup (or to its application in a cohort), shown by show and history.",
        discussion: "Notes are append-only, with their author and time; exports leave them out."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Argument(help: ArgumentHelp("What the note says.", valueName: "text"))
    var text: String

    @Option(name: .long, help: ArgumentHelp("The cohort of the application the note is about (default: the startup).", valueName: "code"))
    var cohort: String?

    @Option(name: .long, help: "Who writes it (default: your login name).")
    var actor: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let outcome = try database.open().addNote(startup: startup, cohort: cohort, text: text, actor: actor ?? Environment.actor)
            switch output.format {
            case .json: try printJSON(outcome)
            case .table: print(CorrectionSummary.text(outcome))
            }
        }
    }
}
