import AcceleratorDomain
import AcceleratorStore
import Foundation
import GRDB
import Testing

/// No value silently stored wrong: the application's date, the startup's name and the look-up by name.
@Suite("value checks on applications and look-ups")
struct ApplicationValueChecksTests {
    @Test("an application dated after today is refused by apply, and nothing is written")
    func appliedInFuture() throws {
        let store = try AppDatabase.makeInMemory()
        var form = StoreFixture.form("Atlas AI")
        form.appliedOn = CalendarDate(year: 2026, month: 6, day: 2)!
        #expect(throws: OperationError.ineligible(startup: "Atlas AI", issues: [.appliedInFuture(form.appliedOn)])) {
            try store.apply(form, today: StoreFixture.today)
        }
        #expect(try store.list(ListFilter()).isEmpty)
        let message = OperationError.ineligible(startup: "Atlas AI", issues: [.appliedInFuture(form.appliedOn)]).description
        #expect(message == "Atlas AI cannot apply: the application date 2026-06-02 is in the future")
    }

    @Test("an application dated today is accepted")
    func appliedToday() throws {
        let store = try AppDatabase.makeInMemory()
        var form = StoreFixture.form("Atlas AI")
        form.appliedOn = StoreFixture.today
        _ = try store.apply(form, today: StoreFixture.today)
        #expect(try store.list(ListFilter()).count == 1)
    }

    @Test("a startup name with no letter or digit is refused by apply")
    func nameWithoutLetterOrDigit() throws {
        let store = try AppDatabase.makeInMemory()
        #expect(throws: OperationError.ineligible(startup: "🚀", issues: [.nameWithoutLetterOrDigit("🚀")])) {
            try store.apply(StoreFixture.form("🚀", email: "salma@rocket.ma"), today: StoreFixture.today)
        }
    }

    @Test("a reference with no letter or digit is refused, never looked up by its empty key")
    func referenceWithoutLetterOrDigit() throws {
        let store = try AppDatabase.makeInMemory()
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        for reference in ["‽‽", "🚀", "***", " - "] {
            #expect(throws: OperationError.referenceWithoutLetterOrDigit(reference)) { try store.details(of: reference) }
        }
        #expect(OperationError.referenceWithoutLetterOrDigit("‽‽").description
            == "“‽‽” has no letter or digit to look up a startup by: give its id or its ICE (see `accelerator list`)")
    }

    /// A database holding two startups stored, before names were checked, with names of symbols only.
    func storeWithSymbolNames(_ folder: TemporaryFolder) throws -> AppDatabase {
        let store = try AppDatabase.openOrCreate(path: folder.file("legacy.sqlite"))
        _ = try store.apply(StoreFixture.form("Atlas AI", ice: "001234567000089"), today: StoreFixture.today)
        _ = try store.apply(StoreFixture.form("Argan Pay", email: "salma@rocket.ma"), today: StoreFixture.today)
        let queue = try DatabaseQueue(path: store.path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "UPDATE startup SET name = '🚀', name_key = '' WHERE name = 'Atlas AI'")
            try db.execute(sql: "UPDATE startup SET name = '‽‽', name_key = '' WHERE name = 'Argan Pay'")
        }
        return store
    }

    @Test("startups stored with an empty key are never matched by a name, only by their id or ICE")
    func storedEmptyKeysNeverMatch() throws {
        let folder = try TemporaryFolder()
        let store = try storeWithSymbolNames(folder)
        #expect(throws: OperationError.referenceWithoutLetterOrDigit("‽‽")) { try store.details(of: "‽‽") }
        #expect(try store.details(of: "001234567000089").name == "🚀")
        let id = try #require(try store.list(ListFilter()).first { $0.name == "‽‽" }?.startupId)
        #expect(try store.details(of: "\(id)").name == "‽‽")
    }

    @Test("a new application is never taken for a stored startup with an empty key and the same e-mail")
    func applyNeverMatchesEmptyKey() throws {
        let folder = try TemporaryFolder()
        let store = try storeWithSymbolNames(folder)
        // Same lead e-mail as the stored "‽‽", same cohort: refused for its name, not as "already applied".
        #expect(throws: OperationError.ineligible(startup: "***", issues: [.nameWithoutLetterOrDigit("***")])) {
            try store.apply(StoreFixture.form("***", email: "salma@rocket.ma"), today: StoreFixture.today)
        }
    }
}

