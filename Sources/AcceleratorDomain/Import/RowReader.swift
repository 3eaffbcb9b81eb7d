import Foundation

/// One problem found in a spreadsheet: where (line, column), what (the value) and why.
///
/// Modelled on a compiler diagnostic: collected for the whole file, then reported together.
public struct ImportDiagnostic: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The physical line where the record starts (1-based).
    public var line: Int
    /// The column (1-based), when the problem is in one cell.
    public var column: Int?
    /// The column's header.
    public var header: String?
    /// The cell's value.
    public var value: String?
    /// Why it was refused or flagged.
    public var message: String
    /// Whether the row is refused or only flagged.
    public var severity: Severity

    /// Creates a diagnostic.
    public init(line: Int, column: Int? = nil, header: String? = nil, value: String? = nil, message: String, severity: Severity) {
        self.line = line
        self.column = column
        self.header = header
        self.value = value
        self.message = message
        self.severity = severity
    }

    public var description: String {
        var place = "line \(line)"
        if let column { place += ", column \(column)" }
        if let header { place += " (\(header))" }
        return "\(place): \(message)"
    }
}

/// The cells of a spreadsheet row as `RowReader` reads them: by index, as text, each made only
/// when read.
public protocol RowCells {
    /// The number of cells.
    var count: Int { get }
    /// Cell `index` (below `count`) as text.
    func text(at index: Int) -> String
}

extension Array: RowCells where Element == String {
    public func text(at index: Int) -> String { self[index] }
}

/// Turns the cells of one spreadsheet row into an application form, collecting every problem.
public struct RowReader: Sendable {
    /// The file's column mapping.
    public let mapping: HeaderMapping
    /// How `a/b/yyyy` is read.
    public let dateOrder: DateOrder
    /// Currency of amounts written without one.
    public let defaultCurrency: CurrencyCode
    /// The cohort of rows without a cohort column or value.
    public let defaultCohort: String?
    /// The day of rows without an application date.
    public let today: CalendarDate
    /// A row's problem when it has no cohort, with the option worded by the front end.
    private let noCohortMessage: String
    /// `mapping.fieldColumns` by `ApplicationField.ordinal`: read for every value of every row.
    private let columnOfField: [Int?]
    /// By `ApplicationField.ordinal`: the text fields left out of the form (see `init`).
    private let isLeftOut: [Bool]
    /// The columns kept as extra attributes, with their headers (read for every row).
    private let extraColumns: [(index: Int, header: String)]

    /// Creates a reader. `leavingOut`: text fields that no check reads (such as the description),
    /// which the caller takes from the cells itself; the form leaves them `nil`. `leavingOutExtras`:
    /// the caller takes the extra columns from the cells too, and `Row.extras` is empty.
    public init(
        mapping: HeaderMapping, dateOrder: DateOrder, defaultCurrency: CurrencyCode, defaultCohort: String?,
        today: CalendarDate, leavingOut: [ApplicationField] = [], leavingOutExtras: Bool = false,
        wording: any Wording = CommandLineWording()
    ) {
        self.mapping = mapping
        noCohortMessage = "no cohort: give \(wording.name(.cohort)) or fill the cohort column"
        self.dateOrder = dateOrder
        self.defaultCurrency = defaultCurrency
        self.defaultCohort = defaultCohort
        self.today = today
        columnOfField = ApplicationField.allCases.map { mapping.fieldColumns[$0] }
        extraColumns = leavingOutExtras ? [] : mapping.extraColumns
        isLeftOut = ApplicationField.allCases.map { field in
            leavingOut.contains(field) && Self.textFields.contains(field)
        }
    }

    /// The fields kept as typed (no parsing), which `leavingOut` may name.
    public static let textFields: [ApplicationField] = [.legalName, .region, .website, .productStage, .description]

    /// The column of `field`, when the file has one.
    public func column(of field: ApplicationField) -> Int? {
        columnOfField[field.ordinal]
    }

    /// A row read: the form, its extra attributes, and its problems.
    public struct Row: Sendable {
        /// The application; a value that could not be read is left out (and has a diagnostic).
        public var form: ApplicationForm
        /// Columns that map to no field, as (header, value), empty values left out.
        public var extras: [(String, String)]
        /// Every problem of the row's values.
        public var diagnostics: [ImportDiagnostic]
    }

