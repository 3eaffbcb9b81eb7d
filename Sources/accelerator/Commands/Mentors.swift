import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct Mentors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the mentors with the applications they currently follow (mentored, funded or international)."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let mentors = try database.open().mentors()
            switch output.format {
            case .json:
                try printJSON(mentors)
            case .table:
                if mentors.isEmpty {
                    print("No mentors yet: `accelerator advance --to mentored` or `accelerator decisions` assigns them.")
                    return
                }
                print(MentorTable.text(mentors))
            }
        }
    }
}

struct MentorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentor",
        abstract: "Assign a further mentor to an application, or end a mentor's assignment.",
        subcommands: [Add.self, End.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign a further mentor to an application already mentored, funded or international.",
            discussion: """
                The first mentor is assigned by `accelerator advance --to mentored` (or a decisions file); this adds \
                the next ones, with the same checks (a name and an organisation). The stage does not change; the \
                assignment is recorded in the startup's history.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
        var startup: String

        @Option(name: .long, help: ArgumentHelp("The application's cohort, when the startup has several.", valueName: "code"))
        var cohort: String?

        @Option(name: .long, help: "The mentor's full name.")
        var mentor: String?

        @Option(name: .customLong("mentor-org"), help: "The mentor's organisation: Technopark, Plug and Play or a partner.")
        var mentorOrg: String?

        @Option(name: .long, help: ArgumentHelp("The day the mentor starts (default: today); not in the future.", valueName: "date"))
        var on: String?

        @Option(name: .long, help: "Who assigns (default: your login name).")
        var actor: String?

        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let today = try Environment.today()
                let store = try database.open()
                let day = try on.map { try Parse.date($0, option: "--on", rules: try store.rules()) }
                let outcome = try store.recordMentor(
                    startup: startup, cohort: cohort, draft: MentorDraft(mentorName: mentor, organisation: mentorOrg),
                    on: day, today: today, actor: actor ?? Environment.actor)
                try report(outcome, format: output.format)
            }
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a mentor's assignment to an application.",
            discussion: """
                The assignment stays on the record with its end; the mentor no longer counts in `accelerator mentors`. \
                The only mentor of an application still at mentored cannot leave it: assign the next one first.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
        var startup: String

        @Option(name: .long, help: ArgumentHelp("The application's cohort, when the startup has several.", valueName: "code"))
        var cohort: String?

        @Option(name: .long, help: "The mentor's name (case and accents aside).")
        var mentor: String

        @Option(name: .customLong("mentor-org"), help: "The mentor's organisation, when two current mentors share the name.")
        var mentorOrg: String?

        @Option(name: .long, help: ArgumentHelp("The assignment's last day (default: today); not in the future.", valueName: "date"))
        var on: String?

        @Option(name: .long, parsing: .unconditional, help: "Why, for the history.")
        var reason: String?

        @Option(name: .long, help: "Who ends it (default: your login name).")
        var actor: String?

        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let today = try Environment.today()
                let store = try database.open()
                let day = try on.map { try Parse.date($0, option: "--on", rules: try store.rules()) }
                let outcome = try store.endMentor(
                    startup: startup, cohort: cohort, mentor: mentor, organisation: mentorOrg, on: day, today: today,
                    actor: actor ?? Environment.actor, reason: reason)
                switch output.format {
                case .json: try printJSON(MentorEndJSON(outcome))
                case .table: print(MentorEndSummary.text(outcome))
                }
            }
        }
    }
}
