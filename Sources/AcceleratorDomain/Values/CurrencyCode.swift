/// An ISO 4217 currency code, validated against the list of active codes (include the full current list: MAD, EUR, USD, GBP, AED, SAR, CHF, CAD, XOF, ... all of them), with the number of minor-unit digits (MAD 2, EUR 2, JPY 0, KWD 3, BHD 3, TND 3, ...).
public struct CurrencyCode: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The three upper-case letters of the code, as `MAD`.
    public let code: String
    /// How many digits the currency has after the decimal mark: 2 for MAD and EUR, 0 for JPY,
    /// 3 for KWD, BHD and TND.
    public let minorUnitDigits: Int

    /// The Moroccan dirham, the program's default currency.
    public static let mad = CurrencyCode(checkedCode: "MAD", minorUnitDigits: 2)
    /// The euro.
    public static let eur = CurrencyCode(checkedCode: "EUR", minorUnitDigits: 2)
    /// The United States dollar.
    public static let usd = CurrencyCode(checkedCode: "USD", minorUnitDigits: 2)

    /// Reads a currency code in any case, with the white space around it trimmed.
    ///
    /// Also reads the spellings seen in Moroccan spreadsheets: `DH`, `DHS`, `dirham`, `dirhams`,
    /// `د.م.` → MAD; `€`, `euro`, `euros` → EUR; `$`, `US$` → USD; `£` → GBP.
    /// Throws `ValueError.invalidCurrency` for anything else.
    public init(_ text: String) throws(ValueError) {
        guard let currency = Self.currency(named: text.trimmedValue) else { throw .invalidCurrency(text) }
        self = currency
    }

    /// The code, as `MAD`.
    public var description: String { code }

    /// Every accepted currency, sorted by code.
    public static var all: [CurrencyCode] {
        minorUnitDigitsByCode.keys.sorted().map { code in
            CurrencyCode(checkedCode: code, minorUnitDigits: minorUnitDigitsByCode[code] ?? 2)
        }
    }

    /// Decodes a currency from its code, as `"MAD"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let digits = Self.minorUnitDigitsByCode[text] else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: ValueError.invalidCurrency(text).description)
        }
        self.init(checkedCode: text, minorUnitDigits: digits)
    }

    /// Encodes the currency as its code, as `"MAD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    // MARK: - Internal

    private init(checkedCode code: String, minorUnitDigits: Int) {
        self.code = code
        self.minorUnitDigits = minorUnitDigits
    }

    /// The currency a trimmed word or symbol stands for, or `nil`.
    static func currency(named text: Substring) -> CurrencyCode? {
        guard !text.isEmpty, text.utf8.count <= 40 else { return nil }
        if let code = symbols[String(text)] ?? Self.isoCode(text) ?? Self.word(text),
            let digits = minorUnitDigitsByCode[code]
        {
            return CurrencyCode(checkedCode: code, minorUnitDigits: digits)
        }
        return nil
    }

    /// Three ASCII letters in any case, upper-cased when they are an active code.
    private static func isoCode(_ text: Substring) -> String? {
        guard text.utf8.count == 3, text.utf8.allSatisfy({ $0 < 0x80 && (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) })
        else { return nil }
        let code = text.uppercased()
        return minorUnitDigitsByCode[code] == nil ? nil : code
    }

    /// A currency word such as "Dirhams" or "dirham marocain": letters, spaces and dots only,
    /// compared after `TextFolding.folded`.
    private static func word(_ text: Substring) -> String? {
        guard text.allSatisfy({ $0.isLetter || $0.isValueSpace || $0 == "." }) else { return nil }
        return words[TextFolding.folded(String(text))]
    }

    /// Currency signs, matched exactly.
    private static let symbols: [String: String] = [
        "€": "EUR", "$": "USD", "US$": "USD", "$US": "USD", "£": "GBP", "¥": "JPY",
        "د.م.": "MAD", "د.م": "MAD", "درهم": "MAD",
    ]

    /// Currency words, as folded by `TextFolding.folded` (case and accents ignored).
    private static let words: [String: String] = [
        "dh": "MAD", "dhs": "MAD", "dirham": "MAD", "dirhams": "MAD",
        "dirham marocain": "MAD", "dirhams marocains": "MAD", "moroccan dirham": "MAD", "moroccan dirhams": "MAD",
        "euro": "EUR", "euros": "EUR",
        "us dollar": "USD", "us dollars": "USD", "dollar us": "USD", "dollars us": "USD",
        "dollar americain": "USD", "dollars americains": "USD",
    ]
}
