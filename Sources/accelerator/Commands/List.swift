import AcceleratorCSV
import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List applications, optionally narrowed by cohort, stage, sector or city.")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Only this cohort.")
    var cohort: String?

    @Option(name: .long, help: "Only this stage (applied, mentored, funded, international, rejected, withdrawn).")
    var stage: String?

    @Option(name: .long, help: "Only this sector.")
    var sector: String?

    @Option(name: .long, help: "Only this city.")
    var city: String?

    @Flag(name: .long, help: "Also the applications voided as entered in error (stage `void` in the table, `voidedAt` in JSON).")
    var includeVoid = false

    /// `--format table|json|csv`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
        case csv
    }

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: Format = .table

    func run() throws {
        try reportingFailures {
            let filter = ListFilter(
                cohort: cohort, stage: try stage.map { try Parse.stage($0, option: "--stage") }, sector: sector, city: city,
                includeVoid: includeVoid)
            let rows = try database.open().list(filter)
            switch format {
            case .json:
                try printJSON(rows)
            case .csv: print(String(decoding: try ApplicationList.csv(rows), as: UTF8.self), terminator: "")
            case .table: print(ApplicationList.table(rows))
            }
        }
    }
}
