/// A record's fields as UTF-8 bytes, end to end and unescaped: what
/// ``CSVReader/nextRecord(into:)-(CSVRecordBytes)`` fills, without a `String` per field. A field's
/// `String` is made only when asked for.
public struct CSVRecordBytes: Sendable {
    /// The fields' bytes, one after the other.
    public private(set) var bytes: [UInt8] = []
    /// One past each field's last byte in `bytes`.
    public private(set) var ends: [Int] = []

    public init() {}

    /// The number of fields.
    public var count: Int { ends.count }

    /// Where field `index` is in `bytes`.
    public func range(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// The size of field `index`, in bytes.
    public func byteCount(of index: Int) -> Int {
        range(of: index).count
    }

    /// Field `index` as text.
    public func string(_ index: Int) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range(of: index)]), as: UTF8.self)
        }
    }

    /// Every field as text.
    public var strings: [String] {
        (0..<count).map(string)
    }

    mutating func removeAll() {
        bytes = []
        ends = []
    }

    mutating func reserve(bytes byteCount: Int, fields: Int) {
        bytes.reserveCapacity(byteCount)
        ends.reserveCapacity(fields)
    }

    mutating func appendEmptyField() {
        ends.append(bytes.count)
    }

    /// Appends a field; `unescaping`: the bytes start just after an opening quote and still hold
    /// doubled quotes and the closing quote (see `CSVReader.unescapedUTF8`).
    mutating func appendField(_ field: UnsafeBufferPointer<UInt8>, unescaping: Bool) {
        guard unescaping else {
            bytes.append(contentsOf: field)
            ends.append(bytes.count)
            return
        }
        // Runs between quotes are copied whole: a doubled quote gives one, the closing quote none,
        // and whatever follows the closing quote is kept as it is.
        var runStart = 0
        var index = 0
        while index < field.count {
            guard field[index] == ASCII.quote else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[runStart..<index]))
            if index + 1 < field.count && field[index + 1] == ASCII.quote {
                bytes.append(ASCII.quote)
                index += 2
                runStart = index
            } else {
                runStart = index + 1
                index = field.count
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[min(runStart, field.count)...]))
        ends.append(bytes.count)
    }
}
