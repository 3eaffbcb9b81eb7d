import AcceleratorCSV
import AcceleratorDomain
import AcceleratorFiles
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser
import Foundation

/// `--profile rfc4180|excel-fr`.
extension ExportProfile: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export applications as CSV for Excel or LibreOffice: one row per application, ready to import again.",
        discussion: """
            Columns: the import's fields under headers the import recognises (cohort, startup_name, legal_name, \
            ice, city, region, country, sector, founded_on, founder, email, phone, website, product_stage, \
            employees, monthly_revenue, funding_sought, description, applied_at), then the program's record \
            (program_stage, program_mentored_on … program_withdrawn_on, program_exit_reason, program_mentors, \
            program_funding_<CURRENCY>, program_markets, program_warnings), which the import ignores, then the \
            extra columns kept at import.

            Profiles: rfc4180 (comma, UTF-8 without BOM, CRLF, ISO dates, 1500000.50) and excel-fr (semicolon, \
            UTF-8 with BOM, CRLF, 25/03/2026, 1500000,50), for Excel on a French locale. A text cell starting \
            with = + - @ (or their full-width forms), a tab or a line break gets a leading apostrophe so that \
            no spreadsheet runs it as a formula; the import removes it. Numbers and dates are never changed.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Only this cohort, e.g. 2026-A.", valueName: "code"))
    var cohort: String?

    @Option(name: .long, help: "Only applications now at this stage (applied, mentored, funded, international, rejected, withdrawn).")
    var stage: String?

    @Option(name: .long, help: "rfc4180 (comma, ISO dates, 1500000.50) or excel-fr (semicolon, BOM, 25/03/2026, 1500000,50).")
    var profile: ExportProfile = .rfc4180

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write to this file (mode 0600), put in place only once complete, instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try reportingFailures {
            let store = try database.open()
            let request = ExportRequest(
                cohort: cohort, stage: try stage.map { try Parse.stage($0, option: "--stage") }, profile: profile)
            var stream = CSVStream(
                format: profile.csvFormat, to: try Destination(output: output, protecting: store.protectedFiles))
            _ = try store.exportApplications(request) { try stream.write($0) }
            try stream.finish()
        }
    }
}
