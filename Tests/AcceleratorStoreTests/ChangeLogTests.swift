@testable import AcceleratorStore
import GRDB
import Testing

@Suite("the change log of corrections")
struct ChangeLogTests {
    private func store() throws -> AppDatabase {
        let store = try AppDatabase.makeInMemory()
        try store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO startup (id, name, name_key, city, country, sector, phone, created_at, updated_at)
                VALUES (1, 'Atlas', 'atlas', 'Rabat', 'MA', 'AI', '+212650607080', 'now', 'now');
                """)
        }
        return store
    }

    @Test("a change is recorded with its values, actor, time and reason; an unchanged value is not")
    func recorded() throws {
        let store = try store()
        let recorded = try store.writer.write { db in
            try ChangeLog.record(
                db,
                [
                    FieldChange(entity: .startup, entityKey: "1", startupId: 1, field: "city", oldValue: "Rabat", newValue: "Salé"),
                    FieldChange(entity: .startup, entityKey: "1", startupId: 1, field: "sector", oldValue: "AI", newValue: "AI"),
                ],
                actor: "staff", reason: "typo", now: "2026-12-04T10:00:00Z")
        }
        #expect(recorded.map(\.field) == ["city"])
        let read = try store.writer.read { try ChangeLog.changes($0, startupId: 1) }
        #expect(read == recorded)
        #expect(read.first?.oldValue == "Rabat" && read.first?.newValue == "Salé" && read.first?.reason == "typo")
    }

    @Test("the database refuses to rewrite or delete a change, but lets an erasure blank its personal values")
    func appendOnly() throws {
        let store = try store()
        _ = try store.writer.write { db in
            try ChangeLog.record(
                db,
                [
                    FieldChange(entity: .startup, entityKey: "1", startupId: 1, field: "phone", oldValue: "+212650607080", newValue: "+212661000000"),
                    FieldChange(entity: .startup, entityKey: "1", startupId: 1, field: "city", oldValue: "Rabat", newValue: "Salé"),
                ],
                actor: "staff", reason: nil, now: "2026-12-04T10:00:00Z")
        }
        for sql in [
            "UPDATE change_log SET new_value = 'Fès' WHERE field = 'city'",
            "UPDATE change_log SET actor = 'someone else'",
            "UPDATE change_log SET old_value = NULL WHERE field = 'city'",
            "DELETE FROM change_log",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.writer.write { try $0.execute(sql: sql) } }
        }
        let personal = try store.writer.write { db in
            let before = try ChangeLog.personalValues(db, startupId: 1)
            try ChangeLog.erase(db, startupId: 1)
            return (before, try ChangeLog.personalValues(db, startupId: 1))
        }
        #expect(personal == (1, 0))
        let read = try store.writer.read { try ChangeLog.changes($0, startupId: 1) }
        #expect(read.map(\.erased) == [true, false])
        #expect(read[0].oldValue == nil && read[0].newValue == nil)
        #expect(read[1].oldValue == "Rabat")
    }
}
