import AcceleratorDomain
import CSQLiteTuning
import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// The system of record: one SQLite file, its migrations, and the operations on it, each one
/// transaction.
///
/// Writes run in `BEGIN IMMEDIATE` transactions (GRDB's default for writes), so two processes
/// queue for the write lock instead of failing half-way; a busy timeout makes them wait.
public final class AppDatabase: Sendable {
    /// Where the database lives (`:memory:` for an in-memory one).
    public let path: String
    let writer: DatabaseQueue

    /// How long a command waits for another process's write to finish.
    static let busyTimeout: TimeInterval = 30

    private init(path: String, writer: DatabaseQueue) {
        self.path = path
        self.writer = writer
    }

    /// SQLite's process-wide settings, made once before it is first used: no memory statistics
    /// (they take a global mutex on every allocation SQLite makes; nothing here reads them). A
    /// process that used SQLite before keeps its settings.
    private static let sqliteTuned: Void = {
        _ = accelerator_sqlite_disable_memstatus()
    }()

    /// Opens the database at `path`, creating it with file mode 0600 and migrating it on first use.
    ///
    /// A database written by a newer version of Accelerator is refused and left untouched.
    public static func open(path: String) throws(StoreError) -> AppDatabase {
        _ = sqliteTuned
        let created = try createFileIfMissing(path)
        if !created {
            try refuseIfSuperseded(path)
        }
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL never corrupts the file on a crash; at worst the last
            // committed transaction is lost on a power cut, never half of one.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Test-only: ACCELERATOR_MAX_PAGE_COUNT caps the file at that many pages, so a test can
            // fill "the disk" mid-import on any machine (SQLite then fails with SQLITE_FULL).
            if let pages = ProcessInfo.processInfo.environment["ACCELERATOR_MAX_PAGE_COUNT"].flatMap(Int.init) {
                try db.execute(sql: "PRAGMA max_page_count = \(pages)")
            }
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try Schema.migrator.migrate(queue)
            return AppDatabase(path: path, writer: queue)
        } catch let error as DatabaseError {
            throw openFailure(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Opens a fresh in-memory database with the real migrations (for tests).
    public static func makeInMemory() throws -> AppDatabase {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        return AppDatabase(path: ":memory:", writer: queue)
    }

    /// The names of the migrations this version knows, in order.
    public static var migrationNames: [String] { Schema.migrator.migrations }

    /// Creates the file with mode 0600 when it does not exist; returns whether it did.
    private static func createFileIfMissing(_ path: String) throws(StoreError) -> Bool {
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
            return true
        }
        let code = errno
        switch code {
        case EEXIST:
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw .cannotOpen(path: path, reason: "it is a folder; give a file path")
            }
            return false
        case EACCES, EROFS, EPERM:
            throw .readOnly(path: path)
        case ENOSPC:
            throw .diskFull(path: path)
        default:
            throw .cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
    }

    /// Why opening failed. SQLite says only "unable to open database file" when it cannot create the
    /// `-wal` file beside the database: a read-only folder or file system is named as such.
    private static func openFailure(_ error: DatabaseError, path: String) -> StoreError {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if error.resultCode == .SQLITE_CANTOPEN, access(path, F_OK) == 0, access(folder, W_OK) != 0 {
            return .readOnly(path: path)
        }
        return StoreError.from(error, path: path)
    }

    /// Refuses a database that has migrations this version does not know, reading it only.
    private static func refuseIfSuperseded(_ path: String) throws(StoreError) {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            let unknown: [String] = try queue.read { db in
                guard try db.tableExists("grdb_migrations") else { return [] }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
                let known = Set(Schema.migrator.migrations)
                return applied.filter { !known.contains($0) }
            }
            try queue.close()
            if !unknown.isEmpty {
                throw StoreError.newerDatabase(path: path, unknownMigrations: unknown)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw openFailure(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    // MARK: - Transactions

    /// Runs `body` in one write transaction; any thrown error rolls it back.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` in one write transaction and rolls it back at the end, keeping its result
    /// (a dry run that is the real run).
    func writeThenRollBack<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .rollback
                }
                guard let result else { throw StoreError.database(path: path, message: "dry run produced no result") }
                return result
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` in a read transaction.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }
}

/// The current time as stored: ISO 8601 in UTC, to the second.
enum Timestamp {
    static func now() -> String {
        format(Date())
    }

    static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)
        )
    }

    /// The timestamp of the start of a day.
    static func startOf(_ date: CalendarDate) -> String {
        "\(date)T00:00:00Z"
    }

    /// The day of a stored timestamp.
    static func day(of timestamp: String) -> CalendarDate? {
        try? CalendarDate.parse(String(timestamp.prefix(10)))
    }
}
