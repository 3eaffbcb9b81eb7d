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
        let trimmed = text.trimmedValue
        guard let address = Self.checked(trimmed, whole: trimmed.utf8.count == text.utf8.count ? text : nil) else {
            throw .invalidEmail(text)
        }
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

    private static let forbiddenInLocalPart: Set<Character> = ["<", ">", "(", ")", "[", "]", "\\", ",", ";", ":", "\""]

    /// The address stored for `text`, or `nil` when it is not valid. `whole`: the string `text`
    /// spans, if it spans all of it, returned as it is when nothing needs lowercasing (no copy).
    private static func checked(_ text: Substring, whole: String? = nil) -> String? {
        guard text.utf8.count <= 254 else { return nil }
        if let ascii = checkedASCII(text, whole: whole) { return ascii }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1].lowercased()
        guard isValidLocalPart(local), isValidDomain(domain) else { return nil }
        return String(local) + "@" + domain
    }

    /// The same check on bytes for a plain ASCII address (almost all of them), in one pass and
    /// without allocating; `nil` when the address is not plain ASCII or is not valid, so that the
    /// general check decides.
    private static func checkedASCII(_ text: Substring, whole: String?) -> String? {
        let verdict = text.utf8.withContiguousStorageIfAvailable { bytes -> ASCIIVerdict in
            asciiVerdict(bytes)
        }
        switch verdict {
        case .valid(let at, let hasUppercaseDomain):
            guard hasUppercaseDomain else { return whole ?? String(text) }
            let count = text.utf8.count
            return text.utf8.withContiguousStorageIfAvailable { bytes in
                String(unsafeUninitializedCapacity: count) { buffer in
                    for index in 0..<count {
                        let byte = bytes[index]
                        buffer[index] = index > at && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    }
                    return count
                }
            }
        case .notDecided, nil:
            return nil
        }
    }

    private enum ASCIIVerdict {
        /// A valid address: where its `@` is, and whether its domain needs lowercasing.
        case valid(at: Int, hasUppercaseDomain: Bool)
        /// Not plain ASCII, or not valid: the general check decides.
        case notDecided
    }

    private static func asciiVerdict(_ bytes: UnsafeBufferPointer<UInt8>) -> ASCIIVerdict {
        let dot = UInt8(ascii: "."), hyphen = UInt8(ascii: "-")
        var at = -1
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte >= 0x7F || byte <= 0x20 { return .notDecided }
            if byte == UInt8(ascii: "@") {
                if at >= 0 { return .notDecided }
                at = index
            }
        }
        guard at > 0, at <= 64, at < bytes.count - 1, bytes.count - at - 1 <= 253 else { return .notDecided }
        // Local part: no forbidden character, no leading, trailing or doubled dot.
        guard bytes[0] != dot, bytes[at - 1] != dot else { return .notDecided }
        var previous: UInt8 = 0
        for index in 0..<at {
            let byte = bytes[index]
            if isForbiddenInLocalPart(byte) || (byte == dot && previous == dot) { return .notDecided }
            previous = byte
        }
        // Domain: labels of letters, digits and inner hyphens; at least two; a top level of two or
        // more, not all digits.
        var labels = 0, labelLength = 0, labelAllDigits = true, hasUppercase = false
        previous = 0
        for index in (at + 1)...bytes.count {
            let byte = index < bytes.count ? bytes[index] : dot
            if byte == dot {
                guard labelLength > 0, labelLength <= 63, previous != hyphen else { return .notDecided }
                labels += 1
                if index == bytes.count, labelLength < 2 || labelAllDigits { return .notDecided }
                labelLength = 0
                labelAllDigits = true
            } else {
                let isDigit = byte >= 0x30 && byte <= 0x39
                let isUpper = byte >= 0x41 && byte <= 0x5A
                guard isDigit || isUpper || (byte >= 0x61 && byte <= 0x7A) || byte == hyphen else { return .notDecided }
                if labelLength == 0, byte == hyphen { return .notDecided }
                hasUppercase = hasUppercase || isUpper
                labelAllDigits = labelAllDigits && isDigit
                labelLength += 1
            }
            previous = byte
        }
        guard labels >= 2 else { return .notDecided }
        return .valid(at: at, hasUppercaseDomain: hasUppercase)
    }

    private static func isForbiddenInLocalPart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
            UInt8(ascii: "\""):
            true
        default:
            false
        }
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
