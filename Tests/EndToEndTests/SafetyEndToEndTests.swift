import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension Sandbox {
    /// Runs the binary with `input` on its standard input.
    func run(_ arguments: [String], input: Data) throws -> RunResult {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["ACCELERATOR_DB": database, "ACCELERATOR_TODAY": today, "ACCELERATOR_ACTOR": "e2e"]) { $1 }
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = inPipe
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let writer = Thread {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The SHA-256 of a file, to prove it was not touched.
    func digest(_ path: String) throws -> String {
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/sha256sum"), [path], in: folder, environment: [:])
        return String(result.stdout.prefix(64))
    }

    /// The names in the sandbox's folder that a command left behind as temporary files.
    func temporaryFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".accelerator-") }
    }
}

@Suite("outputs that cannot destroy what they name, end to end")
struct OutputSafetyEndToEndTests {
    @Test("an export, a report or a rejects file aimed at the database or its journal is refused and the database is intact", arguments: [
        ["export", "--output", "{db}"], ["export", "--output", "{db}-wal"], ["report", "--output", "{db}"],
        ["report", "--format", "html", "--output", "./{name}"], ["export", "--output", "{db}-journal"],
    ])
    func databaseIsProtected(_ template: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let before = try sandbox.dump()
        let arguments = template.map {
            $0.replacingOccurrences(of: "{db}", with: sandbox.database)
                .replacingOccurrences(of: "{name}", with: URL(fileURLWithPath: sandbox.database).lastPathComponent)
        }
        let result = try sandbox.run(arguments: arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("writing there would destroy it, so nothing was written"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try sandbox.integrity() == "ok")
        #expect(try sandbox.dump() == before)
        #expect(try sandbox.temporaryFiles().isEmpty)
    }

    @Test("a rejects file aimed at the file being imported is refused before anything is read, and the spreadsheet is intact")
    func inputIsProtected() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write("applicants.csv", "name,city,sector,founder,email\nAtlas AI,Casablanca,AI,Salma,salma@atlas\n")
        let digest = try sandbox.digest(file)
        let result = try sandbox.run("import", file, "--cohort", "2026-A", "--skip-invalid", "--rejects", file)
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(file) is the file being imported: writing there would destroy it, so nothing was written; give another file name\n")
        #expect(try sandbox.digest(file) == digest)
        #expect(try sandbox.succeed("imports").contains("No batches yet."))
    }

    @Test("a device or a folder as an output is refused, and its mode is never changed", arguments: [
        ["export", "--output", "/dev/null"], ["report", "--output", "/dev/null"], ["export", "--output", "/tmp"],
        ["import", "{bad}", "--cohort", "2026-A", "--skip-invalid", "--rejects", "/dev/null"],
    ])
    func specialFilesAreRefused(_ template: [String]) throws {
        let sandbox = try Sandbox()
        let bad = try sandbox.write("bad.csv", "name,city,sector,founder,email\nAtlas AI,Casablanca,AI,Salma,salma@atlas\n")
        let before = Sandbox.mode(of: "/dev/null")
        let result = try sandbox.run(arguments: template.map { $0.replacingOccurrences(of: "{bad}", with: bad) })
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a regular file; give the path of a file"))
        #expect(Sandbox.mode(of: "/dev/null") == before)
        #expect(FileManager.default.fileExists(atPath: "/dev/null"))
    }

