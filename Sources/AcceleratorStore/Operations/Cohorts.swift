import AcceleratorDomain
import Foundation
import GRDB

/// A cohort with its counts.
public struct CohortSummary: Sendable, Equatable, Codable {
    /// The cohort's code, e.g. `2026-A`.
    public var code: String
    /// The day it starts.
    public var startsOn: String
    /// How many applications may ever reach `mentored`.
    public var capacity: Int
    /// How many applications it has.
    public var applications: Int
    /// How many of them ever reached `mentored` (places taken).
    public var mentoredEver: Int
}

/// A cohort that a command created because it named one that did not exist.
public struct CreatedCohort: Sendable, Equatable, Codable {
    /// The code.
    public var code: String
    /// The default capacity it was given.
    public var capacity: Int
    /// Its start day.
    public var startsOn: String
}

extension AppDatabase {
    /// Normalises a cohort code as staff type it (`2026-a` → `2026-A`).
    public static func cohortCode(_ text: String) throws(OperationError) -> String {
        let code = text.trimmedText.uppercased()
        let isValid = !code.isEmpty && code.utf8.count <= 32 && code.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        guard isValid else { throw .invalidCohortCode(text) }
        return code
    }

    /// Adds a cohort.
    public func addCohort(code text: String, startsOn: CalendarDate, capacity: Int?) throws -> CohortSummary {
        let code = try Self.cohortCode(text)
        return try write { db in
            let rules = try Self.rules(db)
            let capacity = capacity ?? rules.defaultCapacity
            guard capacity >= 1 else { throw OperationError.invalidCapacity(capacity) }
            guard try Self.cohortExists(db, code: code) == false else { throw OperationError.cohortExists(code) }
            try db.execute(
                sql: "INSERT INTO cohort (code, starts_on, capacity, created_at) VALUES (?, ?, ?, ?)",
                arguments: [code, startsOn.description, capacity, clock.timestamp]
            )
            return CohortSummary(code: code, startsOn: startsOn.description, capacity: capacity, applications: 0, mentoredEver: 0)
        }
    }

    /// Every cohort, by code.
    public func cohorts() throws -> [CohortSummary] {
        try read { db in try Self.cohortSummaries(db) }
    }

    /// Every cohort with its counts, by code.
    static func cohortSummaries(_ db: Database) throws -> [CohortSummary] {
        try Row.fetchAll(db, sql: """
            SELECT c.code, c.starts_on, c.capacity,
                   (SELECT COUNT(*) FROM application a WHERE a.cohort_code = c.code AND a.voided_at IS NULL) AS applications,
                   (SELECT COUNT(DISTINCT e.application_id) FROM live_stage_event e
                      JOIN application a ON a.id = e.application_id
                     WHERE a.cohort_code = c.code AND e.to_stage = 'mentored') AS mentored_ever
            FROM cohort c ORDER BY c.code
            """).map { row in
            CohortSummary(
                code: row["code"], startsOn: row["starts_on"], capacity: row["capacity"],
                applications: row["applications"], mentoredEver: row["mentored_ever"]
            )
        }
    }

