import AcceleratorDomain
import Testing

/// Helpers that build requests satisfying every gate, so a test sees only the rule it is about.
enum Fixture {
    static let today = CalendarDate(year: 2026, month: 6, day: 1)!
    static let day = CalendarDate(year: 2026, month: 5, day: 20)!
    static let rules = ProgramRules.defaults

    static func state(_ stage: Stage, capacity: Int = 30, mentored: Int = 0) -> ApplicationState {
        ApplicationState(stage: stage, cohortCapacity: capacity, cohortMentoredCount: mentored,
                         lastMoveOn: CalendarDate(year: 2026, month: 3, day: 1)!)
    }

    /// A request for `target` carrying exactly what its gate needs.
    static func completeRequest(to target: Stage) -> MoveRequest {
        var request = MoveRequest(target: target, on: day)
        switch target {
        case .applied:
            break
        case .mentored:
            request.mentor = MentorDraft(mentorName: "Karim Alaoui", organisation: "Technopark")
        case .funded:
            request.funding = FundingDraft(
                amount: Money(minorUnits: 50_000_000, currency: .mad), kind: .grant, investor: "CCG", fundedOn: day)
        case .international:
            request.market = MarketDraft(country: try? CountryCode("ES"), partner: "Plug and Play Spain")
        case .rejected, .withdrawn:
            request.reason = "out of scope"
        }
        return request
    }
}

/// The whole transition table: every stage to every stage, with every gate satisfied.
struct TransitionTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let from: Stage
        let to: Stage
        let expected: Expected
        var testDescription: String { "\(from) → \(to)" }
    }

    enum Expected: Sendable, Equatable {
        case allowed
        case unchanged
        case refused(String)
    }

    static let cases: [Case] = [
        Case(from: .applied, to: .applied, expected: .unchanged),
        Case(from: .applied, to: .mentored, expected: .allowed),
        Case(from: .applied, to: .funded, expected: .refused("stages move one step at a time: from applied the next stage is mentored, not funded")),
        Case(from: .applied, to: .international, expected: .refused("stages move one step at a time: from applied the next stage is mentored, not international")),
        Case(from: .applied, to: .rejected, expected: .allowed),
        Case(from: .applied, to: .withdrawn, expected: .allowed),
        Case(from: .mentored, to: .applied, expected: .refused("no moving back from mentored to applied")),
        Case(from: .mentored, to: .mentored, expected: .refused("the application is already mentored, so the mentor was not recorded: assign a further mentor with `accelerator mentor add`")),
        Case(from: .mentored, to: .funded, expected: .allowed),
        Case(from: .mentored, to: .international, expected: .refused("stages move one step at a time: from mentored the next stage is funded, not international")),
        Case(from: .mentored, to: .rejected, expected: .allowed),
        Case(from: .mentored, to: .withdrawn, expected: .allowed),
        Case(from: .funded, to: .applied, expected: .refused("no moving back from funded to applied")),
        Case(from: .funded, to: .mentored, expected: .refused("no moving back from funded to mentored")),
        Case(from: .funded, to: .funded, expected: .refused("the application is already funded, so nothing was recorded: record a further funding round with `accelerator fund`")),
        Case(from: .funded, to: .international, expected: .allowed),
        Case(from: .funded, to: .rejected, expected: .allowed),
        Case(from: .funded, to: .withdrawn, expected: .allowed),
        Case(from: .international, to: .applied, expected: .refused("international is the last stage of the program; nothing follows it")),
        Case(from: .international, to: .mentored, expected: .refused("international is the last stage of the program; nothing follows it")),
        Case(from: .international, to: .funded, expected: .refused("international is the last stage of the program; nothing follows it")),
        Case(from: .international, to: .international, expected: .refused("the application is already international, so nothing was recorded: record a further market with `accelerator market`")),
        Case(from: .international, to: .rejected, expected: .refused("international is the last stage of the program; nothing follows it")),
        Case(from: .international, to: .withdrawn, expected: .refused("international is the last stage of the program; nothing follows it")),
    ] + [Stage.rejected, .withdrawn].flatMap { exit in
        Stage.allCases.map { target in
            // The fixture's state holds no record, so a move to its own stage with details would drop them.
            Case(from: exit, to: target, expected: .refused(exit == target
                ? "the application is already \(exit) for another reason, so nothing was recorded: an exit's reason is not changed"
                : "the application ended as \(exit) and nothing moves out of an exit; the startup may apply again in a later cohort"))
        }
    }

    @Test("every stage pair is allowed, unchanged, or refused with the exact reason", arguments: cases)
    func transition(_ testCase: Case) {
        let decision = StageRules.decide(
            Fixture.completeRequest(to: testCase.to), for: Fixture.state(testCase.from),
            rules: Fixture.rules, today: Fixture.today)
        switch (decision, testCase.expected) {
        case (.move(let move), .allowed):
            #expect(move.from == testCase.from)
            #expect(move.to == testCase.to)
        case (.unchanged, .unchanged):
            break
        case (.refused(let refusals), .refused(let message)):
            #expect(refusals.map(\.description) == [message])
        default:
            Issue.record("\(testCase.testDescription): got \(decision), expected \(testCase.expected)")
        }
    }

    @Test("the table covers every pair of stages")
    func tableIsComplete() {
        let pairs = Set(Self.cases.map { "\($0.from)>\($0.to)" })
        #expect(pairs.count == Stage.allCases.count * Stage.allCases.count)
    }
}

