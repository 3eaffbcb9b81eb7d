/// The identity keys (ICE, folded name with lead e-mail) of the startups an import may meet, as a
/// Bloom filter: a key it has never been given is surely not in the database, so the import skips
/// the lookup and inserts. A key it may have been given is looked up as usual, so a false
/// positive costs one lookup and never a wrong answer.
///
/// Blocked: a key's bits all sit in one 64-bit word, so a test or an insertion touches one cache
/// line. A fixed 4 MiB: about 1 % false positives at two million keys.
struct KeyFilter {
    private var words: [UInt64]
    private static let wordCount = 1 << 19
    private static let probes = 4

    init() {
        words = [UInt64](repeating: 0, count: Self.wordCount)
    }

    /// The 64-bit FNV-1a hash of a key of one or two parts, each followed by a separator (two
    /// parameters rather than a variadic list: no array per call, twice per imported row).
    static func hash(_ first: String, _ second: String? = nil) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ part: String) {
            for byte in part.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01b3
        }
        add(first)
        if let second { add(second) }
        return hash
    }

    mutating func insert(_ hash: UInt64) {
        let (word, mask) = Self.place(hash)
        words[word] |= mask
    }

    func mayContain(_ hash: UInt64) -> Bool {
        let (word, mask) = Self.place(hash)
        return words[word] & mask == mask
    }

    /// The word of a hash and its bits in that word: the hash is mixed (FNV-1a leaves the keys that
    /// differ only in their last bytes close), its low bits pick the word, four 6-bit fields above
    /// them pick the bits.
    private static func place(_ hash: UInt64) -> (word: Int, mask: UInt64) {
        var mixed = hash
        mixed ^= mixed >> 33
        mixed &*= 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        mixed &*= 0xc4ce_b9fe_1a85_ec53
        mixed ^= mixed >> 33
        let word = Int(truncatingIfNeeded: mixed) & (wordCount - 1)
        var mask: UInt64 = 0
        var bits = mixed >> 32
        for _ in 0..<probes {
            mask |= 1 << (bits & 63)
            bits >>= 6
        }
        return (word, mask)
    }
}
