/// An e-mail address, trimmed and checked: one @, a non-empty local part without spaces, a domain with a dot and valid labels; stored as typed but with the domain lowercased.
///
/// Only the bare address is accepted here: `Name <addr>` is refused (see `FounderSpec` for that form).
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The address, with its local part as typed and its domain lowercased: `Amina.B@technopark.ma`.
    public let text: String

    /// Checks a bare e-mail address, with the white space around it trimmed.
    ///
    /// The local part (before the `@`) must be 1 to 64 bytes without spaces, control characters or
    /// any of `<>()[]\,;:"`, and must not start or end with a dot nor hold two dots in a row. The
    /// domain must have at least two labels separated by dots, each of 1 to 63 letters, digits or
    /// hyphens not starting or ending with a hyphen, and a last label that is not only digits.
    /// Throws `ValueError.invalidEmail` otherwise.
    public init(_ text: String) throws(ValueError) {
        guard let address = Self.checked(text.trimmedValue) else { throw .invalidEmail(text) }
        self.text = address
    }

    /// The address, as `amina@technopark.ma`.
    public var description: String { text }

    /// The part after the `@`, lowercased: `technopark.ma`.
    public var domain: String {
        guard let at = text.lastIndex(of: "@") else { return "" }
        return String(text[text.index(after: at)...])
    }

    /// Decodes an address from its text, checking it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = Self.checked(text[...]) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: ValueError.invalidEmail(text).description)
        }
        self.text = address
    }

    /// Encodes the address as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    // MARK: - Private

    private static let forbiddenBytes: Set<UInt8> = Set("<>()[]\\,;:\"".utf8)

    private static let forbiddenInLocalPart: Set<Character> = ["<", ">", "(", ")", "[", "]", "\\", ",", ";", ":", "\""]

    private static func checked(_ text: Substring) -> String? {
        guard text.utf8.count <= 254 else { return nil }
        if let ascii = checkedASCII(text) { return ascii }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1].lowercased()
        guard isValidLocalPart(local), isValidDomain(domain) else { return nil }
        return String(local) + "@" + domain
    }

    /// The same check on bytes for a plain ASCII address (almost all of them); `nil` when the
    /// address is not plain ASCII or is not valid, so that the general check decides.
    private static func checkedASCII(_ text: Substring) -> String? {
        var at = -1
        var index = 0
        for byte in text.utf8 {
            if byte >= 0x7F || byte <= 0x20 { return nil }
            if byte == UInt8(ascii: "@") {
                if at >= 0 { return nil }
                at = index
            }
            index += 1
        }
        let bytes = Array(text.utf8)
        guard at > 0, at <= 64, at < bytes.count - 1 else { return nil }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        // Local part: no forbidden character, no leading, trailing or doubled dot.
        guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."), !local.contains(where: forbiddenBytes.contains)
        else { return nil }
        var previous: UInt8 = 0
        for byte in local {
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { return nil }
            previous = byte
        }
        // Domain: labels of letters, digits and inner hyphens; at least two; a top level of two or more, not all digits.
        guard domain.count <= 253 else { return nil }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return nil }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") })
            else { return nil }
        }
        guard let top = labels.last, top.count >= 2, !top.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self)
    }

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.utf8.count <= 64, local.first != ".", local.last != ".",
            !local.contains("..")
        else { return false }
        return local.allSatisfy { character in
            !character.isWhitespace && !forbiddenInLocalPart.contains(character)
                && !character.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
    }

    private static func isValidDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return false }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, label.first != "-", label.last != "-",
                label.allSatisfy({ $0 == "-" || $0.isLetter || $0.isASCIIDigit })
            else { return false }
        }
        guard let topLevel = labels.last, topLevel.count >= 2, !topLevel.allSatisfy(\.isASCIIDigit) else {
            return false
        }
        return true
    }
}
