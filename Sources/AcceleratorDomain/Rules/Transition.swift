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

    /// Creates a state.
    public init(
        stage: Stage,
        mentors: [MentorAssignment] = [],
        fundings: [Funding] = [],
        markets: [MarketEntry] = [],
        cohortCapacity: Int,
        cohortMentoredCount: Int,
        lastMoveOn: CalendarDate? = nil
    ) {
        self.stage = stage
        self.mentors = mentors
        self.fundings = fundings
        self.markets = markets
        self.cohortCapacity = cohortCapacity
        self.cohortMentoredCount = cohortMentoredCount
        self.lastMoveOn = lastMoveOn
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
    /// The application is already at that stage: nothing is written.
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
            .fundingInFuture, .marketIsHome, .marketOutsideNetwork, .unexpectedDetails, .dateInFuture,
            .dateBeforeLastMove:
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
        case .noMarket:
            "no market entered"
        case .marketIncomplete:
            "the market's country is missing"
        case .marketIsHome:
            "Morocco (MA) is home, not a foreign market"
        case .marketOutsideNetwork(let country):
            "\(country.englishName) (\(country.code)) is not one of the network's countries; see `accelerator rules show`"
        case .unexpectedDetails(let inputs, let target):
            "\(inputs.map(\.rawValue).joined(separator: ", ")) cannot be recorded by a move to \(target)"
        case .dateInFuture(let date):
            "a move cannot be dated in the future (\(date))"
        case .dateBeforeLastMove(let date, let last):
            "a move cannot be dated \(date), before the application's previous move (\(last))"
        }
    }

    /// The reason followed by what to give, with inputs named by the caller
    /// (e.g. `no funding recorded — give --amount, --funding-kind, --investor and --funded-on`).
    public func explained(naming name: (MoveInput) -> String) -> String {
        let inputs = missingInputs
        guard !inputs.isEmpty else { return description }
        return "\(description) — give \(Self.list(inputs.map(name)))"
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
        if from == to { return .unchanged }

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

    /// Details given that the move to `request.target` would not record.
    static func unexpectedInputs(in request: MoveRequest) -> [MoveInput] {
        var inputs: [MoveInput] = []
        if request.target != .mentored {
            if request.mentor.mentorName != nil { inputs.append(.mentorName) }
            if request.mentor.organisation != nil { inputs.append(.mentorOrganisation) }
        }
        if request.target != .funded {
            if request.funding.amount != nil { inputs.append(.amount) }
            if request.funding.kind != nil { inputs.append(.fundingKind) }
            if request.funding.investor != nil { inputs.append(.investor) }
            if request.funding.fundedOn != nil { inputs.append(.fundedOn) }
        }
        if request.target != .international {
            if request.market.country != nil { inputs.append(.market) }
            if request.market.partner != nil { inputs.append(.partner) }
        }
        if !request.target.isExit, request.reason != nil { inputs.append(.reason) }
        return inputs
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
