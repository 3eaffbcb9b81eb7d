import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct Duplicates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List startups that are likely the same one entered twice, with the reason for each pair.",
        discussion: """
            Reasons: the same lead e-mail, phone or website; the same name once case, accents, spaces, \
            punctuation and legal forms are set aside; names one letter apart (never a digit). Startups with \
            two different ICEs are distinct companies and never listed. Nothing is changed.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Only pairs with a startup that applied to this cohort.", valueName: "code"))
    var cohort: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let report = try database.open().likelyDuplicates(cohort: cohort)
            switch output.format {
            case .json: try printJSON(DuplicatesJSON(report))
            case .table: print(DuplicateTable.text(report))
            }
        }
    }
}
