/// A record's fields as UTF-8 bytes, end to end and unescaped: what
/// ``CSVReader/nextRecord(into:)-(CSVRecordBytes)`` fills, without a `String` per field. A field's
/// `String` is made only when asked for.
public struct CSVRecordBytes: Sendable {
    /// The fields' bytes, one after the other.
    public private(set) var bytes: [UInt8] = []
    /// One past each field's last byte in `bytes`.
    public private(set) var ends: [Int] = []

    public init() {}

    /// A record of these fields.
    public init(_ fields: [String]) {
        for var field in fields {
            field.withUTF8 { appendField($0) }
        }
    }

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

    init(bytes: [UInt8], ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    mutating func removeAll() {
        bytes = []
        ends = []
    }

    mutating func appendEmptyField() {
        ends.append(bytes.count)
    }

    /// Appends a field's bytes.
    mutating func appendField(_ field: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: field)
        ends.append(bytes.count)
    }
}
