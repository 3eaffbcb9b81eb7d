/// Decoding of Windows-1252 bytes to `String`, with the full code page table.
enum Windows1252 {
    /// The Unicode scalars of bytes 0x80–0x9F. The five bytes the code page leaves undefined
    /// (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls of the same value, as the WHATWG
    /// Encoding Standard does; every byte 0xA0–0xFF maps to U+00A0–U+00FF.
    static let highControls: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Decodes `count` bytes at `start`. When `unescaping`, the bytes are the inside of a quoted
    /// field from just after its opening quote: `""` stands for `"`, and the first lone quote
    /// closes the quoted part (bytes after it are kept literally).
    static func string(_ start: UnsafePointer<UInt8>, count: Int, unescaping: Bool) -> String {
        if !unescaping && isASCII(start, count: count) {
            return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        }
        return highControls.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: count &* 3) { output in
                var written = 0
                CSVReader.forEachValueByte(start, count: count, unescaping: unescaping) { byte in
                    if byte < 0x80 {
                        output[written] = byte
                        written &+= 1
                        return
                    }
                    let scalar: UInt16 = byte < 0xA0 ? table[Int(byte &- 0x80)] : UInt16(byte)
                    if scalar < 0x800 {
                        output[written] = UInt8(0xC0 | (scalar >> 6))
                        output[written &+ 1] = UInt8(0x80 | (scalar & 0x3F))
                        written &+= 2
                    } else {
                        output[written] = UInt8(0xE0 | (scalar >> 12))
                        output[written &+ 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                        output[written &+ 2] = UInt8(0x80 | (scalar & 0x3F))
                        written &+= 3
                    }
                }
                return written
            }
        }
    }

    /// Whether every byte is below 0x80.
    static func isASCII(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(start)
        var i = 0
        while i &+ 8 <= count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i &+= 8
        }
        while i < count {
            if start[i] >= 0x80 { return false }
            i &+= 1
        }
        return true
    }
}
