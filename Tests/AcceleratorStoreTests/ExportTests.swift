import AcceleratorDomain
import AcceleratorStore
import Foundation
import Testing

/// Exports the records of a store, header first.
func exportRecords(_ store: AppDatabase, _ request: ExportRequest = ExportRequest()) throws -> [[String]] {
    var records: [[String]] = []
    _ = try store.exportApplications(request) { records.append($0) }
    return records
}

/// The cell of `header` in the record of the application of `name`.
func cell(_ records: [[String]], _ name: String, _ header: String) -> String? {
    guard let column = records.first?.firstIndex(of: header),
        let record = records.dropFirst().first(where: { $0[1] == name || $0[1] == "'" + name })
    else { return nil }
    return record[column]
}

@Suite("the export")
struct ExportTests {
    @Test("the header names the import's fields as the import reads them, then the program's record")
    func header() throws {
        let store = try ReportFixture.makeStore()
        let headers = try #require(try exportRecords(store).first)
        #expect(headers == [
            "cohort", "startup_name", "legal_name", "ice", "city", "region", "country", "sector", "founded_on", "founder",
            "email", "phone", "website", "product_stage", "employees", "monthly_revenue", "funding_sought", "description",
            "applied_at", "program_stage", "program_mentored_on", "program_funded_on", "program_international_on",
            "program_rejected_on", "program_withdrawn_on", "program_exit_reason", "program_mentors", "program_funding_MAD",
            "program_markets", "program_warnings",
        ])
    }

    @Test("one row per application, oldest first, with its stage, the day each stage was reached, mentors, funding and markets")
    func rows() throws {
        let store = try ReportFixture.makeStore()
        let records = try exportRecords(store)
        #expect(records.count == 7)
        #expect(records.dropFirst().map { $0[1] } == ["Atlas AI", "Argan Pay", "Sahara H2", "Riad Stays", "Tbib", "Souk"])
        #expect(cell(records, "Atlas AI", "program_stage") == "international")
        #expect(cell(records, "Atlas AI", "applied_at") == "2026-03-01")
        #expect(cell(records, "Atlas AI", "program_mentored_on") == "2026-03-11")
        #expect(cell(records, "Atlas AI", "program_funded_on") == "2026-04-10")
        #expect(cell(records, "Atlas AI", "program_international_on") == "2026-05-10")
        #expect(cell(records, "Atlas AI", "program_mentors") == "Karim Alaoui (Technopark)")
        #expect(cell(records, "Atlas AI", "program_funding_MAD") == "500000.00")
        #expect(cell(records, "Atlas AI", "program_markets") == "ES (Plug and Play Spain)")
        #expect(cell(records, "Sahara H2", "program_withdrawn_on") == "2026-04-07")
        #expect(cell(records, "Sahara H2", "program_exit_reason") == "L'équipe rejoint un autre programme")
        #expect(cell(records, "Tbib", "program_stage") == "applied")
        #expect(cell(records, "Tbib", "program_mentored_on") == "")
        #expect(cell(records, "Tbib", "founded_on") == "2010-01-01")
        #expect(cell(records, "Tbib", "program_warnings")?.contains("more than 8 years old") == true)
        #expect(cell(records, "Souk", "founder") == "Fondatrice Souk")
        #expect(cell(records, "Souk", "email") == "souk@example.ma")
        #expect(cell(records, "Souk", "country") == "MA")
    }

    @Test("excel-fr writes days day-first and amounts with a decimal comma")
    func excelFrench() throws {
        let store = try ReportFixture.makeStore()
        let records = try exportRecords(store, ExportRequest(profile: .excelFrench))
        #expect(cell(records, "Atlas AI", "applied_at") == "01/03/2026")
        #expect(cell(records, "Atlas AI", "program_funded_on") == "10/04/2026")
        #expect(cell(records, "Argan Pay", "program_funding_MAD") == "1500000,00")
        #expect(cell(records, "Tbib", "founded_on") == "01/01/2010")
    }

    @Test("funding is totalled per currency, one column each, the default currency's always there")
    func fundingPerCurrency() throws {
        let store = try ReportFixture.makeStore()
        _ = try store.recordFunding(
            startup: "Atlas AI", cohort: nil,
            draft: FundingDraft(amount: Money(minorUnits: 120_050, currency: .eur), kind: .prize, investor: "EU", fundedOn: ReportFixture.day(6, 1)),
            today: ReportFixture.today)
        _ = try store.recordFunding(
            startup: "Atlas AI", cohort: nil,
            draft: FundingDraft(amount: Money(minorUnits: 100, currency: .mad), kind: .grant, investor: "CCG", fundedOn: ReportFixture.day(6, 2)),
            today: ReportFixture.today)
        let records = try exportRecords(store)
        #expect(records[0].suffix(4) == ["program_funding_MAD", "program_funding_EUR", "program_markets", "program_warnings"])
        #expect(cell(records, "Atlas AI", "program_funding_MAD") == "500001.00")
        #expect(cell(records, "Atlas AI", "program_funding_EUR") == "1200.50")
        #expect(cell(records, "Argan Pay", "program_funding_EUR") == "")
    }

    @Test("a cohort and a stage narrow the export")
    func filters() throws {
        let store = try ReportFixture.makeStore()
        #expect(try exportRecords(store, ExportRequest(stage: .mentored)).dropFirst().map { $0[1] } == ["Souk"])
        #expect(try exportRecords(store, ExportRequest(cohort: "2026-a", stage: .applied)).dropFirst().map { $0[1] } == ["Tbib"])
        #expect(throws: ReportError.unknownCohort("1999-Z", known: ["2026-A"])) {
            try exportRecords(store, ExportRequest(cohort: "1999-Z"))
        }
    }
}

