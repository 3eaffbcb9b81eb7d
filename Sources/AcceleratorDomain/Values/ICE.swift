/// The 15-digit ICE (Identifiant Commun de l'Entreprise); spaces, dots and dashes are removed before checking; exactly 15 ASCII digits after that.
public struct ICE: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The fifteen digits, as `001234567000089`.
    public let digits: String

    /// Reads an ICE, removing white space, dots and dashes first (`001 234 567 000 089`,
    /// `001.234.567.000.089`). Exactly fifteen ASCII digits must remain: an ICE that Excel shortened
    /// by dropping its leading zeros, or wrote as `1,23457E+12`, is refused rather than guessed.
    /// Throws `ValueError.invalidICE` otherwise.
    public init(_ text: String) throws(ValueError) {
        guard let digits = Self.checked(text) else { throw .invalidICE(text) }
        self.digits = digits
    }

    /// The fifteen digits, as `001234567000089`.
    public var description: String { digits }

    /// Decodes an ICE from its fifteen digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let digits = Self.checked(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: ValueError.invalidICE(text).description)
        }
        self.digits = digits
    }

    /// Encodes the ICE as its fifteen digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }

    private static func checked(_ text: String) -> String? {
        // Nearly always fifteen plain digits: the text itself.
        if text.utf8.count == 15, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return text
        }
        var digits = ""
        for character in text {
            if character.isASCIIDigit {
                guard digits.utf8.count < 15 else { return nil }
                digits.append(character)
            } else if !(character.isValueSpace || character == "." || character == "-") {
                return nil
            }
        }
        return digits.utf8.count == 15 ? digits : nil
    }
}
