import AcceleratorCSV
import AcceleratorFiles

/// Where an import or a decisions file is read from: a file, standard input, or bytes in memory (a
/// server's upload).
public enum RecordSource: Sendable, Equatable {
    /// A file by its path; "-" is standard input. A named pipe or a character device is read once,
    /// into a private copy.
    case path(String)
    /// The process's standard input, read once into a private copy.
    case standardInput
    /// Bytes in memory, and the name messages and the batch give them (an upload's file name).
    case bytes([UInt8], name: String)

    /// The source as messages and its batch name it.
    public var name: String {
        switch self {
        case .path(let path): path == "-" || path == "/dev/stdin" ? "standard input" : path
        case .standardInput: "standard input"
        case .bytes(_, let name): name
        }
    }

    /// The file on disk the source names, which no output of the operation may replace.
    var filePath: String? {
        if case .path(let path) = self, path != "-" { return path }
        return nil
    }
}

/// A record source made ready to read: a file to open (the one given or a copy of a pipe) or bytes
/// in memory, and what the one pass over them already told.
///
/// A regular file is read where it is: its SHA-256 and its UTF-8 are checked on a second pass
/// (``FileDigest``, beside the reading). Standard input, a pipe and bytes in memory are hashed and
/// checked on the pass that copies them, or over the bytes, so the reader takes the encoding as
/// known and nothing is read twice.
struct OpenedSource {
    /// The source as messages and the batch name it.
    let name: String
    private let location: Location
    /// The SHA-256 and whether the bytes are valid UTF-8, when a pass made anyway told them.
    private let scanned: (sha256: String, isValidUTF8: Bool)?
    /// A copy of a pipe, removed when the last `OpenedSource` holding it goes.
    private let input: InputFile?

    private enum Location {
        case file(String)
        case bytes([UInt8])
    }

    /// Opens `source`, copying a pipe or standard input.
    /// - Throws: ``FileError`` (missing, not a regular file, a terminal, too large, unreadable).
    init(_ source: RecordSource) throws(FileError) {
        name = source.name
        var scan = Scan()
        switch source {
        case .path, .standardInput:
            let input = try InputFile(source.filePath ?? "-", observe: { scan.feed($0) })
            self.input = input
            location = .file(input.path)
            scanned = input.isCopy ? scan.result() : nil
        case .bytes(let bytes, _):
            bytes.withUnsafeBytes { all in
                // In chunks, so that the hash and the check share each chunk while it is in cache.
                var start = 0
                while start < all.count {
                    let end = min(start + 1 << 20, all.count)
                    scan.feed(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
            input = nil
            location = .bytes(bytes)
            scanned = scan.result()
        }
    }

    /// A CSV reader of the source. When the encoding is not given and is not known already, it is
    /// detected from the first `prefix` bytes (tentatively; see ``CSVReader/EncodingDetection``), or
    /// from the whole input when `prefix` is `nil`.
    func csvReader(
        delimiter: UInt8?, encoding: CSVEncoding?, detectingFromPrefix prefix: Int?, maximumRecordSize: Int
    ) throws(CSVError) -> CSVReader {
        let detection: CSVReader.EncodingDetection =
            if let scanned { .checked(isValidUTF8: scanned.isValidUTF8) } else if let prefix { .prefix(prefix) } else { .wholeInput }
        switch location {
        case .file(let path):
            return try CSVReader(
                path: path, delimiter: delimiter, encoding: encoding, detection: detection, maximumRecordSize: maximumRecordSize)
        case .bytes(let bytes):
            return try CSVReader(
                bytes: bytes, delimiter: delimiter, encoding: encoding, detection: detection, maximumRecordSize: maximumRecordSize)
        }
    }

    /// The source's SHA-256 (and, when asked, whether it is all UTF-8): known already, or computed
    /// on a thread of its own while the records are read.
    func digest(checkingUTF8: Bool) -> FileDigest {
        if let scanned { return FileDigest(sha256: scanned.sha256, isValidUTF8: checkingUTF8 ? scanned.isValidUTF8 : nil) }
        guard case .file(let path) = location else { preconditionFailure("bytes in memory are always scanned") }
        return FileDigest(ofFile: path, checkingUTF8: checkingUTF8)
    }
}

/// A SHA-256 and a UTF-8 check over the same chunks.
private struct Scan {
    private var hasher = SHA256()
    private var checker = UTF8Checker()

    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        hasher.update(chunk)
        checker.feed(chunk)
    }

    mutating func result() -> (sha256: String, isValidUTF8: Bool) {
        (hasher.finalize(), checker.isValidAtEnd)
    }
}
