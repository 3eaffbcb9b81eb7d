import GRDB

/// What a correction changes, one value at a time: the record kept in `change_log` (migration
/// `v9-change-log`), append-only. Every correction command (`edit`, `founder …`, `cohort edit`)
/// writes its changes through `ChangeLog.record` in its own transaction, so a change and its record
/// commit together or not at all.
public struct ChangeEntry: Sendable, Equatable, Codable {
    /// What was changed.
    public enum Entity: String, Sendable, Codable {
        case startup, founder, cohort, application
    }

    /// The change's id (the log's order).
    public var id: Int64
    /// What kind of record was changed.
    public var entity: Entity
    /// Which one: the startup's or founder's or application's id, the cohort's code.
    public var entityKey: String
    /// The startup whose history shows it (`nil` for a cohort).
    public var startupId: Int64?
    /// The field, as the import's headers name it (`city`, `sector`, `founder.email`, `capacity`).
    public var field: String
    /// The value before, as stored (`nil`: none, or erased).
    public var oldValue: String?
    /// The value after, as stored (`nil`: none, or erased).
    public var newValue: String?
    /// When (UTC).
    public var changedAt: String
    /// Who.
    public var actor: String
    /// Why, if given.
    public var reason: String?
    /// Whether an erasure (`forget`) blanked its personal values.
    public var erased: Bool
}

/// One value to record as changed.
struct FieldChange: Sendable, Equatable {
    var entity: ChangeEntry.Entity
    var entityKey: String
    var startupId: Int64?
    var field: String
    var oldValue: String?
    var newValue: String?
}

enum ChangeLog {
    /// Records `changes` (those whose value did not change are left out) as made now by `actor`.
    /// Returns what was recorded, in order.
    @discardableResult
    static func record(
        _ db: Database, _ changes: [FieldChange], actor: String, reason: String?, now: String
    ) throws -> [ChangeEntry] {
        var recorded: [ChangeEntry] = []
        for change in changes where change.oldValue != change.newValue {
            try db.execute(
                sql: """
                    INSERT INTO change_log (entity, entity_key, startup_id, field, old_value, new_value, changed_at, actor, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    change.entity.rawValue, change.entityKey, change.startupId, change.field, change.oldValue,
                    change.newValue, now, actor, reason,
                ])
            recorded.append(
                ChangeEntry(
                    id: db.lastInsertedRowID, entity: change.entity, entityKey: change.entityKey,
                    startupId: change.startupId, field: change.field, oldValue: change.oldValue,
                    newValue: change.newValue, changedAt: now, actor: actor, reason: reason, erased: false))
        }
        return recorded
    }

    /// The changes recorded for one startup (its own fields, its founders, its applications),
    /// oldest first.
    static func changes(_ db: Database, startupId: Int64) throws -> [ChangeEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, entity, entity_key, startup_id, field, old_value, new_value, changed_at, actor, reason, erased
                  FROM change_log WHERE startup_id = ? ORDER BY id
                """,
            arguments: [startupId]
        ).map(entry)
    }

    /// The changes recorded for one cohort, oldest first.
    static func changes(_ db: Database, cohort: String) throws -> [ChangeEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, entity, entity_key, startup_id, field, old_value, new_value, changed_at, actor, reason, erased
                  FROM change_log WHERE entity = 'cohort' AND entity_key = ? ORDER BY id
                """,
            arguments: [cohort]
        ).map(entry)
    }

    /// The fields whose values are personal data: an erasure blanks them in the log.
    static let personalFields = ["phone", "founder", "founder.name", "founder.email", "founder.lead"]

    /// How many changes recorded for a startup still hold a personal value.
    static func personalValues(_ db: Database, startupId: Int64) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM change_log
                 WHERE startup_id = ? AND field IN (\(personalFieldList)) AND (old_value IS NOT NULL OR new_value IS NOT NULL)
                """,
            arguments: [startupId]) ?? 0
    }

    /// Blanks the personal values recorded for a startup (`forget`) and marks those changes erased.
    static func erase(_ db: Database, startupId: Int64) throws {
        try db.execute(
            sql: """
                UPDATE change_log SET old_value = NULL, new_value = NULL, erased = 1
                 WHERE startup_id = ? AND field IN (\(personalFieldList)) AND (old_value IS NOT NULL OR new_value IS NOT NULL)
                """,
            arguments: [startupId])
    }

    private static let personalFieldList = personalFields.map { "'\($0)'" }.joined(separator: ", ")

    private static func entry(_ row: Row) -> ChangeEntry {
        ChangeEntry(
            id: row["id"], entity: ChangeEntry.Entity(rawValue: row["entity"]) ?? .startup, entityKey: row["entity_key"],
            startupId: row["startup_id"], field: row["field"], oldValue: row["old_value"], newValue: row["new_value"],
            changedAt: row["changed_at"], actor: row["actor"], reason: row["reason"], erased: row["erased"])
    }
}
