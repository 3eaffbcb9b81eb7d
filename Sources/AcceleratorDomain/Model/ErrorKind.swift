/// What kind of failure an error is: what any front end maps to its own answer (the command line to
/// an exit code, a server to an HTTP status), in one switch.
public enum ErrorKind: String, Sendable, Codable, CaseIterable {
    /// A program rule refused what was asked (a gate, eligibility, a further record).
    case refused
    /// What was named does not exist (a startup, a cohort, a batch).
    case notFound
    /// What was named matches several (a startup's name; an application without its cohort).
    case ambiguous
    /// A value, a file or a request that cannot be read as what it should be.
    case invalidInput
    /// A change since, or a state that forbids it (already exists, already undone, changed since).
    case conflict
    /// The database or the file system failed, or holds what cannot be used.
    case storage
    /// The command was stopped by a signal (SIGINT, SIGTERM) before it changed anything: a front
    /// end's own failure, which no store operation throws.
    case interrupted
}

/// An error that says what kind of failure it is and which one, apart from its words: its `code`
/// (`gate.mentor_missing`, `csv.unterminated_quote`) is stable, for scripts and servers, while the
/// message (`description`) is for people and may be worded by each front end.
public protocol ClassifiedError: Error, CustomStringConvertible {
    /// The kind of failure.
    var kind: ErrorKind { get }
    /// The stable code, `family.case` in snake case.
    var code: String { get }
    /// What the failure is about, as data: the rules, the missing inputs, the place in a file.
    var facts: ErrorFacts { get }
    /// The message, with the inputs it points to worded by the front end (`description` is the
    /// command line's).
    func message(_ wording: some Wording) -> String
}

extension ClassifiedError {
    public var facts: ErrorFacts { ErrorFacts() }
    public func message(_ wording: some Wording) -> String { description }
}

/// The facts of a failure, for a program to act on without reading its sentence. Only the facts
/// that apply are set (in JSON, only their keys are written).
public struct ErrorFacts: Sendable, Equatable, Encodable {
    /// The codes of the rules that refused, in order (`gate.mentor_missing`).
    public var rules: [String]?
    /// The inputs to give, as JSON field names (`mentor`, `mentorOrganisation`).
    public var missing: [String]?
    /// The file the failure is in.
    public var file: String?
    /// The line (1-based) of the file.
    public var line: Int?
    /// The column or field (1-based).
    public var column: Int?
    /// The column's header.
    public var header: String?
    /// The value refused, as given.
    public var value: String?
    /// The startup concerned, as named.
    public var startup: String?
    /// The cohort concerned.
    public var cohort: String?
    /// The records a reference could mean, for an ambiguity.
    public var candidates: [Candidate]?
    /// How many rows or records were refused.
    public var refusedCount: Int?

    /// A record a reference could mean.
    public struct Candidate: Sendable, Equatable, Encodable {
        /// Its id.
        public var id: Int64
        /// Its name.
        public var name: String

        public init(id: Int64, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Facts with the ones given set.
    public init(
        rules: [String]? = nil, missing: [String]? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil,
        header: String? = nil, value: String? = nil, startup: String? = nil, cohort: String? = nil,
        candidates: [Candidate]? = nil, refusedCount: Int? = nil
    ) {
        self.rules = rules
        self.missing = missing
        self.file = file
        self.line = line
        self.column = column
        self.header = header
        self.value = value
        self.startup = startup
        self.cohort = cohort
        self.candidates = candidates
        self.refusedCount = refusedCount
    }

    /// These facts, with every fact `other` sets taken from it.
    public func merging(_ other: ErrorFacts) -> ErrorFacts {
        ErrorFacts(
            rules: other.rules ?? rules, missing: other.missing ?? missing, file: other.file ?? file,
            line: other.line ?? line, column: other.column ?? column, header: other.header ?? header,
            value: other.value ?? value, startup: other.startup ?? startup, cohort: other.cohort ?? cohort,
            candidates: other.candidates ?? candidates, refusedCount: other.refusedCount ?? refusedCount)
    }

    /// The facts of refused move rules: their codes and the inputs that would lift them.
    public static func refusals(_ refusals: [Refusal]) -> ErrorFacts {
        var missing: [String] = []
        for input in refusals.flatMap(\.missingInputs) where !missing.contains(input.fieldName) { missing.append(input.fieldName) }
        return ErrorFacts(rules: refusals.map(\.code), missing: missing.isEmpty ? nil : missing)
    }
}

extension ValueError: ClassifiedError {
    public var kind: ErrorKind { .invalidInput }

