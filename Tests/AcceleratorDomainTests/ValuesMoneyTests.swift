import Foundation
import Testing

@testable import AcceleratorDomain

@Suite("Currencies and money")
struct ValuesMoneyTests {
    // MARK: - Currencies

    @Test("Currency codes and local spellings are read", arguments: [
        ("MAD", "MAD"), ("mad", "MAD"), (" Mad ", "MAD"), ("DH", "MAD"), ("dh", "MAD"), ("DHS", "MAD"),
        ("Dhs", "MAD"), ("dirham", "MAD"), ("Dirhams", "MAD"), ("د.م.", "MAD"), ("€", "EUR"), ("eur", "EUR"),
        ("Euros", "EUR"), ("$", "USD"), ("usd", "USD"), ("US$", "USD"), ("£", "GBP"), ("AED", "AED"),
        ("SAR", "SAR"), ("CHF", "CHF"), ("CAD", "CAD"), ("XOF", "XOF"), ("XAF", "XAF"), ("JPY", "JPY"),
        ("KWD", "KWD"), ("TND", "TND"), ("EGP", "EGP"), ("ngn", "NGN"), ("XCG", "XCG"), ("ZWG", "ZWG"),
    ])
    func acceptedCurrency(_ text: String, _ code: String) throws {
        #expect(try CurrencyCode(text).code == code)
    }

    @Test("Unknown, withdrawn and non-money codes are refused", arguments: [
        "", " ", "XYZ", "MA", "MADD", "EURO$", "HRK", "FRF", "XAU", "XXX", "XTS", "dollar", "M A D", "1", "€€",
    ])
    func refusedCurrency(_ text: String) {
        #expect(throws: ValueError.invalidCurrency(text)) { try CurrencyCode(text) }
    }

    @Test("Currencies know their number of minor-unit digits", arguments: [
        ("MAD", 2), ("EUR", 2), ("USD", 2), ("JPY", 0), ("KRW", 0), ("XOF", 0), ("XAF", 0), ("KWD", 3),
        ("BHD", 3), ("TND", 3), ("OMR", 3), ("JOD", 3), ("IQD", 3), ("LYD", 3), ("CLF", 4), ("UYW", 4),
    ])
    func minorUnitDigits(_ code: String, _ digits: Int) throws {
        #expect(try CurrencyCode(code).minorUnitDigits == digits)
    }

    @Test("The full ISO 4217 list is there, three upper-case letters each")
    func fullList() {
        let all = CurrencyCode.all
        #expect(all.count >= 150)
        #expect(Set(all).count == all.count)
        #expect(all.allSatisfy { $0.code.count == 3 && $0.code.allSatisfy { $0.isUppercase && $0.isASCII } })
        #expect(all.contains(.mad) && all.contains(.eur) && all.contains(.usd))
        #expect(CurrencyCode.mad.description == "MAD")
    }

    @Test("Currencies encode as their code")
    func currencyCodable() throws {
        let data = try JSONEncoder().encode([CurrencyCode.mad])
        #expect(String(decoding: data, as: UTF8.self) == #"["MAD"]"#)
        #expect(try JSONDecoder().decode([CurrencyCode].self, from: data) == [.mad])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CurrencyCode].self, from: Data(#"["DH"]"#.utf8)) }
    }

    // MARK: - Amounts

    @Test("Amounts in French and English spellings are read exactly, in minor units", arguments: [
        ("1500000", 150_000_000, "MAD"),
        ("1500000.5", 150_000_050, "MAD"),
        ("1500000.50", 150_000_050, "MAD"),
        ("1 500 000,50", 150_000_050, "MAD"),
        ("1\u{00A0}500\u{00A0}000,50", 150_000_050, "MAD"),
        ("1\u{202F}500\u{202F}000,50", 150_000_050, "MAD"),
        ("1.500.000,50", 150_000_050, "MAD"),
        ("1,500,000.50", 150_000_050, "MAD"),
        ("1,500,000", 150_000_000, "MAD"),
        ("1.500.000", 150_000_000, "MAD"),
        ("1'500'000.50", 150_000_050, "MAD"),
        ("250000 DH", 25_000_000, "MAD"),
        ("250 000 MAD", 25_000_000, "MAD"),
        ("250000dhs", 25_000_000, "MAD"),
        ("250000 Dirhams", 25_000_000, "MAD"),
        ("MAD 250000", 25_000_000, "MAD"),
        ("mad250000", 25_000_000, "MAD"),
        ("€1,200.00", 120_000, "EUR"),
        ("1 200,00 €", 120_000, "EUR"),
        ("$1,200", 120_000, "USD"),
        ("USD 1,200 USD", 120_000, "USD"),
        ("12,5", 1250, "MAD"),
        ("12,50", 1250, "MAD"),
        ("1234,56", 123_456, "MAD"),
        ("1,500", 150_000, "MAD"),
        (",5", 50, "MAD"),
        ("-300", -30_000, "MAD"),
        ("−300", -30_000, "MAD"),
        ("- 300 MAD", -30_000, "MAD"),
        ("MAD -300", -30_000, "MAD"),
        ("-€1,200.50", -120_050, "EUR"),
        ("+300", 30_000, "MAD"),
        ("0", 0, "MAD"),
        ("  42  ", 4200, "MAD"),
        ("1500 JPY", 1500, "JPY"),
        ("¥1,500", 1500, "JPY"),
        ("1500.0 JPY", 1500, "JPY"),
        ("1,500.00 JPY", 1500, "JPY"),
        ("12,3 KWD", 12_300, "KWD"),
        ("12.345 KWD", 12_345, "KWD"),
        ("12,345 KWD", 12_345_000, "KWD"),
        ("0.001 BHD", 1, "BHD"),
        ("10000000000000.00", 1_000_000_000_000_000, "MAD"),
        ("-10 000 000 000 000,00 MAD", -1_000_000_000_000_000, "MAD"),
        ("1000000000000000 JPY", 1_000_000_000_000_000, "JPY"),
        ("1,000,000,000,000.000 KWD", 1_000_000_000_000_000, "KWD"),
    ] as [(String, Int64, String)])
    func acceptedAmount(_ text: String, _ minorUnits: Int64, _ code: String) throws {
        let money = try Money.parse(text)
        #expect(money.minorUnits == minorUnits)
        #expect(money.currency.code == code)
    }

