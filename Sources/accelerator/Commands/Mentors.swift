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
