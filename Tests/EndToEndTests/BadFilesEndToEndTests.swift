import Foundation
import Testing

/// One bad spreadsheet of the corpus and what `accelerator import` must answer.
struct BadFile: Sendable, CustomTestStringConvertible {
    /// The file under Tests/Corpus, or the name of one generated at run time.
    var name: String
    /// Options given after the file.
    var options: [String] = []
    /// The documented exit code.
    var status: Int32 = 1
    /// The start of the only `error:` line; `{file}` stands for the file's path.
    var error: String
    /// Whether the file is made by the test (too large to commit).
    var generated: Generated?

    enum Generated: Sendable {
        /// A 10 MB description, as a quote left open in a spreadsheet produces.
        case tenMegabyteField
        /// 10,000 columns.
        case tenThousandColumns
        /// A header cell of 5 MB (a quote left open in the header row).
        case fiveMegabyteHeader
        /// A record of 40 MB in cells under the cell limit each.
        case fortyMegabyteRecord
    }

    var testDescription: String { name }

    static let all: [BadFile] = [
        BadFile(name: "empty.csv", error: "error: {file}: the file is empty: it holds no header row and no records"),
        BadFile(name: "header-only.csv", error: "error: {file}: the file holds a header row but no records below it"),
        BadFile(name: "binary-garbage.bin", error: "error: {file}: not a CSV text file: it holds NUL bytes, so it is binary data"),
        BadFile(
            name: "ten-megabyte-field.csv",
            error: "error: line 3, column 6 (description): the value is 10000000 bytes long, more than the 4194304 accepted",
            generated: .tenMegabyteField),
        BadFile(
            name: "ten-thousand-columns.csv", error: "error: {file}: line 1: 10000 columns, more than the 1000 accepted",
            generated: .tenThousandColumns),
        BadFile(
            name: "unterminated-quote.csv",
            error: "error: {file}: line 3: unterminated quoted field (the quote opened here, in field 4, is never closed)"),
        BadFile(
            name: "mixed-delimiters-header.csv",
            error: "error: {file}: line 1: the values are separated by “;”, but the file by “,” (mixed delimiters)"),
        BadFile(
            name: "mixed-delimiters-rows.csv",
            error: "error: line 3: the values are separated by “;”, but the file by “,” (mixed delimiters)"),
        BadFile(
            name: "invalid-utf8.csv", options: ["--encoding", "utf-8"],
            error: "error: line 3, column 1 (startup_name): the bytes are not valid UTF-8 (is the file in Windows-1252?)"),
        BadFile(name: "duplicated-headers.csv", error: "error: {file}: the header “city” appears in columns 2 and 6; rename one of them"),
        BadFile(
            name: "header-maps-nothing.csv",
            error: "error: {file}: no column for name, founder, email, city, sector. The headers seen are “Colonne A”, “Colonne B”, “Colonne C”"),
        BadFile(
            name: "workbook.xlsx",
            error: "error: {file}: not a CSV text file: this looks like an Excel workbook (.xlsx); save it as CSV first"),
        BadFile(
            name: "nul-bytes.csv", error: "error: line 2, column 2 (city): NUL byte (0x00) in the data; the file looks binary"),
        BadFile(name: "utf-16.csv", error: "error: {file}: not a CSV text file: this looks like UTF-16 text"),
        BadFile(name: "too-many-fields.csv", error: "error: line 2: 7 fields, but the header has 5"),
        BadFile(
            name: "mixed-encodings.csv",
            error: "error: {file}: the file mixes two text encodings: line 4 is not UTF-8 (Windows-1252?) while line 3 is UTF-8"),
        BadFile(
            name: "five-megabyte-header.csv",
            error: "error: {file}: line 1, column 6: the header is 5000000 bytes long, more than the 2048 a column name may hold",
            generated: .fiveMegabyteHeader),
        BadFile(
            name: "forty-megabyte-record.csv",
            error: "error: {file}: line 3: the record is larger than 33554432 bytes",
            generated: .fortyMegabyteRecord),
    ]

