import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The system tools the disk-fault tests need, probed once. Tests run as root, who ignores file
/// permissions, so read-only places are made with `chattr +i` (immutable) or a tmpfs mount.
enum DiskTools {
    /// Runs a tool, returning its status and output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func chattr(_ flag: String, _ path: String) -> Bool {
        run("/usr/bin/chattr", [flag, path]).status == 0
    }

    static func mount(_ arguments: [String]) -> Bool {
        run("/bin/mount", arguments).status == 0
    }

    static func unmount(_ folder: String) {
        run("/bin/umount", [folder])
    }

    /// Whether `chattr +i` works on the temporary folder's file system.
    static let canMakeImmutable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else { return false }
        let probe = NSTemporaryDirectory() + "accelerator-chattr-probe-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard chattr("+i", probe) else { return false }
        let refused = open(probe, O_WRONLY) < 0
        _ = chattr("-i", probe)
        return refused
    }()

    /// Whether this process may mount a tmpfs and remount it read-only.
    static let canMount: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let probe = NSTemporaryDirectory() + "accelerator-mount-probe-" + UUID().uuidString
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard mount(["-t", "tmpfs", "-o", "size=1M", "tmpfs", probe]) else { return false }
        let remounted = mount(["-o", "remount,ro", probe])
        unmount(probe)
        return remounted
    }()
}

@Suite("disk faults: read-only places and full disks, end to end", .serialized)
struct DiskFaultEndToEndTests {
    static let readOnlyMessage = "the database {db} is read-only; check the permissions of the file and of its folder"
    static let fullMessage = "the disk holding {db} is full; nothing was written. Free some space and try again"

    /// A write command and an import, each refused with exit 74 and one clean line.
    static func expectRefusedWrites(_ sandbox: Sandbox, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = "error: " + message.replacingOccurrences(of: "{db}", with: sandbox.database)
        let apply = try sandbox.run(
            "apply", "--cohort", "2026-A", "--name", "Nour Robotics", "--city", "Tanger", "--sector", "AI",
            "--founder", "Nour Fassi <nour@robotics.ma>")
        #expect(apply.status == 74, "\(apply.stderr)", sourceLocation: sourceLocation)
        #expect(Sandbox.errorLines(apply) == [expected], sourceLocation: sourceLocation)
        let imported = try sandbox.run("import", Sandbox.sample("candidatures-2026B.fr.csv"), "--cohort", "2026-B")
        #expect(imported.status == 74, "\(imported.stderr)", sourceLocation: sourceLocation)
        #expect(Sandbox.errorLines(imported) == [expected], sourceLocation: sourceLocation)
    }

    /// A file of new startups large enough to need megabytes, written outside the sandbox's folder.
    static func largeFile(rows: Int) throws -> String {
        var text = "startup_name,city,sector,founder,email,description\n"
        for index in 0..<rows {
            text += "Remplie \(index),Rabat,AI,Fondatrice \(index),f\(index)@remplie.ma,"
                + "Une description assez longue pour remplir plusieurs pages de la base au numéro \(index)\n"
        }
        let path = NSTemporaryDirectory() + "accelerator-large-" + UUID().uuidString + ".csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "a read-only database file: writes exit 74 with one clean message and the database is unchanged",
        .enabled(if: DiskTools.canMakeImmutable, "needs chattr +i on the temporary folder (root ignores file modes)"))
    func readOnlyFile() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let before = try sandbox.dump()
        #expect(DiskTools.chattr("+i", sandbox.database))
        defer { _ = DiskTools.chattr("-i", sandbox.database) }

        try Self.expectRefusedWrites(sandbox, message: Self.readOnlyMessage)

