import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("privacy and security: forget, file modes, hostile text, end to end")
struct PrivacyEndToEndTests {
    /// Whether `needle` occurs anywhere in the bytes of the database's files (the main file and a
    /// write-ahead log, if one is left).
    static func databaseFilesContain(_ sandbox: Sandbox, _ needle: String) -> Bool {
        let pattern = Data(needle.utf8)
        return [sandbox.database, sandbox.database + "-wal"].contains { path in
            guard let bytes = FileManager.default.contents(atPath: path) else { return false }
            return bytes.range(of: pattern) != nil
        }
    }

    @Test("forget erases founders' names and e-mails and the phone, keeps the startup and the counts, and records the erasure")
    func forgetErasesPersonalData() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        // A second import changes Atlas AI's lead e-mail: the import keeps the old one to undo it.
        let sample = try String(contentsOfFile: Sandbox.sample("applicants-2026A.en.csv"), encoding: .utf8)
        let changed = try sandbox.write("changed.csv", sample.replacingOccurrences(of: "salma@atlas-ai.ma", with: "salma.bennani@atlas-ai.ma"))
        try sandbox.succeed("import", changed, "--cohort", "2026-A")
        #expect(try sandbox.sqlite("SELECT count(*) FROM batch_change WHERE before LIKE '%salma@atlas-ai.ma%';") == "1\n")
        let report = try sandbox.succeed("report", "--format", "json")
        let list = try sandbox.succeed("list", "--format", "csv")
        let counts = "SELECT (SELECT count(*) FROM startup), (SELECT count(*) FROM founder), (SELECT count(*) FROM application), "
            + "(SELECT count(*) FROM stage_event), (SELECT count(*) FROM funding), (SELECT count(*) FROM mentor_assignment);"
        let countsBefore = try sandbox.sqlite(counts)

        let output = try sandbox.succeed("forget", "atlas ai", "--reason", "request of the founder, 2026-05-30", "--actor", "dpo")

        #expect(output.hasPrefix("Erased the personal data of Atlas AI (#1): founders' names and e-mails, the startup's phone, copies kept to undo imports.\n"))
        let show = try sandbox.json("show", "Atlas AI", "--format", "json")
        let founders = try #require(show["founders"] as? [[String: Any]])
        #expect(founders.map { $0["fullName"] as? String } == ["[erased]"])
        #expect(founders.allSatisfy { $0["email"] == nil || $0["email"] is NSNull })
        #expect(show["phone"] == nil || show["phone"] is NSNull)
        #expect(show["name"] as? String == "Atlas AI")
        #expect(try sandbox.sqlite(counts) == countsBefore)
        #expect(try sandbox.succeed("report", "--format", "json") == report)
        #expect(try sandbox.succeed("list", "--format", "csv") == list)
        #expect(try sandbox.sqlite("SELECT count(*) FROM batch_change WHERE before LIKE '%salma%' OR before LIKE '%Bennani%';") == "0\n")
        // Gone from the file itself, not only from the rows: no free space or log keeps the bytes.
        #expect(!Self.databaseFilesContain(sandbox, "salma.bennani@atlas-ai.ma"))
        #expect(!Self.databaseFilesContain(sandbox, "Salma Bennani"))
        #expect(!Self.databaseFilesContain(sandbox, "+212612345678"))
        // Another startup's founders are untouched.
        let other = try sandbox.json("show", "Argan Pay", "--format", "json")
        #expect((other["founders"] as? [[String: Any]])?.first?["fullName"] as? String == "Youssef Amrani")

