import AcceleratorDomain
import Foundation
import GRDB

/// What a further funding round or market records on an application already past that gate.
public enum FurtherRecord: String, Sendable, Codable {
    /// A funding round after the one that passed the gate to `funded`.
    case funding
    /// A market after the one that passed the gate to `international`.
    case market
    /// A mentor beside the one who passed the gate to `mentored`.
    case mentor

    /// The stages an application must be at to take this record.
    public var allowedStages: [Stage] {
        switch self {
        case .funding: [.funded, .international]
        case .market: [.international]
        case .mentor: [.mentored, .funded, .international]
        }
    }

    /// What one record is called.
    var noun: String {
        switch self {
        case .funding: "funding round"
        case .market: "market"
        case .mentor: "mentor"
        }
    }

    /// The stage whose gate first records it.
    var gate: Stage {
        switch self {
        case .funding: .funded
        case .market: .international
        case .mentor: .mentored
        }
    }
}

/// A further record refused; nothing was written.
public struct RecordRefused: Error, Equatable, CustomStringConvertible {
    /// The startup's name.
    public var startup: String
    /// The application's cohort.
    public var cohort: String
    /// What was to be recorded.
    public var record: FurtherRecord
    /// The application's stage, when it is not past the gate.
    public var stageNotAllowed: Stage?
    /// What is wrong with the details given.
    public var refusals: [Refusal]

    /// Creates a refusal.
    public init(startup: String, cohort: String, record: FurtherRecord, stageNotAllowed: Stage?, refusals: [Refusal]) {
        self.startup = startup
        self.cohort = cohort
        self.record = record
        self.stageNotAllowed = stageNotAllowed
        self.refusals = refusals
    }

    /// The refusal with the inputs named by the caller's front end (`--amount`, a column).
    public func message(_ wording: some Wording) -> String {
        var reasons: [String] = []
        if let stage = stageNotAllowed {
            let allowed = record.allowedStages.map(\.rawValue).joined(separator: " or ")
            reasons.append(
                "the application is \(stage); a further \(record.noun) is recorded only once it is \(allowed) "
                    + "(the first is recorded by \(wording.name(.furtherRecord(gate: record.gate))))")
        }
        reasons += refusals.map(wording.explain)
        let what = switch record {
        case .funding: "funding"
        case .market: "a market"
        case .mentor: "a mentor"
        }
        return "cannot record \(what) for \(startup) (\(cohort)): "
            + reasons.joined(separator: "; ")
    }

    public var description: String { message(.commandLine) }

    /// What the refusal is about, as data.
    public var facts: ErrorFacts {
        ErrorFacts.refusals(refusals).merging(ErrorFacts(
            rules: stageNotAllowed == nil ? nil : [code] + refusals.map(\.code), startup: startup, cohort: cohort))
    }
}

/// What `fund` or `market` recorded. Its JSON is `RecordJSON`, in AcceleratorPresentation.
public struct RecordOutcome: Sendable, Equatable {
    /// The startup's name.
    public var startup: String
    /// The application's cohort.
    public var cohort: String
    /// The application's id.
    public var applicationId: Int64
    /// The application's stage (unchanged).
    public var stage: Stage
    /// What was recorded.
    public var record: FurtherRecord
    /// The record's id.
    public var recordId: Int64
    /// One line for people: `1500000.00 MAD equity from UM6P Ventures on 2026-09-01`.
    public var summary: String
    /// The funding round recorded, for `fund`.
    public var funding: Funding?
    /// The market recorded, for `market`.
    public var market: MarketEntry?
    /// The day the market was entered, for `market`.
    public var enteredOn: CalendarDate?
    /// The mentor assigned, for `mentor add`.
    public var mentor: MentorAssignment?
    /// The day the mentor was assigned, for `mentor add`.
    public var assignedOn: CalendarDate?
}

