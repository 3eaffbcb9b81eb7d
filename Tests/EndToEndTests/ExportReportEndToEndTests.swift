import Foundation
import Testing

/// Reads CSV text as RFC 4180 says (quotes, doubled quotes, CRLF), after a UTF-8 byte order mark.
func parseCSV(_ bytes: [UInt8], delimiter: Character) -> [[String]] {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let scalar = characters.popFirst() {
        if quoted {
            if scalar == "\"" {
                if characters.first == "\"" {
                    field.unicodeScalars.append("\"")
                    characters.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(scalar)
            }
        } else if scalar == "\"" {
            quoted = true
        } else if Character(scalar) == delimiter {
            record.append(field)
            field = ""
        } else if scalar == "\r" && characters.first == "\n" {
            characters.removeFirst()
            record.append(field)
            records.append(record)
            record = []
            field = ""
        } else {
            field.unicodeScalars.append(scalar)
        }
    }
    if !field.isEmpty || !record.isEmpty {
        record.append(field)
        records.append(record)
    }
    return records
}

/// The spreadsheet of the round-trip tests: French headers, accents, Arabic and Tifinagh, a
/// multi-line description with quotes and semicolons, amounts in two currencies and a negative
/// one, cells that are formulas, two extra columns.
let roundTripInput = """
    Nom de la startup,Raison sociale,ICE,Ville,Région,Pays,Secteur,Date de création,Fondateur principal,E-mail,Téléphone,Site web,Stade du produit,Effectif,CA mensuel (MAD),Financement recherché,Description,Date de candidature,Source,Commentaire
    Atlas AI,Atlas AI SARL,001234567000089,Casablanca,Casablanca-Settat,Maroc,AI,12/09/2022,Salma Bennani,salma@atlas.ma,06 12 34 56 78,https://atlas.ma,MVP,12,"45 000,50",1500000,"Vision par ordinateur; « contrôle qualité »
    Deux lignes, des ""guillemets"".",15/02/2026,Typeform,"=HYPERLINK(""http://evil.example"")"
    Été Solaire,,,Fès,Fès-Meknès,MA,CleanTech,2021-03-01,Youssef Amrani,youssef@ete-solaire.ma,+212 5 28 84 12 34,,Revenue,8,-300,"1 200,00 EUR",وصف بالعربية ⵜⴰⵎⴰⵣⵉⵖⵜ,2026-02-16,Google Forms,"\tTabulation"
    =Formule,@Legal,,Marrakech,,Morocco,Tourism,2010-01-01,Khadija El Idrissi,khadija@formule.ma,,,Idea,,,,-Moins au début,2026-02-17,-moins,＋plein
    Nour,,,Oujda,Oriental,MA,AI,,Sara Kettani,sara@nour.ma,,,,,,,,2026-02-18,,

    """

@Suite("export and report, end to end")
struct ExportReportEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    func importInput(into database: String? = nil) throws {
        let file = try sandbox.write("input.csv", roundTripInput)
        var arguments = ["import", file, "--cohort", "2026-A"]
        if let database { arguments += ["--db", database] }
        let result = try sandbox.run(arguments: arguments)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    func moveSome() throws {
        try sandbox.succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark", "--at", "2026-03-01")
        try sandbox.succeed(
            "advance", "Atlas AI", "--to", "funded", "--amount", "1 500 000,50", "--funding-kind", "equity",
            "--investor", "UM6P Ventures", "--funded-on", "2026-04-01", "--at", "2026-04-01")
        try sandbox.succeed("advance", "Atlas AI", "--to", "international", "--market", "Espagne", "--partner", "Plug and Play Spain", "--at", "2026-05-01")
        try sandbox.succeed("reject", "=Formule", "--reason", "+hors programme", "--at", "2026-03-02")
    }

    func export(_ profile: String, database: String? = nil, name: String) throws -> [UInt8] {
        let file = sandbox.path(name)
        var arguments = ["export", "--profile", profile, "--output", file]
        if let database { arguments += ["--db", database] }
        let result = try sandbox.run(arguments: arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Imports an export into a new database and exports that again.
    func roundTrip(_ bytes: [UInt8], profile: String, name: String) throws -> [UInt8] {
        let file = sandbox.path("\(name).csv")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let database = sandbox.path("\(name).sqlite")
        try sandbox.succeed("init", "--db", database)
        let result = try sandbox.run("import", file, "--db", database)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("Extra columns kept per application: program"), "export-only columns came back as extras")
        return try export(profile, database: database, name: "\(name)-again.csv")
    }

    static func delimiter(_ profile: String) -> Character { profile == "excel-fr" ? ";" : "," }

    @Test("importing an export into a new database and exporting again gives the same file", arguments: ["rfc4180", "excel-fr"])
    func roundTripIsExact(profile: String) throws {
        try importInput()
        let first = try export(profile, name: "first.csv")
        let second = try roundTrip(first, profile: profile, name: "second")
        #expect(second == first)
        let records = parseCSV(first, delimiter: Self.delimiter(profile))
        #expect(records.count == 5)
        #expect(records[0].suffix(2) == ["Source", "Commentaire"])
    }

    @Test(
        "after moves, the round trip keeps every field and extra column; the program's record restarts at applied",
        arguments: ["rfc4180", "excel-fr"])
    func roundTripAfterMoves(profile: String) throws {
        try importInput()
        try moveSome()
        let first = try export(profile, name: "first.csv")
        let second = try roundTrip(first, profile: profile, name: "second")
        let before = parseCSV(first, delimiter: Self.delimiter(profile))
        let after = parseCSV(second, delimiter: Self.delimiter(profile))
        try #require(before.count == 5 && after.count == 5)
        let kept = before[0].filter { !$0.hasPrefix("program_") || $0 == "program_warnings" }
        for header in kept {
            let column = try #require(before[0].firstIndex(of: header))
            let again = try #require(after[0].firstIndex(of: header), "\(header) is missing after the round trip")
            #expect(before.dropFirst().map { $0[column] } == after.dropFirst().map { $0[again] }, "\(header)")
        }
        let stage = try #require(after[0].firstIndex(of: "program_stage"))
        #expect(after.dropFirst().allSatisfy { $0[stage] == "applied" })
        #expect(before[1][stage] == "international")
        // Once the program's record is at applied, the file is a fixed point.
        #expect(try roundTrip(second, profile: profile, name: "third") == second)
    }

    @Test("rfc4180 is comma, CRLF, no byte order mark, ISO dates and decimal points")
    func rfc4180Bytes() throws {
        try importInput()
        try moveSome()
        let bytes = try export("rfc4180", name: "out.csv")
        #expect(Array(bytes.prefix(6)) == Array("cohort".utf8))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("cohort,startup_name,legal_name,"))
        #expect(text.contains("\r\n2026-A,Atlas AI,Atlas AI SARL,001234567000089,Casablanca,Casablanca-Settat,MA,AI,2022-09-12,Salma Bennani,"))
        #expect(text.contains(",45000.50,1500000.00,"))
        #expect(text.contains(",-300.00,1200.00 EUR,"))
        #expect(text.contains(",1500000.50,"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n2026-A"))
    }

    @Test("excel-fr is semicolon, CRLF, UTF-8 with a byte order mark, dd/mm/yyyy and decimal commas")
    func excelFrenchBytes() throws {
        try importInput()
        try moveSome()
        let bytes = try export("excel-fr", name: "out.csv")
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("cohort;startup_name;legal_name;"))
        #expect(text.contains("\r\n2026-A;Atlas AI;Atlas AI SARL;001234567000089;Casablanca;Casablanca-Settat;MA;AI;12/09/2022;Salma Bennani;"))
        #expect(text.contains(";45000,50;1500000,00;"))
        #expect(text.contains(";-300,00;1200,00 EUR;"))
        #expect(text.contains(";1500000,50;"))
        #expect(text.contains(";15/02/2026;international;01/03/2026;01/04/2026;01/05/2026;"))
        #expect(text.contains("وصف بالعربية ⵜⴰⵎⴰⵣⵉⵖⵜ"))
        #expect(text.contains("Été Solaire;"))
    }

    @Test("formula cells are neutralised in the file, and the import takes the apostrophe off again")
    func injection() throws {
        try importInput()
        try moveSome()
        let bytes = try export("rfc4180", name: "out.csv")
        let records = parseCSV(bytes, delimiter: ",")
        let formule = try #require(records.first { $0[1] == "'=Formule" })
        let header = records[0]
        func value(_ name: String) -> String? { header.firstIndex(of: name).map { formule[$0] } }
        #expect(value("legal_name") == "'@Legal")
        #expect(value("description") == "'-Moins au début")
        #expect(value("Source") == "'-moins")
        #expect(value("Commentaire") == "'＋plein")
        #expect(value("program_exit_reason") == "'+hors programme")
        let atlas = try #require(records.first { $0[1] == "Atlas AI" })
        #expect(atlas[header.firstIndex(of: "Commentaire")!] == "'=HYPERLINK(\"http://evil.example\")")
        #expect(atlas[header.firstIndex(of: "phone")!] == "'+212612345678")
        let ete = try #require(records.first { $0[1] == "Été Solaire" })
        #expect(ete[header.firstIndex(of: "Source")!] == "Google Forms")
        #expect(ete[header.firstIndex(of: "Commentaire")!] == "'\tTabulation")
        #expect(ete[header.firstIndex(of: "monthly_revenue")!] == "-300.00")
        // Imported again, the values are the original ones.
        let file = sandbox.path("again.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let database = sandbox.path("again.sqlite")
        try sandbox.succeed("init", "--db", database)
        try sandbox.succeed("import", file, "--db", database)
        let show = try sandbox.run("show", "=Formule", "--db", database)
        #expect(show.stdout.contains("=Formule"))
        #expect(show.stdout.contains("Source: -moins"))
        #expect(!show.stdout.contains("'="))
    }

    @Test("the export goes to standard output by default, or to a file created with mode 0600")
    func destinations() throws {
        try importInput()
        let output = try sandbox.succeed("export", "--cohort", "2026-a", "--stage", "applied")
        #expect(output.hasPrefix("cohort,startup_name,"))
        #expect(output.components(separatedBy: "\r\n").count == 6)
        let file = sandbox.path("private.csv")
        try sandbox.succeed("export", "--output", file)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test("an unknown cohort, stage or profile is refused with one error line")
    func refusals() throws {
        try importInput()
        let cohort = try sandbox.run("export", "--cohort", "1999-Z")
        #expect(cohort.status == 1)
        #expect(cohort.stderr == "error: no cohort 1999-Z: the cohorts are 2026-A (see `accelerator cohort list`)\n")
        let stage = try sandbox.run("export", "--stage", "done")
        #expect(stage.status == 1)
        #expect(stage.stderr.hasPrefix("error: --stage: “done” is not a stage"))
        let profile = try sandbox.run("export", "--profile", "xlsx")
        #expect(profile.status == 64)
        let unwritable = try sandbox.run("export", "--output", sandbox.path("missing/folder/out.csv"))
        #expect(unwritable.status == 74)
        #expect(unwritable.stderr.hasPrefix("error: cannot create"))
        #expect(unwritable.stderr.split(separator: "\n").count == 1)
    }

    // MARK: - Report

    @Test("the report as of a day before and after moves, in JSON")
    func reportAsOf() throws {
        try importInput()
        try moveSome()
        func reached(_ asOf: String) throws -> [Int] {
            let json = try sandbox.succeed("report", "--cohort", "2026-A", "--as-of", asOf, "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let cohorts = try #require(object["cohorts"] as? [[String: Any]])
            let funnel = try #require(cohorts.first?["funnel"] as? [[String: Any]])
            return funnel.compactMap { $0["reached"] as? Int }
        }
        #expect(try reached("2026-02-16") == [2, 0, 0, 0])
        #expect(try reached("01/03/2026") == [4, 1, 0, 0])
        #expect(try reached("2026-04-01") == [4, 1, 1, 0])
        #expect(try reached("2026-06-01") == [4, 1, 1, 1])
        let future = try sandbox.run("report", "--as-of", "2026-06-02")
        #expect(future.status == 1)
        #expect(future.stderr == "error: --as-of 2026-06-02 is after today (2026-06-01): a report can only tell what has happened\n")
    }

    @Test("the report compares cohorts in a table, and in CSV one row per cohort then all")
    func reportComparison() throws {
        try importInput()
        try moveSome()
        try sandbox.succeed(
            "apply", "--cohort", "2026-B", "--name", "Argan Pay", "--city", "Agadir", "--sector", "FinTech",
            "--founder", "Youssef Amrani <youssef@arganpay.ma>", "--applied-on", "2026-05-01")
        let table = try sandbox.succeed("report")
        #expect(table.contains("Cohorts compared"))
        #expect(table.contains("2026-A  4 "))
        #expect(table.contains("2026-B  1 "))
        #expect(table.contains("all     5 "))
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let csv = parseCSV(Array(try sandbox.succeed("report", "--format", "csv").utf8), delimiter: ",")
        #expect(csv.map { $0[0] } == ["cohort", "2026-A", "2026-B", "all"])
        let applications = try #require(csv[0].firstIndex(of: "applications"))
        #expect(csv.dropFirst().map { $0[applications] } == ["4", "1", "5"])
        let total = try #require(csv[0].firstIndex(of: "funding_total_MAD"))
        #expect(csv[1][total] == "1500000.50")
    }

    @Test("the HTML report is one self-contained page: a title, one funnel with a bar per stage, no script, no link out, text escaped")
    func reportHTML() throws {
        try importInput()
        try moveSome()
        try sandbox.succeed("withdraw", "Nour", "--reason", "<script>alert('x')</script> & co", "--at", "2026-03-03")
        let file = sandbox.path("report.html")
        try sandbox.succeed("report", "--cohort", "2026-A", "--format", "html", "--output", file)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(html.contains("<title>Technopark Morocco × Plug and Play — Programme d&#39;accélération — Cohorte 2026-A</title>"))
        #expect(html.contains("<h1>Programme d'accélération — Cohorte 2026-A</h1>"))
        #expect(html.components(separatedBy: "<svg class=\"funnel\"").count == 2)
        let funnel = try #require(html.components(separatedBy: "<svg class=\"funnel\"").last?.components(separatedBy: "</svg>").first)
        let bars = funnel.components(separatedBy: "<rect class=\"funnel-bar").count - 1
        #expect(bars == 4)
        for stage in ["applied", "mentored", "funded", "international"] {
            #expect(funnel.contains("data-stage=\"\(stage)\""))
        }
        #expect(html.contains("<svg class=\"bars\""))
        #expect(html.contains("<svg class=\"bars funding\""))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        #expect(html.contains("@media print"))
        #expect(!html.contains("<link") && !html.contains("<img") && !html.contains("url("))
        // In French throughout: the program's sectors and the warnings the store keeps in English.
        #expect(html.contains("<td>Intelligence artificielle</td>"))
        #expect(html.contains(
            "<td>Le secteur «\u{00A0}Tourism\u{00A0}» ne fait pas partie des secteurs de technologies émergentes du programme</td>"))
        #expect(html.contains("<td>L&#39;entreprise, fondée le 01/01/2010, a plus de 8 ans à sa candidature (la limite du programme)</td>"))
        #expect(!html.contains("emerging-technology") && !html.contains("years old"))
        #expect(html.contains("<span class=\"value\">1\u{202F}500\u{202F}000,50<span class=\"currency\">MAD</span></span>"))
        // The command line's own report keeps the store's words.
        #expect(try sandbox.succeed("report", "--cohort", "2026-A").contains("sector “Tourism” is not one of the program's"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test("every report format runs on an empty database")
    func emptyReport() throws {
        try sandbox.succeed("init")
        #expect(try sandbox.succeed("report").contains("No application on or before 2026-06-01."))
        for format in ["csv", "json", "html"] {
            try sandbox.succeed("report", "--format", format)
        }
    }
}