/// A move to the stage an application is already in never drops the details it carries.
@Suite("moves to the current stage")
struct SameStageMoveTests {
    let store: AppDatabase

    /// Atlas AI funded with 500000.00 MAD grant from CCG on 2026-06-01; Argan Pay rejected as “not a fit”.
    init() throws {
        store = try AppDatabase.makeInMemory()
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        _ = try store.apply(StoreFixture.form("Argan Pay"), today: StoreFixture.today)
        for stage in [Stage.mentored, .funded] { try move("Atlas AI", StoreFixture.request(stage)) }
        try move("Argan Pay", StoreFixture.request(.rejected))
    }

    @discardableResult
    func move(_ startup: String, _ request: MoveRequest) throws -> MoveOutcome {
        try store.move(startup: startup, cohort: nil, request: request, context: StoreFixture.context())
    }

    /// What the application holds and its history, to show that nothing was written.
    func record(_ startup: String) throws -> String {
        let application = try store.details(of: startup).applications[0]
        let events = try store.history(of: startup).events
        return "\(application.stage) \(application.exitReason ?? "-") \(application.mentors.count) \(application.funding.count) "
            + "\(application.markets.count) \(events.count)"
    }

    @Test("new funding on an application already funded is refused, naming `accelerator fund`, and nothing is written")
    func newFundingRefused() throws {
        let before = try record("Atlas AI")
        var request = StoreFixture.request(.funded)
        request.funding.amount = Money(minorUnits: 80_000_000, currency: .mad)
        let refusal = OperationError.moveRefused(
            startup: "Atlas AI", cohort: "2026-A", target: .funded,
            refusals: [.alreadyAtStage(.funded, details: [.amount, .fundingKind, .investor, .fundedOn])])
        #expect(throws: refusal) { try move("Atlas AI", request) }
        #expect(refusal.description == "cannot advance Atlas AI (2026-A) to funded: the application is already funded, so nothing "
            + "was recorded (--amount, --funding-kind, --investor and --funded-on): record a further funding round with `accelerator fund`")
        #expect(try record("Atlas AI") == before)
    }

    @Test("the same funding again is unchanged and writes nothing")
    func sameFundingUnchanged() throws {
        let before = try record("Atlas AI")
        let outcome = try move("Atlas AI", StoreFixture.request(.funded))
        #expect(!outcome.changed)
        #expect(outcome.eventId == nil)
        #expect(try record("Atlas AI") == before)
    }

    @Test("another mentor on an application already mentored is refused as not recorded; the same one is unchanged")
    func mentorNotRecorded() throws {
        _ = try store.apply(StoreFixture.form("Sahara H2"), today: StoreFixture.today)
        try move("Sahara H2", StoreFixture.request(.mentored))
        var request = StoreFixture.request(.mentored)
        request.mentor = MentorDraft(mentorName: "Leila Haddad", organisation: "Plug and Play")
        #expect(throws: OperationError.moveRefused(
            startup: "Sahara H2", cohort: "2026-A", target: .mentored,
            refusals: [.alreadyAtStage(.mentored, details: [.mentorName, .mentorOrganisation])])) {
            try move("Sahara H2", request)
        }
        #expect(!(try move("Sahara H2", StoreFixture.request(.mentored)).changed))
    }

    @Test("an exit asked again is unchanged with its stored reason and refused with another")
    func exitReason() throws {
        let before = try record("Argan Pay")
        #expect(!(try move("Argan Pay", MoveRequest(target: .rejected, reason: " not a fit ", on: StoreFixture.today)).changed))
        #expect(throws: OperationError.moveRefused(
            startup: "Argan Pay", cohort: "2026-A", target: .rejected, refusals: [.alreadyAtStage(.rejected, details: [.reason])])) {
            try move("Argan Pay", MoveRequest(target: .rejected, reason: "no traction", on: StoreFixture.today))
        }
        #expect(try record("Argan Pay") == before)
    }

    @Test("a funding dated after the move that records it is refused")
    func fundingAfterMove() throws {
        _ = try store.apply(StoreFixture.form("Sahara H2"), today: StoreFixture.today)
        let day = CalendarDate(year: 2026, month: 5, day: 1)!
        var mentored = StoreFixture.request(.mentored)
        mentored.on = day
        _ = try store.move(startup: "Sahara H2", cohort: nil, request: mentored, context: StoreFixture.context(on: day))
        var funded = StoreFixture.request(.funded)
        funded.on = CalendarDate(year: 2026, month: 5, day: 10)!
        let refusal = OperationError.moveRefused(
            startup: "Sahara H2", cohort: "2026-A", target: .funded,
            refusals: [.fundingAfterMove(funding: StoreFixture.today, move: funded.on)])
        #expect(throws: refusal) {
            try store.move(startup: "Sahara H2", cohort: nil, request: funded, context: StoreFixture.context(on: funded.on))
        }
        #expect(refusal.description == "cannot advance Sahara H2 (2026-A) to funded: the funding is dated 2026-06-01, after the move "
            + "that records it (2026-05-10): date the move (--at) on or after the funding's day")
    }
}

