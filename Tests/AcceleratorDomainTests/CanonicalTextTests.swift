import AcceleratorDomain
import Testing

@Suite("text in NFC, as it is stored")
struct CanonicalTextTests {
    @Test("decomposed spellings become the composed ones, composed and ASCII text stays as it is", arguments: [
        ("E\u{301}te\u{301} Solaire", "Été Solaire"),
        ("Fe\u{300}s", "Fès"),
        ("Été Solaire", "Été Solaire"),
        ("Atlas AI", "Atlas AI"),
        ("\u{212B}ngstr\u{F6}m", "Ångström"),
        ("\u{1100}\u{1161}\u{11A8}", "각"),
        ("\u{AC00}\u{11A8}", "각"),
        ("\u{627}\u{654}\u{637}\u{644}\u{633}", "أطلس"),
        ("ⴰⵎⴰⵣⵉⵖ", "ⴰⵎⴰⵣⵉⵖ"),
        ("", ""),
    ])
    func nfc(_ text: String, _ expected: String) {
        #expect(Array(CanonicalText.nfc(text).utf8) == Array(expected.utf8))
    }

    @Test("no text made of scalars below U+0300 changes under NFC, so the byte test (a lead byte of 0xCC or more) misses nothing")
    func quickCheckIsExact() {
        for value in UInt32(0)..<0x300 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "A" + String(scalar), String(scalar) + "e"] {
                #expect(Array(text._nfcCodeUnits) == Array(text.utf8), "U+\(String(value, radix: 16))")
                var copy = text
                #expect(!copy.withUTF8 { CanonicalText.mayChange($0) })
            }
        }
        var accent = "e\u{301}"
        #expect(accent.withUTF8 { CanonicalText.mayChange($0) })
    }

    @Test("the eight-bytes-at-a-time test finds a byte of 0xCC or more exactly where a byte-by-byte scan does")
    func wordTestMatchesBytes() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            for _ in 0..<200 {
                // Mostly bytes around the 0xCC boundary and ASCII, as text holds them.
                let bytes = (0..<length).map { _ in
                    [UInt8.random(in: 0...0x7F, using: &generator), UInt8.random(in: 0xC0...0xD0, using: &generator),
                     UInt8.random(in: 0x80...0xFF, using: &generator)][Int.random(in: 0..<3, using: &generator)]
                }
                let expected = bytes.contains { $0 >= 0xCC }
                #expect(bytes.withUnsafeBufferPointer { CanonicalText.mayChange($0) } == expected, "\(bytes)")
            }
        }
    }

    @Test("a form's texts are all put in NFC")
    func formIsCanonical() throws {
        let form = ApplicationForm(
            name: "E\u{301}te\u{301}", ice: nil, city: "Fe\u{300}s", region: nil, country: .morocco, sector: "AI", foundedOn: nil,
            founders: [FounderEntry(fullName: "Ine\u{300}s", email: nil)], phone: nil, website: nil, employees: nil,
            description: "Caf\u{E9}", appliedOn: try CalendarDate.parse("2026-03-01"), cohort: "2026-A")
        let canonical = form.canonical
        #expect(Array(canonical.name!.utf8) == Array("Été".utf8))
        #expect(Array(canonical.city!.utf8) == Array("Fès".utf8))
        #expect(Array(canonical.founders[0].fullName.utf8) == Array("Inès".utf8))
    }
}
