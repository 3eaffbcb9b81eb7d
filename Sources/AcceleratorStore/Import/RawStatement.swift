import GRDB
import GRDBSQLite

#if canImport(Glibc)
import Glibc
#endif

/// A prepared statement driven through the SQLite C API, for the import's row loop: binding
/// strings and integers directly, with no `StatementArguments` or `Row` built per row.
///
/// It borrows GRDB's `Statement`, which keeps ownership (and finalizes it).
struct RawStatement {
    private let statement: Statement
    private let handle: OpaquePointer

    /// SQLite copies the bound text before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    /// Clears the previous run; call before binding.
    func reset() {
        sqlite3_reset(handle)
    }

    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                _ = sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), Self.transient)
            }
        }
    }

    func bind(_ index: Int32, _ number: Int64?) {
        guard let number else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, number)
    }

    /// Binds `values.slots[range]` to the parameters from `first` on, texts in place: `base` (the
    /// start of `values.bytes`) must stay valid until the statement has run, and `clearBindings()`
    /// must follow before it goes.
    func bind(_ values: PackedValues, _ range: Range<Int>, from first: Int32, base: UnsafePointer<UInt8>) {
        var index = first
        for slot in values.slots[range] {
            bind(index, slot, base: base)
            index += 1
        }
    }

    func bind(_ index: Int32, _ slot: PackedValues.Slot, base: UnsafePointer<UInt8>) {
        switch slot {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let number): sqlite3_bind_int64(handle, index, number)
        case .text(let start, let count):
            (base + start).withMemoryRebound(to: CChar.self, capacity: max(count, 1)) { pointer in
                // No destructor (SQLITE_STATIC): SQLite reads the text where it is.
                _ = sqlite3_bind_text(handle, index, pointer, Int32(count), nil)
            }
        }
    }

    /// Forgets the bound values (after values bound in place, before their buffer goes).
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Whether result column `column` holds exactly the value of `slot` (texts compared byte for byte).
    func matches(_ column: Int32, _ slot: PackedValues.Slot, in values: PackedValues) -> Bool {
        let type = sqlite3_column_type(handle, column)
        switch slot {
        case .null:
            return type == SQLITE_NULL
        case .integer(let number):
            return type == SQLITE_INTEGER && sqlite3_column_int64(handle, column) == number
        case .text(let start, let count):
            guard type == SQLITE_TEXT, let pointer = sqlite3_column_text(handle, column),
                Int(sqlite3_column_bytes(handle, column)) == count
            else { return false }
            return values.bytes.withUnsafeBufferPointer { bytes in
                count == 0 || memcmp(pointer, bytes.baseAddress! + start, count) == 0
            }
        }
    }

    /// Whether text column `column` holds exactly `text`'s bytes.
    func matches(_ column: Int32, text: String) -> Bool {
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT, let pointer = sqlite3_column_text(handle, column) else {
            return false
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        var text = text
        return text.withUTF8 { bytes in bytes.count == count && (count == 0 || memcmp(pointer, bytes.baseAddress!, count) == 0) }
    }

    /// Steps once: `true` when a row is available.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let connection = sqlite3_db_handle(handle)
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Runs a statement that returns no row.
    func execute() throws {
        _ = try step()
    }

    func int64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column's UTF-8 bytes where SQLite holds them (empty for NULL), valid until the next
    /// step or reset.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let pointer = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The column as a `DatabaseValue`, for comparisons with the values a row would write.
    func value(_ column: Int32) -> DatabaseValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: sqlite3_column_int64(handle, column).databaseValue
        case SQLITE_FLOAT: sqlite3_column_double(handle, column).databaseValue
        default: (text(column) ?? "").databaseValue
        }
    }
}
