import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import Foundation
import Testing

/// The values every JSON output shares: money, countries, rounded decimals, dialects.
@Suite("the JSON vocabulary")
struct JSONVocabularyTests {
    /// `value` as the one JSON encoding writes it, on one line.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONOutput.encode(value), as: UTF8.self)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    @Test(
        "an amount is its minor units, its currency and its text",
        arguments: [
            (Money(minorUnits: 150_000_000, currency: .mad), #"{ "currency" : "MAD", "minorUnits" : 150000000, "text" : "1500000.00 MAD" }"#),
            (Money(minorUnits: 250_000_050, currency: .mad), #"{ "currency" : "MAD", "minorUnits" : 250000050, "text" : "2500000.50 MAD" }"#),
            (Money(minorUnits: -30_000, currency: .eur), #"{ "currency" : "EUR", "minorUnits" : -30000, "text" : "-300.00 EUR" }"#),
            (Money(minorUnits: 1_500, currency: try! CurrencyCode("JPY")), #"{ "currency" : "JPY", "minorUnits" : 1500, "text" : "1500 JPY" }"#),
            (Money(minorUnits: 1_234, currency: try! CurrencyCode("KWD")), #"{ "currency" : "KWD", "minorUnits" : 1234, "text" : "1.234 KWD" }"#),
            (Money(minorUnits: Int64.max, currency: .usd),
             #"{ "currency" : "USD", "minorUnits" : 9223372036854775807, "text" : "92233720368547758.07 USD" }"#),
        ])
    func money(amount: Money, expected: String) throws {
        #expect(try Self.json(MoneyJSON(amount)) == expected)
        #expect(MoneyJSON(minorUnits: amount.minorUnits, currency: amount.currency.code) == MoneyJSON(amount))
    }

    @Test(
        "a country is its code with its English and French names; a code of no country is the code alone",
        arguments: [
            ("MA", #"{ "code" : "MA", "frenchName" : "Maroc", "name" : "Morocco" }"#),
            ("AE", #"{ "code" : "AE", "frenchName" : "Émirats arabes unis", "name" : "United Arab Emirates" }"#),
            ("CI", #"{ "code" : "CI", "frenchName" : "Côte d'Ivoire", "name" : "Côte d'Ivoire" }"#),
            ("ZZ", #"{ "code" : "ZZ" }"#),
            ("Maroc", #"{ "code" : "Maroc" }"#),
        ])
    func country(code: String, expected: String) throws {
        #expect(try Self.json(CountryJSON(code: code)) == expected)
    }

    @Test(
        "shares are rounded to four decimals and days to one, as the CSV rounds them",
        arguments: [
            (1.0 / 3, 0.3333, "0.3333"), (2.0 / 3, 0.6667, "0.6667"), (0.625, 0.625, "0.625"), (1, 1, "1"), (0, 0, "0"),
            (0.000_04, 0, "0"),
        ] as [(Double, Double, String)])
    func share(value: Double, rounded: Double, expected: String) throws {
        #expect(JSONDecimal.share(value) == rounded)
        #expect(try Self.json([JSONDecimal.share(value)]) == "[ \(expected) ]")
    }

    @Test(
        "days are rounded to one decimal",
        arguments: [(170.70000000000002, 170.7, "170.7"), (12, 12, "12"), (81.45, 81.5, "81.5"), (222.64, 222.6, "222.6")]
            as [(Double, Double, String)])
    func days(value: Double, rounded: Double, expected: String) throws {
        #expect(JSONDecimal.days(value) == rounded)
        #expect(try Self.json([JSONDecimal.days(value)]) == "[ \(expected) ]")
        #expect(JSONDecimal.days(nil) == nil)
    }

    @Test("a report's funnel, days, funding and markets are written in the vocabulary, and no key is left null")
    func report() throws {
        let report = ProgramReport(
            program: "P", asOf: "2026-06-30", cohort: "2026-A", cohorts: [figures()], overall: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try JSONOutput.encode(ReportJSON(report)))) as? [String: Any])
        #expect(object["overall"] == nil)
        let cohort = try #require((object["cohorts"] as? [[String: Any]])?.first)
        let funnel = try #require(cohort["funnel"] as? [[String: Any]])
        #expect(funnel.map { $0["conversionToNext"] as? Double } == [0.75, 0.6667, 0.5, nil])
        #expect(funnel.last?.keys.contains("conversionToNext") == false)
        let funding = try #require((cohort["funding"] as? [[String: Any]])?.first)
        #expect(funding["totalMinor"] == nil && funding["medianMinor"] == nil)
        let total = try #require(funding["total"] as? [String: Any])
        #expect(total["minorUnits"] as? Int == 1 && total["currency"] as? String == "MAD" && total["text"] as? String == "0.01 MAD")
        let market = try #require((cohort["markets"] as? [[String: Any]])?.first)
        #expect(market["country"] as? [String: String] == ["code": "ES", "name": "Spain", "frenchName": "Espagne"])
    }
}
