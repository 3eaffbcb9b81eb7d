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
}

/// An error that says what kind of failure it is and which one, apart from its words: its `code`
/// (`gate.mentor_missing`, `csv.unterminated_quote`) is stable, for scripts and servers, while the
/// message (`description`) is for people and may be worded by each front end.
public protocol ClassifiedError: Error, CustomStringConvertible {
    /// The kind of failure.
    var kind: ErrorKind { get }
    /// The stable code, `family.case` in snake case.
    var code: String { get }
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
}

extension RulesFileError: ClassifiedError {
    public var kind: ErrorKind { .invalidInput }
    public var code: String { "rules.invalid" }
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
}

extension DecisionMappingError: ClassifiedError {
    public var kind: ErrorKind { .invalidInput }

    public var code: String {
        switch self {
        case .missingRequired: "decisions_header.missing_required"
        case .duplicateField: "decisions_header.duplicate_field"
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
