import Foundation

/// What an application holds that a move is decided on.
public struct ApplicationState: Sendable, Equatable {
    /// The current stage.
    public var stage: Stage
    /// Mentors already assigned.
    public var mentors: [MentorAssignment]
    /// Funding already recorded.
    public var fundings: [Funding]
    /// Markets already entered.
    public var markets: [MarketEntry]
    /// The capacity of the application's cohort.
    public var cohortCapacity: Int
    /// How many applications of the cohort ever reached `mentored`.
    public var cohortMentoredCount: Int
    /// The day of the application's last recorded move (or of its application), if any.
    public var lastMoveOn: CalendarDate?
    /// Why the application ended, once it is at an exit.
    public var exitReason: String?

    /// Creates a state.
    public init(
        stage: Stage,
        mentors: [MentorAssignment] = [],
        fundings: [Funding] = [],
        markets: [MarketEntry] = [],
        cohortCapacity: Int,
        cohortMentoredCount: Int,
        lastMoveOn: CalendarDate? = nil,
        exitReason: String? = nil
    ) {
        self.stage = stage
        self.mentors = mentors
        self.fundings = fundings
        self.markets = markets
        self.cohortCapacity = cohortCapacity
        self.cohortMentoredCount = cohortMentoredCount
        self.lastMoveOn = lastMoveOn
        self.exitReason = exitReason
    }
}

/// A request to move an application, with whatever details the user gave.
public struct MoveRequest: Sendable, Equatable {
    /// The stage asked for.
    public var target: Stage
    /// A mentor to assign.
    public var mentor: MentorDraft
    /// A funding record to add.
    public var funding: FundingDraft
    /// A market to enter.
    public var market: MarketDraft
    /// Why the application ends (required for an exit).
    public var reason: String?
    /// The day of the move.
    public var on: CalendarDate

    /// Creates a request.
    public init(
        target: Stage,
        mentor: MentorDraft = MentorDraft(),
        funding: FundingDraft = FundingDraft(),
        market: MarketDraft = MarketDraft(),
        reason: String? = nil,
        on: CalendarDate
    ) {
        self.target = target
        self.mentor = mentor
        self.funding = funding
        self.market = market
        self.reason = reason
        self.on = on
    }
}

/// A move the rules allow: the stage change and the record it brings.
public struct StageMove: Sendable, Equatable {
    /// The stage left.
    public var from: Stage
    /// The stage reached.
    public var to: Stage
    /// The mentor assigned by this move, if any.
    public var mentor: MentorAssignment?
    /// The funding recorded by this move, if any.
    public var funding: Funding?
    /// The market entered by this move, if any.
    public var market: MarketEntry?
    /// The exit reason, for an exit.
    public var reason: String?
}

/// What the rules decide for a move request.
public enum MoveDecision: Sendable, Equatable {
    /// The move is allowed.
    case move(StageMove)
    /// The application is already at that stage, and the request carries no detail it does not
    /// already hold: nothing is written.
    case unchanged
    /// The move is refused, with every reason.
    case refused([Refusal])
}

/// A detail the user can give to satisfy a gate; each front end names it its own way
/// (a command-line flag, a spreadsheet column).
public enum MoveInput: String, Sendable, CaseIterable {
    case mentorName = "mentor"
    case mentorOrganisation = "mentor-org"
    case amount
    case currency
    case fundingKind = "funding-kind"
    case investor
    case fundedOn = "funded-on"
    case market
    case partner
    case reason
    case date = "at"
}

