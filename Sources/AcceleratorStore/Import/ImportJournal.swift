import GRDB

/// The journal an import writes through.
///
/// The database lives in WAL mode, so that readers see the state before an import or after it
/// while the import runs. The first import into a database that holds no startup yet is different:
/// nobody has anything to read, and through the WAL every page of a large import is written twice
/// (once to the WAL, once more at the checkpoint). That import goes through a rollback journal
/// instead: pages the database did not have before are written once, straight to the file, and only
/// the few pages it had are copied to the journal first. It is as safe: a `kill -9` or a power cut
/// leaves a hot journal that SQLite rolls back on the next open, so the database is as it was.
/// `synchronous = FULL` during that import, as a rollback journal needs. Readers wait for the import
/// (up to the busy timeout) instead of seeing the empty database.
///
/// Afterwards the database goes back to WAL with `synchronous = NORMAL`. Should that fail (another
/// process reading at that very moment), the next open puts it back, as every open sets WAL.
///
/// Only when the caller says it holds the file alone (`ImportRequest.exclusive`, `--exclusive`):
/// readers in other processes wait for such an import, and a server's would fail, so the store never
/// decides it on its own.
struct ImportJournal {
    /// Whether this import switched the database to a rollback journal.
    let isRollback: Bool

    static func begin(_ db: Database, exclusive: Bool) throws -> ImportJournal {
        guard exclusive, try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM startup)") == true else {
            return ImportJournal(isRollback: false)
        }
        // Leaving WAL needs the database to ourselves; when another connection holds it, SQLite keeps
        // WAL (or reports it busy) and the import simply runs through the WAL.
        guard let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE"), mode == "delete" else {
            return ImportJournal(isRollback: false)
        }
        try db.execute(sql: "PRAGMA synchronous = FULL")
        return ImportJournal(isRollback: true)
    }

    func end(_ db: Database) {
        guard isRollback else { return }
        try? db.execute(sql: "PRAGMA journal_mode = WAL")
        try? db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
}