extension AppDatabase {
    /// Records a further funding round on an application already funded or international, after the
    /// same checks as the funding gate. No stage event: the stage does not change; the application
    /// is marked as written outside any batch, so a decisions batch before it can no longer be undone.
    public func recordFunding(
        startup reference: String, cohort: String?, draft: FundingDraft, today: CalendarDate
    ) throws -> RecordOutcome {
        let draft = draft.canonical
        return try write { db in
            let (startup, application, stage) = try Self.recordTarget(db, reference, cohort: cohort)
            var refusals: [Refusal] = []
            var funding: Funding?
            switch StageRules.funding(from: draft, today: today) {
            case .success(let valid?): funding = valid
            case .success(nil): refusals.append(.noFunding)
            case .failure(let failures): refusals += failures.refusals
            }
            let allowed = FurtherRecord.funding.allowedStages.contains(stage)
            guard allowed, refusals.isEmpty, let funding else {
                throw RecordRefused(
                    startup: startup.name, cohort: application.cohort, record: .funding,
                    stageNotAllowed: allowed ? nil : stage, refusals: refusals)
            }
            try Self.insertFunding(db, applicationId: application.id, eventId: nil, funding: funding)
            let recordId = db.lastInsertedRowID
            try Self.markWrittenOutsideBatch(db, applicationId: application.id, now: clock.timestamp)
            return RecordOutcome(
                startup: startup.name, cohort: application.cohort, applicationId: application.id, stage: stage,
                record: .funding, recordId: recordId,
                summary: "\(funding.amount) \(funding.kind) from \(funding.investor) on \(funding.fundedOn)",
                funding: funding)
        }
    }

    /// Records a further market on an application already international, after the same checks as
    /// the international gate (in the network, never Morocco), dated `today`. No stage event; the
    /// application is marked as written outside any batch.
    public func recordMarket(
        startup reference: String, cohort: String?, draft: MarketDraft, today: CalendarDate
    ) throws -> RecordOutcome {
        let draft = draft.canonical
        return try write { db in
            let (startup, application, stage) = try Self.recordTarget(db, reference, cohort: cohort)
            let rules = try Self.rules(db)
            var refusals: [Refusal] = []
            var market: MarketEntry?
            switch StageRules.market(from: draft, rules: rules) {
            case .success(let valid?): market = valid
            case .success(nil): refusals.append(.noMarket)
            case .failure(let refusal): refusals.append(refusal)
            }
            let allowed = FurtherRecord.market.allowedStages.contains(stage)
            guard allowed, refusals.isEmpty, let market else {
                throw RecordRefused(
                    startup: startup.name, cohort: application.cohort, record: .market,
                    stageNotAllowed: allowed ? nil : stage, refusals: refusals)
            }
            try Self.insertMarket(db, applicationId: application.id, eventId: nil, market: market, on: today.description)
            let recordId = db.lastInsertedRowID
            try Self.markWrittenOutsideBatch(db, applicationId: application.id, now: clock.timestamp)
            let partner = market.partner.map { " with \($0)" } ?? ""
            return RecordOutcome(
                startup: startup.name, cohort: application.cohort, applicationId: application.id, stage: stage,
                record: .market, recordId: recordId,
                summary: "\(market.country.englishName) (\(market.country.code))\(partner) since \(today)",
                market: market, enteredOn: today)
        }
    }

    /// The application a further record is for, with its stage.
    static func recordTarget(
        _ db: Database, _ reference: String, cohort: String?
    ) throws -> (ResolvedStartup, (id: Int64, cohort: String), Stage) {
        let startup = try resolveStartup(db, reference)
        let application = try resolveApplication(db, startup: startup, cohort: cohort)
        let stage = try String.fetchOne(db, sql: "SELECT stage FROM application WHERE id = ?", arguments: [application.id])
            .flatMap(Stage.init(rawValue:)) ?? .applied
        return (startup, application, stage)
    }

    static func markWrittenOutsideBatch(_ db: Database, applicationId: Int64, now: String) throws {
        try db.execute(
            sql: "UPDATE application SET updated_at = ?, last_batch_id = NULL WHERE id = ?",
            arguments: [now, applicationId])
    }
}