    public var code: String {
        switch self {
        case .invalidDate: "value.invalid_date"
        case .invalidMoney: "value.invalid_money"
        case .amountTooLarge: "value.amount_too_large"
        case .invalidCurrency: "value.invalid_currency"
        case .invalidPhone: "value.invalid_phone"
        case .invalidCountry: "value.invalid_country"
        case .invalidEmail: "value.invalid_email"
        case .invalidICE: "value.invalid_ice"
        case .invalidFounder: "value.invalid_founder"
        }
    }

    public var facts: ErrorFacts {
        ErrorFacts(value: text)
    }
}

extension RulesFileError: ClassifiedError {
    public var kind: ErrorKind { .invalidInput }
    public var code: String { "rules.invalid" }
    public var facts: ErrorFacts { ErrorFacts(line: line) }
}

extension MappingError: ClassifiedError {
    public var kind: ErrorKind { .invalidInput }

    public var code: String {
        switch self {
        case .missingRequired: "header.missing_required"
        case .duplicateField: "header.duplicate_field"
        case .duplicateHeader: "header.duplicate_header"
        case .unknownField: "header.unknown_field"
        case .malformedMapping: "header.malformed_mapping"
        case .unknownHeader: "header.unknown_header"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .missingRequired(let fields, _): ErrorFacts(missing: fields.map(\.rawValue))
        case .duplicateField(_, let columns): ErrorFacts(header: columns.first)
        case .duplicateHeader(let header, let columns): ErrorFacts(column: columns.first, header: header)
        case .unknownField(let field, let mapping): ErrorFacts(value: mapping.isEmpty ? field : mapping)
        case .malformedMapping(let mapping): ErrorFacts(value: mapping)
        case .unknownHeader(let header, _): ErrorFacts(header: header)
        }
    }
}

extension DecisionMappingError: ClassifiedError {
    public var kind: ErrorKind { .invalidInput }

    public var code: String {
        switch self {
        case .missingRequired: "decisions_header.missing_required"
        case .duplicateField: "decisions_header.duplicate_field"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .missingRequired(let fields, _): ErrorFacts(missing: fields.map(\.rawValue))
        case .duplicateField(_, let columns): ErrorFacts(header: columns.first)
        }
    }
}

extension Refusal {
    /// The stable code of the rule that refused.
    public var code: String {
        switch self {
        case .fromExit: "gate.from_exit"
        case .pastLastStage: "gate.past_last_stage"
        case .skipsStages: "gate.skips_stages"
        case .backwards: "gate.backwards"
        case .reasonRequired: "gate.reason_missing"
        case .noMentor: "gate.mentor_missing"
        case .mentorIncomplete: "gate.mentor_incomplete"
        case .capacityReached: "gate.capacity_reached"
        case .noFunding: "gate.funding_missing"
        case .fundingIncomplete: "gate.funding_incomplete"
        case .fundingNotPositive: "gate.funding_not_positive"
        case .fundingInFuture: "gate.funding_in_future"
        case .fundingAfterMove: "gate.funding_after_move"
        case .noMarket: "gate.market_missing"
        case .marketIncomplete: "gate.market_incomplete"
        case .marketIsHome: "gate.market_is_home"
        case .marketOutsideNetwork: "gate.market_outside_network"
        case .unexpectedDetails: "gate.unexpected_details"
        case .alreadyAtStage: "gate.already_at_stage"
        case .dateInFuture: "gate.date_in_future"
        case .dateBeforeLastMove: "gate.date_before_last_move"
        }
    }
}

extension EligibilityIssue {
    /// The stable code of the finding.
    public var code: String {
        switch self {
        case .missing: "eligibility.missing"
        case .nameWithoutLetterOrDigit: "eligibility.name_without_letter_or_digit"
        case .notMoroccan: "eligibility.not_moroccan"
        case .foundedInFuture: "eligibility.founded_in_future"
        case .foundedAfterApplication: "eligibility.founded_after_application"
        case .appliedInFuture: "eligibility.applied_in_future"
        case .openApplicationElsewhere: "eligibility.open_application_elsewhere"
        case .sectorOutsideProgram: "eligibility.sector_outside_program"
        case .companyTooOld: "eligibility.company_too_old"
        }
    }
}
