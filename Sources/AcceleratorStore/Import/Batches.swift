import AcceleratorDomain
import Foundation
import GRDB

/// A recorded batch (an import or a decisions file). Its JSON is `BatchJSON`, in AcceleratorPresentation.
public struct BatchSummary: Sendable, Equatable {
    /// The batch id (what `imports undo` takes).
    public var id: Int64
    /// `import` or `decisions`.
    public var kind: String
    /// The file.
    public var file: String
    /// Its SHA-256.
    public var sha256: String
    /// Its dialect, as `DialectSummary.summary` wrote it.
    public var dialect: String
    /// The cohort given, if any.
    public var cohort: String?
    /// Counts.
    public var inserted: Int
    /// Counts.
    public var updated: Int
    /// Counts.
    public var unchanged: Int
    /// Counts.
    public var rejected: Int
    /// Counts.
    public var warnings: Int
    /// When it ran.
    public var createdAt: String
    /// When it was undone, if it was.
    public var undoneAt: String?
    /// Who undid it.
    public var undoneBy: String?
}

/// What an undo did.
public struct UndoOutcome: Sendable, Equatable, Codable {
    /// The batch undone.
    public var batchId: Int64
    /// Rows removed (inserted by the batch).
    public var removed: Int
    /// Rows restored to their previous values.
    public var restored: Int
    /// The cohorts the batch had created, removed with it (those left with no application).
    public var removedCohorts: [String]
}

/// Why a batch cannot be undone; nothing was changed.
public enum UndoError: Error, Equatable, CustomStringConvertible {
    /// No such batch.
    case unknownBatch(Int64)
    /// Undone before.
    case alreadyUndone(Int64, at: String)
    /// Rows of the batch changed since.
    case changedSince(Int64, [String])

    public var description: String { message(.commandLine) }

    /// The message, with where the batches are listed worded by the front end.
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .unknownBatch(let id):
            return "there is no batch \(id); see \(wording.name(.listBatches))"
        case .alreadyUndone(let id, let time):
            return "batch \(id) was already undone at \(time)"
        case .changedSince(let id, let rows):
            let shown = rows.prefix(20).map { "  \($0)" }.joined(separator: "\n")
            let more = rows.count > 20 ? "\n  … and \(rows.count - 20) more" : ""
            return "cannot undo batch \(id): \(rows.count) of its rows changed since it ran, and undoing would lose those changes; nothing was undone:\n\(shown)\(more)"
        }
    }
}

