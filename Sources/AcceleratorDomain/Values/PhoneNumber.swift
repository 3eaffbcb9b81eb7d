import Foundation

/// A phone number in E.164 form (e.g. "+212612345678").
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The number as `+` followed by the country code and the national number, without spaces.
    public let e164: String

    /// Reads a phone number as staff write it.
    ///
    /// Moroccan numbers: `06 12 34 56 78`, `0612345678`, `06.12.34.56.78`, `06-12-34-56-78`,
    /// `+212 6 12 34 56 78`, `+212 (0)6 12 34 56 78`, `00212612345678`, `212612345678`, and
    /// landlines such as `05 22 12 34 56`: ten digits starting with 05, 06, 07 or 08 become `+212`
    /// and the last nine. Nine digits starting with 5, 6, 7 or 8 (`612345678`) are also read as a
    /// Moroccan number, because Excel drops the leading zero of a number column.
    /// Other numbers must carry their international prefix (`+33 6 12 34 56 78`, `0033…`) and have
    /// 8 to 15 digits in all. Throws `ValueError.invalidPhone` for anything else.
    public static func parse(_ text: String) throws(ValueError) -> PhoneNumber {
        guard let e164 = Self.e164(text.trimmedValue) else { throw .invalidPhone(text) }
        return PhoneNumber(e164: e164)
    }

    /// The E.164 form, as `+212612345678`.
    public var description: String { e164 }

    /// Decodes a number from its E.164 form, as `"+212612345678"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard text.first == "+", let e164 = Self.e164(text[...]), e164 == text else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: ValueError.invalidPhone(text).description)
        }
        self.init(e164: e164)
    }

    /// Encodes the number as its E.164 form, as `"+212612345678"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }

    // MARK: - Private

    private init(e164: String) {
        self.e164 = e164
    }

    /// Morocco's country calling code.
    private static let morocco: [UInt8] = [2, 1, 2]

    private static func e164(_ text: Substring) -> String? {
        if let number = plainMoroccan(text) { return number }
        guard !text.isEmpty, let (digits, hasPlus) = asciiDigits(text) ?? digits(text) else { return nil }
        if hasPlus { return international(digits) }
        if digits.starts(with: [0, 0]) { return international(Array(digits.dropFirst(2))) }
        if digits.starts(with: morocco), digits.count >= 12 { return international(digits) }
        if digits.count == 10, digits[0] == 0 { return moroccan(Array(digits.dropFirst())) }
        if digits.count == 9 { return moroccan(digits) }
        return nil
    }

    /// A Moroccan number as nearly every spreadsheet writes it (`06 12 34 56 78`, `0612345678`,
    /// `612345678`, `+212 6 12 34 56 78`, with spaces, dots, dashes or slashes), read in place
    /// without allocating; `nil` for anything else, which the general reading decides.
    private static func plainMoroccan(_ text: Substring) -> String? {
        let number = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.count <= 40 else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits -> String? in
                var count = 0
                var hasPlus = false
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"):
                        digits[count] = byte
                        count += 1
                    case UInt8(ascii: "+"):
                        guard !hasPlus, count == 0 else { return nil }
                        hasPlus = true
                    case 0x09...0x0D, 0x20, UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"):
                        continue
                    default:
                        return nil
                    }
                }
                let start: Int
                if hasPlus {
                    guard count == 12, digits[0] == UInt8(ascii: "2"), digits[1] == UInt8(ascii: "1"),
                        digits[2] == UInt8(ascii: "2")
                    else { return nil }
                    start = 3
                } else if count == 10, digits[0] == UInt8(ascii: "0") {
                    start = 1
                } else if count == 9 {
                    start = 0
                } else {
                    return nil
                }
                guard (UInt8(ascii: "5")...UInt8(ascii: "8")).contains(digits[start]) else { return nil }
                return String(unsafeUninitializedCapacity: 13) { output in
                    for (index, byte) in "+212".utf8.enumerated() { output[index] = byte }
                    for index in 0..<9 { output[4 + index] = digits[start + index] }
                    return 13
                }
            }
        }
        return number ?? nil
    }

    /// The digits of a number written in ASCII without "(" (nearly every one), read byte by byte,
    /// and whether a plus leads them; `nil` for any other text, which `digits(_:)` reads.
    private static func asciiDigits(_ text: Substring) -> (digits: [UInt8], hasPlus: Bool)?? {
        let bytes = text.utf8
        guard bytes.count <= 40, !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "(") }) else { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var hasPlus = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "+"):
                // Only one plus, before every digit.
                guard !hasPlus, digits.isEmpty else { return .some(nil) }
                hasPlus = true
            case 0x09...0x0D, 0x20, UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ")"):
                continue
            default:
                return .some(nil)
            }
        }
        return (digits, hasPlus)
    }

    /// The digits of any number (Arabic-Indic digits, no-break spaces, "(0)"), character by
    /// character, and whether a plus leads them; `nil` for a character that has no place in one.
    private static func digits(_ text: Substring) -> (digits: [UInt8], hasPlus: Bool)? {
        guard text.count <= 40 else { return nil }
        // "(0)" marks the trunk zero that is dropped after an international prefix.
        let characters = text.utf8.contains(UInt8(ascii: "(")) ? Array(text.replacingOccurrences(of: "(0)", with: " ")) : Array(text)
        var digits: [UInt8] = []
        var hasPlus = false
        for character in characters {
            if let digit = character.anyDecimalDigitValue {
                digits.append(digit)
            } else if character == "+" {
                guard !hasPlus, digits.isEmpty else { return nil }
                hasPlus = true
            } else if character.isValueSpace || ".-/()".contains(character) {
                continue
            } else {
                return nil
            }
        }
        return (digits, hasPlus)
    }

    /// Digits after an international prefix: the country code and the national number.
    private static func international(_ digits: [UInt8]) -> String? {
        if digits.starts(with: morocco) {
            var national = Array(digits.dropFirst(3))
            // "+212 06 12 34 56 78": the trunk zero was kept.
            if national.count == 10, national.first == 0 { national.removeFirst() }
            return moroccan(national)
        }
        guard (8...15).contains(digits.count), let first = digits.first, first != 0 else { return nil }
        return "+" + String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
    }

    /// Nine national digits of a Moroccan number, which start with 5, 6, 7 or 8.
    private static func moroccan(_ national: [UInt8]) -> String? {
        guard national.count == 9, let first = national.first, (5...8).contains(first) else { return nil }
        return "+212" + String(decoding: national.map { $0 + 0x30 }, as: UTF8.self)
    }
}

extension Character {
    /// The value of an ASCII digit or of an Arabic-Indic digit (٠ to ٩, ۰ to ۹), or `nil`.
    var anyDecimalDigitValue: UInt8? {
        if let ascii = asciiDigitValue { return ascii }
        guard unicodeScalars.count == 1, let scalar = unicodeScalars.first else { return nil }
        switch scalar.value {
        case 0x0660...0x0669: return UInt8(scalar.value - 0x0660)
        case 0x06F0...0x06F9: return UInt8(scalar.value - 0x06F0)
        default: return nil
        }
    }
}
