import AcceleratorDomain
import Foundation
import GRDB

/// The two kinds of batch, as the `batch` table records them.
public enum BatchKind: String, Sendable, Codable {
    /// An applicant spreadsheet (`accelerator import`).
    case `import`
    /// A committee's decisions file (`accelerator decisions`).
    case decisions
}

/// One application put back by the undo of a decisions batch.
public struct RestoredApplication: Sendable, Equatable, Codable {
    /// The startup's name.
    public var startup: String
    /// The application's cohort.
    public var cohort: String
    /// The stage the batch had left it in.
    public var from: Stage
    /// The stage it had before the batch, restored.
    public var to: Stage
    /// The compensating stage event written.
    public var eventId: Int64

    // In JSON the startup is a reference: `startupName`.
    private enum CodingKeys: String, CodingKey {
        case startup = "startupName", cohort, from, to, eventId
    }
}

/// What the undo of a decisions batch did.
public struct DecisionsUndoOutcome: Sendable, Equatable, Codable {
    /// The batch undone.
    public var batchId: Int64
    /// The applications put back, in the order the file first moved them.
    public var restored: [RestoredApplication]
    /// Mentor, funding and market records that the batch had added, removed.
    public var removedRecords: Int
}

extension AppDatabase {
    /// The kind of a batch; `UndoError.unknownBatch` when there is none.
    public func batchKind(_ id: Int64) throws -> BatchKind {
        try read { db in
            guard let kind = try String.fetchOne(db, sql: "SELECT kind FROM batch WHERE id = ?", arguments: [id]) else {
                throw UndoError.unknownBatch(id)
            }
            guard let batchKind = BatchKind(rawValue: kind) else {
                throw StoreError.database(path: path, message: "batch \(id) has an unknown kind “\(kind)”")
            }
            return batchKind
        }
    }

