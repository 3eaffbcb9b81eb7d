import AcceleratorDomain
import Foundation
import GRDB

/// What an export covers and how it writes values.
public struct ExportRequest: Sendable, Equatable {
    /// Only this cohort (`nil`: every cohort).
    public var cohort: String?
    /// Only applications whose current stage is this one (`nil`: any).
    public var stage: Stage?
    /// How dates and amounts are written.
    public var profile: ExportProfile

    /// Creates a request.
    public init(cohort: String? = nil, stage: Stage? = nil, profile: ExportProfile = .rfc4180) {
        self.cohort = cohort
        self.stage = stage
        self.profile = profile
    }
}

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable, Codable {
    /// The header row.
    public var headers: [String]
    /// The number of application rows (the header row not counted).
    public var rows: Int
}

extension AppDatabase {
    /// Exports applications, one record per application in the order they were recorded, handing
    /// each record (the header row first) to `write` as it is read: a million rows never sit in
    /// memory.
    ///
    /// The import's fields come under headers the import recognises; then the export-only
    /// `program_…` columns (stage, the day each stage was reached, exit reason, mentors, total
    /// funding per currency, markets, warnings), which the import ignores; then the extra columns
    /// kept at import. A text cell that a spreadsheet would run as a formula is neutralised with a
    /// leading apostrophe (`FormulaGuard`), which the import removes; numbers and dates never are.
    ///
    /// One read transaction, one pass over the applications (with their startup and lead founder)
    /// and one ordered pass over each of the stage events, mentors, funding and markets, merged by
    /// application id: SQLite joins by nested loops, and four correlated look-ups per application
    /// would cost more than the whole rest of the export.
    public func exportApplications(_ request: ExportRequest, write: ([String]) throws -> Void) throws -> ExportSummary {
        let cohort = try request.cohort.map(Self.cohortCode)
        return try read { db in
            if let cohort { try Self.requireCohort(db, cohort) }
            var conditions: [String] = []
            var values: [(any DatabaseValueConvertible)?] = []
            if let cohort {
                conditions.append("a.cohort_code = ?")
                values.append(cohort)
            }
            if let stage = request.stage {
                conditions.append("a.stage = ?")
                values.append(stage.rawValue)
            }
            // Voided applications (entered in error) are not exported; the condition is added only
            // when there are some, because any condition makes each side table's pass a subquery.
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM application_void)") == true {
                conditions.append("a.voided_at IS NULL")
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let arguments = StatementArguments(values)
            let rules = try Self.rules(db)
            let layout = try ExportLayout(
                db, filter: filter, arguments: arguments, profile: request.profile, defaultCurrency: rules.defaultCurrency)
            try write(layout.headers)

            let rows = try SQLiteRows(db, sql: ExportLayout.applicationsSQL(filter: filter), arguments: arguments)
            let columns = rows.columns
            var sides = try ExportLayout.SideTables(db, filter: filter, arguments: arguments)
            var fields = [String](repeating: "", count: layout.headers.count)
            var count = 0
            while try rows.next() {
                try layout.fill(&fields, from: columns, sides: &sides)
                try write(fields)
                count += 1
            }
            return ExportSummary(headers: layout.headers, rows: count)
        }
    }
}

/// The columns of one export and how the database rows of an application become its record.
struct ExportLayout {
    let profile: ExportProfile
    let defaultCurrency: CurrencyCode
    let headers: [String]
    /// The column of each funding currency.
    let fundingColumns: [String: Int]
    /// The column of each extra attribute, by its exact name (several spellings may share one).
    let extraColumns: [String: Int]
    let stageColumn: Int
    /// The columns of the days `mentored`, `funded`, `international`, `rejected`, `withdrawn` were reached.
    let reachedColumns: [Stage: Int]
    let exitReasonColumn: Int
    let mentorsColumn: Int
    let marketsColumn: Int
    let warningsColumn: Int

