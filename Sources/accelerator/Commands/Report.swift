import AcceleratorCSV
import AcceleratorDomain
import AcceleratorPresentation
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write to this file (mode 0600), put in place only once complete, instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try reportingFailures {
            let today = try Environment.today()
            let store = try database.open()
            let day = try asOf.map { try Parse.date($0, option: "--as-of", rules: try store.rules()) } ?? today
            // The output is checked (and its temporary file made) before the report is built.
            let destination = try Destination(output: output, protecting: store.protectedFiles)
            let report = try store.report(cohort: cohort, asOf: day, today: today)
            let bytes: [UInt8]
            switch format {
            case .table: bytes = Array((ReportText.render(report) + "\n").utf8)
            case .csv: bytes = try ReportCSV.render(report)
            case .json: bytes = try JSONOutput.encode(ReportJSON(report))
            case .html: bytes = Array(ReportHTML.render(report).utf8)
            }
            try destination.write(bytes)
            try destination.finish()
        }
    }
}
