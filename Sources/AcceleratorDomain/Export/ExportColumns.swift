/// The header row of an export: the import's own headers for the import's fields, then the
/// columns only an export writes, then the extra columns kept at import.
///
/// The export-only columns all start with `program_`, a prefix no applicant spreadsheet uses, so
/// that the import can recognise them and leave them out (they are the program's record of an
/// application, not what the startup filled in) instead of keeping them as extra attributes.
public enum ExportColumns {
    /// The import's fields in the order an export writes them, each with its header, one that the
    /// import recognises without `--map`.
    public static let fields: [(field: ApplicationField, header: String)] = [
        (.cohort, "cohort"),
        (.name, "startup_name"),
        (.legalName, "legal_name"),
        (.ice, "ice"),
        (.city, "city"),
        (.region, "region"),
        (.country, "country"),
        (.sector, "sector"),
        (.foundedOn, "founded_on"),
        (.founder, "founder"),
        (.email, "email"),
        (.phone, "phone"),
        (.website, "website"),
        (.productStage, "product_stage"),
        (.employees, "employees"),
        (.monthlyRevenue, "monthly_revenue"),
        (.fundingSought, "funding_sought"),
        (.description, "description"),
        (.appliedAt, "applied_at"),
    ]

    /// The application's current stage.
    public static let stage = "program_stage"
    /// The reason of an exit (`rejected` or `withdrawn`).
    public static let exitReason = "program_exit_reason"
    /// The mentors, as `Name (Organisation); …`.
    public static let mentors = "program_mentors"
    /// The markets entered, as `ES (Partner); …`.
    public static let markets = "program_markets"
    /// The eligibility warnings kept on the application, separated by `; `.
    public static let warnings = "program_warnings"

    /// The column of the day a stage was reached (`applied` is the import's `applied_at`).
    public static func reachedOn(_ stage: Stage) -> String {
        "program_\(stage.rawValue)_on"
    }

    /// The stages whose day is an export-only column, in order.
    public static let datedStages: [Stage] = [.mentored, .funded, .international, .rejected, .withdrawn]

    /// The column of the total funding in one currency, e.g. `program_funding_MAD`.
    public static func funding(_ currency: CurrencyCode) -> String {
        "program_funding_\(currency.code)"
    }

    /// Whether a header, in the compact form the import compares (`TextFolding.compact`), is one of
    /// the columns only an export writes.
    public static func isExportOnly(compactHeader key: String) -> Bool {
        if fixedKeys.contains(key) { return true }
        // program_funding_MAD, program_funding_EUR, …: the prefix then a three-letter code.
        let prefix = "programfunding"
        guard key.hasPrefix(prefix) else { return false }
        let code = key.utf8.dropFirst(prefix.utf8.count)
        return code.count == 3 && code.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    }

    /// The export-only headers without a currency, in compact form.
    private static let fixedKeys: Set<String> = {
        var names = [stage, exitReason, mentors, markets, warnings]
        names += datedStages.map(reachedOn)
        return Set(names.map(TextFolding.compact))
    }()
}