struct GateTests {
    func decide(_ request: MoveRequest, from stage: Stage, capacity: Int = 30, mentored: Int = 0) -> MoveDecision {
        StageRules.decide(request, for: Fixture.state(stage, capacity: capacity, mentored: mentored),
                          rules: Fixture.rules, today: Fixture.today)
    }

    func message(_ decision: MoveDecision) -> String? {
        guard case .refused(let refusals) = decision else { return nil }
        return OperationMessage.text(refusals)
    }

    @Test("mentoring without a mentor is refused, naming both flags")
    func mentoredNeedsMentor() {
        let decision = decide(MoveRequest(target: .mentored, on: Fixture.day), from: .applied)
        #expect(message(decision) == "no mentor assigned — give --mentor and --mentor-org")
    }

    @Test("a mentor without an organisation is refused")
    func mentorNeedsOrganisation() {
        let decision = decide(MoveRequest(target: .mentored, mentor: MentorDraft(mentorName: "Karim"), on: Fixture.day), from: .applied)
        #expect(message(decision) == "the mentor is incomplete — give --mentor-org")
    }

    @Test("a mentor with name and organisation opens the gate and is recorded")
    func mentorRecorded() {
        let decision = decide(Fixture.completeRequest(to: .mentored), from: .applied)
        guard case .move(let move) = decision else { Issue.record("refused: \(decision)"); return }
        #expect(move.mentor == MentorAssignment(mentorName: "Karim Alaoui", organisation: "Technopark"))
    }

    @Test("the capacity allows the last place and refuses one more", arguments: [(29, true), (30, false), (31, false)])
    func capacity(mentored: Int, allowed: Bool) {
        let decision = decide(Fixture.completeRequest(to: .mentored), from: .applied, capacity: 30, mentored: mentored)
        if allowed {
            #expect(message(decision) == nil)
        } else {
            #expect(message(decision) == "the cohort is full: 30 of its 30 places in mentoring are taken (capacity 30)")
        }
    }

    @Test("funding with nothing given names the four flags")
    func fundedNeedsFunding() {
        let decision = decide(MoveRequest(target: .funded, on: Fixture.day), from: .mentored)
        #expect(message(decision) == "no funding recorded — give --amount, --funding-kind, --investor and --funded-on")
    }

    @Test("incomplete funding names what is missing")
    func fundingIncomplete() {
        let request = MoveRequest(
            target: .funded, funding: FundingDraft(amount: Money(minorUnits: 100, currency: .mad)), on: Fixture.day)
        #expect(message(decide(request, from: .mentored)) == "the funding is incomplete — give --funding-kind, --investor and --funded-on")
    }

