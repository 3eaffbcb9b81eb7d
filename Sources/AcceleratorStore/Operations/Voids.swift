import AcceleratorDomain
import Foundation
import GRDB

/// A void refused; nothing was written.
public enum VoidError: Error, Equatable, CustomStringConvertible {
    /// The application went past `applied`: leaving now is a real exit.
    case pastApplied(startup: String, cohort: String, stage: Stage)
    /// The application was voided already.
    case alreadyVoided(startup: String, cohort: String, voidedAt: String)
    /// No reason was given (or only spaces).
    case reasonMissing(startup: String, cohort: String)
    /// A move, a further record or a note asked of a voided application.
    case voided(startup: String, cohort: String, voidedAt: String)

    /// The error with the inputs and actions named by the caller's front end.
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .pastApplied(let startup, let cohort, let stage):
            return "cannot void \(startup) (\(cohort)): the application is \(stage), so it was not entered in error; "
                + "end it with \(wording.name(.exitApplication)) (an exit counts in the reports)"
        case .alreadyVoided(let startup, let cohort, let voidedAt):
            return "the application of \(startup) (\(cohort)) was voided on \(voidedAt.prefix(10)); nothing was changed"
        case .reasonMissing(let startup, let cohort):
            return "cannot void \(startup) (\(cohort)) without a reason: say why \(wording.pointing(to: .move(.reason), value: nil))"
        case .voided(let startup, let cohort, let voidedAt):
            return "the application of \(startup) (\(cohort)) was voided on \(voidedAt.prefix(10)) "
                + "(entered in error): it is kept for the record only and cannot change; nothing was recorded"
        }
    }

    public var description: String { message(.commandLine) }
}

extension VoidError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .pastApplied, .voided: .refused
        case .alreadyVoided: .conflict
        case .reasonMissing: .invalidInput
        }
    }

    public var code: String {
        switch self {
        case .pastApplied: "void.past_applied"
        case .alreadyVoided: "void.already_voided"
        case .reasonMissing: "void.reason_missing"
        case .voided: "void.application_voided"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .pastApplied(let startup, let cohort, let stage):
            ErrorFacts(value: stage.rawValue, startup: startup, cohort: cohort)
        case .alreadyVoided(let startup, let cohort, let voidedAt), .voided(let startup, let cohort, let voidedAt):
            ErrorFacts(value: voidedAt, startup: startup, cohort: cohort)
        case .reasonMissing(let startup, let cohort):
            ErrorFacts(missing: [MoveInput.reason.fieldName], startup: startup, cohort: cohort)
        }
    }
}

/// An application voided: entered in error, kept with its history, counted nowhere since.
public struct VoidEntry: Sendable, Equatable, Codable {
    /// The application's id.
    public var applicationId: Int64
    /// Its cohort.
    public var cohort: String
    /// When it was voided: reports as of an earlier day still count it.
    public var voidedAt: String
    /// Who voided it.
    public var actor: String
    /// Why.
    public var reason: String
}

/// What `void` did.
public struct VoidOutcome: Sendable, Equatable, Encodable {
    /// The startup's id.
    public var startupId: Int64
    /// The startup's name.
    public var startup: String
    /// The void recorded.
    public var void: VoidEntry

    private enum CodingKeys: String, CodingKey {
        case startupId, startup = "startupName", void
    }
}

extension AppDatabase {
    /// Voids an application entered in error: it stays, with its history, but from now on it is in
    /// no count, rate or place of a report, no listing (but `list --include-void`) and no export,
    /// and it cannot move. Only an application still `applied` can be voided; one that went further
    /// leaves by a real exit.
    public func void(startup reference: String, cohort: String?, reason: String, actor: String, today: CalendarDate) throws -> VoidOutcome {
        try write { db in
            let startup = try Self.resolveStartup(db, reference)
            let application = try Self.resolveApplication(db, startup: startup, cohort: cohort)
            let reason = CanonicalText.nfc(reason.trimmedText)
            guard let row = try Row.fetchOne(
                db, sql: "SELECT stage, voided_at FROM application WHERE id = ?", arguments: [application.id])
            else { throw OperationError.noApplication(startup: startup.name) }
            if let voidedAt: String = row["voided_at"] {
                throw VoidError.alreadyVoided(startup: startup.name, cohort: application.cohort, voidedAt: voidedAt)
            }
            let stage = Stage(rawValue: row["stage"]) ?? .applied
            guard stage == .applied else {
                throw VoidError.pastApplied(startup: startup.name, cohort: application.cohort, stage: stage)
            }
            guard !reason.isEmpty else { throw VoidError.reasonMissing(startup: startup.name, cohort: application.cohort) }
            let now = clock.timestamp
            let voidedAt = Timestamp.stamp(now: now, today: today)
            try db.execute(
                sql: "INSERT INTO application_void (application_id, voided_at, recorded_at, actor, reason) VALUES (?, ?, ?, ?, ?)",
                arguments: [application.id, voidedAt, now, actor, reason])
            try db.execute(
                sql: "UPDATE application SET voided_at = ?, updated_at = ?, last_batch_id = NULL WHERE id = ?",
                arguments: [voidedAt, now, application.id])
            return VoidOutcome(
                startupId: startup.id, startup: startup.name,
                void: VoidEntry(applicationId: application.id, cohort: application.cohort, voidedAt: voidedAt, actor: actor, reason: reason))
        }
    }

    /// Refuses a change to an application that was voided.
    static func refuseIfVoided(_ db: Database, applicationId: Int64, startup: String, cohort: String) throws {
        if let voidedAt = try String.fetchOne(
            db.cachedStatement(sql: "SELECT voided_at FROM application WHERE id = ?"), arguments: [applicationId])
        {
            throw VoidError.voided(startup: startup, cohort: cohort, voidedAt: voidedAt)
        }
    }

    /// The voids of a startup's applications, oldest first.
    static func voids(_ db: Database, startupId: Int64) throws -> [VoidEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT v.application_id, a.cohort_code, v.voided_at, v.actor, v.reason
                  FROM application_void v JOIN application a ON a.id = v.application_id
                 WHERE a.startup_id = ? ORDER BY v.voided_at, v.application_id
                """,
            arguments: [startupId]
        ).map { row in
            VoidEntry(
                applicationId: row["application_id"], cohort: row["cohort_code"], voidedAt: row["voided_at"], actor: row["actor"],
                reason: row["reason"])
        }
    }
}