@Suite("the export against formula injection")
struct ExportInjectionTests {
    /// A spreadsheet with a name column and an extra column, imported into a fresh database.
    func imported(name: String = "Plain", note: String = "ok", changes: [String: String] = [:]) throws -> [[String]] {
        let fixture = try ImportFixture()
        let columns = ImportFixture.header + ["note"]
        var values = changes
        values["note"] = note
        values["email"] = "contact@example.ma"
        let report = try fixture.importText("in.csv", ImportFixture.csv([ImportFixture.row(name, values, columns: columns)], columns: columns))
        try #require(report.inserted == 1, "\(report.errors)")
        let records = try exportRecords(fixture.store)
        try #require(records.count == 2)
        return records
    }

    @Test(
        "a text cell a spreadsheet would run as a formula gets a leading apostrophe",
        arguments: ["=1+1", "+33 SA", "-2 Startup", "@SUM(A1)", "＝1+1", "＋Plus", "－Moins", "＠Arobase", "=HYPERLINK(\"http://x\")"])
    func neutralisedName(name: String) throws {
        let records = try imported(name: name)
        #expect(records[1][1] == "'" + name)
    }

    @Test(
        "a cell starting with a tab, a carriage return or a line feed is neutralised too",
        arguments: ["\tcmd", "\rcmd", "\ncmd", "\t=1+1"])
    func neutralisedControl(note: String) throws {
        let records = try imported(note: note)
        let column = try #require(records[0].firstIndex(of: "note"))
        #expect(records[1][column] == "'" + note)
    }

    @Test("the phone, stored as +212…, is text and is neutralised")
    func phone() throws {
        let records = try imported()
        #expect(records[1][11] == "'+212612345678")
    }

    @Test("ordinary text, numbers and dates are never altered, and a negative amount stays a number")
    func untouched() throws {
        let records = try imported(name: "Atlas 'quoted' AI", changes: ["monthly_revenue": "-300", "founded_on": "2022-09-12"])
        #expect(records[1][1] == "Atlas 'quoted' AI")
        #expect(records[1][15] == "-300.00")
        #expect(records[1][8] == "2022-09-12")
        #expect(records[1][18] == "2026-02-15")
        let french = try ImportFixture()
        let columns = ImportFixture.header
        try french.importText("fr.csv", ImportFixture.csv([ImportFixture.row("Moins", ["monthly_revenue": "-300,50"], columns: columns)], columns: columns))
        let frenchRecords = try exportRecords(french.store, ExportRequest(profile: .excelFrench))
        try #require(frenchRecords.count == 2)
        #expect(frenchRecords[1][15] == "-300,50")
    }

    @Test("an extra column whose header starts like a formula is neutralised too")
    func neutralisedHeader() throws {
        let fixture = try ImportFixture()
        let columns = ImportFixture.header + ["=cmd"]
        try fixture.importText("in.csv", ImportFixture.csv([ImportFixture.row("Plain", ["=cmd": "x"], columns: columns)], columns: columns))
        let records = try exportRecords(fixture.store)
        try #require(records.count == 2)
        #expect(records[0].last == "'=cmd")
        #expect(records[1].last == "x")
    }
}
