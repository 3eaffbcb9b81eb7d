import Foundation
import Testing

@testable import AcceleratorDomain

@Suite("Phone numbers")
struct ValuesPhoneTests {
    @Test("Moroccan numbers in every usual spelling become +212 and nine digits", arguments: [
        ("06 12 34 56 78", "+212612345678"),
        ("0612345678", "+212612345678"),
        ("06.12.34.56.78", "+212612345678"),
        ("06-12-34-56-78", "+212612345678"),
        ("06/12/34/56/78", "+212612345678"),
        ("+212 6 12 34 56 78", "+212612345678"),
        ("+212 (0)6 12 34 56 78", "+212612345678"),
        ("+212 06 12 34 56 78", "+212612345678"),
        ("+212612345678", "+212612345678"),
        ("00212612345678", "+212612345678"),
        ("00 212 6 12 34 56 78", "+212612345678"),
        ("212612345678", "+212612345678"),
        ("(+212) 612-345678", "+212612345678"),
        ("  07 01 02 03 04 ", "+212701020304"),
        ("05 22 12 34 56", "+212522123456"),
        ("0522-123456", "+212522123456"),
        ("08 08 12 34 56", "+212808123456"),
        ("612345678", "+212612345678"),
        ("٠٦١٢٣٤٥٦٧٨", "+212612345678"),
        ("06\u{00A0}12\u{00A0}34\u{00A0}56\u{00A0}78", "+212612345678"),
    ])
    func moroccanNumber(_ text: String, _ e164: String) throws {
        #expect(try PhoneNumber.parse(text).e164 == e164)
    }

    @Test("Foreign numbers with their international prefix are kept in E.164", arguments: [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("+1 (415) 555-0123", "+14155550123"),
        ("+971 50 123 4567", "+971501234567"),
        ("+221 77 123 45 67", "+221771234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+49 30 12345678", "+493012345678"),
        ("+354 1234567", "+3541234567"),
        ("+123456789012345", "+123456789012345"),
    ])
    func foreignNumber(_ text: String, _ e164: String) throws {
        #expect(try PhoneNumber.parse(text).e164 == e164)
    }

    @Test("Anything else is refused with the text as given", arguments: [
        "", "  ", "abc", "06 12 34 56", "06 12 34 56 789", "01 23 45 67 89", "09 12 34 56 78",
        "0412345678", "+212 4 12 34 56 78", "+212 6 12 34 56", "+212 6 12 34 56 789", "212 4 12 34 56 78",
        "+33 1234", "+1234567890123456", "+0 612345678", "6 12 34 56 78 9", "+33 6 12 34 56 78 ext 12",
        "06 12 34 56 78 / 06 98 76 54 32", "+212+612345678", "06+12345678", "tel: 0612345678", "1234567890",
        "00", "+", "123456789", "412345678", "0612345678x",
    ])
    func refusedNumber(_ text: String) {
        #expect(throws: ValueError.invalidPhone(text)) { try PhoneNumber.parse(text) }
    }

    @Test("A phone number describes and encodes itself in E.164 and decodes only from it")
    func codable() throws {
        let phone = try PhoneNumber.parse("06 12 34 56 78")
        #expect(phone.description == "+212612345678")
        let data = try JSONEncoder().encode([phone])
        #expect(String(decoding: data, as: UTF8.self) == #"["+212612345678"]"#)
        #expect(try JSONDecoder().decode([PhoneNumber].self, from: data) == [phone])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PhoneNumber].self, from: Data(#"["06 12 34 56 78"]"#.utf8))
        }
        #expect(ValueError.invalidPhone("abc").description.hasPrefix("“abc” is not a phone number"))
    }

    /// Each text is read by the byte-level path (plain ASCII); the same text with a no-break space
    /// after its first character is read character by character: both readings agree, valid or not.
    @Test("The byte-level and the character-level readings agree", arguments: [
        "06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "+212 6 12 34 56 78", "00212612345678",
        "212612345678", "612345678", "05 22 12 34 56", "+33 6 12 34 56 78", "0033612345678", "+1 415 555 0100",
        "06/12/34/56/78", "+212 06 12 34 56 78", "06 12 34 56 78)", "\t0612345678\t", "++212612345678", "06+12345678",
        "0612345", "abc", "06 12 34 56 7x", "1234567890123456", "+0 12 34 56 78",
    ])
    func bytesAndCharactersAgree(_ text: String) {
        let bytes = try? PhoneNumber.parse(text)
        let characters = try? PhoneNumber.parse(String(text.prefix(1)) + "\u{00A0}" + text.dropFirst())
        #expect(bytes == characters)
    }
}
