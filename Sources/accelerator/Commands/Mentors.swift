import AcceleratorDomain
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
                print(Self.table(mentors))
            }
        }
    }

    /// One row per current mentee; the mentor is named on the first of their rows.
    static func table(_ mentors: [MentorListing]) -> String {
        var rows: [[String]] = []
        for mentor in mentors {
            if mentor.mentees.isEmpty {
                rows.append([mentor.mentor, mentor.organisation, "(none now)", "", "", ""])
            }
            for (index, mentee) in mentor.mentees.enumerated() {
                rows.append([
                    index == 0 ? mentor.mentor : "", index == 0 ? mentor.organisation : "", mentee.startup, mentee.cohort,
                    mentee.stage.rawValue, mentee.assignedOn,
                ])
            }
        }
        return TextTable(headers: ["mentor", "organisation", "mentee", "cohort", "stage", "since"], rows: rows).render()
    }
}