/// One reason a move is refused: the rule and what is missing.
public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing moves out of an exit.
    case fromExit(Stage)
    /// `international` is the last stage; nothing follows it, not even an exit.
    case pastLastStage(Stage)
    /// Stages move one step at a time.
    case skipsStages(from: Stage, to: Stage, next: Stage)
    /// No moving back.
    case backwards(from: Stage, to: Stage)
    /// An exit needs a reason.
    case reasonRequired(Stage)
    /// The gate to `mentored` needs a mentor.
    case noMentor
    /// A mentor was given without every part.
    case mentorIncomplete(missing: [MoveInput])
    /// The cohort has no room left for one more mentored application.
    case capacityReached(capacity: Int)
    /// The gate to `funded` needs funding.
    case noFunding
    /// A funding record was given without every part.
    case fundingIncomplete(missing: [MoveInput])
    /// Funding must be above zero.
    case fundingNotPositive(Money)
    /// Funding cannot be dated in the future.
    case fundingInFuture(CalendarDate)
    /// Funding cannot be dated after the move that records it.
    case fundingAfterMove(funding: CalendarDate, move: CalendarDate)
    /// The gate to `international` needs a market.
    case noMarket
    /// A market was given without its country.
    case marketIncomplete
    /// Morocco is home, never a market.
    case marketIsHome
    /// The market's country is not one of the network's.
    case marketOutsideNetwork(CountryCode)
    /// A detail was given that this move does not record.
    case unexpectedDetails([MoveInput], target: Stage)
    /// The application is already at the stage asked for, and the details given for its gate are
    /// not what it holds: a further record is not made by a move (nothing was recorded).
    case alreadyAtStage(Stage, details: [MoveInput])
    /// A move cannot be dated in the future.
    case dateInFuture(CalendarDate)
    /// A move cannot be dated before the application's previous move.
    case dateBeforeLastMove(CalendarDate, last: CalendarDate)

    /// The details the user can give to lift this refusal.
    public var missingInputs: [MoveInput] {
        switch self {
        case .reasonRequired: [.reason]
        case .noMentor: [.mentorName, .mentorOrganisation]
        case .mentorIncomplete(let missing), .fundingIncomplete(let missing): missing
        case .noFunding: [.amount, .fundingKind, .investor, .fundedOn]
        case .noMarket, .marketIncomplete: [.market]
        case .fromExit, .pastLastStage, .skipsStages, .backwards, .capacityReached, .fundingNotPositive,
            .fundingInFuture, .fundingAfterMove, .marketIsHome, .marketOutsideNetwork, .unexpectedDetails,
            .alreadyAtStage, .dateInFuture, .dateBeforeLastMove:
            []
        }
    }

    public var description: String {
        switch self {
        case .fromExit(let stage):
            "the application ended as \(stage) and nothing moves out of an exit; the startup may apply again in a later cohort"
        case .pastLastStage(let stage):
            "\(stage) is the last stage of the program; nothing follows it"
        case .skipsStages(let from, let to, let next):
            "stages move one step at a time: from \(from) the next stage is \(next), not \(to)"
        case .backwards(let from, let to):
            "no moving back from \(from) to \(to)"
        case .reasonRequired(let stage):
            "a reason is required to mark an application \(stage)"
        case .noMentor:
            "no mentor assigned"
        case .mentorIncomplete:
            "the mentor is incomplete"
        case .capacityReached(let capacity):
            "the cohort is full: \(capacity) of its \(capacity) places in mentoring are taken (capacity \(capacity))"
        case .noFunding:
            "no funding recorded"
        case .fundingIncomplete:
            "the funding is incomplete"
        case .fundingNotPositive(let amount):
            "a funding amount must be above zero, not \(amount)"
        case .fundingInFuture(let date):
            "funding cannot be dated in the future (\(date))"
        case .fundingAfterMove(let funding, let move):
            Self.fundingAfterMove(funding, move: move, dateInput: nil)
        case .noMarket:
            "no market entered"
        case .marketIncomplete:
            "the market's country is missing"
        case .marketIsHome:
            "Morocco (MA) is home, not a foreign market"
        case .marketOutsideNetwork(let country):
            Self.outsideNetwork(country, rules: CommandLineWording.command(.showRules))
        case .unexpectedDetails(let inputs, let target):
            "\(inputs.map(\.rawValue).joined(separator: ", ")) cannot be recorded by a move to \(target)"
        case .alreadyAtStage(let stage, _):
            Self.alreadyAtStage(stage, given: nil, naming: CommandLineWording.command)
        case .dateInFuture(let date):
            "a move cannot be dated in the future (\(date))"
        case .dateBeforeLastMove(let date, let last):
            "a move cannot be dated \(date), before the application's previous move (\(last))"
        }
    }

    /// The reason followed by what to give, with inputs named by the caller
    /// (e.g. `no funding recorded — give --amount, --funding-kind, --investor and --funded-on`).
    public func explained(naming name: (MoveInput) -> String) -> String {
        explained(listing: { inputs in Self.list(inputs.map(name)) })
    }

    /// The reason with the inputs it is about, listed by the caller as a whole (`--amount and
    /// --investor`, `the amount and investor columns`): what to give, what was not recorded, or
    /// which date to change.
    /// `naming` words what the message sends the user to do elsewhere (`` `accelerator fund` ``).
    public func explained(
        listing: ([MoveInput]) -> String, naming action: (UserAction) -> String = CommandLineWording.command
    ) -> String {
        switch self {
        case .alreadyAtStage(let stage, let details):
            return Self.alreadyAtStage(stage, given: details.isEmpty ? nil : listing(details), naming: action)
        case .marketOutsideNetwork(let country):
            return Self.outsideNetwork(country, rules: action(.showRules))
        case .fundingAfterMove(let funding, let move):
            return Self.fundingAfterMove(funding, move: move, dateInput: listing([.date]))
        default:
            let inputs = missingInputs
            guard !inputs.isEmpty else { return description }
            return "\(description) — give \(listing(inputs))"
        }
    }

    /// `.marketOutsideNetwork`'s sentence, pointing to where the rules are shown.
    private static func outsideNetwork(_ country: CountryCode, rules: String) -> String {
        "\(country.englishName) (\(country.code)) is not one of the network's countries; see \(rules)"
    }

    /// `.alreadyAtStage`'s sentence, with the details given when the caller names them.
    private static func alreadyAtStage(_ stage: Stage, given: String?, naming action: (UserAction) -> String) -> String {
        let inputs = given.map { " (\($0))" } ?? ""
        switch stage {
        case .applied:
            return "the application is already applied, so nothing was recorded\(inputs)"
        case .mentored:
            return "the application is already mentored, so the mentor was not recorded\(inputs): "
                + "assign a further mentor with \(action(.recordMentor))"
        case .funded:
            return "the application is already funded, so nothing was recorded\(inputs): "
                + "record a further funding round with \(action(.recordFunding))"
        case .international:
            return "the application is already international, so nothing was recorded\(inputs): "
                + "record a further market with \(action(.recordMarket))"
        case .rejected, .withdrawn:
            return "the application is already \(stage) for another reason, so nothing was recorded\(inputs): "
                + "an exit's reason is not changed"
        }
    }

    /// `.fundingAfterMove`'s sentence, with the move's date input when the caller names it.
    private static func fundingAfterMove(_ funding: CalendarDate, move: CalendarDate, dateInput: String?) -> String {
        "the funding is dated \(funding), after the move that records it (\(move)): date the move"
            + (dateInput.map { " (\($0))" } ?? "") + " on or after the funding's day"
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}

