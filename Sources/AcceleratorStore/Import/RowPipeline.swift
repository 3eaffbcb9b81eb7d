import AcceleratorCSV
import AcceleratorDomain
import Foundation
import GRDB

/// A row read and prepared away from the database: its values parsed and checked, the keys and the
/// values to write computed. What needs the database (the stored startup, its other applications)
/// is left to the writer. A class, so that handing it over costs one reference, not one per field.
final class PreparedRow: Sendable {
    let line: Int
    /// The record's cells, as read (made text only when a problem must quote them).
    let record: CSVRecordBytes
    /// The form and every problem of its values (the cohort code included); its extra attributes
    /// are packed in `values` only.
    let row: RowReader.Row
    /// The hashes of the ICE and of the identity without an ICE (the folded name and the lowercased
    /// lead e-mail), from `values`, for `KeyFilter`; `nil` when the row has none or is refused.
    let iceHash: UInt64?
    let identityHash: UInt64?
    /// The eligibility findings that do not depend on the stored data, placed in their columns, and
    /// their messages as stored with the application when they are all warnings. For a row whose
    /// values have problems (refused anyway), the eligibility errors in its other columns, so that
    /// its rejection lists every problem at once.
    let findings: [ImportDiagnostic]
    let findingsText: String
    /// The values the row writes, packed for binding (see `Slots`); empty for a refused row.
    let values: PackedValues
    /// Whether the file has extra columns.
    let hasExtraColumns: Bool
    /// The startup's `import_fingerprint` once the row is written (0 for a refused row).
    let fingerprint: Int64

    init(
        line: Int, record: CSVRecordBytes, row: RowReader.Row, iceHash: UInt64?, identityHash: UInt64?,
        findings: [ImportDiagnostic], values: PackedValues, hasExtraColumns: Bool, fingerprint: Int64
    ) {
        self.line = line
        self.record = record
        self.row = row
        self.iceHash = iceHash
        self.identityHash = identityHash
        self.findings = findings
        findingsText = findings.isEmpty ? "[]" : JSONText.encode(findings.map(\.message))
        self.values = values
        self.hasExtraColumns = hasExtraColumns
        self.fingerprint = fingerprint
    }

    /// The extra columns as stored (`nil` when the file has none).
    var extraText: String? {
        hasExtraColumns && values.slots.count > Slots.extra ? values.text(Slots.extra) : nil
    }

    /// Where each value sits in `values`.
    enum Slots {
        /// `StartupColumn.all`, in order, then the name key and the e-mail key.
        static let startup = 0..<(StartupColumn.all.count + 2)
        static let ice = StartupColumn.all.firstIndex { $0.name == "ice" }!
        static let nameKey = StartupColumn.all.count
        static let emailKey = StartupColumn.all.count + 1
        static let founderName = StartupColumn.all.count + 2
        static let founderEmail = StartupColumn.all.count + 3
        /// What a startup's fingerprint covers: its columns, its keys and its lead founder. The
        /// columns this file does not map are included as the constants the form gives them.
        static let fingerprinted = 0..<(founderEmail + 1)
        static let cohort = StartupColumn.all.count + 4
        static let appliedOn = StartupColumn.all.count + 5
        /// The extra columns, `[]` when the file has none.
        static let extra = StartupColumn.all.count + 6
        static let count = StartupColumn.all.count + 7
    }
}

/// What turns a record's cells into a `PreparedRow`: pure, so it runs on the reading threads.
struct RowPreparer: Sendable {
    /// Reads the form, leaving out the plain text fields and the extra columns (packed from the
    /// cells' bytes).
    let rowReader: RowReader
    let rules: ProgramRules
    /// What names the columns of the row's fingerprint (those this file maps).
    let fingerprintSeed: UInt64
    /// The columns kept as extra attributes, with their headers.
    let extraColumns: [(index: Int, header: String)]

