import AcceleratorCSV
import AcceleratorDomain
import AcceleratorStore
import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report on the program: funnel, exits, days in each stage, funding, sectors, cities, regions, markets, warnings.",
        discussion: """
            Without --cohort, one row per cohort to compare them, then every cohort together. --as-of DATE gives \
            the report as it stood at the end of that day, from the stage events: applications made on or \
            before it, moves recorded by its end (default: today). "Reached" counts every application that \
            ever reached a stage, including those that went further or left later. Days in a stage run to the \
            next move, or to the report's day for applications still there; median and 90th percentile are \
            PERCENTILE.INC. --format html writes one self-contained page (no script, no external file), \
            in French, for partners and ministries.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case csv
        case json
        case html
    }

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Only this cohort, e.g. 2026-A (default: every cohort, compared).", valueName: "code"))
    var cohort: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The report as it stood at the end of this day (default: today).", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: "Output format: table, csv, json or html.")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Write to this file (created with mode 0600) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try reportingOutputFailures {
            let today = try Environment.today()
            let day = try asOf.map { try Parse.date($0, option: "--as-of") } ?? today
            let report = try database.open().report(cohort: cohort, asOf: day, today: today)
            let bytes: [UInt8]
            switch format {
            case .table: bytes = Array((ReportText.render(report) + "\n").utf8)
            case .csv: bytes = try ReportCSV.render(report)
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                bytes = Array(try encoder.encode(report)) + [0x0A]
            case .html: bytes = Array(ReportHTML.render(report).utf8)
            }
            if let output {
                try writePrivateFile(output, bytes)
            } else {
                try writeStandardOutput(bytes)
            }
        }
    }
}

/// Creates or replaces a file with mode 0600 (enforced even when it existed) and writes `bytes`.
func writePrivateFile(_ path: String, _ bytes: [UInt8]) throws {
    let descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw OutputError(destination: path, reason: String(cString: strerror(errno))) }
    var failure: String?
    if fchmod(descriptor, 0o600) != 0 { failure = String(cString: strerror(errno)) }
    var offset = 0
    while failure == nil, offset < bytes.count {
        let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            failure = String(cString: strerror(errno))
        } else {
            offset += count
        }
    }
    if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
    if let failure {
        unlink(path)
        throw OutputError(destination: path, reason: failure)
    }
}