        // The history shows the erasure after the stage events, and it cannot be rewritten.
        let history = try sandbox.succeed("history", "Atlas AI", "--format", "json")
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]])
        #expect(lines.map { $0["to"] as? String ?? $0["kind"] as? String } == ["mentored", "funded", "erasure"])
        #expect(lines.last?["actor"] as? String == "dpo")
        #expect(lines.last?["reason"] as? String == "request of the founder, 2026-05-30")
        #expect(try sandbox.succeed("history", "Atlas AI").contains("erased    dpo    personal data erased"))
        #expect(try sandbox.sqlite("UPDATE erasure SET actor = 'someone';").contains("erasures are append-only"))
        #expect(try sandbox.sqlite("DELETE FROM erasure;").contains("erasures are append-only"))
        #expect(try sandbox.count("SELECT count(*) FROM erasure;") == 1)

        // An undo would bring the data back: the imports that wrote Atlas AI can no longer be undone.
        let undo = try sandbox.run("imports", "undo", "2")
        #expect(undo.status == 1)
        #expect(undo.stderr.contains("startup Atlas AI (#1) was changed after this import"))

        // A second erasure finds nothing left and records nothing.
        #expect(try sandbox.succeed("forget", "Atlas AI").hasPrefix("Nothing left to erase for Atlas AI (#1) (erased "))
        #expect(try sandbox.count("SELECT count(*) FROM erasure;") == 1)
    }

    @Test("forget of an unknown or ambiguous startup exits 1, asks nothing and changes nothing")
    func forgetRefused() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        try sandbox.succeed(
            "apply", "--cohort", "2026-A", "--name", "Atlas AI", "--city", "Rabat", "--sector", "AI",
            "--founder", "Autre Fondateur <autre@atlas.ma>", "--ice", "001234567000089")
        let before = try sandbox.dump()

        let unknown = try sandbox.run("forget", "Nowhere Labs")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: no startup matches “Nowhere Labs”: give its id, its ICE or its name (see `accelerator list`)\n")
        let ambiguous = try sandbox.run("forget", "atlas ai")
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.hasPrefix("error: “atlas ai” matches 2 startups; nothing was changed."))
        #expect(try sandbox.dump() == before)
    }

    @Test("the database, its log files, rejects, exports and reports are written with mode 0600")
    func filesAreOwnerOnly() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        #expect(Sandbox.mode(of: sandbox.database) == 0o600)

        // The -wal and -shm files exist while a command runs: catch them by killing a long import.
        var text = "startup_name,city,sector,founder,email\n"
        for index in 0..<20_000 { text += "Mode \(index),Rabat,AI,Fondatrice \(index),f\(index)@mode.ma\n" }
        let large = try sandbox.write("large.csv", text)
        let wal = sandbox.database + "-wal"
        let process = try sandbox.start(["import", large, "--cohort", "2026-B"])
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, (Sandbox.mode(of: wal) == nil || Sandbox.mode(of: sandbox.database + "-shm") == nil), Date() < deadline {
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(Sandbox.mode(of: wal) == 0o600)
        #expect(Sandbox.mode(of: sandbox.database + "-shm") == 0o600)

        // Files the user names are 0600 even when they existed before with a wider mode.
        let export = sandbox.path("export.csv")
        let report = sandbox.path("report.html")
        let rejects = sandbox.path("mixed.rejects.csv")
        for path in [export, report, rejects] {
            _ = FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644])
        }
        try sandbox.succeed("export", "--output", export)
        try sandbox.succeed("report", "--format", "html", "--output", report)
        let mixed = try sandbox.write("mixed.csv", try String(contentsOfFile: Sandbox.corpus("mixed-delimiters-rows.csv"), encoding: .utf8))
        try sandbox.succeed("import", mixed, "--cohort", "2026-A", "--skip-invalid", "--rejects", rejects)
        let fresh = sandbox.path("fresh-export.csv")
        try sandbox.succeed("export", "--output", fresh)
        for path in [export, report, rejects, fresh] {
            #expect(Sandbox.mode(of: path) == 0o600, "\(path)")
        }
        #expect(try String(contentsOfFile: export, encoding: .utf8).contains("Salma Bennani"))
    }

    @Test("text that looks like SQL is stored and matched as text, never run")
    func hostileText() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let tables = try sandbox.sqlite("SELECT name FROM sqlite_master ORDER BY name;")
        let name = "Robert'); DROP TABLE startup;--"
        try sandbox.succeed(
            "apply", "--cohort", "2026-A", "--name", name, "--city", "Rabat' OR '1'='1", "--sector", "AI",
            "--founder", "O'Brien \"; DELETE FROM founder; -- <ob@robert.ma>", "--description", "x'); DELETE FROM application; --")
        let file = try sandbox.write("hostile.csv", """
            startup_name,city,sector,founder,email,"note""); DROP TABLE cohort; --"
            "Bobby""; UPDATE startup SET name = 'owned'; --",Fès,AI,Bobby Tables,bobby@tables.ma,"1; DROP TABLE batch"

            """)
        try sandbox.succeed("import", file, "--cohort", "2026-A")

        #expect(try sandbox.sqlite("SELECT name FROM sqlite_master ORDER BY name;") == tables)
        #expect(try sandbox.json("show", name, "--format", "json")["city"] as? String == "Rabat' OR '1'='1")
        let bobby = try sandbox.json("show", "Bobby\"; UPDATE startup SET name = 'owned'; --", "--format", "json")
        let extra = (bobby["applications"] as? [[String: Any]])?.first?["extra"] as? [[String: Any]]
        #expect(extra?.first?["value"] as? String == "1; DROP TABLE batch")
        #expect(try sandbox.count("SELECT count(*) FROM startup WHERE name = 'owned';") == 0)
        #expect(try sandbox.succeed("list", "--sector", "AI' OR '1'='1").contains("No applications match"))
        #expect(try sandbox.run("history", "1 OR 1=1").status == 1)
        let before = try sandbox.dump()
        #expect(try sandbox.run("forget", "x' OR '1'='1").status == 1)
        #expect(try sandbox.dump() == before)
        #expect(try sandbox.succeed("forget", name).hasPrefix("Erased the personal data of \(name)"))
        #expect(try sandbox.count("SELECT count(*) FROM founder WHERE full_name <> '[erased]';") > 5)
    }
}
