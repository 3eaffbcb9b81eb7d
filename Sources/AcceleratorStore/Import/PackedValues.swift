import AcceleratorCSV
import AcceleratorDomain
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
        guard let text else {
            slots.append(.null)
            return
        }
        let start = bytes.count
        // The text's bytes copied whole (appending the UTF-8 view itself goes byte by byte).
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: Array(text.utf8))
        }
        slots.append(.text(start: start, count: bytes.count - start))
    }

    /// `KeyFilter.hash` of the texts of slots `first` and `second` (`nil` when `second` is NULL).
    func keyHash(_ first: Int, _ second: Int? = nil) -> UInt64? {
        bytes.withUnsafeBytes { all -> UInt64? in
            func text(_ index: Int) -> UnsafeRawBufferPointer? {
                guard case .text(let start, let count) = slots[index] else { return nil }
                return UnsafeRawBufferPointer(rebasing: all[start..<start + count])
            }
            guard let firstBytes = text(first) else { return nil }
            guard let second else { return KeyFilter.hash(firstBytes, nil) }
            return text(second).map { KeyFilter.hash(firstBytes, $0) }
        }
    }

    /// Appends cell `index` of `record` (`nil`: the file has no such column) as `RowReader` reads a
    /// text: the spreadsheet's formula guard removed, trimmed, `NULL` when empty. Its bytes are
    /// copied as they are when its first and last characters plainly need neither (nearly always).
    mutating func appendCell(_ record: CSVRecordBytes, _ index: Int?) {
        guard let index, index < record.count, !record.range(of: index).isEmpty else {
            slots.append(.null)
            return
        }
        let range = record.range(of: index)
        let asTyped = record.bytes.withUnsafeBufferPointer { all in
            let cell = UnsafeBufferPointer(rebasing: all[range])
            return cell[0] != UInt8(ascii: "'") && TextEdges.arePlain(cell)
        }
        if asTyped {
            let start = bytes.count
            bytes.append(contentsOf: record.bytes[range])
            slots.append(.text(start: start, count: range.count))
        } else {
            let text = FormulaGuard.unneutralised(record.string(index)).trimmedText
            append(text.isEmpty ? nil : text)
        }
    }

    /// Appends the extra columns of `record` as stored: `JSONText.encode(pairs:)` of the pairs
    /// (header, value) that `RowReader` keeps (the formula guard removed, blank values left out),
    /// written from the cells' bytes. A cell is copied as it is when its first and last characters
    /// plainly need neither (nearly always); else its text is made and read as `RowReader` reads it.
    mutating func appendExtras(_ record: CSVRecordBytes, _ columns: [(index: Int, header: String)]) {
        let start = bytes.count
        bytes.append(UInt8(ascii: "["))
        for (index, header) in columns where index < record.count && !record.range(of: index).isEmpty {
            let range = record.range(of: index)
            let asTyped = record.bytes.withUnsafeBufferPointer { all in
                let cell = UnsafeBufferPointer(rebasing: all[range])
                return cell[0] != UInt8(ascii: "'") && TextEdges.arePlain(cell)
            }
            let value = asTyped ? nil : FormulaGuard.unneutralised(record.string(index))
            if let value, value.trimmedText.isEmpty { continue }
            if bytes.count > start + 1 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "["))
            JSONText.appendQuoted(header, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            if let value {
                JSONText.appendQuoted(value, to: &bytes)
            } else {
                record.bytes.withUnsafeBufferPointer { all in JSONText.appendQuoted(UnsafeBufferPointer(rebasing: all[range]), to: &bytes) }
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
        slots.append(.text(start: start, count: bytes.count - start))
    }

    /// The text of slot `index` (`nil` for NULL or a number).
    func text(_ index: Int) -> String? {
        guard case .text(let start, let count) = slots[index] else { return nil }
        return String(decoding: bytes[start..<start + count], as: UTF8.self)
    }

    mutating func append(_ number: Int64?) {
        slots.append(number.map { .integer($0) } ?? .null)
    }

    /// A 64-bit hash of the values of slots `range` (`seed` says which columns they are): what
    /// `startup.import_fingerprint` holds. Each slot's kind and length or number, then the bytes of
    /// its texts in one pass (the slots of `range` are the first packed, in order).
    func fingerprint(of range: Range<Int>, seed: UInt64) -> Int64 {
        var hash = seed
        var end = 0
        for slot in slots[range] {
            switch slot {
            case .null:
                hash = StableHash.mix(hash, 0x4E00_0000_0000_0000)
            case .integer(let number):
                hash = StableHash.mix(StableHash.mix(hash, 0x4900_0000_0000_0000), UInt64(bitPattern: number))
            case .text(let start, let count):
                hash = StableHash.mix(hash, 0x5400_0000_0000_0000 | UInt64(count))
                end = start + count
            }
        }
        hash = bytes.withUnsafeBytes { StableHash.hash(UnsafeRawBufferPointer(rebasing: $0[..<end]), nil, seed: hash) }
        return Int64(bitPattern: StableHash.finalized(hash))
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

/// The import reads its records' cells as text only where a check needs them.
extension CSVRecordBytes: RowCells {
    public func text(at index: Int) -> String { string(index) }
}