    init(rowReader: RowReader, rules: ProgramRules, fingerprintSeed: UInt64) {
        self.rowReader = rowReader
        self.rules = rules
        self.fingerprintSeed = fingerprintSeed
        extraColumns = rowReader.mapping.extraColumns
    }

    func prepare(_ record: CSVRecordBytes, line: Int) -> PreparedRow {
        let record = Self.canonical(record)
        var row = rowReader.read(record, line: line)
        let cohort = row.form.cohort
        if !cohort.isEmpty, cohort != rowReader.defaultCohort {
            do {
                row.form.cohort = try AppDatabase.cohortCode(cohort)
            } catch {
                let mapping = rowReader.mapping
                let index = mapping.fieldColumns[.cohort]
                row.diagnostics.append(ImportDiagnostic(
                    line: line, column: index.map { $0 + 1 }, header: index.map { mapping.headers[$0] }, value: cohort,
                    message: error.description, severity: .error))
            }
        }
        let form = row.form
        let isValid = row.diagnostics.isEmpty
        let nameKey = TextFolding.folded(form.name ?? "")
        let emailKey = form.leadFounder?.email.map { Self.lowercased($0.text) }
        var values = isValid
            ? PackedValues(capacity: record.bytes.count + 128, slots: PreparedRow.Slots.count)
            : PackedValues(capacity: 0)
        if isValid {
            for column in StartupColumn.all {
                if let append = column.append {
                    append(form, rules, &values)
                } else {
                    values.appendCell(record, rowReader.column(of: column.field))
                }
            }
            values.append(nameKey)
            values.append(emailKey)
            values.append(form.leadFounder?.fullName ?? "")
            values.append(form.leadFounder?.email?.text)
            values.append(form.cohort)
            values.append(form.appliedOn.description)
            values.appendExtras(record, extraColumns)
        }
        // On this thread, for valid and invalid rows alike: the importing thread only writes.
        let findings = Eligibility.check(form, rules: rules, today: rowReader.today)
            .map { rowReader.diagnostic(for: $0, line: line, cells: record) }
        return PreparedRow(
            line: line, record: record, row: row,
            iceHash: isValid && form.ice != nil ? values.keyHash(PreparedRow.Slots.ice) : nil,
            // An empty name key (a name of symbols only, refused by the eligibility check) never matches.
            identityHash: isValid && !nameKey.isEmpty ? values.keyHash(PreparedRow.Slots.nameKey, PreparedRow.Slots.emailKey) : nil,
            findings: isValid ? findings : otherErrors(of: row, findings: findings),
            values: values, hasExtraColumns: !extraColumns.isEmpty,
            fingerprint: isValid ? values.fingerprint(of: PreparedRow.Slots.fingerprinted, seed: fingerprintSeed) : 0)
    }
}

extension RowPreparer {
    /// The eligibility errors of a row whose values have problems, in the columns that parsed.
    func otherErrors(of row: RowReader.Row, findings: [ImportDiagnostic]) -> [ImportDiagnostic] {
        let failedFields = Set(row.diagnostics.compactMap(\.column))
        return findings.filter { $0.severity == .error && !failedFields.contains($0.column ?? -1) }
    }

    /// The record with every cell in NFC (`CanonicalText`): an NFD spelling of a stored value is
    /// then the same bytes, an unchanged row. Nearly every record is returned as it is, after one
    /// scan of its bytes.
    static func canonical(_ record: CSVRecordBytes) -> CSVRecordBytes {
        let mayChange = record.bytes.withUnsafeBufferPointer { CanonicalText.mayChange($0) }
        guard mayChange else { return record }
        return CSVRecordBytes(record.strings.map(CanonicalText.nfc))
    }

    /// `text.lowercased()`, without a copy when it has no uppercase letter (an ASCII address,
    /// nearly always written in lowercase).
    static func lowercased(_ text: String) -> String {
        let unchanged = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }
        }
        return unchanged == true ? text : text.lowercased()
    }
}

