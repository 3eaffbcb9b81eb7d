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
    }
}
