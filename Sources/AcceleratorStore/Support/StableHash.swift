/// The 64-bit hash whose values are kept in the database: `startup.import_fingerprint` is
/// `PackedValues.fingerprint`, made of it. **Never change it**: every stored fingerprint would then
/// differ, and the next import of every file would compare every row column by column once
/// (correct, but as slow as it was before fingerprints). `StableHashTests` pins known values.
/// `KeyFilter` uses the same hash for its in-memory filter, which may change freely: it would then get
/// a hash of its own.
enum StableHash {
    /// A 64-bit hash of a key of one or two parts (two parameters rather than a variadic list: no
    /// array per call, twice per imported row).
    static func hash(_ first: String, _ second: String? = nil) -> UInt64 {
        var first = first
        return first.withUTF8 { firstBytes in
            guard var second else { return hash(UnsafeRawBufferPointer(firstBytes), nil) }
            return second.withUTF8 { hash(UnsafeRawBufferPointer(firstBytes), UnsafeRawBufferPointer($0)) }
        }
    }

    /// The same hash of a key given as UTF-8 bytes (the stored keys, read where SQLite holds them).
    /// Eight bytes at a time, each part closed by its length; `place` mixes the result thoroughly.
    static func hash(
        _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer?, seed: UInt64 = 0xcbf2_9ce4_8422_2325
    ) -> UInt64 {
        var hash = seed
        func add(_ raw: UnsafeRawBufferPointer) {
            var index = 0
            if raw.count >= 64 {
                // A long text (a description) in four independent lanes, 32 bytes at a time.
                var lanes = (hash, hash ^ 0x5555_5555_5555_5555, hash ^ 0x3333_3333_3333_3333, hash ^ 0x0F0F_0F0F_0F0F_0F0F)
                while index + 32 <= raw.count {
                    lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    lanes.1 = mix(lanes.1, raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
                    lanes.2 = mix(lanes.2, raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
                    lanes.3 = mix(lanes.3, raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
                    index += 32
                }
                hash = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
            }
            while index + 8 <= raw.count {
                hash = mix(hash, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < raw.count {
                tail |= UInt64(raw[index]) << shift
                shift += 8
                index += 1
            }
            hash = mix(hash, tail)
            hash = mix(hash, UInt64(raw.count) | 0x1F00_0000_0000_0000)
        }
        add(first)
        if let second { add(second) }
        return hash
    }

    @inline(__always)
    static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 29)
    }

    /// `hash` mixed thoroughly (keys that differ only in their last bytes hash close before).
    static func finalized(_ hash: UInt64) -> UInt64 {
        var mixed = hash
        mixed ^= mixed >> 33
        mixed &*= 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        mixed &*= 0xc4ce_b9fe_1a85_ec53
        mixed ^= mixed >> 33
        return mixed
    }
}