/// Reads and prepares an import's rows on a second thread, in batches, while the importing thread
/// writes them: parsing and SQLite overlap on two cores. The batches in flight are bounded in number
/// and size, so memory stays flat whatever the size of the file.
///
/// The reading thread reads each batch's records (scanning is sequential) and prepares them. When
/// the importing thread finds its next batch not ready (a file imported again writes little), it
/// prepares a batch read but not yet taken rather than wait: the preparing, the larger part of the
/// reading thread's work, then spreads over both cores. Batches are handed over in file order
/// whoever prepared them.
final class RowPipeline<Reader: RecordReader & ~Copyable>: @unchecked Sendable {
    /// One record of the file, in order.
    enum Item: Sendable {
        case row(PreparedRow)
        /// A bad record the reader stepped over (NUL byte, invalid UTF-8, too many fields).
        /// `field` places it in a column when the error is about one cell.
        case badRecord(CSVError, line: Int, field: Int?)
        /// A record with a cell over `Importer.cellSizeLimit`.
        case oversized(CSVError, line: Int, field: Int, cells: [String])
    }

    struct Batch: Sendable {
        var items: [Item] = []
        /// The reader's position after the batch's last record (for the progress bar).
        var bytesConsumed = 0
        /// The error that stopped the reader (the batch is then the last).
        var failure: CSVError?
        var isLast = false
    }

    /// A batch read and not yet prepared: its records, or the items made of bad ones.
    struct ReadBatch {
        enum Entry {
            case record(CSVRecordBytes, line: Int)
            case item(Item)
        }
        var number = 0
        var entries: [Entry] = []
        var bytesConsumed = 0
        var failure: CSVError?
        var isLast = false
    }

    /// A batch is handed over at this many records or bytes, whichever comes first.
    static var batchRecords: Int { 256 }
    static var batchBytes: Int { 1 << 20 }
    /// Batches read and not yet written, at most.
    static var depth: Int { 4 }
    /// Batches read ahead of the reading thread's preparing: what the importing thread may take.
    static var readAhead: Int { 2 }

    /// The reader, touched by the reading thread only once it has started.
    private var reader: Reader
    private var preparer: RowPreparer?
    private let condition = NSCondition()
    // Guarded by `condition`:
    /// Read batches no thread is preparing yet, in file order.
    private var unclaimed: [ReadBatch] = []
    /// Prepared batches by number.
    private var ready: [Int: Batch] = [:]
    /// The number of the next batch to read, and of the next one the writer takes.
    private var nextRead = 0
    private var nextTaken = 0
    private var readAll = false
    /// Batches the writer is done with, freed by the reading thread: memory freed by the thread that
    /// allocated it is reused by it, and the heap stays small.
    private var spent: [Batch] = []
    private var cancelled = false
    private var running = false

    init(reader: consuming Reader) {
        self.reader = reader
    }

    /// Starts reading on a thread of its own.
    func start(_ preparer: RowPreparer, cellSizeLimit: Int) {
        condition.lock()
        running = true
        self.preparer = preparer
        condition.unlock()
        let thread = Thread { [self] in
            produce(preparer, cellSizeLimit: cellSizeLimit)
            condition.lock()
            running = false
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch, in file order; the last one has `isLast` set. While it is not ready, the
    /// calling thread prepares a batch read and not yet claimed, if there is one.
    func next() -> Batch {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let batch = ready.removeValue(forKey: nextTaken) {
                nextTaken += 1
                condition.broadcast()
                return batch
            }
            if !unclaimed.isEmpty, let preparer {
                prepareOldestUnclaimed(with: preparer)
                continue
            }
            condition.wait()
        }
    }

    /// Stops the reading thread and waits for it to end (the writer stopped or finished).
    func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while running { condition.wait() }
        unclaimed.removeAll()
        ready.removeAll()
        condition.unlock()
    }

