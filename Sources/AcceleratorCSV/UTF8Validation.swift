/// A byte-level UTF-8 validator with an eight-bytes-at-a-time fast path for ASCII.
enum UTF8Validation {
    /// The outcome of validating a piece of a longer stream.
    enum Outcome: Equatable {
        /// Every byte is valid; the last `incompleteTail` bytes start a sequence that the next piece must complete.
        case valid(incompleteTail: Int)
        /// An invalid sequence starts at this offset.
        case invalid(at: Int)
    }

    /// Whether `count` bytes at `start` are entirely valid UTF-8.
    static func isValid(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
        validate(start, count: count, isFinal: true) == .valid(incompleteTail: 0)
    }

    /// Validates `count` bytes at `start`; unless `isFinal`, a sequence cut off at the end is not an error.
    static func validate(_ start: UnsafePointer<UInt8>, count: Int, isFinal: Bool) -> Outcome {
        let raw = UnsafeRawPointer(start)
        var i = 0
        while i < count {
            // Skip ASCII eight bytes at a time: the common case in CSV text.
            while i &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i &+= 8
            }
            if i >= count { break }
            let lead = start[i]
            if lead < 0x80 {
                i &+= 1
                continue
            }
            // A two-byte character (an accented Latin letter, nearly always): checked at once.
            if lead >= 0xC2, lead <= 0xDF, i &+ 1 < count, start[i &+ 1] & 0xC0 == 0x80 {
                i &+= 2
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return .invalid(at: i)
            }
            let available = min(length, count &- i)
            var k = 1
            while k < available {
                let byte = start[i &+ k]
                let (lower, upper) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                if byte < lower || byte > upper { return .invalid(at: i) }
                k &+= 1
            }
            if available < length {
                return isFinal ? .invalid(at: i) : .valid(incompleteTail: count &- i)
            }
            i &+= length
        }
        return .valid(incompleteTail: 0)
    }
}

/// Checks that a stream of bytes, fed in pieces of any size, is valid UTF-8 as a whole.
public struct UTF8Checker: Sendable {
    /// The bytes of a sequence cut off at the end of the last piece.
    private var carried: [UInt8] = []
    /// False once an invalid sequence was met.
    public private(set) var isValid = true

    public init() {}

    /// Checks the next piece.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard isValid, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return }
        var offset = 0
        if let lead = carried.first {
            // Complete the sequence cut at the end of the last piece with this one's first bytes.
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            let take = min(length - carried.count, bytes.count)
            var joined = carried
            joined.append(contentsOf: UnsafeBufferPointer(start: base, count: take))
            let outcome = joined.withUnsafeBufferPointer { UTF8Validation.validate($0.baseAddress!, count: $0.count, isFinal: false) }
            guard case .valid(let tail) = outcome else {
                isValid = false
                return
            }
            if tail > 0 {
                // Still cut: this piece was shorter than the rest of the sequence.
                carried = joined
                return
            }
            carried = []
            offset = take
        }
        switch UTF8Validation.validate(base + offset, count: bytes.count - offset, isFinal: false) {
        case .invalid:
            isValid = false
        case .valid(let tail):
            if tail > 0 { carried = Array(UnsafeBufferPointer(start: base + bytes.count - tail, count: tail)) }
        }
    }

    /// Whether everything fed was valid UTF-8, with no sequence left cut off at the end.
    public var isValidAtEnd: Bool { isValid && carried.isEmpty }
}