    @Test("A currency written in the text wins over the default currency")
    func textCurrencyWins() throws {
        let eur = try CurrencyCode("EUR")
        #expect(try Money.parse("250000 DH", defaultCurrency: eur).currency == .mad)
        #expect(try Money.parse("250000", defaultCurrency: eur).currency == eur)
        #expect(try Money.parse("1500", defaultCurrency: CurrencyCode("JPY")).minorUnits == 1500)
        #expect(try Money.parse("1500", defaultCurrency: CurrencyCode("KWD")).minorUnits == 1_500_000)
    }

    @Test("Empty text, letters, excess decimals and misplaced marks are refused as not an amount", arguments: [
        "", "   ", "abc", "MAD", "€", "12abc", "douze", "12.345 MAD", "12,345,6", "12.345", "1500.5 JPY", "0.0001 KWD", "12,3456 KWD", "12,3450 KWD",
        "1.500", "1.500 MAD", "12.500", "0,500", "1 500,000", "1.500 JPY", "1500.001 JPY",
        "1.500,000.50", "1,500.000,50", "1.5.0", "1,50.00", "12 34", "1 50", "1  500", "1.500 000", "1,500 000",
        "12.", "12,", ".", "-", "--300", "+-300", "300-", "1 500 000,50 MAD EUR", "MAD 300 EUR", "300 XYZ",
        "12.50.", "1e5", "1,2,3", "0x10", "(300)", "١٢٣", "12 . 50",
    ])
    func refusedAmount(_ text: String) {
        #expect(throws: ValueError.invalidMoney(text)) { try Money.parse(text) }
    }

    @Test("An amount beyond 10^15 minor units either way is refused as beyond the largest accepted, however many digits it has", arguments: [
        ("10000000000000.01", "MAD"),
        ("10 000 000 000 001 MAD", "MAD"),
        ("-10000000000000.01", "MAD"),
        ("999999999999999", "MAD"),
        ("92233720368547758.07", "MAD"),
        ("-92233720368547758.07", "MAD"),
        ("92233720368547758.08", "MAD"),
        ("-92233720368547758.08", "MAD"),
        ("99999999999999999999", "MAD"),
        ("€10,000,000,000,000.01", "EUR"),
        ("1000000000000001 JPY", "JPY"),
        ("1000000000000.001 KWD", "KWD"),
        ("999999999999999 CLF", "CLF"),
    ])
    func amountTooLarge(_ text: String, _ code: String) throws {
        let largest = Money.largest(in: try CurrencyCode(code))
        #expect(throws: ValueError.amountTooLarge(text, largest: largest)) { try Money.parse(text) }
    }

    @Test("Amounts are written with the currency's decimals and no thousands separator", arguments: [
        (150_000_050, "MAD", ".", "1500000.50"),
        (150_000_050, "MAD", ",", "1500000,50"),
        (5, "MAD", ".", "0.05"),
        (-30_000, "MAD", ".", "-300.00"),
        (-5, "EUR", ",", "-0,05"),
        (0, "MAD", ".", "0.00"),
        (1500, "JPY", ".", "1500"),
        (-1500, "JPY", ".", "-1500"),
        (12_345, "KWD", ".", "12.345"),
        (1, "CLF", ".", "0.0001"),
        (Int64.min, "MAD", ".", "-92233720368547758.08"),
        (Int64.max, "MAD", ".", "92233720368547758.07"),
    ] as [(Int64, String, Character, String)])
    func formatting(_ minorUnits: Int64, _ code: String, _ separator: Character, _ expected: String) throws {
        let money = Money(minorUnits: minorUnits, currency: try CurrencyCode(code))
        #expect(money.formatted(decimalSeparator: separator) == expected)
    }

    @Test("An amount describes itself with its currency and reads back the same")
    func descriptionRoundTrip() throws {
        let money = try Money.parse("1 500 000,50")
        #expect(money.description == "1500000.50 MAD")
        #expect(try Money.parse(money.description) == money)
        #expect(try Money.parse(money.formatted(decimalSeparator: ",")) == money)
        #expect(Money(minorUnits: 150_000_050, currency: .mad) == money)
    }

    @Test("The refusal messages name the text")
    func refusalMessages() {
        #expect(ValueError.invalidMoney("12.345 MAD").description.hasPrefix("“12.345 MAD” is not an amount of money"))
        #expect(ValueError.invalidCurrency("XYZ").description.hasPrefix("“XYZ” is not a currency"))
        #expect(ValueError.amountTooLarge("99999999999999999999", largest: Money.largest(in: .mad)).description
            == "“99999999999999999999” is beyond the largest amount accepted (10000000000000.00 MAD)")
    }
}