    /// Gives back a batch the writer is done with.
    func recycle(_ batch: consuming Batch) {
        condition.lock()
        spent.append(batch)
        condition.unlock()
    }

    /// Reads batches ahead (up to `readAhead` unclaimed, `depth` in flight) and prepares the oldest
    /// unclaimed one, until every batch is read and claimed or the writer stops.
    private func produce(_ preparer: RowPreparer, cellSizeLimit: Int) {
        var record = CSVRecordBytes()
        while true {
            var freed: [Batch] = []
            condition.lock()
            swap(&freed, &spent)
            condition.unlock()
            // Freed before this thread allocates more, so the memory is reused.
            freed.removeAll()
            condition.lock()
            var mayRead: Bool { !readAll && unclaimed.count < Self.readAhead && nextRead - nextTaken < Self.depth }
            while !cancelled, !mayRead, unclaimed.isEmpty, !readAll { condition.wait() }
            if cancelled || (readAll && unclaimed.isEmpty) {
                condition.unlock()
                return
            }
            if mayRead {
                let number = nextRead
                nextRead += 1
                condition.unlock()
                var read = read(cellSizeLimit: cellSizeLimit, into: &record)
                read.number = number
                condition.lock()
                readAll = read.isLast
                unclaimed.append(read)
                condition.broadcast()
                condition.unlock()
            } else {
                prepareOldestUnclaimed(with: preparer)
                condition.unlock()
            }
        }
    }

    /// Claims the oldest batch read and not yet claimed, prepares it without holding the lock, and
    /// makes it ready. Called, and returns, with the lock held.
    private func prepareOldestUnclaimed(with preparer: RowPreparer) {
        let read = unclaimed.removeFirst()
        condition.broadcast()
        condition.unlock()
        let batch = Self.prepare(read, with: preparer)
        condition.lock()
        ready[read.number] = batch
        condition.broadcast()
    }

    /// Reads the next batch of records.
    private func read(cellSizeLimit: Int, into record: inout CSVRecordBytes) -> ReadBatch {
        var batch = ReadBatch()
        batch.entries.reserveCapacity(Self.batchRecords)
        let batchStart = reader.bytesConsumed
        while true {
            do {
                // The reader gives each record fresh storage: the last one went away with its batch.
                guard let line = try reader.nextRecord(into: &record) else {
                    batch.isLast = true
                    break
                }
                if let index = (0..<record.count).first(where: { record.byteCount(of: $0) > cellSizeLimit }) {
                    let error = CSVError.fieldTooLarge(
                        line: line, field: index + 1, size: record.byteCount(of: index), limit: cellSizeLimit)
                    batch.entries.append(.item(.oversized(error, line: line, field: index + 1, cells: record.strings)))
                } else {
                    batch.entries.append(.record(record, line: line))
                }
            } catch {
                switch error {
                case .nulByte(let line, let field), .invalidUTF8(let line, let field):
                    // The reader stands after the bad record: the writer reports it and goes on.
                    batch.entries.append(.item(.badRecord(error, line: line, field: field)))
                case .tooManyFields(let line, _, _):
                    batch.entries.append(.item(.badRecord(error, line: line, field: nil)))
                default:
                    batch.failure = error
                    batch.isLast = true
                }
            }
            if batch.isLast { break }
            if batch.entries.count >= Self.batchRecords || reader.bytesConsumed - batchStart >= Self.batchBytes { break }
        }
        batch.bytesConsumed = reader.bytesConsumed
        return batch
    }

    private static func prepare(_ read: ReadBatch, with preparer: RowPreparer) -> Batch {
        var batch = Batch(bytesConsumed: read.bytesConsumed, failure: read.failure, isLast: read.isLast)
        batch.items.reserveCapacity(read.entries.count)
        for entry in read.entries {
            switch entry {
            case .record(let record, let line): batch.items.append(.row(preparer.prepare(record, line: line)))
            case .item(let item): batch.items.append(item)
            }
        }
        return batch
    }
}
