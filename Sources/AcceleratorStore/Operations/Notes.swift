import AcceleratorDomain
import Foundation
import GRDB

/// A note refused; nothing was written.
public enum NoteError: Error, Equatable, CustomStringConvertible {
    /// The note has no text (or only spaces).
    case empty(startup: String)

    /// The error with the inputs named by the caller's front end.
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .empty(let startup): "a note on \(startup) needs a text; nothing was recorded"
        }
    }

    public var description: String { message(.commandLine) }
}

extension NoteError: ClassifiedError {
    public var kind: ErrorKind { .invalidInput }

    public var code: String {
        switch self {
        case .empty: "note.empty"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .empty(let startup): ErrorFacts(missing: ["text"], startup: startup)
        }
    }
}

/// A note on a startup, or on one of its applications.
public struct NoteEntry: Sendable, Equatable, Codable {
    /// The note's id.
    public var id: Int64
    /// The application it is about, if one.
    public var applicationId: Int64?
    /// That application's cohort.
    public var cohort: String?
    /// When it was written.
    public var recordedAt: String
    /// Who wrote it.
    public var actor: String
    /// What it says (`[erased]` once `forget` erased it).
    public var text: String
}

/// What `note` did.
public struct NoteOutcome: Sendable, Equatable, Encodable {
    /// The startup's id.
    public var startupId: Int64
    /// The startup's name.
    public var startup: String
    /// The note recorded.
    public var note: NoteEntry

    private enum CodingKeys: String, CodingKey {
        case startupId, startup = "startupName", note
    }
}

extension AppDatabase {
    /// Adds a note to a startup, on its application in `cohort` when given. Notes are append-only;
    /// `show` and `history` print them, exports leave them out.
    public func addNote(startup reference: String, cohort: String?, text: String, actor: String) throws -> NoteOutcome {
        try write { db in
            let startup = try Self.resolveStartup(db, reference)
            let text = CanonicalText.nfc(text.trimmedText)
            guard !text.isEmpty else { throw NoteError.empty(startup: startup.name) }
            let application = try cohort.map { try Self.resolveApplication(db, startup: startup, cohort: $0) }
            let now = clock.timestamp
            try db.execute(
                sql: "INSERT INTO note (startup_id, application_id, text, recorded_at, actor) VALUES (?, ?, ?, ?, ?)",
                arguments: [startup.id, application?.id, text, now, actor])
            let id = db.lastInsertedRowID
            // Written outside any batch: the import that created the startup can no longer be undone
            // without losing the note.
            try db.execute(sql: "UPDATE startup SET last_batch_id = NULL WHERE id = ?", arguments: [startup.id])
            if let application { try Self.markWrittenOutsideBatch(db, applicationId: application.id, now: now) }
            return NoteOutcome(
                startupId: startup.id, startup: startup.name,
                note: NoteEntry(
                    id: id, applicationId: application?.id, cohort: application?.cohort, recordedAt: now, actor: actor, text: text))
        }
    }

    /// The notes on a startup, oldest first.
    static func notes(_ db: Database, startupId: Int64) throws -> [NoteEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT n.id, n.application_id, a.cohort_code, n.recorded_at, n.actor, n.text
                  FROM note n LEFT JOIN application a ON a.id = n.application_id
                 WHERE n.startup_id = ? ORDER BY n.id
                """,
            arguments: [startupId]
        ).map { row in
            NoteEntry(
                id: row["id"], applicationId: row["application_id"], cohort: row["cohort_code"], recordedAt: row["recorded_at"],
                actor: row["actor"], text: row["text"])
        }
    }
}
