/// A reader of a spreadsheet's records, in order: the header row first, then each record as UTF-8
/// bytes (the import's hot path) or as strings, with the physical line where it starts.
///
/// ``CSVReader`` is one; a workbook reader will be another. The import and the decisions are generic
/// over it, so the record loop calls the reader directly, without an existential per record. Errors
/// are ``CSVError``s, which place a problem by line and field whatever the format.
public protocol RecordReader: ~Copyable, SendableMetatype {
    /// How the records are written: delimiter, encoding and byte order mark (a reader of another
    /// format reports the CSV dialect its rejects files are written in: comma, UTF-8).
    var dialect: CSVDialect { get }
    /// Whether the encoding rests on the input's first bytes only: the caller must confirm it on a
    /// pass over the whole input (see ``CSVReader/EncodingDetection/prefix(_:)``).
    var encodingIsTentative: Bool { get }
    /// The input bytes read so far, for a progress bar.
    var bytesConsumed: Int { get }
    /// The input's size when known in advance, for a progress bar.
    var totalBytes: Int? { get }

    /// The next record, the header row first, or `nil` after the last one.
    mutating func next() throws(CSVError) -> CSVRecord?
    /// Reads the next record into `fields`, reusing its storage; returns its line, or `nil` after the last one.
    mutating func nextRecord(into fields: inout [String]) throws(CSVError) -> Int?
    /// Reads the next record into `record` as UTF-8 bytes; returns its line, or `nil` after the last one.
    mutating func nextRecord(into record: inout CSVRecordBytes) throws(CSVError) -> Int?
}

extension CSVReader: RecordReader {}
