import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Helpers of the robustness suites (issue 6): a database that already holds data, its exact
/// state as text, and the corpus of bad files.
extension Sandbox {
    /// A file of the committed corpus of bad spreadsheets.
    static func corpus(_ name: String) -> String {
        projectRoot.appendingPathComponent("Tests").appendingPathComponent("Corpus").appendingPathComponent(name).path
    }

    /// Fills the database with what a program holds after a few weeks: an imported spreadsheet, an
    /// application typed by hand, a stage move (so a stage event and a mentor), a funding.
    /// `init` first: the database may be on a file system mounted over the sandbox since it was made.
    func seedProgram(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try succeed("init", sourceLocation: sourceLocation)
        try succeed("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A", sourceLocation: sourceLocation)
        try succeed(
            "apply", "--cohort", "2026-A", "--name", "Darija Voice", "--city", "Fès", "--sector", "AI",
            "--founder", "Imane Chraibi <imane@darijavoice.ma>", "--founder", "Mehdi Tazi <mehdi@darijavoice.ma>",
            "--phone", "0612345679", "--applied-on", "2026-03-01", sourceLocation: sourceLocation)
        try succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark", sourceLocation: sourceLocation)
        try succeed(
            "advance", "Atlas AI", "--to", "funded", "--amount", "400 000", "--funding-kind", "grant", "--investor", "Innov Invest",
            "--funded-on", "2026-05-20", sourceLocation: sourceLocation)
    }

    /// The whole database as SQL text (`sqlite3 .dump`): equal dumps are equal databases.
    func dump() throws -> String {
        try sqlite(".dump")
    }

    /// `PRAGMA integrity_check` of the database: `ok` when sound.
    func integrity() throws -> String {
        try sqlite("PRAGMA integrity_check;").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// One number from an SQL query.
    func count(_ sql: String) throws -> Int {
        let text = try sqlite(sql).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let number = Int(text) else { throw CountError(output: text) }
        return number
    }

    struct CountError: Error, CustomStringConvertible {
        var output: String
        var description: String { "not a number: \(output)" }
    }

    /// The lines starting with `error:` of a run, on either stream.
    static func errorLines(_ result: RunResult) -> [String] {
        (result.stdout + result.stderr).split(whereSeparator: \.isNewline).map(String.init).filter { $0.hasPrefix("error:") }
    }

    /// A file's permission bits.
    static func mode(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o777)
    }

    /// Starts the binary with its output kept in files of the sandbox (a pipe left unread could
    /// block a long-running child).
    func startLogged(_ arguments: [String], log name: String, environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["ACCELERATOR_DB"] = database
        environment["ACCELERATOR_TODAY"] = today
        environment["ACCELERATOR_ACTOR"] = "e2e"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: path(name + ".out"), contents: nil)
        _ = FileManager.default.createFile(atPath: path(name + ".err"), contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path(name + ".out")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: path(name + ".err")))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// What a process started by `startLogged` wrote on stderr.
    func loggedError(_ name: String) -> String {
        (try? String(contentsOfFile: path(name + ".err"), encoding: .utf8)) ?? ""
    }
}
