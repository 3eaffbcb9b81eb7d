import AcceleratorDomain

/// An amount as every JSON output writes it: exact minor units, the ISO 4217 code, and the amount
/// as the text output shows it (`{"currency": "MAD", "minorUnits": 150000000, "text": "1500000.00 MAD"}`).
public struct MoneyJSON: Encodable, Equatable, Sendable {
    /// The amount in the currency's smallest unit (centimes for MAD).
    public var minorUnits: Int64
    /// The ISO 4217 code.
    public var currency: String
    /// The amount for people: `1500000.00 MAD`.
    public var text: String

    /// The JSON of an amount.
    public init(_ money: Money) {
        self.init(minorUnits: money.minorUnits, currency: money.currency.code, text: money.description)
    }

    /// The JSON of an amount the store keeps as minor units and a code.
    public init(minorUnits: Int64, currency code: String) {
        // A code the store did not write would be said as plainly as it is kept.
        let text = (try? CurrencyCode(code)).map { Money(minorUnits: minorUnits, currency: $0).description }
        self.init(minorUnits: minorUnits, currency: code, text: text ?? "\(minorUnits) \(code)")
    }

    private init(minorUnits: Int64, currency: String, text: String) {
        self.minorUnits = minorUnits
        self.currency = currency
        self.text = text
    }
}

/// A country as every JSON output writes it: the ISO 3166-1 alpha-2 code, the English and the
/// French short names (`{"code": "MA", "frenchName": "Maroc", "name": "Morocco"}`).
public struct CountryJSON: Encodable, Equatable, Sendable {
    /// The alpha-2 code.
    public var code: String
    /// The English short name; left out for a code of no known country.
    public var name: String?
    /// The French short name; left out when there is none.
    public var frenchName: String?

    /// The JSON of a country.
    public init(_ country: CountryCode) {
        self.init(code: country.code, name: country.englishName, frenchName: country.frenchName)
    }

    /// The JSON of a country the store keeps as its code.
    public init(code: String) {
        if let country = try? CountryCode(code), country.code == code {
            self.init(country)
        } else {
            self.init(code: code, name: nil, frenchName: nil)
        }
    }

    /// The JSON of a country whose names are already known.
    public init(code: String, name: String?, frenchName: String?) {
        self.code = code
        self.name = name
        self.frenchName = frenchName
    }
}

/// Numbers with decimals as every JSON output writes them: rounded as the CSV report rounds them,
/// so that JSON and CSV say the same figure (`0.3333`, never `0.3333333333333333`).
public enum JSONDecimal {
    /// A share from 0 to 1, to four decimals (the CSV's `conversion_to_next`).
    public static func share(_ share: Double?) -> Double? {
        share.flatMap { Double(Figure.share($0)) }
    }

    /// Days, to one decimal (the CSV's `median_days` and `p90_days`).
    public static func days(_ days: Double?) -> Double? {
        days.flatMap { Double(Figure.decimal($0)) }
    }
}
