import Foundation

/// One committee decision read from a row: which application, what move, and who noted what.
public struct Decision: Sendable, Equatable {
    /// The physical line of the row in the file.
    public var line: Int
    /// The startup as the row names it: its id, its ICE or its name.
    public var startup: String
    /// The cohort, when the row gives one.
    public var cohort: String?
    /// The move asked for, with the details its gate needs.
    public var request: MoveRequest
    /// The day of the decision when the row gives one (otherwise the move is stamped now).
    public var occurredOn: CalendarDate?
    /// The row's note for the history.
    public var note: String?

    /// Creates a decision.
    public init(
        line: Int, startup: String, cohort: String?, request: MoveRequest, occurredOn: CalendarDate?, note: String?
    ) {
        self.line = line
        self.startup = startup
        self.cohort = cohort
        self.request = request
        self.occurredOn = occurredOn
        self.note = note
    }
}

/// A problem with one row of a decisions file: its line, the column when there is one, and why.
public struct DecisionProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The physical line of the row.
    public var line: Int
    /// The column's header as the file writes it, when the problem is one value's.
    public var column: String?
    /// What is wrong and what to write instead.
    public var message: String

    /// Creates a problem.
    public init(line: Int, column: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line 7 (amount): “abc” is not an amount of money: …` or `line 7: cannot advance …`.
    public var description: String {
        "line \(line)\(column.map { " (\($0))" } ?? ""): \(message)"
    }
}

/// A row of a decisions file, read.
public enum DecisionRowResult: Sendable, Equatable {
    /// The row's decision, every value valid.
    case decision(Decision)
    /// Every problem with the row's values.
    case problems([DecisionProblem])
}

/// Reads the rows of a decisions file into decisions, every bad value reported with its line and column.
///
/// Pure: the values are read with the program's date order and default currency; whether the
/// move is allowed is decided later, against the stored application, by `StageRules.decide`.
public struct DecisionRowReader: Sendable {
    /// The file's columns.
    public let mapping: DecisionMapping
    /// How `a/b/yyyy` dates are read.
    public let dateOrder: DateOrder
    /// The currency of amounts without one.
    public let defaultCurrency: CurrencyCode
    /// The day a row without a date is dated.
    public let today: CalendarDate

    /// The stages a committee decides; `applied` is where applications start, not a decision.
    public static let decisions: [Stage] = [.mentored, .funded, .international, .rejected, .withdrawn]

    /// Creates a reader.
    public init(mapping: DecisionMapping, dateOrder: DateOrder, defaultCurrency: CurrencyCode, today: CalendarDate) {
        self.mapping = mapping
        self.dateOrder = dateOrder
        self.defaultCurrency = defaultCurrency
        self.today = today
    }

    /// Whether a row holds nothing at all (the blank rows spreadsheets leave at the end).
    public static func isBlank(_ cells: [String]) -> Bool {
        cells.allSatisfy { $0.trimmedText.isEmpty }
    }

    /// Reads one row: the decision, or every problem with its values.
    ///
    /// The decision's date is the move's date; on a row that records funding it is also the
    /// funding's date. A row without a date is dated today, as `advance` without `--at` is.
    public func read(_ cells: [String], line: Int) -> DecisionRowResult {
        var problems: [DecisionProblem] = []
        func text(_ field: DecisionField) -> String? {
            guard let index = mapping.fieldColumns[field], index < cells.count else { return nil }
            let value = cells[index].trimmedText
            return value.isEmpty ? nil : value
        }
        func problem(_ field: DecisionField, _ message: String) {
            problems.append(DecisionProblem(line: line, column: mapping.columnName(field), message: message))
        }
        func value<T>(_ field: DecisionField, _ parse: (String) throws(ValueError) -> T) -> T? {
            guard let raw = text(field) else { return nil }
            do {
                return try parse(raw)
            } catch {
                problem(field, error.description)
                return nil
            }
        }

        let startup = text(.startup)
        if startup == nil {
            problem(.startup, "the startup is missing: give its id, its ICE or its name")
        }
        var target: Stage?
        if let raw = text(.decision) {
            if let stage = Stage(parsing: raw), Self.decisions.contains(stage) {
                target = stage
            } else {
                problem(.decision, "“\(raw)” is not a decision: \(Self.decisionsHint)")
            }
        } else {
            problem(.decision, "the decision is missing: \(Self.decisionsHint)")
        }
        let date = value(.date) { (raw) throws(ValueError) in try CalendarDate.parse(raw, order: dateOrder) }
        let currency = value(.currency) { (raw) throws(ValueError) in try CurrencyCode(raw) }
        let amount = value(.amount) { (raw) throws(ValueError) in
            try Money.parse(raw, defaultCurrency: currency ?? defaultCurrency)
        }
        if let amount, let currency, amount.currency != currency {
            problem(.amount, "the amount is written in \(amount.currency.code) but the currency column says \(currency.code)")
        }
        var kind: FundingKind?
        if let raw = text(.fundingKind) {
            kind = FundingKind(parsing: raw)
            if kind == nil {
                let kinds = FundingKind.allCases.map(\.rawValue).joined(separator: ", ")
                problem(.fundingKind, "“\(raw)” is not a funding kind; the kinds are \(kinds) (French subvention, prêt, prix)")
            }
        }
        let country = value(.market) { (raw) throws(ValueError) in try CountryCode(raw) }
        guard problems.isEmpty, let startup, let target else { return .problems(problems) }

        let investor = text(.investor)
        // The decision's date is the funding's date, on a funded row that records funding at all:
        // a funded row without amount, kind and investor is refused for "no funding", not for a
        // date, and on another row only the funding columns given are out of place, not the date.
        let recordsFunding = target == .funded && (amount != nil || kind != nil || investor != nil)
        let request = MoveRequest(
            target: target,
            mentor: MentorDraft(mentorName: text(.mentor), organisation: text(.mentorOrganisation)),
            funding: FundingDraft(amount: amount, kind: kind, investor: investor, fundedOn: recordsFunding ? date : nil),
            market: MarketDraft(country: country, partner: text(.partner)),
            reason: text(.reason),
            on: date ?? today)
        return .decision(Decision(
            line: line, startup: startup, cohort: text(.cohort), request: request, occurredOn: date, note: text(.note)))
    }

    static let decisionsHint =
        "write mentored, funded, international, rejected or withdrawn (or mentoré, financé, international, rejeté, retiré)"
}