    @Test("an export over last week's file replaces it whole, with mode 0600, and leaves no temporary file")
    func exportReplacesWhole() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let file = try sandbox.write("cohorte.csv", "last week's export\r\n")
        chmod(file, 0o644)
        try sandbox.succeed("export", "--output", file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("cohort,startup_name,"))
        #expect(Sandbox.mode(of: file) == 0o600)
        #expect(try sandbox.temporaryFiles().isEmpty)
    }

    /// A database large enough that an export takes a good part of a second.
    static func largeProgram() throws -> Sandbox {
        let sandbox = try Sandbox()
        let file = try sandbox.write("large.csv", CrashEndToEndTests.largeFile(20_000))
        try sandbox.succeed("import", file, "--cohort", "2026-A")
        return sandbox
    }

    @Test("SIGTERM, SIGINT or kill -9 during an export over last week's file leaves last week's file whole, and no temporary file",
          arguments: [SIGTERM, SIGINT, SIGKILL])
    func interruptedExportKeepsTheOldFile(_ signal: Int32) throws {
        let sandbox = try Self.largeProgram()
        // One export first, to know how long an export takes.
        let started = Date()
        try sandbox.succeed("export", "--output", sandbox.path("timing.csv"))
        let duration = Date().timeIntervalSince(started)
        let file = try sandbox.write("cohorte.csv", "last week's export\r\n")
        var interrupted = 0
        for _ in 0..<6 where interrupted < 2 {
            let process = try sandbox.startLogged(["export", "--output", file], log: "export")
            usleep(useconds_t(Double.random(in: 0.2...0.9) * duration * 1_000_000))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(try sandbox.temporaryFiles().isEmpty)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            if process.terminationStatus == 0 && process.terminationReason == .exit {
                // It finished first: the new export is there, whole.
                #expect(text.hasPrefix("cohort,startup_name,"))
                #expect(text.split(separator: "\r\n").count == 20_001)
                try Data("last week's export\r\n".utf8).write(to: URL(fileURLWithPath: file))
                continue
            }
            interrupted += 1
            #expect(text == "last week's export\r\n")
            if signal != SIGKILL {
                #expect(process.terminationReason == .exit)
                #expect(process.terminationStatus == 128 + signal)
                let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
                #expect(sandbox.loggedError("export") == "error: interrupted by \(name): nothing was changed\n")
            }
        }
        #expect(interrupted > 0, "every export finished before its signal")
    }

    @Test("SIGINT or SIGTERM during an import rolls it back, says so in one line and exits 130 or 143", arguments: [SIGINT, SIGTERM])
    func interruptedImportChangesNothing(_ signal: Int32) throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let file = try sandbox.write("large.csv", CrashEndToEndTests.largeFile(40_000))
        let before = try sandbox.dump()
        var interrupted = false
        for attempt in 0..<4 where !interrupted {
            let process = try sandbox.startLogged(["import", file, "--cohort", "2026-B"], log: "import")
            usleep(useconds_t(150_000 + attempt * 50_000))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            guard process.terminationStatus == 128 + signal else {
                #expect(process.terminationStatus == 0, "\(sandbox.loggedError("import"))")
                try sandbox.succeed("imports", "undo", "\(try sandbox.count("SELECT max(id) FROM batch;"))")
                continue
            }
            interrupted = true
            #expect(sandbox.loggedError("import").hasSuffix("error: interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM"): nothing was changed\n"))
            #expect(try sandbox.integrity() == "ok")
            #expect(try sandbox.count("SELECT count(*) FROM application WHERE cohort_code = '2026-B';") == 0)
        }
        #expect(interrupted, "every import finished before its signal")
        if interrupted { #expect(try sandbox.dump() == before) }
    }

    @Test("with --format json, an interruption is a JSON failure object on stderr too")
    func interruptedImportInJSON() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let file = try sandbox.write("large.csv", CrashEndToEndTests.largeFile(40_000))
        var interrupted = false
        for attempt in 0..<4 where !interrupted {
            let process = try sandbox.startLogged(["import", file, "--cohort", "2026-B", "--format", "json"], log: "import")
            usleep(useconds_t(150_000 + attempt * 50_000))
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            guard process.terminationStatus == 143 else {
                #expect(process.terminationStatus == 0, "\(sandbox.loggedError("import"))")
                try sandbox.succeed("imports", "undo", "\(try sandbox.count("SELECT max(id) FROM batch;"))")
                continue
            }
            interrupted = true
            let logged = sandbox.loggedError("import")
            let failure = try #require(try JSONSerialization.jsonObject(with: Data(logged.utf8)) as? [String: Any], "\(logged)")
            #expect(failure["kind"] as? String == "interrupted")
            #expect(failure["code"] as? String == "process.interrupted")
            #expect(failure["exitCode"] as? Int == 143)
            #expect(failure["message"] as? String == "interrupted by SIGTERM: nothing was changed")
            #expect((failure["facts"] as? [String: Any])?["value"] as? String == "SIGTERM")
        }
        #expect(interrupted, "every import finished before its signal")
    }
}