    /// The applications with their startup and lead founder, oldest first; the column numbers are
    /// those `fill` reads.
    static func applicationsSQL(filter: String) -> String {
        """
        SELECT a.id, a.cohort_code, s.name, s.legal_name, s.ice, s.city, s.region, s.country, s.sector, s.founded_on,
               f.full_name, f.email, s.phone, s.website, s.product_stage, s.employees,
               s.monthly_revenue_minor, s.monthly_revenue_currency, s.funding_sought_minor, s.funding_sought_currency,
               s.description, a.applied_on, a.stage, a.exit_reason, a.warnings, a.extra
          FROM application a
          JOIN startup s ON s.id = a.startup_id
          LEFT JOIN founder f ON f.startup_id = a.startup_id AND f.is_lead = 1
        \(filter)
         ORDER BY a.id
        """
    }

    /// The rows of one table about applications, by application then in the order recorded,
    /// limited to the exported applications.
    static func sideSQL(_ columns: String, from table: String, filter: String) -> String {
        let only = filter.isEmpty ? "" : "WHERE x.application_id IN (SELECT a.id FROM application a \(filter))"
        return "SELECT x.application_id, \(columns) FROM \(table) x \(only) ORDER BY x.application_id, x.id"
    }

    /// The four ordered passes merged into the applications' one.
    struct SideTables {
        var events: SideRows
        var mentors: SideRows
        var funding: SideRows
        var markets: SideRows

        init(_ db: Database, filter: String, arguments: StatementArguments) throws {
            func rows(_ columns: String, from table: String) throws -> SideRows {
                try SideRows(db, sql: ExportLayout.sideSQL(columns, from: table, filter: filter), arguments: arguments)
            }
            events = try rows("x.to_stage, x.occurred_at", from: try AppDatabase.stageEventsInForce(db))
            mentors = try rows("x.mentor_name, x.organisation", from: "mentor_assignment")
            funding = try rows("x.currency, x.amount_minor", from: "funding")
            markets = try rows("x.country, x.partner", from: "market_entry")
        }
    }

    init(_ db: Database, filter: String, arguments: StatementArguments, profile: ExportProfile, defaultCurrency: CurrencyCode) throws {
        self.profile = profile
        self.defaultCurrency = defaultCurrency
        var headers = ExportColumns.fields.map(\.header)
        stageColumn = headers.count
        headers.append(ExportColumns.stage)
        var reached: [Stage: Int] = [:]
        for stage in ExportColumns.datedStages {
            reached[stage] = headers.count
            headers.append(ExportColumns.reachedOn(stage))
        }
        reachedColumns = reached
        exitReasonColumn = headers.count
        headers.append(ExportColumns.exitReason)
        mentorsColumn = headers.count
        headers.append(ExportColumns.mentors)

        // One funding column per currency: the default one always (a stable layout), then the others met.
        let met = try String.fetchAll(db, sql: """
            SELECT DISTINCT g.currency FROM funding g JOIN application a ON a.id = g.application_id \(filter) ORDER BY g.currency
            """, arguments: arguments)
        var funding: [String: Int] = [:]
        for code in [defaultCurrency.code] + met where funding[code] == nil {
            guard let currency = try? CurrencyCode(code) else { continue }
            funding[code] = headers.count
            headers.append(ExportColumns.funding(currency))
        }
        fundingColumns = funding
        marketsColumn = headers.count
        headers.append(ExportColumns.markets)
        warningsColumn = headers.count
        headers.append(ExportColumns.warnings)

        // Extra attributes, in the order they first appear. Spellings the import would take for the
        // same header (same compact form) share a column, or the import would refuse the file; an
        // extra whose name an export column already uses gets " (extra)" after it.
        let extraFilter = filter.isEmpty ? "WHERE a.extra <> '[]'" : filter + " AND a.extra <> '[]'"
        let names = try String.fetchAll(db, sql: """
            SELECT json_extract(j.value, '$[0]') AS name
              FROM application a, json_each(a.extra) j
            \(extraFilter)
             GROUP BY name
            HAVING name IS NOT NULL
             ORDER BY MIN(a.id * 65536 + j.key)
            """, arguments: arguments)
        var taken = Set(headers.map(TextFolding.compact))
        var byKey: [String: Int] = [:]
        var extras: [String: Int] = [:]
        for name in names {
            let key = TextFolding.compact(name)
            if !key.isEmpty, let column = byKey[key] {
                extras[name] = column
                continue
            }
            var header = name
            if !key.isEmpty, taken.contains(key) || ExportColumns.isExportOnly(compactHeader: key) {
                header = name + " (extra)"
            }
            taken.insert(TextFolding.compact(header))
            if !key.isEmpty { byKey[key] = headers.count }
            extras[name] = headers.count
            headers.append(FormulaGuard.guarded(header))
        }
        extraColumns = extras
        self.headers = headers
    }

