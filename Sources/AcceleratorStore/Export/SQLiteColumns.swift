import GRDB

#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Reads the columns of the current row of a statement straight from SQLite, without GRDB's row
/// decoding: the export reads forty columns of a million rows.
struct SQLiteColumns {
    let statement: SQLiteStatement

    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
    }

    /// The column's bytes as text (numbers as SQLite writes them), or `nil` for NULL.
    @inline(__always)
    func withBytes<T>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        // NULL gives a null pointer (an empty text gives an empty one).
        guard let pointer = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return body(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// The column as a string, or `nil` for NULL.
    @inline(__always)
    func text(_ index: Int32) -> String? {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The column of a NOT NULL integer (an id).
    @inline(__always)
    func id(_ index: Int32) -> Int64 {
        sqlite3_column_int64(statement, index)
    }

    /// The column as an integer, or `nil` for NULL.
    @inline(__always)
    func integer(_ index: Int32) -> Int64? {
        guard sqlite3_column_type(statement, index) != SQLITE_NULL else { return nil }
        return sqlite3_column_int64(statement, index)
    }
}

/// The bytes of one column of the last row seen, to tell when a sorted pass moves to a new group
/// without making a string of every row.
struct LastBytes {
    private var bytes: [UInt8] = []
    private var isNull = false
    private var isSet = false

    /// Remembers the column's value and tells whether it differs from the previous row's.
    mutating func update(_ row: SQLiteColumns, _ index: Int32) -> Bool {
        let same = row.withBytes(index) { current -> Bool in
            guard isSet, !isNull, current.count == bytes.count else { return false }
            // Values are short (codes, days, names): a loop beats a call to memcmp.
            return bytes.withUnsafeBufferPointer { previous in
                for offset in 0..<current.count where previous[offset] != current[offset] { return false }
                return true
            }
        } ?? (isSet && isNull)
        if same { return false }
        isSet = true
        bytes.removeAll(keepingCapacity: true)
        let copied: Bool? = row.withBytes(index) { current in
            bytes.append(contentsOf: current)
            return true
        }
        isNull = copied == nil
        return true
    }
}

/// A statement stepped through SQLite's C interface, its current row read with `columns`: the
/// passes over a million rows spend nothing per row on building GRDB rows.
struct SQLiteRows {
    let statement: Statement
    let columns: SQLiteColumns
    private let connection: SQLiteConnection?

    init(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        columns = SQLiteColumns(statement)
        connection = db.sqliteConnection
    }

    /// Moves to the next row; `false` after the last one.
    func next() throws -> Bool {
        let code = sqlite3_step(columns.statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) },
                sql: statement.sql)
        }
    }
}
