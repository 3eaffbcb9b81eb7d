import GRDB

/// Values to bind, packed for the SQLite C API: their UTF-8 bytes in one buffer, bound in place
/// (`SQLITE_STATIC`) while the buffer is held, so that no value is copied at each bind; and
/// compared in place with stored columns.
struct PackedValues: Sendable {
    enum Slot: Sendable, Equatable {
        case null
        case integer(Int64)
        /// UTF-8 bytes at `start..<start + count` of `bytes`.
        case text(start: Int, count: Int)
    }

    private(set) var bytes: [UInt8] = []
    private(set) var slots: [Slot] = []

    init(capacity: Int, slots: Int = 0) {
        bytes.reserveCapacity(capacity)
        self.slots.reserveCapacity(slots)
    }

    mutating func append(_ text: String?) {
        guard var text else {
            slots.append(.null)
            return
        }
        let start = bytes.count
        text.withUTF8 { bytes.append(contentsOf: $0) }
        slots.append(.text(start: start, count: bytes.count - start))
    }

    mutating func append(_ number: Int64?) {
        slots.append(number.map { .integer($0) } ?? .null)
    }

    /// The value of slot `index`, for the rare statement bound the GRDB way.
    func databaseValue(_ index: Int) -> DatabaseValue {
        switch slots[index] {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .text(let start, let count): String(decoding: bytes[start..<start + count], as: UTF8.self).databaseValue
        }
    }
}

extension PackedValues {
    /// Calls `body` with the start of `bytes`, valid for the call (an empty buffer gives a
    /// pointer to one byte, for empty texts).
    func withBytes<Result>(_ body: (UnsafePointer<UInt8>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base) }
            let zero: UInt8 = 0
            return try withUnsafePointer(to: zero) { try body($0) }
        }
    }
}
