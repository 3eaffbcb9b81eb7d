import AcceleratorDomain
import Foundation
import GRDB

/// What a move did.
public struct MoveOutcome: Sendable, Equatable, Codable {
    /// The startup's name.
    public var startup: String
    /// The application's cohort.
    public var cohort: String
    /// The application's id.
    public var applicationId: Int64
    /// The stage before.
    public var from: Stage
    /// The stage after.
    public var to: Stage
    /// Whether anything was written (false when the application already was at that stage).
    public var changed: Bool
    /// The stage event written, if any.
    public var eventId: Int64?

    // In JSON the startup is a reference: `startupName`.
    private enum CodingKeys: String, CodingKey {
        case startup = "startupName", cohort, applicationId, from, to, changed, eventId
    }
}

/// Who moves an application, when, and why.
public struct MoveContext: Sendable, Equatable {
    /// Who did it.
    public var actor: String
    /// A free note for the history.
    public var note: String?
    /// When it happened, if not now.
    public var occurredOn: CalendarDate?
    /// The current day.
    public var today: CalendarDate

    /// Creates a context.
    public init(actor: String, note: String? = nil, occurredOn: CalendarDate? = nil, today: CalendarDate) {
        self.actor = actor
        self.note = note
        self.occurredOn = occurredOn
        self.today = today
    }
}

extension MoveContext {
    /// The time stamped on the event: the start of `occurredOn` when given, else now — unless the
    /// caller's today is not the clock's (a fixed `ACCELERATOR_TODAY`), then the start of that day.
    func occurredAt(now: String) -> String {
        if let occurredOn { return Timestamp.startOf(occurredOn) }
        return Timestamp.stamp(now: now, today: today)
    }
}

extension AppDatabase {
    /// Moves a startup's application under the program's rules: the stage change, its event and
    /// its mentor, funding or market record, in one transaction; or nothing, with every reason.
    public func move(
        startup reference: String,
        cohort: String?,
        request: MoveRequest,
        context: MoveContext
    ) throws -> MoveOutcome {
        var context = context
        context.note = CanonicalText.nfc(context.note)
        return try write { [context] db in
            let startup = try Self.resolveStartup(db, reference)
            let application = try Self.resolveApplication(db, startup: startup, cohort: cohort)
            return try Self.move(
                db, applicationId: application.id, startupName: startup.name, cohort: application.cohort,
                request: request.canonical, context: context, now: clock.timestamp)
        }
    }