/// The program's rules for moving an application between stages.
public enum StageRules {
    /// Decides whether an application may move as requested, returning the move or every reason it is refused.
    ///
    /// - Parameters:
    ///   - state: the application as it stands.
    ///   - request: the stage asked for and the details given.
    ///   - rules: the program's settings (the network's countries).
    ///   - today: the current day, for dates that cannot be in the future.
    public static func decide(
        _ request: MoveRequest,
        for state: ApplicationState,
        rules: ProgramRules,
        today: CalendarDate
    ) -> MoveDecision {
        let from = state.stage
        let to = request.target
        if from == to { return sameStage(request, for: state) }

        var refusals = orderRefusals(from: from, to: to)
        if !refusals.isEmpty { return .refused(refusals) }

        if request.on > today {
            refusals.append(.dateInFuture(request.on))
        } else if let last = state.lastMoveOn, request.on < last {
            refusals.append(.dateBeforeLastMove(request.on, last: last))
        }

        var move = StageMove(from: from, to: to)
        let unexpected = unexpectedInputs(in: request)
        if !unexpected.isEmpty {
            refusals.append(.unexpectedDetails(unexpected, target: to))
        }

        switch to {
        case .applied:
            break  // Unreachable: nothing moves forward to `applied`; kept for exhaustiveness.
        case .mentored:
            switch mentorAssignment(from: request.mentor) {
            case .success(let mentor?): move.mentor = mentor
            case .success(nil): if state.mentors.isEmpty { refusals.append(.noMentor) }
            case .failure(let refusal): refusals.append(refusal)
            }
            if state.cohortMentoredCount + 1 > state.cohortCapacity {
                refusals.append(.capacityReached(capacity: state.cohortCapacity))
            }
        case .funded:
            switch funding(from: request.funding, today: today) {
            case .success(let funding?): move.funding = funding
            case .success(nil): if state.fundings.isEmpty { refusals.append(.noFunding) }
            case .failure(let failures): refusals.append(contentsOf: failures.refusals)
            }
            // A funding dated after today is refused as in the future already.
            if let date = request.funding.fundedOn, date <= today, date > request.on {
                refusals.append(.fundingAfterMove(funding: date, move: request.on))
            }
        case .international:
            switch market(from: request.market, rules: rules) {
            case .success(let market?): move.market = market
            case .success(nil): if state.markets.isEmpty { refusals.append(.noMarket) }
            case .failure(let refusal): refusals.append(refusal)
            }
        case .rejected, .withdrawn:
            let reason = request.reason?.trimmedText ?? ""
            if reason.isEmpty {
                refusals.append(.reasonRequired(to))
            } else {
                move.reason = reason
            }
        }
        return refusals.isEmpty ? .move(move) : .refused(refusals)
    }

