import AcceleratorDomain
import AcceleratorFiles
import CSQLiteTuning
import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
import Glibc
#endif

/// The system of record: one SQLite file, its migrations, and the operations on it, each one
/// transaction.
///
/// Writes run in `BEGIN IMMEDIATE` transactions, so two processes queue for the write lock instead
/// of failing half-way; a busy timeout makes them wait. A file is opened as a `DatabasePool` (WAL):
/// within one process, reads run beside a write (a server's GET beside an import).
public final class AppDatabase: Sendable {
    /// Where the database lives (`:memory:` for an in-memory one).
    public let path: String
    /// The one clock of every operation: the time stamped on what they write.
    public let clock: Clock
    let writer: any DatabaseWriter

    /// How long a command waits for another process's write to finish.
    static let busyTimeout: TimeInterval = 30

    private init(path: String, writer: any DatabaseWriter, clock: Clock) {
        self.path = path
        self.writer = writer
        self.clock = clock
    }

    /// SQLite's process-wide settings, made once before it is first used: no memory statistics
    /// (they take a global mutex on every allocation SQLite makes; nothing here reads them). A
    /// process that used SQLite before keeps its settings.
    private static let sqliteTuned: Void = {
        _ = accelerator_sqlite_disable_memstatus()
    }()

    /// Opens the Accelerator database at `path` and brings its schema up to date. Every command but
    /// `init` uses this: a missing or empty file is refused (a typo in `--db` must not create an
    /// empty database), and so is a file that is not Accelerator's, read-only, before anything is
    /// written.
    ///
    /// A database written by a newer version of Accelerator is refused and left untouched.
    public static func open(path: String, clock: Clock = .system) throws(StoreError) -> AppDatabase {
        try open(path: path, creatingIfMissing: false, clock: clock)
    }

    /// Creates the database at `path` with file mode 0600 (`accelerator init`), or opens it and
    /// brings it up to date when it is already Accelerator's. It creates only in an absent file, an
    /// empty one (brought to 0600: it will hold personal data) or an SQLite file without any table;
    /// any other file is refused, untouched.
    public static func openOrCreate(path: String, clock: Clock = .system) throws(StoreError) -> AppDatabase {
        try open(path: path, creatingIfMissing: true, clock: clock)
    }

