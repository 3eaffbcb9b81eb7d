import Foundation
import GRDB

/// One erasure of a startup's personal data, as its history shows it.
public struct ErasureEntry: Sendable, Equatable, Codable {
    /// The erasure's id.
    public var id: Int64
    /// When it was done (UTC).
    public var erasedAt: String
    /// Who did it.
    public var actor: String
    /// Why (the person's request, a retention limit…), if given.
    public var reason: String?
    /// How many founder records were erased.
    public var founders: Int
    /// What was erased, for people: `founders' names and e-mails, the startup's phone`.
    public var fields: String
}

/// What `forget` did.
public struct ErasureOutcome: Sendable, Equatable, Codable {
    /// The startup's id.
    public var startupId: Int64
    /// The startup's name (a company's name, kept).
    public var startupName: String
    /// The erasure recorded, or `nil` when there was nothing left to erase.
    public var erasure: ErasureEntry?
    /// The earlier erasures of this startup, oldest first.
    public var earlier: [ErasureEntry]
}

extension AppDatabase {
    /// What replaces a founder's name once erased.
    public static let erasedName = "[erased]"

    /// Erases the personal data of a startup's people under Moroccan law 09-08 (the right to
    /// erasure): founders' names become "[erased]", their e-mails and the startup's phone are
    /// removed, here and in the undo records of imports. The startup, its applications, stages,
    /// mentors, funding and markets stay, so every anonymous count stays right. The erasure is
    /// recorded, append-only, and shown by `history`. One transaction; nothing is asked.
    ///
    /// Erasing makes the imports that wrote this startup impossible to undo (an undo would bring
    /// the data back): the startup is marked as written since, as any other change does.
    /// SQLite's `secure_delete` is on during the erasure and the WAL is checkpointed afterwards, so
    /// the erased bytes do not linger in free space or in the write-ahead log.
    ///
    /// - Throws: `OperationError.unknownStartup` / `.ambiguousStartup` for a reference that names no
    ///   single startup; `StoreError` for the database.
    public func forget(_ reference: String, actor: String, reason: String?) throws -> ErasureOutcome {
        do {
            return try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                let outcome = try Self.transaction(db) {
                    (try Self.erase(db, reference: reference, actor: actor, reason: reason, now: clock.timestamp), commit: true)
                }
                try db.execute(sql: "PRAGMA secure_delete = OFF")
                if outcome.erasure != nil {
                    // Best effort: a reader holding an old snapshot keeps some frames until it ends.
                    _ = try? Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                }
                return outcome
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    static func erase(_ db: Database, reference: String, actor: String, reason: String?, now: String) throws -> ErasureOutcome {
        let startup = try resolveStartup(db, reference)
        let earlier = try erasures(db, startupId: startup.id)
        let founders = try Row.fetchAll(
            db, sql: "SELECT id, full_name, email FROM founder WHERE startup_id = ? ORDER BY position", arguments: [startup.id])
        let phone = try String.fetchOne(db, sql: "SELECT phone FROM startup WHERE id = ?", arguments: [startup.id])
        let named = founders.filter { ($0["full_name"] as String) != erasedName || ($0["email"] as String?) != nil }
        let batchRecords = try Row.fetchAll(
            db, sql: "SELECT id, before FROM batch_change WHERE entity = 'startup' AND entity_id = ? AND before IS NOT NULL",
            arguments: [startup.id]
        ).filter { row in
            JSONText.decodePairs(row["before"]).contains { column, value in
                guard let erased = Self.personalColumns[column] else { return false }
                return value != erased
            }
        }
        let loggedValues = try ChangeLog.personalValues(db, startupId: startup.id)
        // A note is free text, written about people as often as about the company: it goes whole.
        let notes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM note WHERE startup_id = ? AND erased = 0", arguments: [startup.id]) ?? 0
        if named.isEmpty && phone == nil && batchRecords.isEmpty && loggedValues == 0 && notes == 0 {
            return ErasureOutcome(startupId: startup.id, startupName: startup.name, erasure: nil, earlier: earlier)
        }

        try db.execute(
            sql: "UPDATE founder SET full_name = ?, email = NULL WHERE startup_id = ?", arguments: [erasedName, startup.id])
        try db.execute(
            sql: "UPDATE startup SET phone = NULL, lead_email_key = NULL, last_batch_id = NULL, updated_at = ? WHERE id = ?",
            arguments: [now, startup.id])
        for record in batchRecords {
            let pairs = JSONText.decodePairs(record["before"]).map { pair in (pair.0, Self.personalColumns[pair.0] ?? pair.1) }
            try db.execute(
                sql: "UPDATE batch_change SET before = ? WHERE id = ?", arguments: [JSONText.encode(pairs: pairs), record["id"] as Int64])
        }

        try ChangeLog.erase(db, startupId: startup.id)
        try db.execute(
            sql: "UPDATE note SET text = ?, erased = 1 WHERE startup_id = ? AND erased = 0", arguments: [erasedName, startup.id])

        var fields: [String] = []
        if !named.isEmpty { fields.append("founders' names and e-mails") }
        if phone != nil { fields.append("the startup's phone") }
        if !batchRecords.isEmpty { fields.append("copies kept to undo imports") }
        if loggedValues > 0 { fields.append("the values kept by recorded corrections") }
        if notes > 0 { fields.append("the notes") }
        let erasedAt = now
        let summary = fields.joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO erasure (startup_id, erased_at, actor, reason, founders, fields) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [startup.id, erasedAt, actor, reason, named.count, summary])
        let entry = ErasureEntry(
            id: db.lastInsertedRowID, erasedAt: erasedAt, actor: actor, reason: reason, founders: named.count, fields: summary)
        return ErasureOutcome(startupId: startup.id, startupName: startup.name, erasure: entry, earlier: earlier)
    }

    /// The personal columns of a startup's undo record (see `Importer.updateStartup`) and what
    /// replaces them once erased, in that record's encoding.
    static let personalColumns: [String: String] = [
        "lead_name": erasedName, "lead_email": "", "lead_email_key": "\u{0}", "phone": "\u{0}",
    ]

    /// The erasures of one startup, oldest first.
    static func erasures(_ db: Database, startupId: Int64) throws -> [ErasureEntry] {
        try Row.fetchAll(
            db, sql: "SELECT id, erased_at, actor, reason, founders, fields FROM erasure WHERE startup_id = ? ORDER BY id",
            arguments: [startupId]
        ).map { row in
            ErasureEntry(
                id: row["id"], erasedAt: row["erased_at"], actor: row["actor"], reason: row["reason"],
                founders: row["founders"], fields: row["fields"])
        }
    }
}