    static func cohortExists(_ db: Database, code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cohort WHERE code = ?)", arguments: [code]) ?? false
    }

    /// Creates the cohort with the default capacity when it does not exist yet; returns it when created.
    static func ensureCohort(
        _ db: Database, code: String, startsOn: CalendarDate, rules: ProgramRules, now: String
    ) throws -> CreatedCohort? {
        if try cohortExists(db, code: code) { return nil }
        try db.execute(
            sql: "INSERT INTO cohort (code, starts_on, capacity, created_at) VALUES (?, ?, ?, ?)",
            arguments: [code, startsOn.description, rules.defaultCapacity, now]
        )
        return CreatedCohort(code: code, capacity: rules.defaultCapacity, startsOn: startsOn.description)
    }

    /// The table of the stage events in force: `stage_event` itself, or, once a decisions batch has
    /// been undone, the view `live_stage_event` that leaves out its moves and their reversal (the
    /// view costs a look-up per event, so whole-table scans use it only when it matters).
    static func stageEventsInForce(_ db: Database) throws -> String {
        let anyUndone = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM batch WHERE kind = 'decisions' AND undone_at IS NOT NULL)") ?? false
        return anyUndone ? "live_stage_event" : "stage_event"
    }

    /// How many applications of a cohort ever reached `mentored`.
    static func mentoredEver(_ db: Database, cohort: String) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT e.application_id) FROM live_stage_event e
              JOIN application a ON a.id = e.application_id
             WHERE a.cohort_code = ? AND e.to_stage = 'mentored'
            """, arguments: [cohort]) ?? 0
    }
}

/// A cohort change refused; nothing was written.
public enum CohortEditError: Error, Equatable, CustomStringConvertible {
    /// The new capacity is below the places already taken.
    case capacityBelowTaken(cohort: String, capacity: Int, taken: Int)
    /// Neither a start day nor a capacity was given.
    case nothingToChange(cohort: String)

    /// The error, the same in every front end.
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .capacityBelowTaken(let cohort, let capacity, let taken):
            "cohort \(cohort) cannot have a capacity of \(capacity): \(taken) of its applications already reached mentored "
                + "(places taken are never given back); give at least \(taken)"
        case .nothingToChange(let cohort):
            "nothing to change for cohort \(cohort): give a start day or a capacity"
        }
    }

    public var description: String { message(.commandLine) }
}

extension CohortEditError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .capacityBelowTaken: .refused
        case .nothingToChange: .invalidInput
        }
    }

    public var code: String {
        switch self {
        case .capacityBelowTaken: "cohort.capacity_below_taken"
        case .nothingToChange: "cohort.nothing_to_change"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .capacityBelowTaken(let cohort, let capacity, let taken):
            ErrorFacts(value: String(capacity), cohort: cohort, refusedCount: taken)
        case .nothingToChange(let cohort):
            ErrorFacts(missing: ["startsOn", "capacity"], cohort: cohort)
        }
    }
}

/// What `cohort edit` did: the cohort as it is now, and the values changed.
public struct CohortEditOutcome: Sendable, Equatable, Encodable {
    /// The cohort after the edit.
    public var cohort: CohortSummary
    /// The values changed, as the change log holds them.
    public var changes: [ChangeEntry]
}

extension AppDatabase {
    /// Changes a cohort's start day or capacity, each change in the change log. A capacity below
    /// the places already taken (applications that ever reached mentored) is refused with the count.
    public func editCohort(
        code text: String, startsOn: CalendarDate?, capacity: Int?, actor: String, reason: String?
    ) throws -> CohortEditOutcome {
        let code = try Self.cohortCode(text)
        return try write { db in
            try Self.requireCohort(db, code)
            guard startsOn != nil || capacity != nil else { throw CohortEditError.nothingToChange(cohort: code) }
            guard let row = try Row.fetchOne(db, sql: "SELECT starts_on, capacity FROM cohort WHERE code = ?", arguments: [code])
            else { throw CohortEditError.nothingToChange(cohort: code) }
            var changes: [FieldChange] = []
            if let capacity {
                guard capacity >= 1 else { throw OperationError.invalidCapacity(capacity) }
                let taken = try Self.mentoredEver(db, cohort: code)
                guard capacity >= taken else {
                    throw CohortEditError.capacityBelowTaken(cohort: code, capacity: capacity, taken: taken)
                }
                try db.execute(sql: "UPDATE cohort SET capacity = ? WHERE code = ?", arguments: [capacity, code])
                changes.append(FieldChange(
                    entity: .cohort, entityKey: code, startupId: nil, field: "capacity",
                    oldValue: String(row["capacity"] as Int), newValue: String(capacity)))
            }
            if let startsOn {
                try db.execute(sql: "UPDATE cohort SET starts_on = ? WHERE code = ?", arguments: [startsOn.description, code])
                changes.append(FieldChange(
                    entity: .cohort, entityKey: code, startupId: nil, field: "starts_on", oldValue: row["starts_on"],
                    newValue: startsOn.description))
            }
            let recorded = try ChangeLog.record(db, changes, actor: actor, reason: reason, now: clock.timestamp)
            let cohort = try Self.cohortSummaries(db).first { $0.code == code }
            return CohortEditOutcome(
                cohort: cohort ?? CohortSummary(code: code, startsOn: "", capacity: 0, applications: 0, mentoredEver: 0),
                changes: recorded)
        }
    }
}
