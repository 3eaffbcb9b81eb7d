import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase a startup's personal data (law 09-08): founders' names and e-mails, the startup's phone.",
        discussion: """
            Founders' names become “[erased]”; their e-mails and the startup's phone are removed, also from the \
            records kept to undo imports. The startup, its applications, stages, mentors, funding and markets stay, \
            so reports count it as before. The erasure is recorded (who, when, what, why) and shown by \
            `accelerator history`; it cannot be undone, and the imports that wrote this startup can no longer be \
            undone. Nothing is asked: check the startup with `accelerator show` first.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Option(name: .long, help: "Why (e.g. the founder's request of 2026-06-01), kept with the erasure.")
    var reason: String?

    @Option(name: .long, help: "Who erased it (default: your login name).")
    var actor: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let outcome = try database.open().forget(startup, actor: actor ?? Environment.actor, reason: reason)
            switch output.format {
            case .json:
                try printJSON(outcome)
            case .table:
                for line in ErasureSummary.lines(outcome) { print(line) }
            }
        }
    }
}
