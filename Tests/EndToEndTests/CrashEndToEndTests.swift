import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` at random moments of long commands (the short version of Scripts/crash_test.sh, which
/// does 20 kills of each).
@Suite("kill -9 at random moments, end to end")
struct CrashEndToEndTests {
    static let kills = 5

    /// Kills `arguments` `kills` times at random moments of its run and checks after each kill that the
    /// database is sound and equal to its state before; returns the moments, in seconds. A kill that lands
    /// between the commit and the exit finds the whole batch in (`complete` says so): it is drawn again.
    static func killRepeatedly(
        _ sandbox: Sandbox, _ arguments: [String], complete: () throws -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [Double] {
        // The dry run does the whole work and rolls it back: it gives the command's length.
        let started = Date()
        let dryRun = try sandbox.run(arguments: arguments + ["--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)", sourceLocation: sourceLocation)
        let duration = Date().timeIntervalSince(started)
        let before = try sandbox.dump()
        let saved = sandbox.path("saved.sqlite")
        try FileManager.default.copyItem(atPath: sandbox.database, toPath: saved)
        let wal = sandbox.database + "-wal"
        let hadWAL = FileManager.default.fileExists(atPath: wal)
        if hadWAL { try FileManager.default.copyItem(atPath: wal, toPath: saved + "-wal") }

        func restore() throws {
            // A kill during a first import leaves a rollback journal: it belongs to the killed run.
            for file in [sandbox.database, wal, sandbox.database + "-shm", sandbox.database + "-journal"] {
                try? FileManager.default.removeItem(atPath: file)
            }
            try FileManager.default.copyItem(atPath: saved, toPath: sandbox.database)
            if hadWAL { try FileManager.default.copyItem(atPath: saved + "-wal", toPath: wal) }
        }

        var moments: [Double] = []
        var attempts = 0
        while moments.count < kills, attempts < kills * 3 {
            attempts += 1
            let delay = Double.random(in: 0...(0.95 * duration))
            let process = try sandbox.start(arguments)
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard process.terminationReason == .uncaughtSignal else {
                // It finished before the kill: put the database back and draw another moment.
                try restore()
                continue
            }
            #expect(try sandbox.integrity() == "ok", "after a kill at \(delay) s", sourceLocation: sourceLocation)
            let state = try sandbox.dump()
            if state != before, try complete() {
                // Killed after the commit, before the exit: the whole batch is in, which is right.
                try restore()
                continue
            }
            moments.append(delay)
            #expect(state == before, "after a kill at \(delay) s", sourceLocation: sourceLocation)
        }
        #expect(moments.count == kills, "only \(moments.count) kills landed in \(attempts) attempts", sourceLocation: sourceLocation)
        return moments
    }

    static func largeFile(_ rows: Int) -> String {
        var text = "name,ice,city,country,sector,founded_on,founder,email,phone,monthly_revenue,funding_sought,description,applied_at\n"
        for index in 0..<rows {
            let number = String(index)
            let ice = String(repeating: "0", count: 15 - number.count) + number
            text += "Startup \(number),\(ice),Casablanca,Maroc,AI,2022-09-12,Fondatrice \(number),f\(number)@startup.ma,06 12 34 56 78,"
                + "\"45 000,00\",\"1 500 000,50\",Vision par ordinateur pour les usines textiles,2026-02-15\n"
        }
        return text
    }

    @Test("a large import killed at 5 random moments leaves the database sound and as it was each time, then runs")
    func killedImports() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let rows = 6_000
        let file = try sandbox.write("large.csv", Self.largeFile(rows))
        let applications = try sandbox.count("SELECT count(*) FROM application;")

        _ = try Self.killRepeatedly(sandbox, ["import", file, "--cohort", "2026-B"]) {
            try sandbox.count("SELECT count(*) FROM application;") == applications + rows
        }

        let output = try sandbox.succeed("import", file, "--cohort", "2026-B")
        #expect(output.contains("\(rows) inserted"))
        #expect(try sandbox.count("SELECT count(*) FROM application;") == applications + rows)
        #expect(try sandbox.integrity() == "ok")
    }

    @Test("a first import into an empty database (with --exclusive, through a rollback journal) killed at 5 random moments leaves it empty, then runs")
    func killedFirstImports() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.succeed("cohort", "add", "2026-B", "--starts", "2026-01-05", "--capacity", "100000")
        let rows = 8_000
        let file = try sandbox.write("large.csv", Self.largeFile(rows))

        _ = try Self.killRepeatedly(sandbox, ["import", file, "--cohort", "2026-B", "--exclusive"]) {
            try sandbox.count("SELECT count(*) FROM application;") == rows
        }
        #expect(try sandbox.count("SELECT count(*) FROM startup;") == 0)

        let output = try sandbox.succeed("import", file, "--cohort", "2026-B", "--exclusive")
        #expect(output.contains("\(rows) inserted"))
        #expect(try sandbox.count("SELECT count(*) FROM application;") == rows)
        #expect(try sandbox.integrity() == "ok")
        // Back in WAL mode, with no journal left behind.
        #expect(try sandbox.sqlite("PRAGMA journal_mode;").trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
        #expect(!FileManager.default.fileExists(atPath: sandbox.database + "-journal"))
    }

    @Test("a decisions batch killed at 5 random moments leaves the database sound and as it was each time, then runs")
    func killedDecisions() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        try sandbox.succeed("cohort", "add", "2026-D", "--starts", "2026-01-05", "--capacity", "100000")
        let rows = 400
        var waiting = "startup_name,city,sector,founder,email\n"
        var decisions = "startup,cohort,decision,mentor,mentor_org,note\n"
        for index in 0..<rows {
            waiting += "Comite \(index),Rabat,AI,Fondatrice \(index),f\(index)@comite.ma\n"
            decisions += "Comite \(index),2026-D,mentored,Mentor \(index % 7),Technopark,committee of June\n"
        }
        try sandbox.succeed("import", try sandbox.write("waiting.csv", waiting), "--cohort", "2026-D")
        let file = try sandbox.write("decisions.csv", decisions)
        let events = try sandbox.count("SELECT count(*) FROM stage_event;")

        _ = try Self.killRepeatedly(sandbox, ["decisions", file]) {
            try sandbox.count("SELECT count(*) FROM stage_event;") == events + rows
        }

        let output = try sandbox.succeed("decisions", file)
        #expect(output.contains("\(rows) moves"))
        #expect(try sandbox.count("SELECT count(*) FROM stage_event;") == events + rows)
        #expect(try sandbox.integrity() == "ok")
    }
}
