import Foundation
import Testing

@testable import AcceleratorDomain

/// A small deterministic generator, so that a failing input can be reproduced.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Robustness of the value parsers")
struct ValuesRobustnessTests {
    /// Characters that parsers treat specially, plus a few they should never expect.
    private static let alphabet: [Character] = Array(
        "0123456789999000-+−/.,:;' \u{00A0}\u{202F}\t\n()<>@TZzAPMapm€$£DHdhMADEURJPYKWDxX٠٩é\u{301}\u{0640}ⵍالمغرب\"\\🇲🇦"
    )

    private static func randomText(_ generator: inout SplitMix64) -> String {
        let length = Int(generator.next() % 40)
        return String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    @Test("No parser crashes on random text, and whatever is accepted reads back from its own spelling")
    func randomText() throws {
        var generator = SplitMix64(state: 20_260_325)
        for _ in 0..<6_000 {
            let text = Self.randomText(&generator)
            exerciseEveryParser(text)
            if let money = try? Money.parse(text) {
                #expect(try Money.parse(money.description) == money, "\(text)")
            }
            if let date = try? CalendarDate.parse(text) {
                #expect(try CalendarDate.parse(date.description) == date, "\(text)")
                #expect(try CalendarDate.parse(date.dayFirstDescription) == date, "\(text)")
            }
            if let phone = try? PhoneNumber.parse(text) {
                #expect(try PhoneNumber.parse(phone.e164) == phone, "\(text)")
            }
        }
    }

    @Test("No parser crashes on extreme inputs", arguments: [
        String(repeating: "9", count: 10_000),
        String(repeating: "1 ", count: 5_000),
        String(repeating: "1,", count: 5_000) + "1",
        "99999999999999999999999999/99999999999999999999/99999999999999999999",
        "9999-99-99T99:99:99.9999999999999999999+99:99",
        "-" + String(repeating: "9", count: 30) + ",99",
        "+" + String(repeating: "0", count: 100),
        String(repeating: "@", count: 300),
        String(repeating: "é", count: 10_000),
        String(repeating: "\u{301}", count: 1_000),
        "\u{0}\u{1}\u{7F}\u{FEFF}\u{200B}",
    ])
    func extremeInput(_ text: String) {
        exerciseEveryParser(text)
    }

    private func exerciseEveryParser(_ text: String) {
        for order in DateOrder.allCases {
            _ = try? DateTimeValue.parse(text, order: order)
        }
        for currency in [CurrencyCode.mad, .usd] {
            if let money = try? Money.parse(text, defaultCurrency: currency) {
                _ = money.formatted(decimalSeparator: ",")
            }
        }
        for kwd in [try? CurrencyCode("KWD"), try? CurrencyCode("JPY")].compactMap({ $0 }) {
            _ = try? Money.parse(text, defaultCurrency: kwd)
        }
        _ = try? CurrencyCode(text)
        _ = try? PhoneNumber.parse(text)
        _ = try? CountryCode(text)
        _ = try? EmailAddress(text)
        _ = try? ICE(text)
        _ = try? FounderSpec.parse(text)
        _ = TextFolding.compact(text)
        _ = ValueError.invalidDate(text).description
    }
}
