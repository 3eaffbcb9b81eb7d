import AcceleratorDomain
import AcceleratorStore

/// What `fund` or `market` recorded, as `--format json` writes it: the application, the record's
/// kind and id, the line for people (`summary`), and the record itself, `funding` or `market`.
public struct RecordJSON: Encodable, Sendable {
    let startupName: String
    let cohort: String
    let applicationId: Int64
    let stage: Stage
    let record: FurtherRecord
    let recordId: Int64
    let summary: String
    let funding: FundingJSON?
    let market: MarketJSON?
    let mentor: MentorJSON?

    /// The JSON of a further record.
    public init(_ outcome: RecordOutcome) {
        startupName = outcome.startup
        cohort = outcome.cohort
        applicationId = outcome.applicationId
        stage = outcome.stage
        record = outcome.record
        recordId = outcome.recordId
        summary = outcome.summary
        funding = outcome.funding.map(FundingJSON.init)
        market = outcome.market.flatMap { market in outcome.enteredOn.map { MarketJSON(market, enteredOn: $0) } }
        mentor = outcome.mentor.flatMap { mentor in
            outcome.assignedOn.map { MentorJSON(mentor, assignedOn: $0.description, endedOn: nil) }
        }
    }
}

/// A mentor's assignment in JSON: `name`, `organisation`, `assignedOn`, and `endedOn` once ended.
public struct MentorJSON: Encodable, Sendable {
    let name: String
    let organisation: String
    let assignedOn: String
    let endedOn: String?

    init(_ mentor: MentorAssignment, assignedOn: String, endedOn: String?) {
        name = mentor.mentorName
        organisation = mentor.organisation
        self.assignedOn = assignedOn
        self.endedOn = endedOn
    }
}

/// What `mentor end` writes with `--format json`.
public struct MentorEndJSON: Encodable, Sendable {
    let startupId: Int64
    let startupName: String
    let cohort: String
    let applicationId: Int64
    let stage: Stage
    let mentor: MentorJSON
    let remaining: [Remaining]

    /// A mentor who still follows the application.
    struct Remaining: Encodable, Sendable {
        let name: String
        let organisation: String
    }

    /// The JSON of an ended assignment.
    public init(_ outcome: MentorEndOutcome) {
        startupId = outcome.startupId
        startupName = outcome.startup
        cohort = outcome.cohort
        applicationId = outcome.applicationId
        stage = outcome.stage
        mentor = MentorJSON(outcome.mentor, assignedOn: outcome.assignedOn, endedOn: outcome.endedOn.description)
        remaining = outcome.remaining.map { Remaining(name: $0.mentorName, organisation: $0.organisation) }
    }
}

/// A batch as `imports --format json` writes it, its dialect the same object as the import's report.
public struct BatchJSON: Encodable, Sendable {
    let id: Int64
    let kind: String
    let file: String
    let sha256: String
    let dialect: DialectSummary?
    let cohort: String?
    let inserted: Int
    let updated: Int
    let unchanged: Int
    let rejected: Int
    let warnings: Int
    let createdAt: String
    let undoneAt: String?
    let undoneBy: String?

    /// The JSON of a batch.
    public init(_ batch: BatchSummary) {
        id = batch.id
        kind = batch.kind
        file = batch.file
        sha256 = batch.sha256
        // The batch table keeps the dialect's line for people, which reads back whole.
        dialect = DialectSummary(storedSummary: batch.dialect)
        cohort = batch.cohort
        inserted = batch.inserted
        updated = batch.updated
        unchanged = batch.unchanged
        rejected = batch.rejected
        warnings = batch.warnings
        createdAt = batch.createdAt
        undoneAt = batch.undoneAt
        undoneBy = batch.undoneBy
    }
}