    private static func open(path: String, creatingIfMissing: Bool, clock: Clock) throws(StoreError) -> AppDatabase {
        _ = sqliteTuned
        switch try inspect(path) {
        case .missing:
            guard creatingIfMissing else { throw .missingDatabase(path: path) }
            try createFile(path)
        case .empty:
            guard creatingIfMissing else { throw .missingDatabase(path: path) }
            if chmod(path, 0o600) != 0 { throw fileFailure(errno, path: path) }
        case .ours:
            break
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
            let pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
            return AppDatabase(path: path, writer: pool, clock: clock)
        } catch let error as DatabaseError {
            throw openFailure(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Opens a fresh in-memory database with the real migrations (for tests).
    public static func makeInMemory(clock: Clock = .system) throws -> AppDatabase {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        return AppDatabase(path: ":memory:", writer: queue, clock: clock)
    }

    /// The names of the migrations this version knows, in order.
    public static var migrationNames: [String] { Schema.migrator.migrations }

    /// The files an output must never replace: the database and the files SQLite keeps beside it.
    public var protectedFiles: [ProtectedFile] {
        path == ":memory:" ? [] : ProtectedFile.database(path)
    }

    /// What is at a database path, as far as opening it goes.
    private enum Found {
        /// Nothing.
        case missing
        /// A file of 0 bytes, or an SQLite file without any table.
        case empty
        /// Accelerator's database (perhaps of an older version, to be migrated).
        case ours
    }

    /// Looks at `path` without writing to it: refuses a folder, a device, a file that is not SQLite,
    /// an SQLite file of another application, and a database of a newer Accelerator.
    private static func inspect(_ path: String) throws(StoreError) -> Found {
        let status = FileStatus(path: path)
        switch status.kind {
        case .missing:
            var link = stat()
            if lstat(path, &link) == 0 { throw .cannotOpen(path: path, reason: "it is a symbolic link to a missing file") }
            return .missing
        case .regular:
            break
        case .directory:
            throw .cannotOpen(path: path, reason: "it is a folder; give a file path")
        case .fifo, .characterDevice, .blockDevice, .socket, .other:
            throw .cannotOpen(path: path, reason: "it is \(status.kind.phrase), not a file")
        }
        if status.size == 0 { return .empty }
        guard try hasSQLiteHeader(path) else { throw .notADatabase(path: path) }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        let schema: (tables: Set<String>, applied: [String])
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            schema = try queue.read { db in
                let tables = Set(try String.fetchAll(db, sql: Self.tablesSQL))
                let applied = tables.contains("grdb_migrations") ? try String.fetchAll(db, sql: Self.migrationsSQL) : []
                return (tables, applied)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY && access(path + "-journal", F_OK) == 0 {
            // A write was cut off (a kill during a first import, through the rollback journal): a
            // read-only connection cannot roll the hot journal back. The schema is read as the file
            // holds it; the write connection that follows rolls the journal back.
            schema = try schemaIgnoringJournal(path)
        } catch let error as DatabaseError {
            throw openFailure(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        return try judge(path, tables: schema.tables, applied: schema.applied)
    }

    private static let tablesSQL = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    private static let migrationsSQL = "SELECT identifier FROM grdb_migrations ORDER BY rowid"

    /// Whether a schema is Accelerator's (perhaps older), empty, or why it is not.
    private static func judge(_ path: String, tables: Set<String>, applied: [String]) throws(StoreError) -> Found {
        if tables.isEmpty { return .empty }
        let known = Schema.migrator.migrations
        guard tables.contains("grdb_migrations"), let first = known.first, applied.contains(first) else {
            throw .foreignDatabase(path: path)
        }
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty { throw .newerDatabase(path: path, unknownMigrations: unknown) }
        let missing = applied.flatMap { Schema.tablesByMigration[$0] ?? [] }.filter { !tables.contains($0) }
        if !missing.isEmpty { throw .damagedDatabase(path: path, missingTables: missing) }
        return .ours
    }

    /// The tables and applied migrations as the file holds them, read through SQLite's `immutable`
    /// URI parameter: no lock taken, no journal looked at or rolled back, nothing written.
    private static func schemaIgnoringJournal(_ path: String) throws(StoreError) -> (tables: Set<String>, applied: [String]) {
        // Percent-encoded as a URI path: everything but unreserved characters and slashes.
        let encoded = path.utf8.map { byte -> String in
            let scalar = UnicodeScalar(byte)
            let plain = (byte < 0x80) && (CharacterSet.alphanumerics.contains(scalar) || "-._~/".unicodeScalars.contains(scalar))
            return plain ? String(scalar) : String(format: "%%%02X", byte)
        }.joined()
        var handle: OpaquePointer?
        guard sqlite3_open_v2("file:\(encoded)?immutable=1", &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil) == SQLITE_OK,
            let handle
        else {
            sqlite3_close(handle)
            throw .cannotOpen(path: path, reason: "its last write was cut off and its schema cannot be read")
        }
        defer { sqlite3_close(handle) }
        func strings(_ sql: String) -> [String]? {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
            defer { sqlite3_finalize(statement) }
            var values: [String] = []
            while sqlite3_step(statement) == SQLITE_ROW {
                values.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
            }
            return values
        }
        guard let tables = strings(tablesSQL).map(Set.init) else { throw .notADatabase(path: path) }
        return (tables, tables.contains("grdb_migrations") ? strings(migrationsSQL) ?? [] : [])
    }

    /// Whether the file starts as every SQLite database does.
    private static func hasSQLiteHeader(_ path: String) throws(StoreError) -> Bool {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fileFailure(errno, path: path) }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, 16) }
        return count == 16 && header == Array("SQLite format 3\0".utf8)
    }

    /// Creates the file with mode 0600.
    private static func createFile(_ path: String) throws(StoreError) {
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw fileFailure(errno, path: path) }
        close(descriptor)
    }

    /// A system call's failure on the database file, as a store error.
    private static func fileFailure(_ code: Int32, path: String) -> StoreError {
        switch code {
        case EACCES, EROFS, EPERM: .readOnly(path: path)
        case ENOSPC: .diskFull(path: path)
        default: .cannotOpen(path: path, reason: String(cString: strerror(code)))
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

    // MARK: - Transactions

    /// Runs `body` in one write transaction; any thrown error rolls it back.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                try Self.transaction(db) { (try body(db), commit: true) }
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// One `BEGIN IMMEDIATE` transaction around `body`, committed when it says so, else rolled back.
    /// The commit and `afterCommit` (a rejects file put in place) are one commit for SIGINT and
    /// SIGTERM: a signal waits for them, and once they are done the command runs to its end.
    static func transaction<T>(
        _ db: Database, afterCommit: () throws -> Void = {}, _ body: () throws -> (result: T, commit: Bool)
    ) throws -> T {
        var result: T?
        var committing = false
        var committed = false
        defer { if committing { Interruption.endCommit(committed: committed) } }
        try db.inTransaction(.immediate) {
            let outcome = try body()
            result = outcome.result
            guard outcome.commit else { return .rollback }
            Interruption.beginCommit()
            committing = true
            return .commit
        }
        committed = committing
        if committing { try afterCommit() }
        guard let result else { throw StoreError.database(path: db.description, message: "the transaction produced no result") }
        return result
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

/// The time of a store's operations, injected: the system's, or a fixed day's (a reproducible demo,
/// a test). The day operations judge dates against comes from the same reading (`today`).
public struct Clock: Sendable {
    private let reading: @Sendable () -> Date

    /// A clock that reads the time from `reading`.
    public init(_ reading: @escaping @Sendable () -> Date) {
        self.reading = reading
    }

    /// The system's clock.
    public static let system = Clock { Date() }

    /// A clock on `day` (UTC), at the system clock's time of day: timestamps stay ordered within a day.
    public static func on(_ day: CalendarDate) -> Clock {
        let start = Timestamp.date(day)
        return Clock { start.addingTimeInterval(Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)) }
    }

    /// The time now.
    public func now() -> Date { reading() }

    /// The day now (UTC).
    public var today: CalendarDate { CalendarDate.date(of: now()) }

    /// The time now as stored: ISO 8601 in UTC, to the second.
    var timestamp: String { Timestamp.format(now()) }
}

/// Times as stored: ISO 8601 in UTC, to the second.
enum Timestamp {
    /// The start of a day (UTC) as a date.
    static func date(_ day: CalendarDate) -> Date {
        var parts = tm()
        parts.tm_year = Int32(day.year - 1900)
        parts.tm_mon = Int32(day.month - 1)
        parts.tm_mday = Int32(day.day)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
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

    /// The time stamped on something done `today`: now, unless the caller's today is not the
    /// clock's (a fixed `ACCELERATOR_TODAY`), then the start of that day.
    static func stamp(now: String, today: CalendarDate) -> String {
        day(of: now) == today ? now : startOf(today)
    }

    /// The day of a stored timestamp.
    static func day(of timestamp: String) -> CalendarDate? {
        try? CalendarDate.parse(String(timestamp.prefix(10)))
    }
}
