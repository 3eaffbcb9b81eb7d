import AcceleratorCSV
import AcceleratorDomain
import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension ExportProfile {
    /// The CSV layout of the profile: comma, CRLF, no BOM; or semicolon, CRLF, UTF-8 BOM.
    var csvFormat: CSVWriter.Format {
        switch self {
        case .rfc4180: .rfc4180
        case .excelFrench: .excelFrench
        }
    }
}

/// CSV records written to standard output in chunks of a few thousand records, so that an export
/// of a million rows streams instead of sitting in memory. (A `CSVWriter` on a path would chmod
/// the terminal or the file the shell redirected to; standard output is left as it is.)
struct StandardOutputCSV: ~Copyable {
    private var chunk: CSVWriter
    private let continuation: CSVWriter.Format
    private var pending = 0
    private static let recordsPerChunk = 4096

    init(format: CSVWriter.Format) {
        chunk = CSVWriter(format: format)
        var continuation = format
        continuation.writesByteOrderMark = false
        self.continuation = continuation
    }

    mutating func write(_ fields: [String]) throws {
        try chunk.write(fields)
        pending += 1
        if pending == Self.recordsPerChunk { try flush() }
    }

    mutating func flush() throws {
        try writeStandardOutput(chunk.bytes)
        chunk = CSVWriter(format: continuation)
        pending = 0
    }
}

/// Writes bytes to standard output, whole.
func writeStandardOutput(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
        let count = bytes[offset...].withUnsafeBytes { buffer in
            Glibc.write(STDOUT_FILENO, buffer.baseAddress, buffer.count)
        }
        if count < 0 {
            if errno == EINTR { continue }
            throw OutputError(destination: "standard output", reason: String(cString: strerror(errno)))
        }
        offset += count
    }
}
