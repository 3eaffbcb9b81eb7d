@testable import AcceleratorStore
import GRDB
import Testing

@Suite("migrations of existing databases")
struct MigrationTests {
    @Test("the application table rebuilt for its stage check keeps every row and reference, and still refuses a wrong stage")
    func applicationStageCheck() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("v7.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v7-import-fingerprints")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO cohort (code, starts_on, capacity, created_at) VALUES ('2026-A', '2026-01-05', 30, 'now');
                INSERT INTO startup (id, name, name_key, city, country, sector, created_at, updated_at)
                VALUES (1, 'Atlas', 'atlas', 'Rabat', 'MA', 'AI', 'now', 'now');
                INSERT INTO application (id, startup_id, cohort_code, stage, applied_on, warnings, created_at, updated_at, last_batch_id)
                VALUES (7, 1, '2026-A', 'mentored', '2026-01-05', '["late"]', 'now', 'now', 3);
                INSERT INTO stage_event (application_id, from_stage, to_stage, occurred_at, recorded_at, actor)
                VALUES (7, 'applied', 'mentored', '2026-02-01', 'now', 'staff');
                """)
        }
        let before = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM application") }
        try queue.close()

        let store = try AppDatabase.open(path: path)
        let reopened = try DatabaseQueue(path: store.path)
        defer { try? reopened.close() }
        try reopened.write { db in
            // The columns the later migrations added aside.
            let columns = before.first?.columnNames.joined(separator: ", ") ?? "*"
            #expect(try Row.fetchAll(db, sql: "SELECT \(columns) FROM application") == before)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE tbl_name = 'application' AND type = 'index' ORDER BY name")
                == ["application_by_cohort", "application_exits", "application_with_warnings", "sqlite_autoindex_application_1"])
            for stage in ["applied", "mentored", "funded", "international", "rejected", "withdrawn"] {
                try db.execute(sql: "UPDATE application SET stage = ? WHERE id = 7", arguments: [stage])
            }
            let error = #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE application SET stage = 'archived' WHERE id = 7")
            }
            #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
        }
    }
}
