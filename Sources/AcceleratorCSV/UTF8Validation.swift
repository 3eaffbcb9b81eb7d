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

/// Which physical lines of a text hold UTF-8 beyond ASCII, and which are not UTF-8 at all: a file
/// that has both was put together from two encodings (rows pasted from another file), and no single
/// encoding reads it right.
///
/// Lines end at LF, CRLF or a lone CR, and are numbered from 1, as the reader numbers them.
struct LineEncodingScan {
    /// The first lines of each kind (at most `kept` of each), and how many there are.
    private(set) var utf8Lines: [Int] = []
    private(set) var otherLines: [Int] = []
    private(set) var utf8LineCount = 0
    private(set) var otherLineCount = 0
    static let kept = 5

    private var checker = UTF8Checker()
    private var lineHasNonASCII = false
    private var line = 1
    private var afterCarriageReturn = false

    /// Whether the text has lines of both kinds.
    var isMixed: Bool { utf8LineCount > 0 && otherLineCount > 0 }

    /// Scans the next piece of the text.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var segmentStart = 0
        var index = 0
        while index < bytes.count {
            let byte = base[index]
            if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                if byte == ASCII.lineFeed && afterCarriageReturn && index == segmentStart {
                    // The LF of a CRLF whose CR ended the previous piece's line.
                    afterCarriageReturn = false
                    index += 1
                    segmentStart = index
                    continue
                }
                take(base + segmentStart, count: index - segmentStart)
                endLine()
                if byte == ASCII.carriageReturn, index + 1 < bytes.count, base[index + 1] == ASCII.lineFeed { index += 1 }
                afterCarriageReturn = byte == ASCII.carriageReturn && index + 1 == bytes.count
                index += 1
                segmentStart = index
                continue
            }
            afterCarriageReturn = false
            index += 1
        }
        take(base + segmentStart, count: bytes.count - segmentStart)
    }

    /// Ends the scan (the last line may have no line break).
    mutating func finish() {
        endLine()
    }

    private mutating func take(_ start: UnsafePointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        if !lineHasNonASCII {
            guard UnsafeBufferPointer(start: start, count: count).contains(where: { $0 >= 0x80 }) else { return }
            lineHasNonASCII = true
        }
        checker.feed(UnsafeRawBufferPointer(start: start, count: count))
    }

    private mutating func endLine() {
        if lineHasNonASCII {
            if checker.isValidAtEnd {
                utf8LineCount += 1
                if utf8Lines.count < Self.kept { utf8Lines.append(line) }
            } else {
                otherLineCount += 1
                if otherLines.count < Self.kept { otherLines.append(line) }
            }
            checker = UTF8Checker()
            lineHasNonASCII = false
        }
        line += 1
    }
}
