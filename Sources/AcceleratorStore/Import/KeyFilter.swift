/// The identity keys (ICE, folded name with lead e-mail) of the startups an import may meet, as a
/// Bloom filter: a key it has never been given is surely not in the database, so the import skips
/// the lookup and inserts. A key it may have been given is looked up as usual, so a false
/// positive costs one lookup and never a wrong answer.
///
/// A fixed 4 MiB: about 0.5 % false positives at two million keys.
struct KeyFilter {
    private var words: [UInt64]
    private static let bitCount = 1 << 25
    private static let probes = 3

    init() {
        words = [UInt64](repeating: 0, count: Self.bitCount / 64)
    }

    /// The 64-bit FNV-1a hash of a key's parts, each followed by a separator.
    static func hash(_ parts: String...) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    mutating func insert(_ hash: UInt64) {
        let (first, second) = Self.halves(hash)
        for probe in 0..<Self.probes {
            let bit = (first &+ probe &* second) & (Self.bitCount - 1)
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    func mayContain(_ hash: UInt64) -> Bool {
        let (first, second) = Self.halves(hash)
        for probe in 0..<Self.probes {
            let bit = (first &+ probe &* second) & (Self.bitCount - 1)
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// The two halves of the mixed hash, for double hashing (Kirsch and Mitzenmacher): the filter's
    /// bits are `first + i × second`.
    private static func halves(_ hash: UInt64) -> (Int, Int) {
        var mixed = hash
        mixed ^= mixed >> 33
        mixed &*= 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        return (Int(truncatingIfNeeded: mixed & 0xFFFF_FFFF), Int(truncatingIfNeeded: mixed >> 32) | 1)
    }
}