    /// The refusals that follow from the order of the stages alone.
    static func orderRefusals(from: Stage, to: Stage) -> [Refusal] {
        if from.isExit { return [.fromExit(from)] }
        if from == .international { return [.pastLastStage(from)] }
        if to.isExit { return [] }
        guard let fromRank = from.rank, let toRank = to.rank, let next = from.next else { return [] }
        if toRank < fromRank { return [.backwards(from: from, to: to)] }
        if to != next { return [.skipsStages(from: from, to: to, next: next)] }
        return []
    }

    /// A request for the stage the application is already in: unchanged when it carries no
    /// detail, or only records the application already holds (a decisions file applied again);
    /// refused when a detail would otherwise be dropped without a word.
    static func sameStage(_ request: MoveRequest, for state: ApplicationState) -> MoveDecision {
        var refusals: [Refusal] = []
        let unexpected = unexpectedInputs(in: request)
        if !unexpected.isEmpty {
            refusals.append(.unexpectedDetails(unexpected, target: request.target))
        }
        let gateDetails = givenInputs(in: request).filter { isRecorded($0, by: request.target) }
        if !gateDetails.isEmpty, !holdsRecord(of: request, state) {
            refusals.append(.alreadyAtStage(request.target, details: gateDetails))
        }
        return refusals.isEmpty ? .unchanged : .refused(refusals)
    }

    /// Whether the application already holds the very record the request's gate details make:
    /// the same mentor (name and organisation), funding (amount, currency, kind, investor, day),
    /// market (country and partner) or exit reason, text compared trimmed.
    static func holdsRecord(of request: MoveRequest, _ state: ApplicationState) -> Bool {
        switch request.target {
        case .applied:
            return false
        case .mentored:
            let name = request.mentor.mentorName?.trimmedText ?? ""
            let organisation = request.mentor.organisation?.trimmedText ?? ""
            return state.mentors.contains {
                $0.mentorName.trimmedText == name && $0.organisation.trimmedText == organisation
            }
        case .funded:
            let draft = request.funding
            guard let amount = draft.amount, let kind = draft.kind, let day = draft.fundedOn else { return false }
            let investor = draft.investor?.trimmedText ?? ""
            return state.fundings.contains {
                $0.amount == amount && $0.kind == kind && $0.investor.trimmedText == investor && $0.fundedOn == day
            }
        case .international:
            guard let country = request.market.country else { return false }
            let partner = request.market.partner?.trimmedText ?? ""
            return state.markets.contains { $0.country == country && ($0.partner?.trimmedText ?? "") == partner }
        case .rejected, .withdrawn:
            guard let reason = request.reason, let recorded = state.exitReason else { return false }
            return reason.trimmedText == recorded.trimmedText
        }
    }

