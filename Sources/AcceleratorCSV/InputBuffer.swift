#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Bionic)
import Bionic
#endif

/// The reader's window on its input: a growable byte buffer refilled in chunks from a file
/// descriptor or from an in-memory array.
///
/// The bytes in `base[start..<end]` are read but not yet parsed. A refill keeps them, moving them to
/// the front, and doubles the buffer when they fill more than half of it, so a record of any size
/// up to `maximumRecordSize` fits and re-scanning it after each refill costs linear time overall.
struct InputBuffer: ~Copyable {
    /// The path read, or a description of an in-memory input, for messages.
    let path: String
    /// How many bytes one read asks for (at least; a grown buffer reads more).
    let chunkSize: Int
    /// The largest record the buffer may grow to hold.
    let maximumRecordSize: Int
    /// The size of the input when known in advance (a regular file or an array).
    let totalBytes: Int?

    /// The buffer's memory.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// The buffer's size in bytes.
    private(set) var capacity: Int
    /// The first unparsed byte.
    var start = 0
    /// One past the last byte read.
    private(set) var end = 0
    /// Whether the input has no more bytes beyond `end`.
    private(set) var isAtEndOfInput = false
    /// The input offset of `base[0]`.
    private(set) var offsetOfBase = 0
    /// Per-byte flags used by the scanner (see `ByteClass`).
    let classes: UnsafeMutablePointer<UInt8>

    private var descriptor: Int32
    private var memory: [UInt8]
    private var memoryOffset = 0