        #expect(DiskTools.chattr("-i", sandbox.database))
        #expect(try sandbox.integrity() == "ok")
        #expect(try sandbox.dump() == before)
    }

    @Test(
        "a read-only folder (no -wal file can be made): writes exit 74 with one clean message and the database is unchanged",
        .enabled(if: DiskTools.canMakeImmutable, "needs chattr +i on the temporary folder (root ignores file modes)"))
    func readOnlyFolder() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let before = try sandbox.dump()
        #expect(!FileManager.default.fileExists(atPath: sandbox.database + "-wal"))
        #expect(DiskTools.chattr("+i", sandbox.folder))
        defer { _ = DiskTools.chattr("-i", sandbox.folder) }

        try Self.expectRefusedWrites(sandbox, message: Self.readOnlyMessage)

        #expect(DiskTools.chattr("-i", sandbox.folder))
        #expect(try sandbox.integrity() == "ok")
        #expect(try sandbox.dump() == before)
    }

    @Test(
        "a file system remounted read-only: writes exit 74 with one clean message and the database is unchanged",
        .enabled(if: DiskTools.canMount, "needs permission to mount a tmpfs (root with CAP_SYS_ADMIN)"))
    func readOnlyFileSystem() throws {
        let sandbox = try Sandbox()
        #expect(DiskTools.mount(["-t", "tmpfs", "-o", "size=8M,mode=0700", "tmpfs", sandbox.folder]))
        defer { DiskTools.unmount(sandbox.folder) }
        try sandbox.seedProgram()
        let before = try sandbox.dump()
        #expect(DiskTools.mount(["-o", "remount,ro", sandbox.folder]))

        try Self.expectRefusedWrites(sandbox, message: Self.readOnlyMessage)

        #expect(DiskTools.mount(["-o", "remount,rw", sandbox.folder]))
        #expect(try sandbox.integrity() == "ok")
        #expect(try sandbox.dump() == before)
    }

    @Test(
        "a disk that fills up during an import: exit 74, a clean message, a rollback, and the import runs once there is room",
        .enabled(if: DiskTools.canMount, "needs permission to mount a tmpfs (root with CAP_SYS_ADMIN)"))
    func fullDisk() throws {
        let sandbox = try Sandbox()
        #expect(DiskTools.mount(["-t", "tmpfs", "-o", "size=2M,mode=0700", "tmpfs", sandbox.folder]))
        defer { DiskTools.unmount(sandbox.folder) }
        try sandbox.seedProgram()
        let before = try sandbox.dump()
        let file = try Self.largeFile(rows: 20_000)
        defer { try? FileManager.default.removeItem(atPath: file) }

        let result = try sandbox.run("import", file, "--cohort", "2026-B")
        #expect(result.status == 74, "\(result.stdout)\(result.stderr)")
        #expect(Sandbox.errorLines(result) == ["error: " + Self.fullMessage.replacingOccurrences(of: "{db}", with: sandbox.database)])
        #expect(try sandbox.integrity() == "ok")
        #expect(try sandbox.dump() == before)

        #expect(DiskTools.mount(["-o", "remount,size=64M", sandbox.folder]))
        #expect(try sandbox.succeed("import", file, "--cohort", "2026-B").contains("20000 inserted"))
        #expect(try sandbox.integrity() == "ok")
    }

    @Test("a database that reaches its size limit (ACCELERATOR_MAX_PAGE_COUNT) during an import: exit 74, a clean message, a rollback")
    func fullDatabase() throws {
        let sandbox = try Sandbox()
        try sandbox.seedProgram()
        let before = try sandbox.dump()
        let pages = try sandbox.count("PRAGMA page_count;")
        let file = try Self.largeFile(rows: 5_000)
        defer { try? FileManager.default.removeItem(atPath: file) }

        let result = try sandbox.run(
            arguments: ["import", file, "--cohort", "2026-B"], environment: ["ACCELERATOR_MAX_PAGE_COUNT": "\(pages + 20)"])
        #expect(result.status == 74, "\(result.stdout)\(result.stderr)")
        #expect(Sandbox.errorLines(result) == ["error: " + Self.fullMessage.replacingOccurrences(of: "{db}", with: sandbox.database)])
        #expect(try sandbox.integrity() == "ok")
        #expect(try sandbox.dump() == before)
        #expect(try sandbox.succeed("import", file, "--cohort", "2026-B").contains("5000 inserted"))
    }
}
