import AcceleratorCSV
import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser
import Foundation

struct Decisions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a committee's decisions spreadsheet: every row moved as `advance` would, all or nothing.",
        discussion: """
            One row per decision: startup (id, ICE or name), cohort (when the startup has several), decision \
            (mentored, funded, international, rejected, withdrawn; French mentoré, financé, international, rejeté, \
            retiré), date, and what the gate needs: mentor and mentor_org; amount, currency, funding_kind and \
            investor (the funding is dated by the date column); market and partner; reason; note. French headers \
            work too (cohorte, décision, organisation du mentor, montant, devise, type de financement, investisseur, \
            marché, partenaire, motif, commentaire). A row without a date is dated today.

            Rows apply in file order, in one transaction: `mentored` then `funded` for one startup works. Any \
            refused row and nothing is applied; every problem is listed with its line. The applied file is a \
            batch (see `accelerator imports`); `accelerator imports undo ID` puts the stages back while nothing \
            has happened since to the applications it moved.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "Who decided (default: your login name).")
    var actor: String?

    @Option(name: .long, help: ArgumentHelp("Force the delimiter: ',', ';', 'tab' or any one ASCII character.", valueName: "char"))
    var delimiter: String?

    @Option(name: .long, help: "Force the encoding: utf-8 or windows-1252.")
    var encoding: CSVEncoding?

    @Flag(name: .long, help: "Apply the file inside a transaction and roll it back: say what would happen.")
    var dryRun = false

    @Option(name: .long, help: "Report format: text or json.")
    var format: Import.ReportFormat = .text

    func validate() throws {
        if let delimiter, Import.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be ',', ';', 'tab' or one ASCII character, not “\(delimiter)”")
        }
    }

    func run() throws {
        try reportingFailures {
            let request = DecisionsRequest(
                path: file, delimiter: delimiter.flatMap(Import.delimiterByte), encoding: encoding, dryRun: dryRun,
                actor: actor ?? Environment.actor, today: try Environment.today())
            let report = try database.open().applyDecisions(request)
            switch format {
            case .json: try printJSON(report)
            case .text: print(DecisionsSummary.text(report))
            }
            guard report.problems.isEmpty else {
                for problem in report.problems where format == .text {
                    printError("error: \(problem)")
                }
                throw fail(FailureDocument(
                    kind: .refused, code: "decisions.rows_refused", facts: ErrorFacts(file: report.file, refusedCount: Set(report.problems.map(\.line)).count),
                    message: DecisionsSummary.refusal(report), exitCode: ExitStatus.refused))
            }
        }
    }
}