    @Test("funding of zero or dated in the future is refused with both reasons")
    func fundingValues() {
        let future = Fixture.today.adding(days: 1)
        let request = MoveRequest(
            target: .funded,
            funding: FundingDraft(amount: Money(minorUnits: 0, currency: .mad), kind: .equity, investor: "UM6P Ventures", fundedOn: future),
            on: Fixture.day)
        #expect(message(decide(request, from: .mentored))
            == "a funding amount must be above zero, not 0.00 MAD; funding cannot be dated in the future (\(future))")
    }

    @Test("funding already recorded opens the gate without a new record")
    func existingFunding() {
        var state = Fixture.state(.mentored)
        state.fundings = [Funding(amount: Money(minorUnits: 1, currency: .mad), kind: .loan, investor: "Bank", fundedOn: Fixture.day)]
        let decision = StageRules.decide(MoveRequest(target: .funded, on: Fixture.day), for: state, rules: Fixture.rules, today: Fixture.today)
        guard case .move(let move) = decision else { Issue.record("refused: \(decision)"); return }
        #expect(move.funding == nil)
    }

    @Test("going international needs a market")
    func internationalNeedsMarket() {
        #expect(message(decide(MoveRequest(target: .international, on: Fixture.day), from: .funded)) == "no market entered — give --market")
    }

    @Test("Morocco is never a market")
    func moroccoIsHome() {
        let request = MoveRequest(target: .international, market: MarketDraft(country: .morocco), on: Fixture.day)
        #expect(message(decide(request, from: .funded)) == "Morocco (MA) is home, not a foreign market")
    }

    @Test("a country outside the network is refused")
    func outsideNetwork() throws {
        var rules = ProgramRules.defaults
        rules.networkCountries = [try CountryCode("ES")]
        let request = MoveRequest(target: .international, market: MarketDraft(country: try CountryCode("FR")), on: Fixture.day)
        let decision = StageRules.decide(request, for: Fixture.state(.funded), rules: rules, today: Fixture.today)
        #expect(message(decision) == "France (FR) is not one of the network's countries; see `accelerator rules show`")
    }

    @Test("an exit needs a reason", arguments: [Stage.rejected, .withdrawn])
    func exitNeedsReason(exit: Stage) {
        let decision = decide(MoveRequest(target: exit, reason: "  ", on: Fixture.day), from: .mentored)
        #expect(message(decision) == "a reason is required to mark an application \(exit) — give --reason")
    }

    @Test("details another stage records are refused, not dropped")
    func unexpectedDetails() {
        var request = Fixture.completeRequest(to: .mentored)
        request.market = MarketDraft(country: try? CountryCode("ES"))
        #expect(message(decide(request, from: .applied)) == "market cannot be recorded by a move to mentored")
    }

    @Test("a move cannot be dated in the future nor before the previous move")
    func moveDates() {
        var request = Fixture.completeRequest(to: .mentored)
        request.on = Fixture.today.adding(days: 2)
        #expect(message(decide(request, from: .applied)) == "a move cannot be dated in the future (\(Fixture.today.adding(days: 2)))")
        request.on = CalendarDate(year: 2026, month: 2, day: 1)!
        #expect(message(decide(request, from: .applied)) == "a move cannot be dated 2026-02-01, before the application's previous move (2026-03-01)")
    }
}

/// A move to the stage the application is already in: unchanged when it carries nothing or only
/// what the application holds, refused when a detail would be dropped.
struct SameStageTests {
    static let mentor = MentorAssignment(mentorName: "Karim Alaoui", organisation: "Technopark")
    static let funding = Funding(
        amount: Money(minorUnits: 50_000_000, currency: .mad), kind: .grant, investor: "CCG", fundedOn: Fixture.day)
    static let spain = try! CountryCode("ES")

    /// An application at `stage` holding the mentor, funding, market and exit reason above, as it
    /// would after the moves of `Fixture.completeRequest`.
    static func state(_ stage: Stage) -> ApplicationState {
        var state = Fixture.state(stage)
        state.mentors = [mentor]
        if stage != .mentored { state.fundings = [funding] }
        if stage == .international { state.markets = [MarketEntry(country: spain, partner: "Plug and Play Spain")] }
        if stage.isExit { state.exitReason = "out of scope" }
        return state
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let stage: Stage
        let request: MoveRequest
        /// `nil`: unchanged; else the refusal as the command line words it.
        let refusal: String?
        var testDescription: String { label }
    }

    static func request(_ stage: Stage, _ change: (inout MoveRequest) -> Void = { _ in }) -> MoveRequest {
        var request = Fixture.completeRequest(to: stage)
        change(&request)
        return request
    }

    static let fundingRefused =
        "the application is already funded, so nothing was recorded (--amount, --funding-kind, --investor and --funded-on): "
        + "record a further funding round with `accelerator fund`"
    static let marketRefused =
        "the application is already international, so nothing was recorded (--market and --partner): "
        + "record a further market with `accelerator market`"