@Suite("opening the database, end to end")
struct DatabaseOpeningEndToEndTests {
    @Test("a read command on a mistyped path creates nothing and says to run init", arguments: [
        ["list"], ["show", "Atlas"], ["report"], ["export"], ["cohort", "list"], ["rules", "show"], ["import", "{file}", "--cohort", "2026-A"],
    ])
    func missingDatabaseIsNotCreated(_ command: [String]) throws {
        let sandbox = try Sandbox(initialised: false)
        let file = try sandbox.write("a.csv", "name,city,sector,founder,email\nAtlas AI,Casablanca,AI,Salma,salma@atlas.ma\n")
        let typo = sandbox.path("accelerater.sqlite")
        let result = try sandbox.run(arguments: command.map { $0.replacingOccurrences(of: "{file}", with: file) } + ["--db", typo])
        #expect(result.status == 74)
        #expect(result.stderr == "error: no Accelerator database at \(typo): create it with `accelerator init --db \(typo)`, or give the right path with --db or ACCELERATOR_DB\n")
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test("another application's SQLite file is refused by every command, init included, and left byte for byte as it was")
    func foreignDatabaseIsUntouched() throws {
        let sandbox = try Sandbox(initialised: false)
        let other = sandbox.path("crm.sqlite")
        _ = try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), [other, "CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('x');"], in: sandbox.folder, environment: [:])
        let digest = try sandbox.digest(other)
        for command in [["list"], ["init"], ["cohort", "add", "2026-A", "--starts", "2026-01-01"]] {
            let result = try sandbox.run(arguments: command + ["--db", other])
            #expect(result.status == 74)
            #expect(result.stderr == "error: \(other) is an SQLite database of another application, not Accelerator's; it was left untouched. Give the database's path with --db or ACCELERATOR_DB\n")
        }
        #expect(try sandbox.digest(other) == digest)
        #expect(!FileManager.default.fileExists(atPath: other + "-wal"))
    }

    @Test("after a kill -9 during a first --exclusive import (a hot rollback journal), the next command opens the database and finds it as it was")
    func hotJournalIsRolledBackByTheNextCommand() throws {
        let sandbox = try Sandbox()
        try sandbox.succeed("cohort", "add", "2026-B", "--starts", "2026-01-05", "--capacity", "100000")
        let file = try sandbox.write("large.csv", CrashEndToEndTests.largeFile(40_000))
        var killed = false
        for attempt in 0..<6 where !killed {
            let process = try sandbox.startLogged(["import", file, "--cohort", "2026-B", "--exclusive"], log: "import")
            // Wait for the rollback journal: the import is writing.
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: sandbox.database + "-journal"), process.isRunning, Date() < deadline {
                usleep(1_000)
            }
            usleep(useconds_t(20_000 * attempt))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: sandbox.database + "-journal") else {
                // Finished (or not started writing) before the kill: start again from an empty cohort.
                if try sandbox.count("SELECT count(*) FROM application;") > 0 {
                    try sandbox.succeed("imports", "undo", "\(try sandbox.count("SELECT max(id) FROM batch;"))")
                }
                continue
            }
            killed = true
            // No sqlite3 first: the next accelerator command itself must cope with the hot journal.
            let list = try sandbox.run("list", "--format", "csv")
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.split(whereSeparator: \.isNewline).count == 1)
            #expect(try sandbox.integrity() == "ok")
            try sandbox.succeed("import", file, "--cohort", "2026-B")
        }
        #expect(killed, "no kill landed while the import wrote")
    }

    @Test("init on an empty file with a wide mode brings it to 0600 as it becomes the database")
    func emptyFileBecomesPrivate() throws {
        let sandbox = try Sandbox(initialised: false)
        let path = try sandbox.write("program.sqlite", "")
        chmod(path, 0o666)
        try sandbox.succeed("init", "--db", path)
        #expect(Sandbox.mode(of: path) == 0o600)
    }
}