    /// Reverts a decisions batch while nothing has happened since to the applications it moved:
    /// each goes back to the stage it had before the batch through one new, compensating stage
    /// event (history stays append-only: the batch's events stay, the undo is one more), and the
    /// mentor, funding and market records the batch added are removed. Refused, with the
    /// applications and what happened to them, when any of them moved or changed after the batch.
    ///
    /// The compensating event is recorded now (`recorded_at`) but takes effect when the batch's
    /// last move of the application did (`occurred_at`): the history stays in order, an "as of"
    /// view after the batch's dates shows the stages restored, and the corrected file can be
    /// applied again with the committee's own dates.
    public func undoDecisions(_ id: Int64, actor: String) throws -> DecisionsUndoOutcome {
        try write { db in
            guard let batch = try Row.fetchOne(db, sql: "SELECT kind, undone_at FROM batch WHERE id = ?", arguments: [id]) else {
                throw UndoError.unknownBatch(id)
            }
            guard (batch["kind"] as String) == BatchKind.decisions.rawValue else {
                throw StoreError.database(path: path, message: "batch \(id) is an import, not a decisions batch; undo it with undoImport")
            }
            if let undoneAt: String = batch["undone_at"] { throw UndoError.alreadyUndone(id, at: undoneAt) }

            let applications = try Self.batchApplications(db, batchId: id)
            var conflicts: [String] = []
            for application in applications {
                conflicts += try Self.changesSince(db, batchId: id, application: application)
            }
            guard conflicts.isEmpty else { throw UndoError.changedSince(id, conflicts) }

            let now = clock.timestamp
            var restored: [RestoredApplication] = []
            var removedRecords = 0
            for application in applications {
                try db.execute(
                    sql: """
                        INSERT INTO stage_event (application_id, from_stage, to_stage, occurred_at, recorded_at, actor, note)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [application.id, application.current.rawValue, application.before.rawValue,
                                application.lastOccurredAt, now, actor, "undo of decisions batch \(id)"])
                let eventId = db.lastInsertedRowID
                // The reversal belongs to the batch too: once undone, both drop out of live_stage_event.
                try db.execute(
                    sql: "INSERT INTO batch_event (batch_id, event_id, application_id, line) VALUES (?, ?, ?, 0)",
                    arguments: [id, eventId, application.id])
                for table in ["mentor_assignment", "funding", "market_entry"] {
                    try db.execute(
                        sql: """
                            DELETE FROM \(table)
                             WHERE application_id = ?
                               AND event_id IN (SELECT event_id FROM batch_event WHERE batch_id = ? AND application_id = ?)
                            """,
                        arguments: [application.id, id, application.id])
                    removedRecords += db.changesCount
                }
                // The stage before a batch is never an exit (nothing moves out of one), so no exit reason.
                try db.execute(
                    sql: "UPDATE application SET stage = ?, exit_reason = NULL, updated_at = ?, last_batch_id = NULL WHERE id = ?",
                    arguments: [application.before.rawValue, now, application.id])
                restored.append(RestoredApplication(
                    startup: application.startup, cohort: application.cohort, from: application.current,
                    to: application.before, eventId: eventId))
            }
            try db.execute(sql: "UPDATE batch SET undone_at = ?, undone_by = ? WHERE id = ?", arguments: [now, actor, id])
            return DecisionsUndoOutcome(batchId: id, restored: restored, removedRecords: removedRecords)
        }
    }

    /// An application a decisions batch moved, as the batch found and left it.
    struct BatchApplication {
        var id: Int64
        var startup: String
        var cohort: String
        /// The stage before the batch's first move of it.
        var before: Stage
        /// The stage now.
        var current: Stage
        /// The batch's last event on it.
        var lastEventId: Int64
        /// When the batch's last event on it happened.
        var lastOccurredAt: String
        /// The line of the batch's last row for it.
        var lastLine: Int
        /// The batch that last wrote the application.
        var lastBatchId: Int64?
    }

    /// The applications a batch moved, in the order the file first moved them.
    static func batchApplications(_ db: Database, batchId: Int64) throws -> [BatchApplication] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT b.application_id, b.line, e.id AS event_id, e.from_stage, e.to_stage, e.occurred_at,
                   a.stage, a.cohort_code, a.last_batch_id, s.name
              FROM batch_event b
              JOIN stage_event e ON e.id = b.event_id
              JOIN application a ON a.id = b.application_id
              JOIN startup s ON s.id = a.startup_id
             WHERE b.batch_id = ?
             ORDER BY e.id
            """, arguments: [batchId])
        var applications: [BatchApplication] = []
        var index: [Int64: Int] = [:]
        for row in rows {
            let id: Int64 = row["application_id"]
            if let position = index[id] {
                applications[position].lastEventId = row["event_id"]
                applications[position].lastOccurredAt = row["occurred_at"]
                applications[position].lastLine = row["line"]
            } else {
                index[id] = applications.count
                applications.append(BatchApplication(
                    id: id, startup: row["name"], cohort: row["cohort_code"],
                    before: Stage(rawValue: row["from_stage"]) ?? .applied,
                    current: Stage(rawValue: row["stage"]) ?? .applied,
                    lastEventId: row["event_id"], lastOccurredAt: row["occurred_at"], lastLine: row["line"], lastBatchId: row["last_batch_id"]))
            }
        }
        return applications
    }

    /// What happened to an application after the batch, one line each; empty when nothing did.
    static func changesSince(_ db: Database, batchId: Int64, application: BatchApplication) throws -> [String] {
        let name = "\(application.startup) (\(application.cohort))"
        let later = try Row.fetchAll(db, sql: """
            SELECT from_stage, to_stage, occurred_at FROM stage_event WHERE application_id = ? AND id > ? ORDER BY id
            """, arguments: [application.id, application.lastEventId])
        if !later.isEmpty {
            return later.map { event in
                let from: String = event["from_stage"]
                let to: String = event["to_stage"]
                let day = String((event["occurred_at"] as String).prefix(10))
                return "line \(application.lastLine): \(name) moved \(from) → \(to) on \(day), after this batch"
            }
        }
        if application.lastBatchId != batchId {
            return ["line \(application.lastLine): \(name) was changed after this batch (a funding round, a market or an import)"]
        }
        return []
    }
}

/// What undoing a batch did, by the batch's kind.
public enum BatchUndoOutcome: Sendable, Equatable, Encodable {
    /// An import's undo: rows removed and restored.
    case importBatch(UndoOutcome)
    /// A decisions batch's undo: the compensating moves.
    case decisions(DecisionsUndoOutcome)

    /// Encoded as the outcome itself, as each kind's undo has always been.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .importBatch(let outcome): try outcome.encode(to: encoder)
        case .decisions(let outcome): try outcome.encode(to: encoder)
        }
    }
}

extension AppDatabase {
    /// Undoes a batch of any kind: an import (`undoImport`) or a decisions file (`undoDecisions`),
    /// whichever the batch is. `UndoError` when it is unknown, already undone, or changed since.
    public func undoBatch(_ id: Int64, actor: String) throws -> BatchUndoOutcome {
        switch try batchKind(id) {
        case .import: .importBatch(try undoImport(id, actor: actor))
        case .decisions: .decisions(try undoDecisions(id, actor: actor))
        }
    }
}
