import Foundation
import Testing

@testable import AcceleratorCSV

/// Reads every record of `bytes`, stopping at the first error.
func readRecords(
    _ bytes: [UInt8], delimiter: UInt8? = nil, encoding: CSVEncoding? = nil,
    chunkSize: Int = CSVReader.defaultChunkSize, sniffWindow: Int = CSVReader.defaultSniffWindow
) throws(CSVError) -> [CSVRecord] {
    var reader = try CSVReader(
        bytes: bytes, delimiter: delimiter, encoding: encoding, chunkSize: chunkSize, sniffWindow: sniffWindow,
        maximumRecordSize: CSVReader.defaultMaximumRecordSize)
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

/// Reads every record of `text` (UTF-8), stopping at the first error.
func readRecords(
    _ text: String, delimiter: UInt8? = nil, encoding: CSVEncoding? = nil,
    chunkSize: Int = CSVReader.defaultChunkSize, sniffWindow: Int = CSVReader.defaultSniffWindow
) throws(CSVError) -> [CSVRecord] {
    try readRecords(
        Array(text.utf8), delimiter: delimiter, encoding: encoding, chunkSize: chunkSize, sniffWindow: sniffWindow)
}

/// The fields of every record of `text`.
func readFields(_ text: String, delimiter: UInt8? = nil) throws(CSVError) -> [[String]] {
    try readRecords(text, delimiter: delimiter).map(\.fields)
}

/// What one call to `next()` gave.
enum ReadStep: Equatable {
    case record([String], line: Int)
    case failure(CSVError)
}

/// Calls `next()` until it returns `nil` (at most `limit` times), keeping records and errors alike;
/// an error at opening is the only step.
func readSteps(
    _ bytes: [UInt8], delimiter: UInt8? = nil, encoding: CSVEncoding? = nil,
    chunkSize: Int = CSVReader.defaultChunkSize, sniffWindow: Int = CSVReader.defaultSniffWindow,
    maximumRecordSize: Int = CSVReader.defaultMaximumRecordSize, limit: Int = 100_000, asBytes: Bool = false
) -> [ReadStep] {
    var reader: CSVReader
    do {
        reader = try CSVReader(
            bytes: bytes, delimiter: delimiter, encoding: encoding, chunkSize: chunkSize, sniffWindow: sniffWindow,
            maximumRecordSize: maximumRecordSize)
    } catch {
        return [.failure(error)]
    }
    var steps: [ReadStep] = []
    while steps.count < limit {
        do {
            if asBytes {
                // Through `nextRecord(into:)` with a `CSVRecordBytes`, made text afterwards.
                var record = CSVRecordBytes()
                guard let line = try reader.nextRecord(into: &record) else { break }
                steps.append(.record(record.strings, line: line))
            } else {
                guard let record = try reader.next() else { break }
                steps.append(.record(record.fields, line: record.line))
            }
        } catch {
            steps.append(.failure(error))
        }
    }
    return steps
}

/// The bytes of `text` as UTF-8.
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The UTF-8 bytes of each string, to compare text byte for byte (`==` on `String` ignores
/// Unicode normalisation differences).
func utf8Bytes(_ strings: [String]) -> [[UInt8]] { strings.map { Array($0.utf8) } }

/// A fresh path in the temporary directory; the file is removed by `removeTemporaryFile`.
func temporaryPath(_ name: String = "test.csv") -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("AcceleratorCSVTests-\(UUID().uuidString)-\(name)").path
}

/// Writes `bytes` to a new temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = temporaryPath()
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// Removes a file made by the tests.
func removeTemporaryFile(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// A small deterministic random generator (SplitMix64), so that generated cases are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