    /// Details given that the move to `request.target` would not record.
    static func unexpectedInputs(in request: MoveRequest) -> [MoveInput] {
        givenInputs(in: request).filter { !isRecorded($0, by: request.target) }
    }

    /// Every detail the request carries, in the order of the inputs.
    static func givenInputs(in request: MoveRequest) -> [MoveInput] {
        var inputs: [MoveInput] = []
        if request.mentor.mentorName != nil { inputs.append(.mentorName) }
        if request.mentor.organisation != nil { inputs.append(.mentorOrganisation) }
        if request.funding.amount != nil { inputs.append(.amount) }
        if request.funding.kind != nil { inputs.append(.fundingKind) }
        if request.funding.investor != nil { inputs.append(.investor) }
        if request.funding.fundedOn != nil { inputs.append(.fundedOn) }
        if request.market.country != nil { inputs.append(.market) }
        if request.market.partner != nil { inputs.append(.partner) }
        if request.reason != nil { inputs.append(.reason) }
        return inputs
    }

    /// Whether the gate of `stage` records `input` (the move's date belongs to every move).
    static func isRecorded(_ input: MoveInput, by stage: Stage) -> Bool {
        switch input {
        case .mentorName, .mentorOrganisation: stage == .mentored
        case .amount, .currency, .fundingKind, .investor, .fundedOn: stage == .funded
        case .market, .partner: stage == .international
        case .reason: stage.isExit
        case .date: true
        }
    }

    /// A complete mentor assignment from a draft, `nil` when the draft is empty.
    public static func mentorAssignment(from draft: MentorDraft) -> Result<MentorAssignment?, Refusal> {
        let name = draft.mentorName?.trimmedText ?? ""
        let organisation = draft.organisation?.trimmedText ?? ""
        if name.isEmpty && organisation.isEmpty { return .success(nil) }
        var missing: [MoveInput] = []
        if name.isEmpty { missing.append(.mentorName) }
        if organisation.isEmpty { missing.append(.mentorOrganisation) }
        guard missing.isEmpty else { return .failure(.mentorIncomplete(missing: missing)) }
        return .success(MentorAssignment(mentorName: name, organisation: organisation))
    }

    /// Every refusal of a funding draft.
    public struct FundingRefusals: Error, Equatable {
        /// The refusals, in the order found.
        public var refusals: [Refusal]
    }

    /// A complete, valid funding record from a draft, `nil` when the draft is empty.
    public static func funding(from draft: FundingDraft, today: CalendarDate) -> Result<Funding?, FundingRefusals> {
        if draft.isEmpty { return .success(nil) }
        let investor = draft.investor?.trimmedText ?? ""
        var missing: [MoveInput] = []
        if draft.amount == nil { missing.append(.amount) }
        if draft.kind == nil { missing.append(.fundingKind) }
        if investor.isEmpty { missing.append(.investor) }
        if draft.fundedOn == nil { missing.append(.fundedOn) }
        var refusals: [Refusal] = missing.isEmpty ? [] : [.fundingIncomplete(missing: missing)]
        if let amount = draft.amount, amount.minorUnits <= 0 { refusals.append(.fundingNotPositive(amount)) }
        if let date = draft.fundedOn, date > today { refusals.append(.fundingInFuture(date)) }
        guard refusals.isEmpty, let amount = draft.amount, let kind = draft.kind, let date = draft.fundedOn else {
            return .failure(FundingRefusals(refusals: refusals))
        }
        return .success(Funding(amount: amount, kind: kind, investor: investor, fundedOn: date))
    }

    /// A valid market entry from a draft, `nil` when the draft is empty.
    public static func market(from draft: MarketDraft, rules: ProgramRules) -> Result<MarketEntry?, Refusal> {
        if draft.isEmpty { return .success(nil) }
        guard let country = draft.country else { return .failure(.marketIncomplete) }
        if country == .morocco { return .failure(.marketIsHome) }
        guard rules.isInNetwork(country) else { return .failure(.marketOutsideNetwork(country)) }
        let partner = draft.partner?.trimmedText
        return .success(MarketEntry(country: country, partner: partner?.isEmpty == true ? nil : partner))
    }
}
