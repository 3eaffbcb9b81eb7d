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

    /// The hash of a key of one or two parts (`StableHash.hash`).
    static func hash(_ first: String, _ second: String? = nil) -> UInt64 {
        StableHash.hash(first, second)
    }

    /// The hash of a key given as UTF-8 bytes (the stored keys, read where SQLite holds them).
    static func hash(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer?) -> UInt64 {
        StableHash.hash(first, second)
    }

    mutating func insert(_ hash: UInt64) {
        let (word, mask) = Self.place(hash)
        words[word] |= mask
    }

    func mayContain(_ hash: UInt64) -> Bool {
        let (word, mask) = Self.place(hash)
        return words[word] & mask == mask
    }

    /// The word of a hash and its bits in that word: the hash is finalized, its low bits pick the
    /// word, four 6-bit fields above them pick the bits.
    private static func place(_ hash: UInt64) -> (word: Int, mask: UInt64) {
        let mixed = StableHash.finalized(hash)
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
