import Foundation
import Testing

/// The result of one run of the real `accelerator` binary.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A sandbox that could not be set up.
struct SandboxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs the built `accelerator` binary on a temporary database, as a user would.
final class Sandbox {
    let folder: String
    let database: String
    var today = "2026-06-01"

    /// A new folder; with `initialised`, its database is created by `accelerator init` (the only
    /// command that creates one).
    init(initialised: Bool = true) throws {
        folder = NSTemporaryDirectory() + "accelerator-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        database = folder + "/accelerator.sqlite"
        if initialised {
            let result = try run("init")
            guard result.status == 0 else { throw SandboxError(message: "accelerator init failed: \(result.stderr)") }
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The binary built beside the test bundle.
    static let binary: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("accelerator")
    }()

    /// The project's root folder (for SampleData and ../shared).
    static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func path(_ name: String) -> String { folder + "/" + name }

    func write(_ name: String, _ text: String) throws -> String {
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func run(_ arguments: String..., environment extra: [String: String] = [:]) throws -> RunResult {
        try run(arguments: arguments, environment: extra)
    }

    func run(arguments: [String], environment extra: [String: String] = [:]) throws -> RunResult {
        var environment = ["ACCELERATOR_DB": database, "ACCELERATOR_TODAY": today, "ACCELERATOR_ACTOR": "e2e", "COLUMNS": "80"]
        for (key, value) in extra { environment[key] = value }
        return try runProcess(Self.binary, arguments, in: folder, environment: environment)
    }

    /// A database with the sample rules and cohort 2026-A (capacity 25) holding the sample's 2026-A
    /// applicants (or `file`), on 2026-10-01: where the correction suites start.
    static func sampleProgram(importing file: String = sample("applicants-2026A.en.csv")) throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.today = "2026-10-01"
        try sandbox.succeed("rules", "set", sample("rules.toml"))
        try sandbox.succeed("cohort", "add", "2026-A", "--starts", "02/03/2026", "--capacity", "25")
        try sandbox.succeed("import", file, "--cohort", "2026-A")
        return sandbox
    }

    /// Runs a command that must succeed, returning its standard output.
    @discardableResult
    func succeed(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments: arguments)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }
}

/// Runs `executable` to its end in `folder`, with the process's environment plus `environment`, no
/// input, and both outputs collected.
func runProcess(_ executable: URL, _ arguments: [String], in folder: String, environment: [String: String]) throws -> RunResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes before waiting so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}
