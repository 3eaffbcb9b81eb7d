import AcceleratorDomain
import AcceleratorStore
import Foundation
import GRDB
import Testing

@Suite("identity: an ICE never takes over another startup")
struct IdentityTests {
    /// Two startups: Atlas AI with an ICE, Argan Pay without.
    static func twoStartups() throws -> ImportFixture {
        let fixture = try ImportFixture()
        try fixture.importText("first.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["ice": "001234567000089"]),
            ImportFixture.row("Argan Pay", ["email": "youssef@arganpay.ma"]),
        ]))
        return fixture
    }

    @Test("a row with one startup's ICE and another's name and lead e-mail is an error naming both, and nothing is written")
    func conflictIsRefused() throws {
        let fixture = try Self.twoStartups()
        let before = try fixture.dump()
        let report = try fixture.importText("conflict.csv", ImportFixture.csv([
            ImportFixture.row("Argan Pay", ["ice": "001234567000089", "email": "youssef@arganpay.ma"]),
        ]))
        #expect(report.rejected == 1)
        let error = try #require(report.errors.first)
        #expect(error.line == 2)
        #expect(error.column == 2)
        #expect(error.header == "ice")
        #expect(error.message == "ICE 001234567000089 is that of startup #1 “Atlas AI”, but the name and lead e-mail are those of startup #2 “Argan Pay”; nothing was changed for it. Check which is right and correct the ICE or the name")
        #expect(try fixture.dump() == before)
    }

    @Test("with --skip-invalid the conflicting row goes to the rejects file and neither startup changes")
    func conflictIsRejected() throws {
        let fixture = try Self.twoStartups()
        let rejects = fixture.folder.file("conflict.rejects.csv")
        let report = try fixture.importText(
            "conflict.csv",
            ImportFixture.csv([ImportFixture.row("Argan Pay", ["ice": "001234567000089", "email": "youssef@arganpay.ma"])]),
            mode: .skipInvalid(rejectsPath: rejects))
        #expect(report.rejected == 1)
        #expect(report.updated == 0)
        let names = try DatabaseQueue(path: fixture.store.path).read { try String.fetchAll($0, sql: "SELECT name FROM startup ORDER BY id") }
        #expect(names == ["Atlas AI", "Argan Pay"])
        #expect(try String(contentsOfFile: rejects, encoding: .utf8).contains("is that of startup #1"))
    }

    @Test("a startup found by its ICE may still be renamed when the new name is no other startup's")
    func renameByICEStillWorks() throws {
        let fixture = try Self.twoStartups()
        let report = try fixture.importText("renamed.csv", ImportFixture.csv([
            ImportFixture.row("Atlas Intelligence", ["ice": "001234567000089", "email": "atlasai@example.ma"]),
        ]))
        #expect(report.rejected == 0)
        #expect(report.updated == 1)
    }

    @Test("apply with one startup's ICE and another's name and lead e-mail is refused, naming both")
    func applyConflictIsRefused() throws {
        let fixture = try Self.twoStartups()
        let form = ApplicationForm(
            name: "Argan Pay", ice: try ICE("001234567000089"), city: "Agadir", region: nil, country: .morocco, sector: "FinTech",
            foundedOn: nil, founders: [FounderEntry(fullName: "Youssef Amrani", email: try EmailAddress("youssef@arganpay.ma"))],
            phone: nil, website: nil, employees: nil, description: nil, appliedOn: StoreFixture.today, cohort: "2026-B")
        #expect(throws: OperationError.self) { try fixture.store.apply(form, today: StoreFixture.today) }
        do {
            _ = try fixture.store.apply(form, today: StoreFixture.today)
        } catch let error as OperationError {
            #expect(error.description.hasPrefix("ICE 001234567000089 is that of startup #1 “Atlas AI”, but the name and lead e-mail are those of startup #2 “Argan Pay”"))
        }
    }
}

@Suite("text compared in NFC: a Mac's spelling and a Windows spelling are one")
struct NormalisationTests {
    @Test("the same file in NFD after NFC imports as unchanged rows, and the stored name stays composed")
    func decomposedSpellingIsUnchanged() throws {
        let fixture = try ImportFixture()
        let composed = ImportFixture.csv([ImportFixture.row("Été Solaire", ["city": "Fès", "email": "ete@example.ma"])])
        let decomposed = composed.replacingOccurrences(of: "É", with: "E\u{301}").replacingOccurrences(of: "é", with: "e\u{301}")
            .replacingOccurrences(of: "è", with: "e\u{300}")
        #expect(Array(decomposed.utf8) != Array(composed.utf8))
        #expect(try fixture.importText("nfc.csv", composed).inserted == 1)
        let again = try fixture.importText("nfd.csv", decomposed)
        #expect(again.updated == 0)
        #expect(again.unchanged == 1)
        #expect(again.batchId == nil)
        let stored = try DatabaseQueue(path: fixture.store.path).read { db in
            try Row.fetchOne(db, sql: "SELECT CAST(name AS BLOB) AS name, CAST(city AS BLOB) AS city FROM startup")
        }
        #expect((stored?["name"] as Data?) == Data("Été Solaire".utf8))
        #expect((stored?["city"] as Data?) == Data("Fès".utf8))
    }

    @Test("a first import in NFD is stored composed")
    func decomposedIsStoredComposed() throws {
        let fixture = try ImportFixture()
        try fixture.importText("nfd.csv", ImportFixture.csv([ImportFixture.row("E\u{301}te\u{301} Solaire", ["email": "ete@example.ma"])]))
        let name = try DatabaseQueue(path: fixture.store.path).read { try Data.fetchOne($0, sql: "SELECT CAST(name AS BLOB) FROM startup") }
        #expect(name == Data("Été Solaire".utf8))
    }
}