extension AppDatabase {
    /// Every batch, newest first.
    public func batches() throws -> [BatchSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM batch ORDER BY id DESC").map { row in
                BatchSummary(
                    id: row["id"], kind: row["kind"], file: row["file_name"], sha256: row["sha256"], dialect: row["dialect"],
                    cohort: row["cohort"], inserted: row["inserted"], updated: row["updated"], unchanged: row["unchanged"],
                    rejected: row["rejected"], warnings: row["warnings"], createdAt: row["created_at"], undoneAt: row["undone_at"],
                    undoneBy: row["undone_by"])
            }
        }
    }

    /// Reverts an import batch: rows it inserted are removed, rows it updated get their previous
    /// values back; refused, with the rows, when any of them changed since.
    public func undoImport(_ id: Int64, actor: String? = nil) throws -> UndoOutcome {
        try write { db in
            guard let batch = try Row.fetchOne(db, sql: "SELECT kind, undone_at FROM batch WHERE id = ?", arguments: [id]) else {
                throw UndoError.unknownBatch(id)
            }
            if let undoneAt: String = batch["undone_at"] { throw UndoError.alreadyUndone(id, at: undoneAt) }
            guard (batch["kind"] as String) == "import" else {
                throw StoreError.database(path: path, message: "batch \(id) is a decisions batch; undo it with undoDecisions")
            }
            let changes = try Row.fetchAll(
                db, sql: "SELECT entity, entity_id, line, before FROM batch_change WHERE batch_id = ? ORDER BY id DESC",
                arguments: [id])

            // Every row the batch wrote must still be as the batch left it.
            var conflicts: [String] = []
            for change in changes {
                let entity: String = change["entity"]
                let entityId: Int64 = change["entity_id"]
                let line: Int = change["line"]
                let last = try Int64?.fetchOne(
                    db, sql: "SELECT last_batch_id FROM \(entity) WHERE id = ?", arguments: [entityId])
                if last != id {
                    conflicts.append("line \(line): \(try Self.describe(db, entity: entity, id: entityId)) was changed after this import")
                }
            }
            for entity in ["startup", "application"] {
                let changedIds = try Int64.fetchAll(db, sql: """
                    SELECT id FROM \(entity) WHERE created_batch_id = ? AND last_batch_id IS NOT ? ORDER BY id
                    """, arguments: [id, id])
                for entityId in changedIds {
                    conflicts.append("\(try Self.describe(db, entity: entity, id: entityId)) was changed after this import")
                }
            }
            let laterApplications = try Int64.fetchAll(db, sql: """
                SELECT a.id FROM application a JOIN startup s ON s.id = a.startup_id
                 WHERE s.created_batch_id = ? AND a.created_batch_id IS NOT ? ORDER BY a.id
                """, arguments: [id, id])
            for applicationId in laterApplications {
                conflicts.append("\(try Self.describe(db, entity: "application", id: applicationId)) was added after this import")
            }
            guard conflicts.isEmpty else { throw UndoError.changedSince(id, conflicts) }

            var restored = 0
            for change in changes {
                let entity: String = change["entity"]
                let entityId: Int64 = change["entity_id"]
                let values = Dictionary(JSONText.decodePairs(change["before"]), uniquingKeysWith: { $1 })
                let lastBatch = values["last_batch_id"].flatMap { Int64($0) }
                if entity == "application" {
                    try db.execute(
                        sql: "UPDATE application SET applied_on = ?, warnings = ?, extra = ?, last_batch_id = ? WHERE id = ?",
                        arguments: [values["applied_on"], values["warnings"], values["extra"], lastBatch, entityId])
                } else {
                    // Only the columns an import writes: the names come from the stored record, so
                    // they are checked against the known ones before they go into the SQL.
                    let columns = JSONText.decodePairs(change["before"]).map(\.0)
                        .filter { Importer.restorableStartupColumns.contains($0) }
                    let assignments = columns.map { "\($0) = ?" }.joined(separator: ", ")
                    let arguments = columns.map { UndoValues.decode(values[$0] ?? "\u{0}") }
                    try db.execute(
                        sql: "UPDATE startup SET \(assignments), last_batch_id = ? WHERE id = ?",
                        arguments: StatementArguments(arguments + [lastBatch.databaseValue, entityId.databaseValue]))
                    try db.execute(
                        sql: "UPDATE founder SET full_name = ?, email = ? WHERE startup_id = ? AND is_lead = 1",
                        arguments: [values["lead_name"] ?? "", values["lead_email"].flatMap { $0.isEmpty ? nil : $0 }, entityId])
                }
                restored += 1
            }
            try db.execute(sql: "DELETE FROM application WHERE created_batch_id = ?", arguments: [id])
            let removed = db.changesCount
            try db.execute(sql: """
                DELETE FROM founder WHERE startup_id IN (SELECT id FROM startup WHERE created_batch_id = ?)
                """, arguments: [id])
            try db.execute(sql: "DELETE FROM startup WHERE created_batch_id = ?", arguments: [id])
            // A cohort the import created goes with it, unless an application was put in it since.
            let cohorts = try String.fetchAll(db, sql: """
                SELECT code FROM cohort
                 WHERE created_batch_id = ? AND NOT EXISTS (SELECT 1 FROM application WHERE cohort_code = cohort.code)
                 ORDER BY code
                """, arguments: [id])
            for code in cohorts {
                try db.execute(sql: "DELETE FROM cohort WHERE code = ?", arguments: [code])
            }
            try db.execute(sql: "UPDATE batch SET undone_at = ?, undone_by = ? WHERE id = ?", arguments: [clock.timestamp, actor, id])
            return UndoOutcome(batchId: id, removed: removed, restored: restored, removedCohorts: cohorts)
        }
    }

    private static func describe(_ db: Database, entity: String, id: Int64) throws -> String {
        if entity == "startup" {
            let name = try String.fetchOne(db, sql: "SELECT name FROM startup WHERE id = ?", arguments: [id]) ?? "?"
            return "startup \(name) (#\(id))"
        }
        let row = try Row.fetchOne(db, sql: """
            SELECT s.name, a.cohort_code, a.stage FROM application a JOIN startup s ON s.id = a.startup_id WHERE a.id = ?
            """, arguments: [id])
        let name: String = row?["name"] ?? "?"
        let cohort: String = row?["cohort_code"] ?? "?"
        let stage: String = row?["stage"] ?? "?"
        return "the application of \(name) to \(cohort) (now \(stage))"
    }
}