    /// The file's path, writing it first when it is generated.
    func make(in sandbox: Sandbox) throws -> String {
        guard let generated else { return Sandbox.corpus(name) }
        var text: String
        switch generated {
        case .tenMegabyteField:
            text = "startup_name,city,sector,founder,email,description\n"
                + "Argan Pay,Agadir,FinTech,Youssef Amrani,youssef@arganpay.ma,Mobile payments\n"
                + "Big Data Maroc,Rabat,AI,Nadia Tazi,nadia@bigdata.ma,\"" + String(repeating: "x", count: 10_000_000) + "\"\n"
        case .fiveMegabyteHeader:
            text = "startup_name,city,sector,founder,email,\"" + String(repeating: "q", count: 5_000_000) + "\"\n"
                + "Argan Pay,Agadir,FinTech,Youssef Amrani,youssef@arganpay.ma,x\n"
        case .fortyMegabyteRecord:
            let cell = String(repeating: "x", count: 4_000_000)
            text = "startup_name,city,sector,founder,email," + (1...10).map { "d\($0)" }.joined(separator: ",") + "\n"
                + "Argan Pay,Agadir,FinTech,Youssef Amrani,youssef@arganpay.ma," + (1...10).map { _ in "y" }.joined(separator: ",") + "\n"
                + "Big Data Maroc,Rabat,AI,Nadia Tazi,nadia@bigdata.ma," + (1...10).map { _ in cell }.joined(separator: ",") + "\n"
        case .tenThousandColumns:
            let extra = (6...10_000).map { "q\($0)" }
            text = (["startup_name", "city", "sector", "founder", "email"] + extra).joined(separator: ",") + "\n"
                + (["Big Data Maroc", "Rabat", "AI", "Nadia Tazi", "nadia@bigdata.ma"] + extra.map { _ in "oui" }).joined(separator: ",") + "\n"
        }
        return try sandbox.write(name, text)
    }
}

@Suite("a corpus of bad spreadsheets, end to end")
struct BadFilesEndToEndTests {
    @Test("a bad file gives one clear error (and, for a bad row, the summary of the refusal), a documented exit code, and leaves the database as it was", arguments: BadFile.all)
    func refused(_ bad: BadFile) throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let before = try sandbox.dump()
        let file = try bad.make(in: sandbox)

        let result = try sandbox.run(arguments: ["import", file, "--cohort", "2026-A"] + bad.options)

        #expect(result.status == bad.status)
        var errors = Sandbox.errorLines(result)
        // A bad row is listed, then the refusal is summed up; a bad file is one line.
        if errors.count == 2, errors[1].hasPrefix("error: nothing imported: 1 row has errors in \(file);") { errors.removeLast() }
        #expect(errors.count == 1, "\(errors)")
        let expected = bad.error.replacingOccurrences(of: "{file}", with: file)
        #expect(errors.first?.hasPrefix(expected) == true, "\(errors.first ?? "no error") does not start with \(expected)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        // The message names the problem; it never echoes a huge cell back.
        #expect(result.stderr.utf8.count < 2_000)
        #expect(try sandbox.integrity() == "ok")
        #expect(try sandbox.dump() == before)
        let rejects = URL(fileURLWithPath: file).deletingPathExtension().path + ".rejects.csv"
        #expect(!FileManager.default.fileExists(atPath: rejects))
    }

    @Test("a Windows-1252 file without an --encoding hint imports with its accents right")
    func windows1252() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let output = try sandbox.succeed("import", Sandbox.corpus("windows-1252.csv"), "--cohort", "2026-A")
        #expect(output.contains("“;”-separated, windows-1252, CRLF line ends."))
        #expect(output.contains("2 inserted, 0 updated, 0 unchanged, 0 rejected"))
        let show = try sandbox.json("show", "ete solaire", "--format", "json")
        #expect(show["name"] as? String == "Été Solaire")
        #expect(show["city"] as? String == "Fès")
        #expect(show["description"] as? String == "Énergie « propre » – 100 € par foyer")
        let founders = try #require(show["founders"] as? [[String: Any]])
        #expect(founders.first?["fullName"] as? String == "Aïcha Lahlou")
        #expect(try sandbox.json("show", "Café Numérique", "--format", "json")["city"] as? String == "Salé")
        #expect(try sandbox.integrity() == "ok")
    }
}