    static let cases: [Case] = [
        Case(label: "the same mentor", stage: .mentored, request: request(.mentored), refusal: nil),
        Case(label: "the same mentor, with spaces around", stage: .mentored, request: request(.mentored) {
            $0.mentor = MentorDraft(mentorName: " Karim Alaoui ", organisation: "Technopark\u{00A0}")
        }, refusal: nil),
        Case(label: "another mentor", stage: .mentored, request: request(.mentored) {
            $0.mentor = MentorDraft(mentorName: "Leila Haddad", organisation: "Plug and Play")
        }, refusal: "the application is already mentored, so the mentor was not recorded (--mentor and --mentor-org): assign a further mentor with `accelerator mentor add`"),
        Case(label: "the same mentor from another organisation", stage: .mentored, request: request(.mentored) {
            $0.mentor.organisation = "Plug and Play"
        }, refusal: "the application is already mentored, so the mentor was not recorded (--mentor and --mentor-org): assign a further mentor with `accelerator mentor add`"),
        Case(label: "a mentor's name alone", stage: .mentored, request: request(.mentored) {
            $0.mentor = MentorDraft(mentorName: "Karim Alaoui")
        }, refusal: "the application is already mentored, so the mentor was not recorded (--mentor): assign a further mentor with `accelerator mentor add`"),
        Case(label: "no mentor at all", stage: .mentored, request: MoveRequest(target: .mentored, on: Fixture.day), refusal: nil),
        Case(label: "the same funding", stage: .funded, request: request(.funded), refusal: nil),
        Case(label: "the same funding, its investor with spaces around", stage: .funded, request: request(.funded) {
            $0.funding.investor = "  CCG "
        }, refusal: nil),
        Case(label: "another amount", stage: .funded, request: request(.funded) {
            $0.funding.amount = Money(minorUnits: 50_000_001, currency: .mad)
        }, refusal: fundingRefused),
        Case(label: "the same amount in another currency", stage: .funded, request: request(.funded) {
            $0.funding.amount = Money(minorUnits: 50_000_000, currency: .eur)
        }, refusal: fundingRefused),
        Case(label: "another kind", stage: .funded, request: request(.funded) { $0.funding.kind = .loan }, refusal: fundingRefused),
        Case(label: "another investor", stage: .funded, request: request(.funded) { $0.funding.investor = "Tamwilcom" }, refusal: fundingRefused),
        Case(label: "another day", stage: .funded, request: request(.funded) {
            $0.funding.fundedOn = Fixture.day.adding(days: -1)
        }, refusal: fundingRefused),
        Case(label: "an amount alone", stage: .funded, request: request(.funded) {
            $0.funding = FundingDraft(amount: Money(minorUnits: 50_000_000, currency: .mad))
        }, refusal: "the application is already funded, so nothing was recorded (--amount): record a further funding round with `accelerator fund`"),
        Case(label: "no funding at all", stage: .funded, request: MoveRequest(target: .funded, on: Fixture.day), refusal: nil),
        Case(label: "the same market", stage: .international, request: request(.international), refusal: nil),
        Case(label: "another market", stage: .international, request: request(.international) {
            $0.market.country = try? CountryCode("FR")
        }, refusal: marketRefused),
        Case(label: "the same country with another partner", stage: .international, request: request(.international) {
            $0.market.partner = "Station F"
        }, refusal: marketRefused),
        Case(label: "the same country without its partner", stage: .international, request: request(.international) {
            $0.market.partner = nil
        }, refusal: "the application is already international, so nothing was recorded (--market): record a further market with `accelerator market`"),
        Case(label: "the same exit reason", stage: .rejected, request: request(.rejected), refusal: nil),
        Case(label: "the same exit reason, with spaces around", stage: .withdrawn, request: request(.withdrawn) {
            $0.reason = " out of scope\n"
        }, refusal: nil),
        Case(label: "another exit reason", stage: .rejected, request: request(.rejected) { $0.reason = "no traction" },
             refusal: "the application is already rejected for another reason, so nothing was recorded (--reason): an exit's reason is not changed"),
        Case(label: "another stage's details", stage: .funded, request: MoveRequest(
            target: .funded, mentor: MentorDraft(mentorName: "Leila Haddad", organisation: "Plug and Play"), on: Fixture.day),
             refusal: "mentor, mentor-org cannot be recorded by a move to funded"),
        Case(label: "the same funding and a market", stage: .funded, request: request(.funded) {
            $0.market = MarketDraft(country: spain)
        }, refusal: "market cannot be recorded by a move to funded"),
        Case(label: "another funding and a reason", stage: .funded, request: request(.funded) {
            $0.funding.investor = "Tamwilcom"
            $0.reason = "why not"
        }, refusal: "reason cannot be recorded by a move to funded; " + fundingRefused),
        Case(label: "a reason while applied", stage: .applied, request: MoveRequest(target: .applied, reason: "why not", on: Fixture.day),
             refusal: "reason cannot be recorded by a move to applied"),
        Case(label: "no detail, dated in the future", stage: .funded, request: MoveRequest(target: .funded, on: Fixture.today.adding(days: 3)),
             refusal: nil),
    ]

