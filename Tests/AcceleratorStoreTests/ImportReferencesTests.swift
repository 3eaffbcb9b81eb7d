@testable import AcceleratorStore
import GRDB
import Testing

/// An import runs with SQLite's foreign keys off and checks the rows it added once, at its end.
@Suite("the import's check of the references it adds")
struct ImportReferencesTests {
    @Test("added rows that refer to a missing startup, cohort or batch are counted; earlier rows are not")
    func danglingReferences() throws {
        let store = try AppDatabase.makeInMemory()
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            func insertApplication(_ id: Int, startup: Int, cohort: String) throws {
                try db.execute(
                    sql: """
                        INSERT INTO application (id, startup_id, cohort_code, stage, applied_on, created_at, updated_at)
                        VALUES (?, ?, ?, 'applied', '2026-01-05', 'now', 'now')
                        """,
                    arguments: [id, startup, cohort])
            }
            func insertFounder(_ id: Int, startup: Int) throws {
                try db.execute(
                    sql: "INSERT INTO founder (id, startup_id, position, full_name, is_lead) VALUES (?, ?, 0, 'Salma', 1)",
                    arguments: [id, startup])
            }
            try db.execute(sql: """
                INSERT INTO cohort (code, starts_on, capacity, created_at) VALUES ('2026-A', '2026-01-05', 30, 'now');
                INSERT INTO startup (id, name, name_key, city, country, sector, created_at, updated_at)
                VALUES (1, 'Atlas', 'atlas', 'Rabat', 'MA', 'AI', 'now', 'now'), (2, 'Borj', 'borj', 'Fès', 'MA', 'AI', 'now', 'now');
                INSERT INTO batch (id, kind, file_name, sha256, dialect, created_at) VALUES (1, 'import', 'a.csv', '', '', 'now');
                """)
            try insertApplication(1, startup: 1, cohort: "2026-A")
            try insertFounder(1, startup: 99)  // dangling, but there before the import
            let firstNewIds = Importer.NewIds(startup: 2, application: 2, founder: 2, change: 1)
            func dangling() throws -> Int {
                try Importer.danglingReferences(db, firstNewIds: firstNewIds, newStartups: 2..<3)
            }
            #expect(try dangling() == 0)

            try insertApplication(2, startup: 2, cohort: "2026-A")
            try insertFounder(2, startup: 2)
            try db.execute(sql: "INSERT INTO batch_change (batch_id, entity, entity_id, action, line) VALUES (1, 'startup', 1, 'update', 2)")
            #expect(try dangling() == 0)

            // Startup 1 is not new: it is looked up, and found.
            try db.execute(sql: "DELETE FROM application WHERE id = 1")
            try insertApplication(5, startup: 1, cohort: "2026-A")
            #expect(try dangling() == 0)
            try insertApplication(3, startup: 77, cohort: "2026-A")
            #expect(try dangling() == 1)
            try insertApplication(4, startup: 1, cohort: "2031-Z")
            #expect(try dangling() == 2)
            try insertFounder(3, startup: 55)
            #expect(try dangling() == 3)
            try db.execute(sql: "INSERT INTO batch_change (batch_id, entity, entity_id, action, line) VALUES (12, 'startup', 1, 'update', 3)")
            #expect(try dangling() == 4)

            // Tables empty before the import: every row is new, counted without the id condition.
            let everyRow = Importer.NewIds(startup: 1, application: 1, founder: 1, change: 1)
            #expect(try Importer.danglingReferences(db, firstNewIds: everyRow, newStartups: 1..<3) == 5)
        }
    }
}
