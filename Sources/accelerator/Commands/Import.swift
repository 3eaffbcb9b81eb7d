import AcceleratorCSV
import AcceleratorDomain
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
                encoding: encoding, mode: mode, dryRun: dryRun, today: try Environment.today(), progress: callback)
            let report: ImportReport
            do {
                report = try database.open().importApplications(request)
                progress?.clear()
            } catch let error as ImportError {
                progress?.clear()
                throw fail(error.description, status: error.isIOFailure ? ExitStatus.storage : ExitStatus.refused)
            }
            let text = Self.text(report, mode: mode)
            switch format {
            case .json: print(report.prettyJSON)
            case .text:
                for line in text.problems { printError(line) }
                print(text.summary)
            }
            if report.rejected > 0 && mode == .allOrNothing {
                throw fail(Self.refusal(report), status: ExitStatus.refused)
            }
        }
    }

    static func defaultRejectsPath(for file: String) -> String {
        let url = URL(fileURLWithPath: file)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + ".rejects.csv").path
    }

    /// The report as text: what went wrong row by row (`error:` and `warning:` lines, for standard
    /// error), and the summary of what was done (for standard output).
    static func text(_ report: ImportReport, mode: ImportMode) -> (problems: [String], summary: String) {
        var problems: [String] = []
        for error in report.errors {
            problems.append("error: \(Self.describe(error))")
        }
        if report.rejected > report.errors.count {
            problems.append("error: (only the first \(report.errors.count) of \(report.rejected) rows with errors are listed)")
        }
        for warning in report.flagged {
            problems.append("warning: \(Self.describe(warning))")
        }
        if report.warnings > report.flagged.count {
            problems.append("warning: (only the first \(report.flagged.count) of \(report.warnings) warnings are listed)")
        }
        var lines: [String] = []
        lines.append("\(report.file): \(report.dialect.summary).")
        if !report.alreadyImported.isEmpty {
            let ids = report.alreadyImported.map { "#\($0)" }.joined(separator: ", ")
            lines.append("This file (same SHA-256) was already imported as batch \(ids).")
        }
        if report.usedRememberedMapping {
            lines.append("Used the --map choices remembered for this header row.")
        }
        for cohort in report.createdCohorts where report.committed {
            lines.append("Created cohort \(cohort.code) (capacity \(cohort.capacity), starts \(cohort.startsOn)).")
        }
        for duplicate in report.duplicates {
            lines.append("note: line \(duplicate.line) is the same startup as line \(duplicate.earlierLine) (\(duplicate.startup)); the later row wins")
        }
        let counts = "\(report.inserted) inserted, \(report.updated) updated, \(report.unchanged) unchanged, \(report.rejected) rejected, \(report.warnings) warnings"
        let refused = report.rejected > 0 && mode == .allOrNothing
        if report.dryRun {
            lines.append("Dry run, nothing written: \(counts).")
        } else if refused {
            lines.append("Nothing imported.")
        } else if let batch = report.batchId {
            lines.append("Imported as batch \(batch): \(counts).")
        } else {
            lines.append("Nothing changed: \(counts).")
        }
        if let rejectsFile = report.rejectsFile, report.committed {
            lines.append("Rejected rows written to \(rejectsFile) (fix them there and import that file).")
        }
        if !report.extraColumns.isEmpty {
            lines.append("Extra columns kept per application: \(report.extraColumns.joined(separator: ", ")).")
        }
        return (problems, lines.joined(separator: "\n"))
    }

    /// The last line of a refused import, worded as every refusal is: what, where, what to do.
    static func refusal(_ report: ImportReport) -> String {
        let rows = report.inserted + report.updated + report.unchanged
        let valid = rows == 0 ? "" : ", or import the \(rows) valid row\(rows == 1 ? "" : "s") alone with --skip-invalid"
        let plural = report.rejected == 1 ? "row has" : "rows have"
        return "nothing imported: \(report.rejected) \(plural) errors in \(report.file); fix \(report.rejected == 1 ? "it" : "them") and import the file again\(valid)"
    }

    static func describe(_ diagnostic: ImportDiagnostic) -> String {
        var text = "line \(diagnostic.line)"
        if let column = diagnostic.column { text += ", column \(column)" }
        if let header = diagnostic.header { text += " (\(header))" }
        if let value = diagnostic.value, !diagnostic.message.contains(value) {
            text += " “\(value.count > 60 ? String(value.prefix(59)) + "…" : value)”"
        }
        return text + ": " + diagnostic.message
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
