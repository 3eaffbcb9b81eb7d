@testable import AcceleratorStore
import Foundation
import Testing

/// The JSON text columns (warnings, extra attributes) are written by hand, byte by byte.
@Suite("JSON text columns")
struct JSONTextTests {
    @Test("strings are written with RFC 8259 escapes and read back the same", arguments: [
        ([], "[]"),
        (["plain"], #"["plain"]"#),
        (["a \"quote\"", "back\\slash"], #"["a \"quote\"","back\\slash"]"#),
        (["line\nbreak\r\ttab"], #"["line\nbreak\r\ttab"]"#),
        (["bell\u{7}unit\u{1F}"], #"["bell\u0007unit\u001f"]"#),
        (["Société Générale — café ☕️"], #"["Société Générale — café ☕️"]"#),
    ])
    func strings(_ strings: [String], _ expected: String) {
        #expect(JSONText.encode(strings) == expected)
        #expect(JSONText.decodeStrings(JSONText.encode(strings)) == strings)
    }

    @Test("pairs are written as [name, value] arrays and read back the same")
    func pairs() {
        let pairs = [("source", "Salon \"Gitex\""), ("Remarque", "à rappeler\nlundi")]
        let text = JSONText.encode(pairs: pairs)
        #expect(text == #"[["source","Salon \"Gitex\""],["Remarque","à rappeler\nlundi"]]"#)
        let decoded = JSONText.decodePairs(text)
        #expect(decoded.map(\.0) == pairs.map(\.0))
        #expect(decoded.map(\.1) == pairs.map(\.1))
        #expect(JSONText.encode(pairs: []) == "[]")
    }

    @Test("what JSONSerialization reads is what was written, for every control character")
    func controlCharacters() throws {
        let text = String(decoding: (0..<0x20).map { UInt8($0) } + Array("é\"\\".utf8), as: UTF8.self)
        let encoded = JSONText.encode([text])
        let decoded = try JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String]
        #expect(decoded == [text])
    }
}
