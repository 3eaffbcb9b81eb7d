import Testing

@testable import AcceleratorStore

@Suite("the hash whose values are stored: pinned")
struct StableHashTests {
    @Test("the fingerprint seed and hash of known keys keep their values (a change would invalidate every stored fingerprint)")
    func knownKeys() {
        #expect(StableHash.hash("import-fingerprint-1", "name,city,sector") == 12_074_168_189_996_682_786)
        #expect(StableHash.hash("001234567000089") == 8_117_016_004_823_617_464)
        #expect(StableHash.hash("atlas ai", "salma@atlas.ma") == 13_794_321_806_394_886_270)
        #expect(StableHash.hash(String(repeating: "Vision par ordinateur pour les usines textiles. ", count: 3)) == 10_535_285_935_665_005_075)
    }

    @Test("a startup's fingerprint of known values keeps its value")
    func knownFingerprint() {
        var packed = PackedValues(capacity: 64)
        packed.append("Atlas AI")
        packed.append(nil as String?)
        packed.append(Int64(12))
        packed.append("Casablanca")
        #expect(packed.fingerprint(of: 0..<4, seed: StableHash.hash("import-fingerprint-1", "name,ice,employees,city")) == 6_082_317_590_598_345_521)
    }
}