    /// Fills `fields` with the record of the application the columns stand on.
    func fill(_ fields: inout [String], from row: SQLiteColumns, sides: inout SideTables) throws {
        for index in fields.indices where !fields[index].isEmpty { fields[index] = "" }
        let id = row.integer(0) ?? 0
        // The import's fields, in ExportColumns.fields order.
        fields[0] = text(row, 1)  // cohort
        fields[1] = text(row, 2)  // startup_name
        fields[2] = text(row, 3)  // legal_name
        fields[3] = text(row, 4)  // ice
        fields[4] = text(row, 5)  // city
        fields[5] = text(row, 6)  // region
        fields[6] = text(row, 7)  // country
        fields[7] = text(row, 8)  // sector
        fields[8] = date(row, 9)  // founded_on
        fields[9] = text(row, 10)  // founder
        fields[10] = text(row, 11)  // email
        fields[11] = text(row, 12)  // phone
        fields[12] = text(row, 13)  // website
        fields[13] = text(row, 14)  // product_stage
        fields[14] = row.text(15) ?? ""  // employees: a number
        fields[15] = money(row, minor: 16, currency: 17)  // monthly_revenue
        fields[16] = money(row, minor: 18, currency: 19)  // funding_sought
        fields[17] = text(row, 20)  // description
        fields[18] = date(row, 21)  // applied_at

        fields[stageColumn] = row.text(22) ?? ""
        fields[exitReasonColumn] = text(row, 23)
        row.withBytes(24) { bytes in
            let warnings = StoredJSON.strings(bytes: bytes)
            if !warnings.isEmpty { fields[warningsColumn] = FormulaGuard.guarded(warnings.joined(separator: "; ")) }
        }
        row.withBytes(25) { bytes in
            for (name, value) in StoredJSON.pairs(bytes: bytes) {
                guard let column = extraColumns[name] else { continue }
                fields[column] = FormulaGuard.guarded(value)
            }
        }

        try sides.events.forEach(of: id) { event in
            guard let stage = event.text(1).flatMap(Stage.init(rawValue:)), let column = reachedColumns[stage] else { return }
            fields[column] = date(event, 2)
        }
        var mentors: [String] = []
        try sides.mentors.forEach(of: id) { mentor in
            mentors.append("\(mentor.text(1) ?? "") (\(mentor.text(2) ?? ""))")
        }
        if !mentors.isEmpty { fields[mentorsColumn] = FormulaGuard.guarded(mentors.joined(separator: "; ")) }
        var totals: [(code: String, minor: Int64)] = []
        var overflowed: String?
        try sides.funding.forEach(of: id) { record in
            guard let code = record.text(1), let amount = record.integer(2) else { return }
            if let index = totals.firstIndex(where: { $0.code == code }) {
                let (sum, overflow) = totals[index].minor.addingReportingOverflow(amount)
                totals[index].minor = sum
                if overflow, overflowed == nil { overflowed = code }
            } else {
                totals.append((code, amount))
            }
        }
        if let code = overflowed {
            // A total is exact or not written at all.
            throw ReportError.applicationFundingTotalTooLarge(
                currency: code, startup: row.text(2) ?? "", cohort: row.text(1) ?? "")
        }
        for (code, total) in totals {
            guard let column = fundingColumns[code], let currency = try? CurrencyCode(code) else { continue }
            fields[column] = profile.amount(Money(minorUnits: total, currency: currency))
        }
        var markets: [String] = []
        try sides.markets.forEach(of: id) { market in
            let country = market.text(1) ?? ""
            markets.append(market.text(2).map { "\(country) (\($0))" } ?? country)
        }
        if !markets.isEmpty { fields[marketsColumn] = FormulaGuard.guarded(markets.joined(separator: "; ")) }
    }