@Suite("inputs read once, from a file, a pipe or standard input, end to end")
struct InputEndToEndTests {
    static let rows = "name,city,sector,founder,email\nAtlas AI,Casablanca,AI,Salma Bennani,salma@atlas.ma\n"

    @Test("an import from standard input is recorded with the digest of what was read, so a different input is never announced as already imported")
    func standardInput() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.run(["import", "-", "--cohort", "2026-A"], input: Data(Self.rows.utf8))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("standard input: "))
        #expect(first.stdout.contains("1 inserted"))
        let other = Self.rows + "Argan Pay,Agadir,FinTech,Youssef Amrani,youssef@arganpay.ma\n"
        let second = try sandbox.run(["import", "-", "--cohort", "2026-A"], input: Data(other.utf8))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stdout.contains("already imported"))
        #expect(second.stdout.contains("1 inserted, 0 updated, 1 unchanged"))
        let again = try sandbox.run(["import", "-", "--cohort", "2026-A"], input: Data(other.utf8))
        #expect(again.stdout.contains("already imported as batch #2"))
        let digest = try sandbox.sqlite("SELECT sha256 FROM batch WHERE id = 1;").trimmingCharacters(in: .whitespacesAndNewlines)
        let file = try sandbox.write("first.csv", Self.rows)
        #expect(try sandbox.digest(file) == digest)
    }

    @Test("a Windows-1252 file piped in, plain ASCII for its first megabytes, is read as Windows-1252 from the pass that copied it, with the file's digest")
    func standardInputWindows1252() throws {
        let sandbox = try Sandbox()
        var bytes = Array("name;city;sector;founder;email\r\n".utf8)
        var index = 0
        while bytes.count <= 4 << 20 + 1000 {
            bytes += Array("Startup \(index);Rabat;AI;Salma Bennani;s\(index)@startup.ma\r\n".utf8)
            index += 1
        }
        bytes += Array("Oasis ".utf8) + [0xC9] + Array("nergie;F".utf8) + [0xE8] + Array("s;CleanTech;Aicha Lahlou;aicha@oasis.ma\r\n".utf8)
        let result = try sandbox.run(["import", "-", "--cohort", "2026-A", "--format", "json"], input: Data(bytes))
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["inserted"] as? Int == index + 1)
        let dialect = try #require(report["dialect"] as? [String: Any])
        #expect(dialect["encoding"] as? String == "windows-1252")
        #expect(try sandbox.succeed("show", "Oasis Énergie").contains("Fès"))
        let file = sandbox.path("late-cp1252.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(try sandbox.digest(file) == report["sha256"] as? String)
    }

    @Test("an import from a named pipe reads it once and does not hang")
    func namedPipe() throws {
        let sandbox = try Sandbox()
        let pipe = sandbox.path("pipe.csv")
        #expect(mkfifo(pipe, 0o600) == 0)
        let writer = Thread {
            let fd = open(pipe, O_WRONLY)
            _ = Self.rows.withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        writer.start()
        let result = try sandbox.run("import", pipe, "--cohort", "2026-A")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 inserted"))
    }

    @Test("an endless device is refused at once, with the line of its first NUL byte", arguments: ["import", "decisions"])
    func endlessDevice(_ command: String) throws {
        let sandbox = try Sandbox()
        let arguments = command == "import" ? ["import", "/dev/zero", "--cohort", "2026-A"] : ["decisions", "/dev/zero"]
        let result = try sandbox.run(arguments: arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: /dev/zero: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("a decisions file from standard input applies like the file")
    func decisionsFromStandardInput() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let decisions = "startup,decision,date,reason\nArgan Pay,rejected,2026-04-01,Hors programme\n"
        let result = try sandbox.run(["decisions", "-"], input: Data(decisions.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Applied as batch"))
        #expect(try sandbox.succeed("imports").contains("standard input"))
    }
}

@Suite("settings and options that cannot be misread, end to end")
struct SettingsEndToEndTests {
    @Test("a rules file saved with CRLF line ends (Notepad) and a BOM is read, not ignored", arguments: ["\r\n", "\r", "\n"])
    func rulesLineEnds(_ ending: String) throws {
        let sandbox = try Sandbox()
        let text = "\u{FEFF}# Règles\(ending)default_capacity = 12\(ending)date_order = \"month-first\"\(ending)sectors = [\(ending)  \"AI\", \"FinTech\",\(ending)]\(ending)"
        let file = try sandbox.write("rules.toml", text)
        try sandbox.succeed("rules", "set", file)
        let shown = try sandbox.succeed("rules", "show")
        #expect(shown.contains("default_capacity = 12"))
        #expect(shown.contains("date_order = \"month-first\""))
        #expect(shown.contains("\"AI\", \"FinTech\","))
    }

    @Test("a rules file with an unknown setting on a CRLF line names that line")
    func rulesErrorLine() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write("rules.toml", "default_capacity = 12\r\ncapacitee = 3\r\n")
        let result = try sandbox.run("rules", "set", file)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(file): line 2: unknown setting “capacitee”"))
    }

    @Test("dates typed as options follow date_order, as the imports do")
    func optionDatesFollowTheRules() throws {
        let sandbox = try Sandbox()
        try sandbox.succeed("rules", "set", try sandbox.write("rules.toml", "date_order = \"month-first\"\n"))
        try sandbox.succeed("cohort", "add", "2026-A", "--starts", "01/05/2026")
        #expect(try sandbox.succeed("cohort", "list").contains("2026-01-05"))
        try sandbox.succeed(
            "apply", "--cohort", "2026-A", "--name", "Atlas AI", "--city", "Casablanca", "--sector", "AI",
            "--founder", "Salma Bennani <salma@atlas.ma>", "--applied-on", "03/02/2026")
        try sandbox.succeed("reject", "Atlas AI", "--reason", "Hors programme", "--at", "03/04/2026")
        #expect(try sandbox.succeed("history", "Atlas AI").contains("2026-03-04"))
        #expect(try sandbox.succeed("show", "Atlas AI").contains("applied 2026-03-02"))
    }

    @Test("a usage error is one `error:` line with its usage, exit 64", arguments: [
        ["list", "--format", "xml"], ["advance"], ["show", "x", "--format", "csv"], ["import"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(arguments: arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(!result.stderr.contains("Error:"))
        #expect(result.stdout.isEmpty)
    }

    @Test("every --format help lists exactly the formats its command accepts")
    func formatHelpIsTrue() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.succeed("show", "--help").contains("Output format: table or json."))
        #expect(!(try sandbox.succeed("show", "--help").contains("csv")))
        #expect(try sandbox.succeed("list", "--help").contains("Output format: table, json or csv."))
    }

    @Test("a negative amount reaches the value check instead of “missing value”", arguments: [
        ["advance", "Argan Pay", "--to", "funded", "--amount", "-5", "--funding-kind", "grant", "--investor", "CCG", "--funded-on", "2026-05-01"],
        ["cohort", "add", "2026-Z", "--starts", "2026-01-01", "--capacity", "-3"],
    ])
    func negativeValues(_ arguments: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        try sandbox.succeed("advance", "Argan Pay", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        let result = try sandbox.run(arguments: arguments)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
        #expect(result.stderr.contains("-5") || result.stderr.contains("-3"))
    }
}