    /// Reads one record's cells.
    public func read(_ cells: some RowCells, line: Int) -> Row {
        var diagnostics: [ImportDiagnostic] = []
        var extras: [(String, String)] = []

        func text(_ field: ApplicationField) -> String? {
            guard !isLeftOut[field.ordinal], let index = columnOfField[field.ordinal], index < cells.count else { return nil }
            let value = FormulaGuard.unneutralised(cells.text(at: index)).trimmedText
            return value.isEmpty ? nil : value
        }
        func parse<T>(_ field: ApplicationField, _ parser: (String) throws(ValueError) -> T) -> T? {
            guard let value = text(field) else { return nil }
            do {
                return try parser(value)
            } catch {
                let index = columnOfField[field.ordinal]
                diagnostics.append(ImportDiagnostic(
                    line: line, column: index.map { $0 + 1 }, header: index.map { mapping.headers[$0] }, value: value,
                    message: error.description, severity: .error))
                return nil
            }
        }

        for (index, header) in extraColumns where index < cells.count {
            let value = FormulaGuard.unneutralised(cells.text(at: index))
            if !value.trimmedText.isEmpty { extras.append((header, value)) }
        }

        let order = dateOrder
        let currency = defaultCurrency
        let ice = parse(.ice) { text throws(ValueError) in try ICE(text) }
        let country = parse(.country) { text throws(ValueError) in try CountryCode(text) }
        let foundedOn = parse(.foundedOn) { text throws(ValueError) in try DateTimeValue.parse(text, order: order).date }
        let appliedOn = parse(.appliedAt) { text throws(ValueError) in try DateTimeValue.parse(text, order: order).date }
        let email = parse(.email) { text throws(ValueError) in try EmailAddress(text) }
        let phone = parse(.phone) { text throws(ValueError) in try PhoneNumber.parse(text) }
        let revenue = parse(.monthlyRevenue) { text throws(ValueError) in try Money.parse(text, defaultCurrency: currency) }
        let sought = parse(.fundingSought) { text throws(ValueError) in try Money.parse(text, defaultCurrency: currency) }
        var employees: Int?
        if let value = text(.employees) {
            // Plain ASCII digits (nearly always) are read as they are; else white space is dropped.
            let digits = value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? value : value.filter { !$0.isWhitespace }
            if let count = Int(digits), count >= 0 {
                employees = count
            } else {
                let index = mapping.fieldColumns[.employees]
                diagnostics.append(ImportDiagnostic(
                    line: line, column: index.map { $0 + 1 }, header: index.map { mapping.headers[$0] }, value: value,
                    message: "“\(value)” is not a head count: write a whole number such as 12", severity: .error))
            }
        }
        let cohort = text(.cohort) ?? defaultCohort
        if cohort == nil {
            diagnostics.append(ImportDiagnostic(
                line: line, message: noCohortMessage, severity: .error))
        }
        let founderName = text(.founder)
        var founders: [FounderEntry] = []
        if founderName != nil || email != nil {
            founders = [FounderEntry(fullName: founderName ?? "", email: email)]
        }
        let form = ApplicationForm(
            name: text(.name), legalName: text(.legalName), ice: ice, city: text(.city), region: text(.region),
            country: country, sector: text(.sector), foundedOn: foundedOn, founders: founders, phone: phone,
            website: text(.website), productStage: text(.productStage), employees: employees,
            monthlyRevenue: revenue, fundingSought: sought, description: text(.description),
            appliedOn: appliedOn ?? today, cohort: cohort ?? "")
        return Row(form: form, extras: extras, diagnostics: diagnostics)
    }

    /// A finding of the eligibility check, placed in the row's column for that field.
    public func diagnostic(for issue: EligibilityIssue, line: Int, cells: some RowCells) -> ImportDiagnostic {
        let index = mapping.fieldColumns[issue.field]
        let value = index.flatMap { $0 < cells.count ? cells.text(at: $0) : nil }
        return ImportDiagnostic(
            line: line, column: index.map { $0 + 1 }, header: index.map { mapping.headers[$0] },
            value: value?.isEmpty == true ? nil : value, message: issue.description, severity: issue.severity)
    }
}

/// The OWASP "CSV injection" guard: a text cell that a spreadsheet would run as a formula is
/// written with a leading apostrophe on export; the import removes it again.
public enum FormulaGuard {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠"]

    /// The text as exported: with a leading `'` when it starts with a formula trigger.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.first, triggers.contains(first) else { return text }
        return "'" + text
    }

    /// The text as imported: the leading `'` removed when it was put there by `neutralised`.
    public static func unneutralised(_ text: String) -> String {
        guard text.utf8.first == UInt8(ascii: "'") else { return text }
        let rest = text.dropFirst()
        guard let first = rest.first, triggers.contains(first) else { return text }
        return String(rest)
    }
}
