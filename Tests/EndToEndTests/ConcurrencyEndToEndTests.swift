import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the binary or sqlite3 on one database from any thread (the sandbox itself stays on the test's).
struct Runner: Sendable {
    var database: String
    var folder: String
    var today: String

    init(_ sandbox: Sandbox) {
        database = sandbox.database
        folder = sandbox.folder
        today = sandbox.today
    }

    /// Runs `accelerator` to its end; a process that cannot start is a failure with status -1.
    func accelerator(_ arguments: [String]) -> RunResult {
        (try? execute(Sandbox.binary, arguments)) ?? RunResult(status: -1, stdout: "", stderr: "could not start accelerator")
    }

    /// Runs one statement with sqlite3 (waiting up to 30 s for a lock, as accelerator does).
    func sqlite(_ sql: String) throws -> String {
        try execute(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-cmd", ".timeout 30000", database, sql]).stdout
    }

    private func execute(_ executable: URL, _ arguments: [String]) throws -> RunResult {
        try runProcess(
            executable, arguments, in: folder,
            environment: ["ACCELERATOR_DB": database, "ACCELERATOR_TODAY": today, "ACCELERATOR_ACTOR": "e2e"])
    }
}

/// Results gathered by several threads.
final class Collected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value] = []

    func append(_ value: Value) {
        lock.lock()
        storage.append(value)
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// A flag set by one thread and read by others.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

@Suite("concurrent writers and readers on one database file, end to end")
struct ConcurrencyEndToEndTests {
    /// An applicant spreadsheet of `count` new startups, all named after `prefix`.
    static func applicants(_ count: Int, prefix: String) -> String {
        var text = "startup_name,city,sector,founder,email,phone,description\n"
        for index in 0..<count {
            text += "\(prefix) \(index),Rabat,AI,Fondatrice \(prefix) \(index),f\(index)@\(prefix.lowercased()).ma,0612345678,"
                + "Plateforme numéro \(index) pour les coopératives\n"
        }
        return text
    }

    @Test("two imports and a stream of apply and advance commands all succeed, nothing is lost, and readers see before or after")
    func writersWaitAndReadersSeeWholeTransactions() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let runner = Runner(sandbox)
        let rows = 10_000
        let fileB = try sandbox.write("cohort-b.csv", Self.applicants(rows, prefix: "Boreal"))
        let fileC = try sandbox.write("cohort-c.csv", Self.applicants(rows, prefix: "Cedre"))
        let eventsBefore = try sandbox.count("SELECT count(*) FROM stage_event;")
        let applicationsBefore = try sandbox.count("SELECT count(*) FROM application;")

        // A reader: the two imported cohorts, counted in one statement (one snapshot).
        let snapshot = "SELECT (SELECT count(*) FROM application WHERE cohort_code = '2026-B') || ' ' || "
            + "(SELECT count(*) FROM application WHERE cohort_code = '2026-C') || ' ' || (SELECT count(*) FROM startup WHERE name LIKE 'Boreal %');"
        let samples = Collected<String>()
        let listings = Collected<Int>()
        let stop = Flag()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) {
            while !stop.isSet {
                if let sample = try? runner.sqlite(snapshot) { samples.append(sample.trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
        }
        DispatchQueue.global().async(group: readers) {
            while !stop.isSet {
                // -1 stands for a failed or unreadable listing.
                let result = runner.accelerator(["list", "--cohort", "2026-B", "--format", "json"])
                let list = result.status == 0 ? (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [Any] : nil
                listings.append(list?.count ?? -1)
            }
        }
        while samples.values.isEmpty { usleep(5_000) }

        // The writers: two imports and three workers each applying startups then advancing them.
        let statuses = Collected<(String, Int32, String)>()
        let writers = DispatchGroup()
        for (file, cohort) in [(fileB, "2026-B"), (fileC, "2026-C")] {
            DispatchQueue.global().async(group: writers) {
                let result = runner.accelerator(["import", file, "--cohort", cohort])
                statuses.append(("import \(cohort)", result.status, result.stderr))
            }
        }
        let workers = 3
        let perWorker = 4
        for worker in 0..<workers {
            DispatchQueue.global().async(group: writers) {
                for index in 0..<perWorker {
                    let name = "Stream \(worker)-\(index)"
                    let apply = runner.accelerator([
                        "apply", "--cohort", "2026-A", "--name", name, "--city", "Tanger", "--sector", "Logistics",
                        "--founder", "Rim \(worker) \(index) <rim\(worker)\(index)@stream.ma>", "--applied-on", "2026-05-01",
                    ])
                    statuses.append(("apply \(name)", apply.status, apply.stderr))
                    let advance = runner.accelerator([
                        "advance", name, "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark",
                    ])
                    statuses.append(("advance \(name)", advance.status, advance.stderr))
                }
            }
        }
        writers.wait()
        stop.set()
        readers.wait()

        let moves = workers * perWorker
        for (command, status, stderr) in statuses.values {
            #expect(status == 0, "\(command) failed (\(status)): \(stderr)")
        }
        #expect(statuses.values.count == 2 + 2 * moves)
        #expect(try sandbox.integrity() == "ok")
        #expect(try sandbox.count("SELECT count(*) FROM stage_event;") == eventsBefore + moves)
        #expect(try sandbox.count("SELECT count(*) FROM stage_event WHERE to_stage = 'mentored';") == 1 + moves)
        #expect(try sandbox.count("SELECT count(*) FROM application;") == applicationsBefore + 2 * rows + moves)
        #expect(try sandbox.count("SELECT count(*) FROM application WHERE cohort_code = '2026-A' AND stage = 'mentored';") == moves)
        #expect(try sandbox.count("SELECT count(*) FROM mentor_assignment;") == 1 + moves)
        #expect(try sandbox.count("SELECT count(*) FROM batch WHERE kind = 'import';") == 3)

        // Every reading is the state before an import or after it, never part of one.
        let seen = samples.values
        let allowed: Set<String> = ["0 0 0", "\(rows) 0 \(rows)", "0 \(rows) 0", "\(rows) \(rows) \(rows)"]
        #expect(seen.allSatisfy(allowed.contains), "\(Set(seen).subtracting(allowed))")
        #expect(seen.first == "0 0 0")
        #expect(seen.count >= 10)
        #expect(listings.values.allSatisfy { $0 == 0 || $0 == rows }, "\(Set(listings.values))")
        #expect(try runner.sqlite(snapshot).trimmingCharacters(in: .whitespacesAndNewlines) == "\(rows) \(rows) \(rows)")
    }
}