    @Test("a move to the current stage is unchanged only when its details are already recorded", arguments: cases)
    func sameStage(_ testCase: Case) {
        let decision = StageRules.decide(testCase.request, for: Self.state(testCase.stage), rules: Fixture.rules, today: Fixture.today)
        switch (decision, testCase.refusal) {
        case (.unchanged, nil):
            break
        case (.refused(let refusals), let expected?):
            #expect(OperationMessage.text(refusals) == expected)
        default:
            Issue.record("\(testCase.label): got \(decision), expected \(testCase.refusal ?? "unchanged")")
        }
    }

    @Test("the refusal names the stage and every detail given for its gate")
    func refusalCarriesDetails() {
        var request = Fixture.completeRequest(to: .funded)
        request.funding.investor = "Tamwilcom"
        let decision = StageRules.decide(request, for: Self.state(.funded), rules: Fixture.rules, today: Fixture.today)
        #expect(decision == .refused([.alreadyAtStage(.funded, details: [.amount, .fundingKind, .investor, .fundedOn])]))
    }

    @Test("the refusal's own words name no input of any front end")
    func refusalDescription() {
        #expect(Refusal.alreadyAtStage(.funded, details: [.amount]).description
            == "the application is already funded, so nothing was recorded: record a further funding round with `accelerator fund`")
    }
}

/// A funding is dated on or before the move that records it.
struct FundingDateTests {
    @Test("a funding dated after the move is refused; on or before the move's day it is recorded", arguments: [
        (CalendarDate(year: 2026, month: 5, day: 21)!, CalendarDate(year: 2026, month: 5, day: 20)!,
         "the funding is dated 2026-05-21, after the move that records it (2026-05-20): date the move (--at) on or after the funding's day"),
        (CalendarDate(year: 2026, month: 6, day: 1)!, CalendarDate(year: 2026, month: 3, day: 2)!,
         "the funding is dated 2026-06-01, after the move that records it (2026-03-02): date the move (--at) on or after the funding's day"),
        (CalendarDate(year: 2026, month: 5, day: 20)!, CalendarDate(year: 2026, month: 5, day: 20)!, nil),
        (CalendarDate(year: 2026, month: 4, day: 1)!, CalendarDate(year: 2026, month: 5, day: 20)!, nil),
        // After today: refused as in the future, not twice.
        (CalendarDate(year: 2026, month: 6, day: 2)!, CalendarDate(year: 2026, month: 5, day: 20)!,
         "funding cannot be dated in the future (2026-06-02)"),
    ] as [(CalendarDate, CalendarDate, String?)])
    func fundingAfterMove(funded: CalendarDate, move: CalendarDate, refusal: String?) {
        var request = Fixture.completeRequest(to: .funded)
        request.funding.fundedOn = funded
        request.on = move
        let decision = StageRules.decide(request, for: Fixture.state(.mentored), rules: Fixture.rules, today: Fixture.today)
        switch decision {
        case .move(let recorded):
            #expect(refusal == nil)
            #expect(recorded.funding?.fundedOn == funded)
        case .refused(let refusals):
            #expect(OperationMessage.text(refusals) == refusal)
        case .unchanged:
            Issue.record("a move from mentored to funded is never unchanged")
        }
    }

    @Test("a funding dated after the move is refused together with the funding's other refusals")
    func withOtherRefusals() {
        let request = MoveRequest(
            target: .funded,
            funding: FundingDraft(amount: Money(minorUnits: 0, currency: .mad), kind: .grant, investor: "CCG", fundedOn: Fixture.day),
            on: Fixture.day.adding(days: -1))
        let decision = StageRules.decide(request, for: Fixture.state(.mentored), rules: Fixture.rules, today: Fixture.today)
        #expect(decision == .refused([
            .fundingNotPositive(Money(minorUnits: 0, currency: .mad)),
            .fundingAfterMove(funding: Fixture.day, move: Fixture.day.adding(days: -1)),
        ]))
    }
}

/// Joins refusals as the command line shows them.
enum OperationMessage {
    static func text(_ refusals: [Refusal]) -> String {
        refusals.map { $0.explained { "--\($0.rawValue)" } }.joined(separator: "; ")
    }
}
