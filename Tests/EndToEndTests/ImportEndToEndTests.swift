import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension Sandbox {
    /// A sample spreadsheet of the project.
    static func sample(_ name: String) -> String {
        projectRoot.appendingPathComponent("SampleData").appendingPathComponent(name).path
    }

    /// The `--map` arguments for the Google Forms sample.
    static let formMappings = [
        "--map", "Quel est le nom de votre startup ?=name",
        "--map", "Dans quelle ville êtes-vous basés ?=city",
        "--map", "Dans quel secteur opérez-vous ?=sector",
        "--map", "Nom et prénom du fondateur / de la fondatrice principal(e)=founder",
        "--map", "Numéro ICE (si l'entreprise est immatriculée)=ice",
        "--map", "Combien de personnes compte l'équipe ?=employees",
        "--map", "Décrivez votre projet en quelques phrases=description",
    ]

    /// Runs `sqlite3` on the sandbox's database and returns its output.
    func sqlite(_ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The `accelerator` binary set up as `run` does, started but not waited for.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["ACCELERATOR_DB"] = database
        environment["ACCELERATOR_TODAY"] = today
        environment["ACCELERATOR_ACTOR"] = "e2e"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The JSON object a command printed.
    func json(_ arguments: String..., status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try run(arguments: arguments)
        #expect(result.status == status, "\(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }
}

@Suite("the import, end to end")
struct ImportEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    static let invalid = """
        startup_name,city,sector,founder,email,phone
        Atlas AI,Casablanca,AI,Salma Bennani,salma@atlas.ma,06 12 34 56 78
        Argan Pay,Agadir,FinTech,Youssef Amrani,youssef@arganpay,0612345678
        Sahara H2,Dakhla,GreenHydrogen,Khadija El Idrissi,khadija@saharah2.ma,12345

        """

    @Test("the English sample imports with --cohort, exit 0, with its counts, warnings and extra column")
    func englishSample() throws {
        let file = Sandbox.sample("applicants-2026A.en.csv")
        let result = try sandbox.run("import", file, "--cohort", "2026-A")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(file): “,”-separated, utf-8, LF line ends.")
        #expect(lines.contains("Created cohort 2026-A (capacity 30, starts 2026-06-01)."))
        // Warnings go to standard error, as every diagnostic does.
        #expect(result.stderr == """
            warning: line 8, column 7 (sector): sector “Tourism” is not one of the program's emerging-technology sectors
            warning: line 8, column 8 (founded_on): the company, founded 2016-04-01, is more than 8 years old at its application (the program's limit)

            """)
        #expect(lines.contains("Imported as batch 1: 8 inserted, 0 updated, 0 unchanged, 0 rejected, 2 warnings."))
        #expect(lines.last == "Extra columns kept per application: pitch_deck_url.")
        let list = try sandbox.succeed("list", "--cohort", "2026-A", "--format", "csv")
        #expect(list.split(whereSeparator: \.isNewline).count == 9)
        #expect(try sandbox.succeed("show", "Atlas AI").contains("https://atlas-ai.ma/deck.pdf"))
    }

    @Test("the French Excel sample imports with no options but the cohort, accents and line breaks kept")
    func frenchSample() throws {
        let output = try sandbox.succeed("import", Sandbox.sample("candidatures-2026B.fr.csv"), "--cohort", "2026-B")
        #expect(output.contains("“;”-separated, utf-8 with BOM, CRLF line ends."))
        #expect(output.contains("Imported as batch 1: 5 inserted, 0 updated, 0 unchanged, 0 rejected, 0 warnings."))
        let show = try sandbox.json("show", "oasis energie", "--format", "json")
        #expect(show["name"] as? String == "Oasis Énergie")
        let sought = try #require(show["fundingSought"] as? [String: Any])
        #expect(sought["minorUnits"] as? Int == 250_000_050)
        #expect(sought["currency"] as? String == "MAD")
        #expect(sought["text"] as? String == "2500000.50 MAD")
        #expect(show["description"] as? String
            == "Micro-réseaux solaires pour les douars isolés.\nMaintenance assurée par des techniciennes formées sur place, « au plus près » des villages.")
        #expect(try sandbox.succeed("list", "--sector", "AI").contains("Darija Lab"))
    }

    @Test("the Google Forms sample imports with --map, and the same header row again without it")
    func googleFormsSample() throws {
        let file = Sandbox.sample("google-forms-2026B.csv")
        let run = try sandbox.run(arguments: ["import", file, "--cohort", "2026-B"] + Sandbox.formMappings)
        #expect(run.status == 0, "\(run.stderr)")
        let first = run.stdout
        #expect(first.contains("Imported as batch 1: 3 inserted, 0 updated, 0 unchanged, 0 rejected, 0 warnings."))
        #expect(first.contains("Extra columns kept per application: Comment avez-vous connu le programme ?."))
        #expect(!first.contains("remembered"))
        let show = try sandbox.json("show", "Safar Mobility", "--format", "json")
        #expect(show["ice"] as? String == "010123456000055")
        #expect(show["employees"] as? Int == 14)

        let copy = try sandbox.write("responses-again.csv", try String(contentsOfFile: file, encoding: .utf8))
        let second = try sandbox.succeed("import", copy, "--cohort", "2026-B")
        #expect(second.contains("Used the --map choices remembered for this header row."))
        #expect(second.contains("Nothing changed: 0 inserted, 0 updated, 3 unchanged, 0 rejected, 0 warnings."))
    }

    @Test("invalid rows exit 1, every one listed with its line and column, and nothing is imported")
    func invalidRows() throws {
        let file = try sandbox.write("invalid.csv", Self.invalid)
        let result = try sandbox.run("import", file, "--cohort", "2026-A")
        #expect(result.status == 1)
        // Every error on standard error, the refusal summed up last in the same words as any refusal.
        let errors = result.stderr.split(separator: "\n").map(String.init)
        #expect(errors.count == 3)
        #expect(errors.first == "error: line 3, column 5 (email): “youssef@arganpay” is not an e-mail address: write it as name@example.ma")
        #expect(errors.dropFirst().first?.hasPrefix("error: line 4, column 6 (phone): “12345” is not a phone number") == true)
        #expect(errors.last == "error: nothing imported: 2 rows have errors in \(file); fix them and import the file again, or import the 1 valid row alone with --skip-invalid")
        #expect(!result.stdout.contains("error:"))
        #expect(try sandbox.succeed("list").contains("No applications match"))
        #expect(try sandbox.succeed("imports").contains("No batches yet."))
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("invalid.rejects.csv")))
    }

    @Test("a header row that maps nothing exits 1 with the headers seen and the fields expected")
    func headerMapsNothing() throws {
        let file = try sandbox.write("nothing.csv", "Colonne A,Colonne B\n1,2\n")
        let result = try sandbox.run("import", file, "--cohort", "2026-A")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: \(file): no column for name, founder, email, city, sector. The headers seen are “Colonne A”, “Colonne B”; the fields expected are name, legal_name,"))
        #expect(result.stderr.split(whereSeparator: \.isNewline).count == 1)
    }

    @Test("a missing file exits 74 with one line")
    func missingFile() throws {
        let file = sandbox.path("absent.csv")
        let result = try sandbox.run("import", file, "--cohort", "2026-A")
        #expect(result.status == 74)
        #expect(result.stderr == "error: \(file): no such file; check the path\n")
    }

    @Test("--format json gives the counts under their names")
    func jsonReport() throws {
        let file = Sandbox.sample("applicants-2026A.en.csv")
        let first = try sandbox.json("import", file, "--cohort", "2026-A", "--format", "json")
        #expect(first["inserted"] as? Int == 8)
        #expect(first["updated"] as? Int == 0)
        #expect(first["unchanged"] as? Int == 0)
        #expect(first["rejected"] as? Int == 0)
        #expect(first["warnings"] as? Int == 2)
        #expect(first["batchId"] as? Int == 1)
        let second = try sandbox.json("import", file, "--cohort", "2026-A", "--format", "json")
        #expect(second["inserted"] as? Int == 0)
        #expect(second["unchanged"] as? Int == 8)
        #expect(second["alreadyImported"] as? [Int] == [1])
        #expect(second["batchId"] == nil)

        let invalid = try sandbox.write("invalid.csv", Self.invalid)
        let refused = try sandbox.json("import", invalid, "--cohort", "2026-A", "--format", "json", status: 1)
        #expect(refused["rejected"] as? Int == 2)
        #expect(refused["committed"] as? Bool == false)
        let errors = try #require(refused["errors"] as? [[String: Any]])
        #expect(errors.map { $0["line"] as? Int } == [3, 4])
        #expect(errors.map { $0["column"] as? Int } == [5, 6])
    }

    @Test("imports lists the batches and imports undo reverts one; a second undo exits 1")
    func listAndUndo() throws {
        try sandbox.succeed("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A")
        try sandbox.succeed("import", Sandbox.sample("candidatures-2026B.fr.csv"), "--cohort", "2026-B")
        let table = try sandbox.succeed("imports").split(whereSeparator: \.isNewline)
        #expect(table.count == 4)
        #expect(table[0].hasPrefix("id  when "))
        #expect(table[2].hasPrefix("2 ") && table[2].contains(" import  candidatures-2026B"))
        #expect(table[3].hasPrefix("1 ") && table[3].contains(" import  applicants-2026A"))
        let batches = try JSONSerialization.jsonObject(with: Data(try sandbox.succeed("imports", "--format", "json").utf8)) as? [[String: Any]]
        #expect(batches?.map { $0["id"] as? Int } == [2, 1])
        #expect(batches?.map { $0["file"] as? String } == [Sandbox.sample("candidatures-2026B.fr.csv"), Sandbox.sample("applicants-2026A.en.csv")])
        #expect(batches?.map { $0["inserted"] as? Int } == [5, 8])

        let undo = try sandbox.succeed("imports", "undo", "2")
        #expect(undo == """
            Undid batch 2: 5 application(s) removed, 0 row(s) restored.
            Cohort 2026-B removed: this import had created it and no application is left in it.

            """)
        #expect(!(try sandbox.succeed("cohort", "list").contains("2026-B")))
        #expect(!(try sandbox.succeed("list").contains("Oasis")))
        #expect(try sandbox.succeed("list", "--format", "csv").split(whereSeparator: \.isNewline).count == 9)

        let again = try sandbox.run("imports", "undo", "2")
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: batch 2 was already undone at "))
        let unknown = try sandbox.run("imports", "undo", "9")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: there is no batch 9; see `accelerator imports`\n")
    }

    @Test("an undo refused because a row moved since exits 1 and changes nothing")
    func refusedUndo() throws {
        try sandbox.succeed("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A")
        try sandbox.succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        let result = try sandbox.run("imports", "undo", "1")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: cannot undo batch 1: 1 of its rows changed since it ran, and undoing would lose those changes; nothing was undone:\n"))
        #expect(result.stderr.contains("the application of Atlas AI to 2026-A (now mentored) was changed after this import"))
        #expect(try sandbox.succeed("list", "--format", "csv").split(whereSeparator: \.isNewline).count == 9)
        #expect(try sandbox.succeed("list", "--stage", "mentored").contains("Atlas AI"))
    }

    @Test("--skip-invalid writes the valid rows and a 0600 rejects file beside the input, which imports once fixed")
    func skipInvalid() throws {
        let file = try sandbox.write("invalid.csv", Self.invalid)
        let output = try sandbox.succeed("import", file, "--cohort", "2026-A", "--skip-invalid")
        let rejects = sandbox.path("invalid.rejects.csv")
        #expect(output.contains("Imported as batch 1: 1 inserted, 0 updated, 0 unchanged, 2 rejected, 0 warnings."))
        #expect(output.contains("Rejected rows written to \(rejects) (fix them there and import that file)."))
        let mode = try FileManager.default.attributesOfItem(atPath: rejects)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        var text = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(text.hasPrefix("startup_name,city,sector,founder,email,phone,line,error\r\nArgan Pay,Agadir,FinTech,Youssef Amrani,youssef@arganpay,0612345678,3,"))
        text = text.replacingOccurrences(of: "youssef@arganpay,", with: "youssef@arganpay.ma,")
            .replacingOccurrences(of: ",12345,", with: ",0661223344,")
        try Data(text.utf8).write(to: URL(fileURLWithPath: rejects))
        let fixed = try sandbox.succeed("import", rejects, "--cohort", "2026-A")
        #expect(fixed.contains("Imported as batch 2: 2 inserted, 0 updated, 0 unchanged, 0 rejected, 0 warnings."))
        #expect(try sandbox.succeed("list", "--format", "csv").split(whereSeparator: \.isNewline).count == 4)
    }

    @Test("--dry-run prints the real counts and writes nothing")
    func dryRun() throws {
        try sandbox.succeed("init")
        let before = try sandbox.sqlite(".dump")
        let output = try sandbox.succeed("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A", "--dry-run")
        #expect(output.contains("Dry run, nothing written: 8 inserted, 0 updated, 0 unchanged, 0 rejected, 2 warnings."))
        #expect(try sandbox.sqlite(".dump") == before)
    }

    @Test("a kill -9 in the middle of a large import leaves the database exactly as it was")
    func killedImport() throws {
        try sandbox.succeed("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A")
        let before = try sandbox.sqlite(".dump")
        let counts = "SELECT (SELECT count(*) FROM startup), (SELECT count(*) FROM founder), (SELECT count(*) FROM application), (SELECT count(*) FROM batch);"
        #expect(try sandbox.sqlite(counts) == "8|8|8|1\n")
        #expect(try sandbox.sqlite("PRAGMA integrity_check;") == "ok\n")

        // About 40 MB: 140,000 new startups, each with its own ICE and e-mail.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(42_000_000)
        bytes += Array("name,ice,city,country,sector,founded_on,founder,email,phone,monthly_revenue,funding_sought,description,applied_at\n".utf8)
        let description = Array(",Vision par ordinateur pour le contrôle qualité des usines textiles; capteurs et tableaux de bord en temps réel pour les coopératives,2026-02-15\n".utf8)
        for index in 0..<140_000 {
            let number = String(index)
            let ice = String(repeating: "0", count: 15 - number.count) + number
            bytes += Array("Startup \(number),\(ice),Casablanca,Maroc,AI,2022-09-12,Fondatrice \(number),f\(number)@startup.ma,06 12 34 56 78,\"45 000,00\",\"1 500 000,50\"".utf8)
            bytes += description
        }
        let big = sandbox.path("big.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: big))
        #expect(bytes.count > 38_000_000)

        let wal = sandbox.database + "-wal"
        let walSize = { ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? NSNumber)?.intValue ?? 0 }
        let startSize = walSize()
        let process = try sandbox.start(["import", big, "--cohort", "2026-A"])
        // Wait until the import's transaction has spilled rows into the WAL, then kill it mid-way.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, walSize() < startSize + 1_000_000, Date() < deadline {
            usleep(20_000)
        }
        let grew = walSize() > startSize
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(grew, "the import never wrote to the WAL before the kill")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)

        #expect(try sandbox.sqlite("PRAGMA integrity_check;") == "ok\n")
        #expect(try sandbox.sqlite(counts) == "8|8|8|1\n")
        #expect(try sandbox.sqlite(".dump") == before)
        #expect(try sandbox.succeed("list", "--format", "csv").split(whereSeparator: \.isNewline).count == 9)
    }
}
