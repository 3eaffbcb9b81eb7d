import AcceleratorCSV
import AcceleratorDomain
import AcceleratorFiles
import AcceleratorStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where a command's data goes: standard output, streamed as it comes, or the file of `--output`,
/// written whole or not at all (`OutputFile`: a temporary file renamed into place at the end).
///
/// The file is checked when the destination is made, before any work: a folder, a device, a pipe,
/// the database or one of its journal files is refused there. Standard output is left as it is
/// (never chmod-ed: it may be the terminal, or a file the shell opened).
final class Destination {
    private let file: OutputFile?

    /// `output`, or standard output when `nil`; `protected` are the files never to be replaced.
    /// Standard output redirected onto one of them (`>> demo.sqlite`) is refused too.
    init(output: String?, protecting protected: [ProtectedFile]) throws {
        file = try output.map { try OutputFile(path: $0, protecting: protected) }
        if output == nil, let identity = FileStatus(descriptor: STDOUT_FILENO).identity,
            let file = protected.first(where: { FileStatus(path: $0.path).identity == identity })
        {
            throw FileError.protected(path: "standard output", role: file.role)
        }
    }

    /// Appends bytes.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let file {
            try file.write(bytes)
        } else {
            try writeStandardOutput(bytes)
        }
    }

    /// Appends bytes.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Puts the file in place (nothing to do for standard output).
    func finish() throws {
        try file?.commit()
    }
}

/// CSV records streamed to a destination in chunks of a few thousand records, so that an export of
/// a million rows never sits in memory.
struct CSVStream: ~Copyable {
    private var writer: CSVWriter
    private let destination: Destination
    private var pending = 0
    private static let recordsPerChunk = 4096

    init(format: CSVWriter.Format, to destination: Destination) {
        writer = CSVWriter(format: format)
        self.destination = destination
    }

    mutating func write(_ fields: [String]) throws {
        try writer.write(fields)
        pending += 1
        if pending == Self.recordsPerChunk { try flush() }
    }

    /// Writes what is buffered, then puts the destination in place.
    mutating func finish() throws {
        try flush()
        try destination.finish()
    }

    private mutating func flush() throws {
        let destination = destination
        try writer.drain { try destination.write($0) }
        pending = 0
    }
}

/// Writes bytes to standard output, whole.
func writeStandardOutput(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
        let count = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
        if count < 0 {
            if errno == EINTR { continue }
            throw OutputError(destination: "standard output", reason: String(cString: strerror(errno)))
        }
        offset += count
    }
}

/// Writes bytes to standard output, whole.
func writeStandardOutput(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try writeStandardOutput($0) }
}
