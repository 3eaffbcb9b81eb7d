import AcceleratorDomain
import AcceleratorStore
import Foundation
import Testing

/// The same spreadsheet from a file or from bytes in memory (a server's upload): one import, one
/// digest, one encoding.
@Suite("record sources: a file, bytes in memory")
struct RecordSourceTests {
    static let rows = ImportFixture.csv([
        ImportFixture.row("Atlas AI"), ImportFixture.row("Argan Pay", ["city": "Fès"]),
    ])

    @Test("bytes in memory import as the file with the same bytes does: same rows, same digest, recognised as already imported")
    func bytesAsFile() throws {
        let fixture = try ImportFixture()
        let uploaded = try fixture.store.importApplications(
            ImportRequest(source: .bytes(Array(Self.rows.utf8), name: "upload.csv"), cohort: "2026-A", today: StoreFixture.today))
        #expect(uploaded.file == "upload.csv")
        #expect(uploaded.inserted == 2)
        #expect(uploaded.dialect.encoding == "utf-8")
        let path = try fixture.write("same.csv", Self.rows)
        let fromFile = try fixture.importFile(path)
        #expect(fromFile.sha256 == uploaded.sha256)
        #expect(fromFile.alreadyImported == [uploaded.batchId].compactMap { $0 })
        #expect(fromFile.inserted == 0 && fromFile.updated == 0)
        #expect(try fixture.store.details(of: "Argan Pay").city == "Fès")
    }

    @Test("bytes that are not UTF-8 beyond the first megabytes are read as Windows-1252 from the one pass that hashed them")
    func windows1252Bytes() throws {
        let fixture = try ImportFixture()
        // Past the 4 MiB a file's encoding is first guessed from: a guess would have said UTF-8.
        let head = Array(ImportFixture.csv((0..<40_000).map { ImportFixture.row("Startup \($0)") }).utf8)
        #expect(head.count > 4 << 20)
        // The last row in Windows-1252: é is 0xE9 and è 0xE8, one byte each.
        let last = Array(ImportFixture.row("Caf# Tech", ["city": "F%s"]).utf8).map {
            $0 == UInt8(ascii: "#") ? 0xE9 : $0 == UInt8(ascii: "%") ? 0xE8 : $0
        }
        let bytes = head + last + [UInt8(ascii: "\n")]
        let report = try fixture.store.importApplications(
            ImportRequest(source: .bytes(bytes, name: "upload.csv"), cohort: "2026-A", today: StoreFixture.today))
        #expect(report.dialect.encoding == "windows-1252")
        #expect(report.inserted == 40_001)
        #expect(try fixture.store.details(of: "Café Tech").city == "Fès")
        let path = try fixture.write("same.csv", bytes: bytes)
        #expect(try fixture.importFile(path).sha256 == report.sha256)
    }

    @Test("a decisions file in memory applies as the file does and is named as given")
    func decisionsFromBytes() throws {
        let fixture = try DecisionsFixture()
        let text = DecisionsFixture.csv([DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01")])
        let report = try fixture.store.applyDecisions(
            DecisionsRequest(
                source: .bytes(Array(text.utf8), name: "committee.csv"), actor: "committee", today: DecisionsFixture.today))
        #expect(report.problems.isEmpty)
        #expect(report.file == "committee.csv")
        #expect(report.moves == 1)
        #expect(try fixture.stage("Atlas AI") == .mentored)
        let again = try fixture.applyFile(try fixture.write("same.csv", text))
        #expect(again.sha256 == report.sha256)
        #expect(again.alreadyApplied == [report.batchId].compactMap { $0 })
    }
}
