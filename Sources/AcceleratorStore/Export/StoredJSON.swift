/// Reads the small JSON texts the store keeps per application (warnings: an array of strings;
/// extra attributes: an array of `[name, value]` pairs) straight from their UTF-8 bytes.
///
/// An export reads one of each per row, a million times: `JSONSerialization` would cost more than
/// the rest of the row. Any text this reader does not understand falls back to `JSONText`.
enum StoredJSON {
    /// The strings of a JSON array of strings.
    static func strings(_ text: String) -> [String] {
        var copy = text
        return copy.withUTF8(strings(bytes:))
    }

    /// The strings of a JSON array of strings, from its UTF-8 bytes.
    static func strings(bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        if bytes.count == 2 && bytes[0] == UInt8(ascii: "[") && bytes[1] == UInt8(ascii: "]") { return [] }
        var scanner = Scanner(bytes: bytes)
        return scanner.stringArray() ?? JSONText.decodeStrings(String(decoding: bytes, as: UTF8.self))
    }

    /// The pairs of a JSON array of two-string arrays, in order.
    static func pairs(_ text: String) -> [(String, String)] {
        var copy = text
        return copy.withUTF8(pairs(bytes:))
    }

    /// The pairs of a JSON array of two-string arrays, from its UTF-8 bytes.
    static func pairs(bytes: UnsafeBufferPointer<UInt8>) -> [(String, String)] {
        if bytes.count == 2 && bytes[0] == UInt8(ascii: "[") && bytes[1] == UInt8(ascii: "]") { return [] }
        var scanner = Scanner(bytes: bytes)
        return scanner.pairArray() ?? JSONText.decodePairs(String(decoding: bytes, as: UTF8.self))
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return index == bytes.count
            }
        }

        /// `[` element (`,` element)* `]`, each element read by `element`.
        mutating func array<Element>(_ element: (inout Scanner) -> Element?) -> [Element]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var elements: [Element] = []
            if take(UInt8(ascii: "]")) { return elements }
            while true {
                guard let value = element(&self) else { return nil }
                elements.append(value)
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "]")) else { return nil }
                return elements
            }
        }

        mutating func stringArray() -> [String]? {
            guard let strings = array({ $0.string() }), atEnd else { return nil }
            return strings
        }

        mutating func pairArray() -> [(String, String)]? {
            let pairs = array { scanner -> (String, String)? in
                guard let pair = scanner.array({ $0.string() }), pair.count == 2 else { return nil }
                return (pair[0], pair[1])
            }
            guard let pairs, atEnd else { return nil }
            return pairs
        }

        /// A JSON string literal with RFC 8259 escapes.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            // Fast path: no escape before the closing quote.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { return nil }
                index += 1
            }
            var out = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            // A surrogate pair: \uD83D\uDE00.
                            guard take(UInt8(ascii: "\\")), index < bytes.count, bytes[index] == UInt8(ascii: "u") else { return nil }
                            index += 1
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar), let encoded = UTF8.encode(unicode) else { return nil }
                        out.append(contentsOf: encoded)
                    default:
                        return nil
                    }
                default:
                    if byte < 0x20 { return nil }
                    out.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
    }
}
