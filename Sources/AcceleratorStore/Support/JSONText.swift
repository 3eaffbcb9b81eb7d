import Foundation

/// JSON text columns (warnings, extra attributes), written by hand: the import writes two per row.
enum JSONText {
    static func encode(_ strings: [String]) -> String {
        if strings.isEmpty { return "[]" }
        var out: [UInt8] = []
        out.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        out.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendQuoted(string, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func decodeStrings(_ text: String?) -> [String] {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else {
            return []
        }
        return object
    }

    /// Extra attributes kept in column order, as an array of `[name, value]` pairs.
    static func encode(pairs: [(String, String)]) -> String {
        if pairs.isEmpty { return "[]" }
        var out: [UInt8] = []
        out.reserveCapacity(pairs.reduce(2) { $0 + $1.0.utf8.count + $1.1.utf8.count + 6 })
        out.append(UInt8(ascii: "["))
        for (index, pair) in pairs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            appendQuoted(pair.0, to: &out)
            out.append(UInt8(ascii: ","))
            appendQuoted(pair.1, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func decodePairs(_ text: String?) -> [(String, String)] {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String]] else {
            return []
        }
        return object.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
    }

    /// Appends a JSON string literal (RFC 8259 escapes; other characters as they are), byte by
    /// byte: what needs escaping is ASCII, and the bytes of other characters pass as they are.
    /// `shortControlEscapes`: backspace and form feed written `\b` and `\f`, as `JSONEncoder` writes
    /// them (see `PrettyJSON`), rather than `\u0008` and `\u000c` as the stored JSON columns have them.
    static func appendQuoted(_ string: String, to out: inout [UInt8], shortControlEscapes: Bool = false) {
        var string = string
        string.withUTF8 { appendQuoted($0, to: &out, shortControlEscapes: shortControlEscapes) }
    }

    /// `appendQuoted` of a text given as its UTF-8 bytes.
    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], shortControlEscapes: Bool = false) {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        out.append(quote)
        if !bytes.contains(where: { $0 < 0x20 || $0 == quote || $0 == backslash }) {
            out.append(contentsOf: bytes)
            out.append(quote)
            return
        }
        for byte in bytes {
            switch byte {
            case quote, backslash: out.append(backslash); out.append(byte)
            case 0x0A: out.append(backslash); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(backslash); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(backslash); out.append(UInt8(ascii: "t"))
            case 0x08 where shortControlEscapes: out.append(backslash); out.append(UInt8(ascii: "b"))
            case 0x0C where shortControlEscapes: out.append(backslash); out.append(UInt8(ascii: "f"))
            case ..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [backslash, UInt8(ascii: "u"), 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(quote)
    }
}
