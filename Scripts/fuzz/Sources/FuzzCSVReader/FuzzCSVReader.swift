// libFuzzer target for the CSV reader.
//
// Beyond "never crashes, never reads out of bounds" (AddressSanitizer watches every access), each
// input checks three properties of the reader, and traps when one fails so libFuzzer keeps the
// input:
//   1. chunk-size independence: reading with 1-to-8-byte refills gives exactly the records and
//      errors of a single 256 KiB buffer (the refill and re-scan logic is invisible);
//   2. line numbers start at 1 and never go down; after an error that ends the reading, only `nil`;
//   3. round trip: records read without error, written back by CSVWriter and read again with the
//      same delimiter, are the same fields.
// The first byte of the input chooses the options (delimiter and encoding given or detected, the
// small chunk size); the rest is the file.

@testable import AcceleratorCSV

/// What one call to `next()` gave.
enum Step: Equatable {
    case record([String], line: Int)
    case failure(CSVError)
}

/// Every step of reading `bytes`, an opening error included; at most `limit` steps.
func steps(
    _ bytes: [UInt8], delimiter: UInt8?, encoding: CSVEncoding?, chunkSize: Int, limit: Int = 100_000
) -> (steps: [Step], dialect: CSVDialect?) {
    var result: [Step] = []
    var reader: CSVReader
    do {
        reader = try CSVReader(
            bytes: bytes, delimiter: delimiter, encoding: encoding, chunkSize: chunkSize,
            sniffWindow: CSVReader.defaultSniffWindow, maximumRecordSize: CSVReader.defaultMaximumRecordSize)
    } catch {
        return ([.failure(error)], nil)
    }
    var ended = false
    while result.count < limit {
        do {
            guard let record = try reader.next() else { break }
            if ended { fatalError("a record after an error that ends the reading") }
            result.append(.record(record.fields, line: record.line))
        } catch {
            switch error {
            case .nulByte, .invalidUTF8, .tooManyFields: break
            default: ended = true
            }
            result.append(.failure(error))
        }
    }
    return (result, reader.dialect)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size >= 1 else { return 0 }
    let options = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let delimiter: UInt8? = [nil, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")][Int(options & 0x3)]
    let encoding: CSVEncoding? = [nil, .utf8, .windows1252, nil][Int((options >> 2) & 0x3)]
    let smallChunk = Int((options >> 4) & 0x7) + 1

    let (reference, dialect) = steps(bytes, delimiter: delimiter, encoding: encoding, chunkSize: CSVReader.defaultChunkSize)
    let (chunked, _) = steps(bytes, delimiter: delimiter, encoding: encoding, chunkSize: smallChunk)
    if reference != chunked {
        fatalError("chunk size \(smallChunk) changes what is read:\n\(reference)\nversus\n\(chunked)")
    }

    var previousLine = 1
    var records: [[String]] = []
    var clean = true
    for step in reference {
        switch step {
        case .record(let fields, let line):
            if line < previousLine { fatalError("line \(line) after line \(previousLine)") }
            previousLine = line
            records.append(fields)
        case .failure:
            clean = false
        }
    }

    // Round trip: what was read without error, written back and read again, is the same.
    guard clean, let dialect, !records.isEmpty else { return 0 }
    // Two known, accepted limits of a round trip: a first field that starts with U+FEFF is written
    // as a byte order mark (and read back as one), and a first field that starts like a workbook,
    // a PDF or gzip is refused as "not text" once written unquoted. Neither comes from a real file.
    if let first = records.first?.first, first.hasPrefix("\u{FEFF}") { return 0 }
    var writer = CSVWriter(format: .init(delimiter: dialect.delimiter, lineEnding: [0x0D, 0x0A], writesByteOrderMark: false))
    for record in records {
        do { try writer.write(record) } catch { fatalError("writing to memory failed: \(error)") }
    }
    let written = writer.bytes
    if written.withUnsafeBufferPointer({ CSVReader.reasonNotText($0.baseAddress!, count: $0.count) }) != nil { return 0 }
    let (again, _) = steps(written, delimiter: dialect.delimiter, encoding: .utf8, chunkSize: CSVReader.defaultChunkSize)
    let reread = again.compactMap { step -> [String]? in
        if case .record(let fields, _) = step { return fields }
        return nil
    }
    if reread != records || again.count != records.count {
        fatalError("round trip differs:\n\(records)\nwritten as \(written)\nread back as\n\(again)")
    }
    return 0
}
