#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Bionic)
import Bionic
#endif

/// A buffered CSV writer to a file or to memory, quoting only the fields that need it.
///
/// A field is quoted when it holds the delimiter, a quote, CR or LF, or starts or ends with a
/// space; quotes inside are doubled. A record made of one empty field is written `""` so that it
/// is not read back as a blank line. Text is written as UTF-8. Call ``finish()`` to flush and close
/// the file and see any error; a writer dropped without it flushes and closes on a best-effort basis.
///
/// ```swift
/// var writer = try CSVWriter(path: "export.csv", format: .excelFrench)
/// try writer.write(["nom", "montant"])
/// try writer.write(["Atlas AI", "1 500 000,50"])
/// try writer.finish()
/// ```
public struct CSVWriter: ~Copyable {
    /// How records are written: delimiter, line ending, byte order mark.
    public struct Format: Sendable, Equatable {
        /// The byte separating fields.
        public var delimiter: UInt8
        /// The bytes ending each record.
        public var lineEnding: [UInt8]
        /// Whether the output starts with a UTF-8 byte order mark (EF BB BF), which Excel needs to read UTF-8.
        public var writesByteOrderMark: Bool

        /// Creates a format from its parts.
        public init(delimiter: UInt8, lineEnding: [UInt8], writesByteOrderMark: Bool) {
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.writesByteOrderMark = writesByteOrderMark
        }

        /// RFC 4180: comma, CRLF, no byte order mark.
        public static let rfc4180 = Format(delimiter: 0x2C, lineEnding: [0x0D, 0x0A], writesByteOrderMark: false)
        /// What Excel on a French locale opens directly: semicolon, CRLF, UTF-8 byte order mark.
        public static let excelFrench = Format(delimiter: 0x3B, lineEnding: [0x0D, 0x0A], writesByteOrderMark: true)
    }

    /// The format records are written in.
    public let format: Format
    private let path: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var isFinished = false
    private static let flushThreshold = 1 << 20

    /// Creates or truncates the file at `path` with the given permissions (enforced even when the
    /// file already existed) and writes the byte order mark if the format asks for it.
    public init(path: String, format: Format, permissions: mode_t = 0o600) throws(CSVError) {
        var fd: Int32
        repeat {
            fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, permissions)
        } while fd < 0 && errno == EINTR
        if fd < 0 { throw .cannotCreate(path: path, reason: currentErrorMessage()) }
        if fchmod(fd, permissions) != 0 {
            let reason = currentErrorMessage()
            close(fd)
            throw .cannotCreate(path: path, reason: reason)
        }
        self.format = format
        self.path = path
        self.descriptor = fd
        buffer.reserveCapacity(Self.flushThreshold + 64 * 1024)
        if format.writesByteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// Creates a writer that keeps its output in ``bytes``.
    public init(format: Format) {
        self.format = format
        self.path = nil
        self.descriptor = -1
        if format.writesByteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    deinit {
        if descriptor >= 0 {
            _ = try? Self.writeAll(buffer, to: descriptor, path: path ?? "")
            close(descriptor)
        }
    }

    /// Everything written so far, for a writer made with ``init(format:)``; empty for a file writer.
    public var bytes: [UInt8] { path == nil ? buffer : [] }

    /// Writes one record.
    /// - Throws: `.cannotWrite` when flushing to the file fails or the writer is finished.
    public mutating func write(_ fields: [String]) throws(CSVError) {
        if isFinished {
            throw .cannotWrite(path: path ?? "(memory)", reason: "the writer is already finished")
        }
        let delimiter = format.delimiter
        for index in fields.indices {
            if index > 0 { buffer.append(delimiter) }
            var field = fields[index]
            field.withUTF8 { Self.append($0, delimiter: delimiter, to: &buffer) }
        }
        if fields.count == 1 && fields[0].isEmpty {
            buffer.append(ASCII.quote)
            buffer.append(ASCII.quote)
        }
        buffer.append(contentsOf: format.lineEnding)
        if descriptor >= 0 && buffer.count >= Self.flushThreshold {
            try flush()
        }
    }

    /// Writes what is buffered and closes the file; for an in-memory writer, only stops further writes.
    public mutating func finish() throws(CSVError) {
        if isFinished { return }
        isFinished = true
        guard descriptor >= 0, let path else { return }
        let fd = descriptor
        descriptor = -1
        do {
            try Self.writeAll(buffer, to: fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        buffer.removeAll()
        if close(fd) != 0 {
            throw .cannotWrite(path: path, reason: currentErrorMessage())
        }
    }

    private mutating func flush() throws(CSVError) {
        try Self.writeAll(buffer, to: descriptor, path: path ?? "")
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(CSVError) {
        let failure: String? = bytes.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let count = writeBytes(fd, start + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return currentErrorMessage()
                }
                offset += count
            }
            return nil
        }
        if let failure { throw .cannotWrite(path: path, reason: failure) }
    }

    /// Appends one field, quoted if needed.
    private static func append(_ field: UnsafeBufferPointer<UInt8>, delimiter: UInt8, to output: inout [UInt8]) {
        guard let first = field.first, let last = field.last else { return }
        var needsQuotes = first == ASCII.space || last == ASCII.space
        var hasQuote = false
        if !needsQuotes {
            for byte in field
            where byte == delimiter || byte == ASCII.quote || byte == ASCII.lineFeed
                || byte == ASCII.carriageReturn
            {
                needsQuotes = true
                hasQuote = byte == ASCII.quote
                break
            }
        }
        if !needsQuotes {
            output.append(contentsOf: field)
            return
        }
        if !hasQuote { hasQuote = field.contains(ASCII.quote) }
        output.append(ASCII.quote)
        if hasQuote {
            var segmentStart = 0
            for index in field.indices where field[index] == ASCII.quote {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: field[segmentStart...index]))
                output.append(ASCII.quote)
                segmentStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: field[segmentStart...]))
        } else {
            output.append(contentsOf: field)
        }
        output.append(ASCII.quote)
    }
}
