import Foundation

/// Why a typed value was refused; `description` is one readable sentence that says what was wrong and what is accepted.
///
/// Each case carries the text exactly as it was given, so that an import report can quote it.
public enum ValueError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The text is not a calendar date (or date and time) in an accepted spelling.
    case invalidDate(String)
    /// The text is not an amount of money in an accepted spelling.
    case invalidMoney(String)
    /// The text is an amount beyond the largest one accepted (`Money.largestMinorUnits`), here in its currency.
    case amountTooLarge(String, largest: Money)
    /// The text is not an active ISO 4217 currency code or a known currency alias.
    case invalidCurrency(String)
    /// The text is not a Moroccan phone number nor an international number with its prefix.
    case invalidPhone(String)
    /// The text is not an ISO 3166-1 country code nor a known country name.
    case invalidCountry(String)
    /// The text is not a bare e-mail address.
    case invalidEmail(String)
    /// The text is not a 15-digit ICE (Identifiant Commun de l'Entreprise).
    case invalidICE(String)
    /// The text is not a founder written as `Full Name <name@example.ma>`.
    case invalidFounder(String)

    /// The text that was refused, exactly as it was given.
    public var text: String {
        switch self {
        case .invalidDate(let text), .invalidMoney(let text), .invalidCurrency(let text),
            .invalidPhone(let text), .invalidCountry(let text), .invalidEmail(let text),
            .invalidICE(let text), .invalidFounder(let text), .amountTooLarge(let text, _):
            return text
        }
    }

    /// One sentence saying what was wrong with the value and how to write it.
    public var description: String {
        switch self {
        case .invalidDate(let text):
            return "\(Self.quoted(text)) is not a date: write it as 2026-03-25 or 25/03/2026"
        case .invalidMoney(let text):
            return "\(Self.quoted(text)) is not an amount of money: write it as 1500000.50, "
                + "1 500 000,50 or 250000 MAD, with no more decimals than the currency has"
        case .amountTooLarge(let text, let largest):
            return "\(Self.quoted(text)) is beyond the largest amount accepted (\(largest))"
        case .invalidCurrency(let text):
            return "\(Self.quoted(text)) is not a currency: write an ISO 4217 code such as MAD, EUR or USD "
                + "(DH and dirham are read as MAD)"
        case .invalidPhone(let text):
            return "\(Self.quoted(text)) is not a phone number: write a Moroccan number as 06 12 34 56 78 "
                + "or a foreign one with its prefix, as +33 6 12 34 56 78"
        case .invalidCountry(let text):
            return "\(Self.quoted(text)) is not a country: write an ISO code such as MA or FR, "
                + "or a name such as Maroc or Morocco"
        case .invalidEmail(let text):
            return "\(Self.quoted(text)) is not an e-mail address: write it as name@example.ma"
        case .invalidICE(let text):
            return "\(Self.quoted(text)) is not an ICE: write the 15 digits of the Identifiant Commun "
                + "de l'Entreprise, leading zeros included, as 001234567000089"
        case .invalidFounder(let text):
            return "\(Self.quoted(text)) is not a founder: write it as \"Full Name <name@example.ma>\""
        }
    }

    /// The same sentence as `description`, for code that reports errors through `LocalizedError`.
    public var errorDescription: String? { description }

    /// Quotes the refused text, or says it was empty, so the sentence still reads well.
    private static func quoted(_ text: String) -> String {
        if text.allSatisfy(\.isValueSpace) { return "An empty value" }
        return "“\(text)”"
    }
}

extension Character {
    /// Whether the character is white space (including no-break spaces) or a byte order mark, which
    /// spreadsheets leave around values.
    var isValueSpace: Bool { isWhitespace || self == "\u{FEFF}" || self == "\u{200B}" }
}

extension String {
    /// The text without the white space, no-break spaces and byte order marks around it; the text
    /// itself (no copy) when its first and last characters are plainly not spaces (printable ASCII or
    /// accented Latin letters), as almost always.
    public var trimmedText: String {
        utf8.withContiguousStorageIfAvailable(TextEdges.arePlain) == true ? self : String(trimmedValue)
    }
}

/// The quick test that spares trimming nearly every value.
public enum TextEdges {
    /// Whether text of these UTF-8 bytes plainly has no white space at either end: its first and last
    /// characters are printable ASCII other than the space, or accented Latin letters (U+00C0 to
    /// U+027F: é, ç, à…, never white space and never combining with what comes before). Empty text
    /// counts as plain. `false` says nothing: the text must be trimmed character by character.
    public static func arePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        let endsWithLatinLetter = last & 0xC0 == 0x80 && bytes.count >= 2 && isLatinLetterLead(bytes[bytes.count - 2])
        return (isPlainByte(first) || isLatinLetterLead(first)) && (isPlainByte(last) || endsWithLatinLetter)
    }

    private static func isPlainByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    /// The first byte of a two-byte character from U+00C0 to U+027F.
    private static func isLatinLetterLead(_ byte: UInt8) -> Bool {
        byte >= 0xC3 && byte <= 0xC9
    }
}

extension String {
    /// The text without the white space, no-break spaces and byte order marks around it; the whole
    /// text, without looking at its characters, when its edges are plain (`TextEdges`).
    var trimmedValue: Substring {
        if utf8.withContiguousStorageIfAvailable(TextEdges.arePlain) == true { return self[...] }
        return self[...].trimmedValue
    }
}

extension StringProtocol {
    /// The text without the white space, no-break spaces and byte order marks around it.
    var trimmedValue: Substring {
        let base = self[...]
        guard let first = base.firstIndex(where: { !$0.isValueSpace }),
            let last = base.lastIndex(where: { !$0.isValueSpace })
        else { return Substring() }
        return Substring(base[first...last])
    }
}