/// A decisions file goes through the same rule as `advance`.
@Suite("decisions for the current stage")
struct SameStageDecisionsTests {
    @Test("a decisions file applied again changes nothing: every row's record is already there")
    func appliedAgainChangesNothing() throws {
        let fixture = try DecisionsFixture()
        let steps = [
            [
                DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
                DecisionsFixture.complete("Argan Pay", .mentored, date: "2026-04-01"),
                DecisionsFixture.complete("Sahara H2", .rejected, date: "2026-04-01"),
            ],
            [
                DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-02"),
                DecisionsFixture.complete("Argan Pay", .withdrawn, date: "2026-04-02"),
            ],
            [DecisionsFixture.complete("Atlas AI", .international, date: "2026-04-03")],
        ]
        for (index, rows) in steps.enumerated() {
            let first = try fixture.apply(rows, name: "step\(index).csv")
            #expect(first.problems.isEmpty)
            #expect(first.moves == rows.count)
            let before = try fixture.snapshot()
            let again = try fixture.apply(rows, name: "step\(index).csv")
            #expect(again.problems.isEmpty)
            #expect(again.moves == 0)
            #expect(again.unchanged == rows.count)
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test("a row for the current stage with other details is a problem named by column, and nothing is applied")
    func otherDetailsRefused() throws {
        let fixture = try DecisionsFixture()
        try fixture.apply([DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01")], name: "a.csv")
        try fixture.apply([DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-02")], name: "b.csv")
        let before = try fixture.snapshot()
        let report = try fixture.apply([
            DecisionsFixture.row("Atlas AI", "funded", ["date": "2026-05-02", "amount": "250 000", "funding_kind": "equity", "investor": "UM6P Ventures"]),
            DecisionsFixture.row("Atlas AI", "mentored", ["date": "2026-05-02", "mentor": "Leila Haddad", "mentor_org": "Plug and Play"]),
        ], name: "c.csv")
        #expect(report.problems.map(\.description) == [
            "line 2: cannot advance Atlas AI (2026-A) to funded: the application is already funded, so nothing was recorded "
                + "(the amount, funding_kind, investor and date columns): record a further funding round with `accelerator fund`",
            "line 3: cannot advance Atlas AI (2026-A) to mentored: no moving back from funded to mentored",
        ])
        #expect(!report.committed)
        #expect(try fixture.snapshot() == before)
    }
}
