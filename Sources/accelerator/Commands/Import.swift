import AcceleratorCSV
import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `--encoding utf-8|windows-1252`.
extension CSVEncoding: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import an applicant spreadsheet (CSV from Excel, Google Forms, Typeform): all or nothing, every problem in one pass.",
        discussion: """
            The delimiter (comma, semicolon, tab) and the encoding (UTF-8 with or without BOM, else Windows-1252) \
            are detected. English and French headers are recognised; map others with --map "Header text=field" \
            (remembered for files with the same header row). Columns that map to no field are kept as extra \
            attributes. The same startup (ICE, else name and lead e-mail) is updated, never duplicated; an \
            unchanged row writes nothing. Undo a batch with `accelerator imports undo ID`.

            Fields: name, legal_name, ice, city, region, country, sector, founded_on, founder, email, phone, \
            website, product_stage, employees, monthly_revenue, funding_sought, description, applied_at, cohort \
            (required: name, founder, email, city, sector).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The cohort of rows without a cohort column, e.g. 2026-A.", valueName: "code"))
    var cohort: String?

    @Option(name: .long, help: ArgumentHelp("Map a header to a field: \"Header text=field\" (or =ignore). Repeatable.", valueName: "mapping"))
    var map: [String] = []

    @Option(name: .long, help: ArgumentHelp("Force the delimiter: ',', ';', 'tab' or any one ASCII character.", valueName: "char"))
    var delimiter: String?

    @Option(name: .long, help: "Force the encoding: utf-8 or windows-1252.")
    var encoding: CSVEncoding?

    @Flag(name: .long, help: "Write the valid rows and put each invalid one in a rejects file.")
    var skipInvalid = false

    @Option(name: .long, help: ArgumentHelp("The rejects file (default: FILE.rejects.csv beside the input).", valueName: "file"))
    var rejects: String?

    @Flag(name: .long, help: "Run the real import inside a transaction and roll it back: the report is the real one.")
    var dryRun = false

    @Flag(
        name: .long,
        help: "No other process uses the database during this import: a first import into an empty database then writes each page once, through a rollback journal (others wait for it).")
    var exclusive = false

    @Option(name: .long, help: "Report format: text or json.")
    var format: ReportFormat = .text

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func validate() throws {
        if rejects != nil && !skipInvalid {
            throw ValidationError("--rejects goes with --skip-invalid")
        }
        if skipInvalid && rejects == nil && (file == "-" || file == "/dev/stdin") {
            throw ValidationError("the file is standard input: say where the rejected rows go with --rejects FILE")
        }
        if let delimiter, Self.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be ',', ';', 'tab' or one ASCII character, not “\(delimiter)”")
        }
    }

    static func delimiterByte(_ text: String) -> UInt8? {
        switch text.lowercased() {
        case "tab", "\\t", "\t": return UInt8(ascii: "\t")
        case "comma": return UInt8(ascii: ",")
        case "semicolon": return UInt8(ascii: ";")
        default:
            guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else { return nil }
            return byte
        }
    }

    func run() throws {
        try reportingFailures {
            let mode: ImportMode = skipInvalid ? .skipInvalid(rejectsPath: rejects ?? Self.defaultRejectsPath(for: file)) : .allOrNothing
            let progress = ProgressBar.forFile(file)
            var callback: (@Sendable (Int, Int) -> Void)?
            if let progress {
                callback = { done, total in progress.show(done: done, total: total) }
            }
            let request = ImportRequest(
                path: file, cohort: cohort, mappings: map, delimiter: delimiter.flatMap(Self.delimiterByte),
                encoding: encoding, mode: mode, dryRun: dryRun, today: try Environment.today(), progress: callback,
                exclusive: exclusive)
            let report: ImportReport
            do {
                report = try database.open().importApplications(request)
                progress?.clear()
            } catch {
                progress?.clear()
                throw error
            }
            let text = ImportSummary.text(report, mode: mode)
            switch format {
            case .json: print(report.prettyJSON)
            case .text:
                for line in text.problems { printError(line) }
                print(text.summary)
            }
            if report.rejected > 0 && mode == .allOrNothing {
                throw fail(FailureDocument(
                    kind: .invalidInput, code: "import.rows_refused", facts: ErrorFacts(file: report.file, refusedCount: report.rejected),
                    message: ImportSummary.refusal(report), exitCode: ExitStatus.refused))
            }
        }
    }

    static func defaultRejectsPath(for file: String) -> String {
        let url = URL(fileURLWithPath: file)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + ".rejects.csv").path
    }
}

/// A one-line progress bar on stderr, only when stderr is a terminal and the file is large.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var lastPercent = -1

    static func forFile(_ path: String) -> ProgressBar? {
        guard isatty(STDERR_FILENO) == 1,
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber,
            size.intValue > 8 << 20
        else { return nil }
        return ProgressBar()
    }

    func show(done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let percent = total > 0 ? min(100, done * 100 / total) : 100
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 40 / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 40 - filled)
        FileHandle.standardError.write(Data("\rImporting \(bar) \(percent)%".utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
