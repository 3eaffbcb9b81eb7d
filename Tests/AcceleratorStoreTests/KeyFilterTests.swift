@testable import AcceleratorStore
import Foundation
import Testing

@Suite("the import's key filter")
struct KeyFilterTests {
    @Test("a key given to the filter is always found: no false negative")
    func noFalseNegative() {
        var filter = KeyFilter()
        let keys = (0..<50_000).map { KeyFilter.hash("startup \($0)", "f\($0)@example.ma") }
        for key in keys { filter.insert(key) }
        #expect(keys.allSatisfy { filter.mayContain($0) })
    }

    @Test("keys never given are nearly all absent")
    func fewFalsePositives() {
        var filter = KeyFilter()
        for index in 0..<200_000 { filter.insert(KeyFilter.hash(String(format: "%015d", index))) }
        let found = (200_000..<300_000).filter { filter.mayContain(KeyFilter.hash(String(format: "%015d", $0))) }.count
        #expect(found < 100, "\(found) false positives in 100,000")
    }

    @Test("a key's parts are separated: (ab, c) and (a, bc) differ")
    func partsSeparated() {
        #expect(KeyFilter.hash("ab", "c") != KeyFilter.hash("a", "bc"))
        #expect(KeyFilter.hash("atlas ai", "salma@atlas.ma") == KeyFilter.hash("atlas ai", "salma@atlas.ma"))
    }

    @Test(
        "a key hashes alike as text and as the bytes SQLite holds",
        arguments: [("", nil), ("002345678000012", nil), ("atlas ai", "salma@atlas.ma"), ("société générale", ""), ("", "x")])
    func bytesAsText(first: String, second: String?) {
        let fromBytes = Array(first.utf8).withUnsafeBytes { firstBytes in
            second.map { Array($0.utf8).withUnsafeBytes { KeyFilter.hash(firstBytes, $0) } } ?? KeyFilter.hash(firstBytes, nil)
        }
        #expect(fromBytes == KeyFilter.hash(first, second))
    }
}