    /// Opens the file at `path`. A pipe or other non-seekable input is read whole into memory when
    /// `needsSecondPass`, since the encoding pre-scan must read it twice.
    init(path: String, chunkSize: Int, maximumRecordSize: Int, needsSecondPass: Bool) throws(CSVError) {
        var fd: Int32
        repeat {
            fd = open(path, O_RDONLY | O_CLOEXEC)
        } while fd < 0 && errno == EINTR
        if fd < 0 { throw .cannotOpen(path: path, reason: currentErrorMessage()) }
        var status = stat()
        if fstat(fd, &status) != 0 {
            let reason = currentErrorMessage()
            close(fd)
            throw .cannotOpen(path: path, reason: reason)
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR {
            close(fd)
            throw .cannotOpen(path: path, reason: "it is a directory, not a file")
        }
        var memory: [UInt8] = []
        var totalBytes: Int? = nil
        if kind == S_IFREG {
            totalBytes = Int(status.st_size)
        } else if needsSecondPass {
            let chunk = max(chunkSize, 1 << 16)
            while true {
                let before = memory.count
                memory.append(contentsOf: repeatElement(0, count: chunk))
                let count = memory.withUnsafeMutableBufferPointer { buffer -> Int in
                    guard let address = buffer.baseAddress else { return 0 }
                    return read(fd, address + before, chunk)
                }
                if count < 0 && errno == EINTR {
                    memory.removeLast(chunk)
                    continue
                }
                if count < 0 {
                    let reason = currentErrorMessage()
                    close(fd)
                    throw .cannotRead(path: path, reason: reason)
                }
                memory.removeLast(chunk - count)
                if count == 0 { break }
            }
            close(fd)
            fd = -1
            totalBytes = memory.count
        }
        self.path = path
        self.descriptor = fd
        self.memory = memory
        self.chunkSize = max(chunkSize, 1)
        self.maximumRecordSize = maximumRecordSize
        self.totalBytes = totalBytes
        self.capacity = max(chunkSize, 64)
        self.base = .allocate(capacity: capacity)
        self.classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
    }

    /// Reads from `bytes`, `chunkSize` bytes at a time.
    init(bytes: [UInt8], chunkSize: Int, maximumRecordSize: Int) {
        self.path = "(\(bytes.count) bytes in memory)"
        self.descriptor = -1
        self.memory = bytes
        self.chunkSize = max(chunkSize, 1)
        self.maximumRecordSize = maximumRecordSize
        self.totalBytes = bytes.count
        self.capacity = max(chunkSize, 64)
        self.base = .allocate(capacity: capacity)
        self.classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        base.deallocate()
        classes.deallocate()
    }

    /// The number of input bytes before the first unparsed one.
    var bytesConsumed: Int { offsetOfBase + start }

    /// Reads more input after `end`, keeping the unparsed bytes; at the end of the input, sets
    /// `isAtEndOfInput` instead. `recordLine` names the record being read, for errors.
    mutating func refill(recordLine: Int) throws(CSVError) {
        if isAtEndOfInput { return }
        let pending = end - start
        if start > 0 {
            if pending > 0 { memmove(base, base + start, pending) }
            offsetOfBase += start
            start = 0
            end = pending
        }
        if pending * 2 > capacity || pending == capacity {
            if pending >= maximumRecordSize {
                throw .recordTooLarge(line: recordLine, limit: maximumRecordSize)
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: base, count: pending)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        let room = capacity - end
        if descriptor < 0 {
            let count = min(room, chunkSize, memory.count - memoryOffset)
            if count <= 0 {
                isAtEndOfInput = true
                return
            }
            memory.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress else { return }
                (base + end).update(from: from + memoryOffset, count: count)
            }
            memoryOffset += count
            end += count
            return
        }
        while true {
            let count = read(descriptor, base + end, room)
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: currentErrorMessage())
            }
            if count == 0 {
                isAtEndOfInput = true
            } else {
                end += count
            }
            return
        }
    }

    /// Refills until at least `count` unparsed bytes are buffered or the input ends.
    mutating func buffer(atLeast count: Int, recordLine: Int) throws(CSVError) {
        while end - start < count && !isAtEndOfInput {
            try refill(recordLine: recordLine)
        }
    }

    /// Reads the whole input once, from its beginning, without moving the buffer, and says whether it is
    /// entirely valid UTF-8 (a Windows-1252 file almost never is). With `prefix`, a file read from
    /// disk is read only that far: UTF-8 then means "so far", and `isComplete` says whether the
    /// whole file was read.
    func detectEncoding(prefix: Int? = nil) throws(CSVError) -> (encoding: CSVEncoding, isComplete: Bool) {
        if descriptor < 0 {
            let valid = memory.withUnsafeBufferPointer { bytes in
                guard let start = bytes.baseAddress else { return true }
                return UTF8Validation.isValid(start, count: bytes.count)
            }
            return (valid ? .utf8 : .windows1252, true)
        }
        let size = 1 << 20
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: size + 4)
        defer { scratch.deallocate() }
        var carried = 0
        var offset = 0
        while true {
            let count = pread(descriptor, scratch + carried, size, off_t(offset))
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: currentErrorMessage())
            }
            offset += count
            let available = carried + count
            switch UTF8Validation.validate(scratch, count: available, isFinal: count == 0) {
            case .invalid:
                return (.windows1252, true)
            case .valid(let tail):
                if count == 0 { return (.utf8, true) }
                if let prefix, offset >= prefix { return (.utf8, false) }
                if tail > 0 { scratch.update(from: scratch + available - tail, count: tail) }
                carried = tail
            }
        }
    }

    /// Reads the whole input once, from its beginning, without moving the buffer, and classifies its
    /// lines (see `LineEncodingScan`).
    func scanLineEncodings() throws(CSVError) -> LineEncodingScan {
        var scan = LineEncodingScan()
        if descriptor < 0 {
            memory.withUnsafeBytes { scan.feed($0) }
            scan.finish()
            return scan
        }
        let size = 1 << 20
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { scratch.deallocate() }
        var offset = 0
        while true {
            let count = pread(descriptor, scratch.baseAddress, size, off_t(offset))
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: currentErrorMessage())
            }
            if count == 0 { break }
            offset += count
            scan.feed(UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
        }
        scan.finish()
        return scan
    }

    /// Fills the scanner's byte classes for `delimiter`.
    func configureClasses(delimiter: UInt8) {
        classes.update(repeating: 0, count: 256)
        for byte in [delimiter, ASCII.carriageReturn, ASCII.lineFeed, ASCII.nul] {
            classes[Int(byte)] |= ByteClass.endsUnquotedField
        }
        for byte in [ASCII.quote, ASCII.carriageReturn, ASCII.lineFeed, ASCII.nul] {
            classes[Int(byte)] |= ByteClass.stopsQuotedScan
        }
    }
}

/// Bit flags in `InputBuffer.classes`.
enum ByteClass {
    /// The delimiter, CR, LF and NUL: bytes an unquoted field stops at.
    static let endsUnquotedField: UInt8 = 1
    /// The quote, CR, LF and NUL: bytes a quoted field stops at (line breaks are counted, NUL is reported).
    static let stopsQuotedScan: UInt8 = 2
}