    /// The state of an application that the rules decide on.
    static func applicationState(_ db: Database, applicationId: Int64) throws -> (state: ApplicationState, cohort: String) {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.stage, a.cohort_code, a.applied_on, a.exit_reason, c.capacity,
                   (SELECT MAX(occurred_at) FROM live_stage_event e WHERE e.application_id = a.id) AS last_move
              FROM application a JOIN cohort c ON c.code = a.cohort_code
             WHERE a.id = ?
            """, arguments: [applicationId])
        else {
            throw StoreError.database(path: db.description, message: "application \(applicationId) vanished")
        }
        let cohort: String = row["cohort_code"]
        let lastMove = (row["last_move"] as String?).flatMap(Timestamp.day(of:))
            ?? (row["applied_on"] as String?).flatMap(Timestamp.day(of:))
        let mentors = try Row.fetchAll(
            db, sql: "SELECT mentor_name, organisation FROM mentor_assignment WHERE application_id = ? AND ended_on IS NULL ORDER BY id",
            arguments: [applicationId]
        ).map { MentorAssignment(mentorName: $0["mentor_name"], organisation: $0["organisation"]) }
        let fundings = try Row.fetchAll(
            db, sql: "SELECT amount_minor, currency, kind, investor, funded_on FROM funding WHERE application_id = ? ORDER BY id",
            arguments: [applicationId]
        ).compactMap(Self.funding(from:))
        let markets = try Row.fetchAll(
            db, sql: "SELECT country, partner FROM market_entry WHERE application_id = ? ORDER BY id",
            arguments: [applicationId]
        ).compactMap { row -> MarketEntry? in
            guard let country = try? CountryCode(row["country"] as String) else { return nil }
            return MarketEntry(country: country, partner: row["partner"])
        }
        let state = ApplicationState(
            stage: Stage(rawValue: row["stage"]) ?? .applied,
            mentors: mentors, fundings: fundings, markets: markets,
            cohortCapacity: row["capacity"],
            cohortMentoredCount: try mentoredEver(db, cohort: cohort),
            lastMoveOn: lastMove,
            exitReason: row["exit_reason"]
        )
        return (state, cohort)
    }

    static func funding(from row: Row) -> Funding? {
        guard let currency = try? CurrencyCode(row["currency"] as String),
            let kind = FundingKind(rawValue: row["kind"]),
            let date = try? CalendarDate.parse(row["funded_on"] as String)
        else { return nil }
        return Funding(
            amount: Money(minorUnits: row["amount_minor"], currency: currency), kind: kind,
            investor: row["investor"], fundedOn: date)
    }

    /// Decides and, when allowed, writes one move inside the caller's transaction.
    static func move(
        _ db: Database,
        applicationId: Int64,
        startupName: String,
        cohort: String,
        request: MoveRequest,
        context: MoveContext,
        now: String
    ) throws -> MoveOutcome {
        try refuseIfVoided(db, applicationId: applicationId, startup: startupName, cohort: cohort)
        let rules = try rules(db)
        let (state, _) = try applicationState(db, applicationId: applicationId)
        let decision = StageRules.decide(request, for: state, rules: rules, today: context.today)
        switch decision {
        case .unchanged:
            return MoveOutcome(
                startup: startupName, cohort: cohort, applicationId: applicationId,
                from: state.stage, to: state.stage, changed: false, eventId: nil)
        case .refused(let refusals):
            throw OperationError.moveRefused(startup: startupName, cohort: cohort, target: request.target, refusals: refusals)
        case .move(let move):
            let occurredAt = context.occurredAt(now: now)
            let day = request.on.description
            try db.execute(
                sql: "UPDATE application SET stage = ?, exit_reason = ?, updated_at = ?, last_batch_id = NULL WHERE id = ?",
                arguments: [move.to.rawValue, move.reason, now, applicationId])
            let note = [move.reason, context.note].compactMap { $0 }.joined(separator: " — ")
            try db.execute(
                sql: """
                    INSERT INTO stage_event (application_id, from_stage, to_stage, occurred_at, recorded_at, actor, note)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [applicationId, move.from.rawValue, move.to.rawValue, occurredAt, now, context.actor,
                            note.isEmpty ? nil : note])
            let eventId = db.lastInsertedRowID
            if let mentor = move.mentor {
                try insertMentor(db, applicationId: applicationId, eventId: eventId, mentor: mentor, on: day)
            }
            if let funding = move.funding {
                try insertFunding(db, applicationId: applicationId, eventId: eventId, funding: funding)
            }
            if let market = move.market {
                try insertMarket(db, applicationId: applicationId, eventId: eventId, market: market, on: day)
            }
            return MoveOutcome(
                startup: startupName, cohort: cohort, applicationId: applicationId,
                from: move.from, to: move.to, changed: true, eventId: eventId)
        }
    }

    static func insertMentor(_ db: Database, applicationId: Int64, eventId: Int64?, mentor: MentorAssignment, on day: String) throws {
        try db.execute(
            sql: """
                INSERT INTO mentor_assignment (application_id, event_id, mentor_name, organisation, assigned_on)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [applicationId, eventId, mentor.mentorName, mentor.organisation, day])
    }

    static func insertFunding(_ db: Database, applicationId: Int64, eventId: Int64?, funding: Funding) throws {
        try db.execute(
            sql: """
                INSERT INTO funding (application_id, event_id, amount_minor, currency, kind, investor, funded_on)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [applicationId, eventId, funding.amount.minorUnits, funding.amount.currency.code,
                        funding.kind.rawValue, funding.investor, funding.fundedOn.description])
    }

    static func insertMarket(_ db: Database, applicationId: Int64, eventId: Int64?, market: MarketEntry, on day: String) throws {
        try db.execute(
            sql: "INSERT INTO market_entry (application_id, event_id, country, partner, entered_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [applicationId, eventId, market.country.code, market.partner, day])
    }
}
