/// An ISO 3166-1 alpha-2 country code.
///
/// Reading a country compares the text with every code and name ignoring case, accents,
/// punctuation and spacing, so `maroc`, `MAROC`, `Royaume du Maroc`, `MAR` and `المغرب` are all MA.
public struct CountryCode: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The two upper-case letters of the code, as `MA`.
    public let code: String

    /// Morocco, the home country of the program's startups.
    public static let morocco = CountryCode(checkedCode: "MA")

    /// Reads a country from its alpha-2 code (any case), its alpha-3 code, its English or French
    /// name or a common variant, ignoring case, accents, punctuation and spacing, and a leading
    /// article ("le Maroc", "the Netherlands"): "Maroc", "Morocco", "Royaume du Maroc", "المغرب",
    /// "MAR" → MA; "UAE", "EAU", "Émirats arabes unis" → AE; "UK", "Great Britain" → GB;
    /// "Ivory Coast", "Côte d'Ivoire" → CI. Throws `ValueError.invalidCountry` for anything else.
    public init(_ text: String) throws(ValueError) {
        guard let code = Self.code(named: text) else { throw .invalidCountry(text) }
        self.init(checkedCode: code)
    }

    /// The short English name, as `Morocco`.
    public var englishName: String { record?.englishName ?? code }

    /// The short French name, as `Maroc`.
    public var frenchName: String { record?.frenchName ?? code }

    /// The three-letter ISO 3166-1 alpha-3 code, as `MAR`.
    public var alpha3Code: String { record?.alpha3 ?? code }

    /// The code, as `MA`.
    public var description: String { code }

    /// Every ISO 3166-1 country (249), sorted by code.
    public static var all: [CountryCode] { allCountries }

    /// The countries of the Plug and Play network where a startup may enter a market by default:
    /// the countries where Plug and Play has offices, programs or corporate partners. Morocco is
    /// not in it, since a market is by definition abroad. A program manager can replace this list
    /// in the rules file.
    public static let defaultNetwork: [CountryCode] = [
        // Americas
        "US", "CA", "MX", "BR", "CO", "CL", "AR", "PE", "UY", "CR", "PA",
        // Europe
        "GB", "FR", "DE", "ES", "IT", "NL", "BE", "LU", "CH", "AT", "PT", "IE", "SE", "DK", "FI",
        "NO", "IS", "EE", "LT", "LV", "PL", "CZ", "SK", "HU", "RO", "BG", "HR", "SI", "RS", "GR",
        "CY", "MT", "UA", "TR",
        // Middle East
        "IL", "AE", "SA", "QA", "KW", "BH", "OM", "JO", "LB",
        // Africa
        "EG", "TN", "DZ", "SN", "CI", "NG", "KE", "GH", "ZA", "RW", "MU", "ET", "CM",
        // Asia and Oceania
        "IN", "PK", "SG", "JP", "KR", "CN", "HK", "TW", "TH", "MY", "ID", "VN", "PH", "AU", "NZ",
    ].map { CountryCode(checkedCode: $0) }

    /// Orders countries by code.
    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.code < rhs.code }

    /// Decodes a country from its alpha-2 code, as `"MA"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard Self.recordsByCode[text] != nil else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: ValueError.invalidCountry(text).description)
        }
        self.init(checkedCode: text)
    }

    /// Encodes the country as its alpha-2 code, as `"MA"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    // MARK: - Private

    private init(checkedCode code: String) {
        self.code = code
    }

    private var record: CountryRecord? { Self.recordsByCode[code] }

    private static let allCountries = records.map { CountryCode(checkedCode: $0.alpha2) }

    private static let recordsByCode: [String: CountryRecord] = Dictionary(
        records.map { ($0.alpha2, $0) }, uniquingKeysWith: { first, _ in first })

    /// Every code and name, compacted with `TextFolding.compact`, to its alpha-2 code.
    private static let codesByName: [String: String] = {
        var index: [String: String] = [:]
        for record in records {
            for name in [record.alpha2, record.alpha3, record.englishName, record.frenchName] + record.aliases {
                let key = TextFolding.compact(name)
                if index[key] == nil { index[key] = record.alpha2 }
            }
        }
        return index
    }()

    /// Leading articles that do not change which country is meant, as folded words.
    private static let articles = ["le", "la", "les", "l", "the"]

    private static func code(named text: String) -> String? {
        // The spellings of nearly every row of an applicant file, without folding.
        switch text {
        case "Morocco", "Maroc", "MA", "morocco", "maroc", "MAROC", "MOROCCO", "المغرب": return "MA"
        default: break
        }
        guard text.utf8.count <= 200 else { return nil }
        let folded = TextFolding.folded(text)
        guard !folded.isEmpty else { return nil }
        if let code = codesByName[folded.replacingSpaces()] { return code }
        let words = folded.split(separator: " ")
        if words.count > 1, let first = words.first, articles.contains(String(first)) {
            return codesByName[words.dropFirst().joined()]
        }
        return nil
    }
}

/// One row of the ISO 3166-1 table.
struct CountryRecord: Sendable {
    let alpha2: String
    let alpha3: String
    let englishName: String
    let frenchName: String
    let aliases: [String]

    init(_ alpha2: String, _ alpha3: String, _ englishName: String, _ frenchName: String, _ aliases: [String]) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.englishName = englishName
        self.frenchName = frenchName
        self.aliases = aliases
    }
}

extension String {
    /// The folded text with its spaces removed.
    fileprivate func replacingSpaces() -> String {
        String(unicodeScalars.filter { $0 != " " })
    }
}