    /// A text cell: neutralised when a spreadsheet would read it as a formula.
    @inline(__always)
    private func text(_ row: SQLiteColumns, _ index: Int32) -> String {
        row.withBytes(index) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard let first = bytes.first, FormulaGuard.mayTrigger(first) else { return text }
            return FormulaGuard.neutralised(text)
        } ?? ""
    }

    /// A date cell (a stored ISO day, or the day of a timestamp), in the profile's spelling; never neutralised.
    @inline(__always)
    private func date(_ row: SQLiteColumns, _ index: Int32) -> String {
        row.withBytes(index) { bytes in
            guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
                return String(decoding: bytes, as: UTF8.self)
            }
            switch profile {
            case .rfc4180:
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<10]), as: UTF8.self)
            case .excelFrench:
                let dayFirst: [UInt8] = [
                    bytes[8], bytes[9], UInt8(ascii: "/"), bytes[5], bytes[6], UInt8(ascii: "/"),
                    bytes[0], bytes[1], bytes[2], bytes[3],
                ]
                return String(decoding: dayFirst, as: UTF8.self)
            }
        } ?? ""
    }

    /// An amount cell: a plain number in the rules' default currency, else followed by its code;
    /// never neutralised (a negative amount stays a number).
    private func money(_ row: SQLiteColumns, minor: Int32, currency: Int32) -> String {
        guard let units = row.integer(minor), let code = row.text(currency) else { return "" }
        // Most amounts are in the default currency: no look-up in the currency table for them.
        guard let currency = code == defaultCurrency.code ? defaultCurrency : try? CurrencyCode(code) else { return "" }
        return profile.amount(Money(minorUnits: units, currency: currency), impliedCurrency: defaultCurrency)
    }
}

/// Rows of a table about applications, ordered by application id, read alongside the
/// applications' own pass (a merge join).
struct SideRows {
    private let rows: SQLiteRows
    private let columns: SQLiteColumns
    /// The application id of the current row; `nil` once every row has been read.
    private var current: Int64?

    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        rows = try SQLiteRows(db, sql: sql, arguments: arguments)
        columns = rows.columns
        current = try rows.next() ? columns.integer(0) : nil
    }

    /// Calls `body` with each row of application `id`, skipping the rows of earlier applications.
    mutating func forEach(of id: Int64, _ body: (SQLiteColumns) -> Void) throws {
        while let current, current < id { try advance() }
        while let current, current == id {
            body(columns)
            try advance()
        }
    }

    private mutating func advance() throws {
        current = try rows.next() ? columns.integer(0) : nil
    }
}

extension FormulaGuard {
    /// Whether a text starting with this byte may be a formula: = + - @ tab CR LF, and 0xEF, the
    /// first byte of the full-width ＝ ＋ － ＠ in UTF-8 (then `neutralised` decides).
    @inline(__always)
    static func mayTrigger(_ first: UInt8) -> Bool {
        switch first {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x0A, 0xEF: true
        default: false
        }
    }

    /// `neutralised(text)`, with a look at the first byte first: this runs for every text cell.
    @inline(__always)
    static func guarded(_ text: String) -> String {
        guard let first = text.utf8.first, mayTrigger(first) else { return text }
        return neutralised(text)
    }
}
