import Foundation
import Testing

@testable import AcceleratorFiles

/// A temporary folder removed when the test ends.
final class Folder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "accelerator-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String, mode: Int16 = 0o644) throws -> String {
        let file = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, mode_t(mode))
        return file
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every name in the folder, hidden ones included.
    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

func permissions(_ path: String) -> mode_t { FileStatus(path: path).permissions }

@Suite("Output files: whole or absent, never over what they must not replace")
struct OutputFileTests {
    @Test("a new file appears only at commit, complete, with mode 0600, and no temporary file is left")
    func commitPutsTheFileInPlace() throws {
        let folder = try Folder()
        let output = try OutputFile(path: folder.file("export.csv"), protecting: [])
        try output.write(Array("a,b\r\n".utf8))
        #expect(folder.read("export.csv") == nil)
        try output.commit()
        #expect(folder.read("export.csv") == "a,b\r\n")
        #expect(permissions(folder.file("export.csv")) == 0o600)
        #expect(try folder.names() == ["export.csv"])
    }

    @Test("an existing file keeps its old content until the commit, and entirely when the output is discarded")
    func discardKeepsTheOldFile() throws {
        let folder = try Folder()
        try folder.write("report.html", "last week's report")
        let output = try OutputFile(path: folder.file("report.html"), protecting: [])
        try output.write(Array("half a new rep".utf8))
        #expect(folder.read("report.html") == "last week's report")
        output.discard()
        #expect(folder.read("report.html") == "last week's report")
        #expect(try folder.names() == ["report.html"])
    }

    @Test("until the commit the temporary file has no name in the folder (O_TMPFILE), so a kill -9 leaves nothing")
    func temporaryFileIsUnnamed() throws {
        let folder = try Folder()
        let output = try OutputFile(path: folder.file("export.csv"), protecting: [])
        try output.write(Array("a,b\r\n".utf8))
        #expect(try folder.names().isEmpty)
        try output.commit()
        #expect(try folder.names() == ["export.csv"])
    }

    @Test("an output dropped without a commit leaves nothing behind")
    func droppedOutputIsRemoved() throws {
        let folder = try Folder()
        do {
            let output = try OutputFile(path: folder.file("rejects.csv"), protecting: [])
            try output.write(Array("x".utf8))
        }
        #expect(try folder.names().isEmpty)
    }

    @Test("a file replaced by a commit is a new file: a hard link to the old one keeps the old content and mode")
    func replacedFileIsLeftAsItWas() throws {
        let folder = try Folder()
        let old = try folder.write("export.csv", "old", mode: 0o644)
        #expect(link(old, folder.file("backup.csv")) == 0)
        let output = try OutputFile(path: old, protecting: [])
        try output.write(Array("new".utf8))
        try output.commit()
        #expect(folder.read("export.csv") == "new")
        #expect(permissions(old) == 0o600)
        #expect(folder.read("backup.csv") == "old")
        #expect(permissions(folder.file("backup.csv")) == 0o644)
    }

    @Test("a symbolic link is followed: its target is replaced and the link stays a link")
    func symbolicLinkIsFollowed() throws {
        let folder = try Folder()
        try folder.write("real.csv", "old")
        #expect(symlink(folder.file("real.csv"), folder.file("link.csv")) == 0)
        let output = try OutputFile(path: folder.file("link.csv"), protecting: [])
        try output.write(Array("new".utf8))
        try output.commit()
        #expect(folder.read("real.csv") == "new")
        var info = stat()
        #expect(lstat(folder.file("link.csv"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
    }

    @Test("what is not a regular file is refused before anything is written, and left untouched", arguments: [
        ("/dev/null", FileKind.characterDevice), ("/tmp", .directory),
    ])
    func specialFilesAreRefused(path: String, kind: FileKind) throws {
        let before = permissions(path)
        #expect(throws: FileError.notRegularFile(path: path, kind: kind)) {
            _ = try OutputFile(path: path, protecting: [])
        }
        #expect(permissions(path) == before)
    }

    @Test("a named pipe is refused as an output (a write would block or feed another program)")
    func fifoIsRefused() throws {
        let folder = try Folder()
        #expect(mkfifo(folder.file("pipe"), 0o644) == 0)
        #expect(throws: FileError.notRegularFile(path: folder.file("pipe"), kind: .fifo)) {
            _ = try OutputFile(path: folder.file("pipe"), protecting: [])
        }
    }

    @Test("the database and its journal files are refused by any path that reaches them")
    func protectedFilesAreRefused() throws {
        let folder = try Folder()
        let database = try folder.write("demo.sqlite", "SQLite format 3")
        #expect(link(database, folder.file("hard.csv")) == 0)
        #expect(symlink(database, folder.file("soft.csv")) == 0)
        let protected = ProtectedFile.database(database)
        for path in [database, folder.path + "/./demo.sqlite", folder.file("hard.csv"), folder.file("soft.csv")] {
            #expect(throws: FileError.protected(path: path, role: "the database")) {
                _ = try OutputFile(path: path, protecting: protected)
            }
        }
        // The write-ahead log need not exist yet to be protected.
        #expect(throws: FileError.protected(path: database + "-wal", role: "the database's write-ahead log")) {
            _ = try OutputFile(path: database + "-wal", protecting: protected)
        }
        #expect(folder.read("demo.sqlite") == "SQLite format 3")
        #expect(try folder.names() == ["demo.sqlite", "hard.csv", "soft.csv"])
    }

    @Test("a target in a folder that does not exist is refused with the folder named")
    func missingFolderIsNamed() throws {
        let folder = try Folder()
        #expect(throws: FileError.cannotCreate(path: folder.file("nope/out.csv"), reason: "the folder \(folder.file("nope")) does not exist")) {
            _ = try OutputFile(path: folder.file("nope/out.csv"), protecting: [])
        }
    }
}

@Suite("Input files: read once, bounded")
struct InputFileTests {
    @Test("a regular file is read where it is")
    func regularFileIsNotCopied() throws {
        let folder = try Folder()
        let path = try folder.write("in.csv", "a,b\n")
        let input = try InputFile(path)
        #expect(input.path == path)
        #expect(!input.isCopy)
        #expect(try input.bytes() == Array("a,b\n".utf8))
    }

    @Test("a named pipe is read once into a copy that can be opened again and again")
    func fifoIsCopiedOnce() throws {
        let folder = try Folder()
        let pipe = folder.file("pipe")
        #expect(mkfifo(pipe, 0o600) == 0)
        let writer = Thread {
            let fd = open(pipe, O_WRONLY)
            _ = "name,city\nAtlas,Fès\n".withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        writer.start()
        let input = try InputFile(pipe)
        #expect(input.isCopy)
        #expect(input.name == pipe)
        #expect(try input.bytes() == Array("name,city\nAtlas,Fès\n".utf8))
        #expect(try input.bytes() == Array("name,city\nAtlas,Fès\n".utf8))
    }

    @Test("an endless device stops at its first NUL byte instead of filling memory or the disk")
    func endlessDeviceStops() throws {
        let input = try InputFile("/dev/zero")
        #expect(input.isCopy)
        #expect(try input.bytes().count <= 1 << 20)
    }

    @Test("an input larger than the limit is refused", arguments: [false, true])
    func limitIsEnforced(throughPipe: Bool) throws {
        let folder = try Folder()
        let path = try folder.write("big.csv", String(repeating: "x", count: 5000))
        #expect(throws: FileError.tooLarge(path: path, limit: 4096)) { _ = try InputFile(path, limit: 4096) }
        if throughPipe {
            #expect(throws: FileError.tooLarge(path: "/dev/urandom", limit: 4096)) {
                // Random bytes hold a NUL within the first megabyte almost surely; the limit comes first.
                _ = try InputFile("/dev/urandom", limit: 4096)
            }
        }
    }

    @Test("a folder or a missing file is refused with its name")
    func foldersAndMissingFilesAreRefused() throws {
        let folder = try Folder()
        #expect(throws: FileError.notRegularFile(path: folder.path, kind: .directory)) { _ = try InputFile(folder.path) }
        #expect(throws: FileError.missing(path: folder.file("none.csv"))) { _ = try InputFile(folder.file("none.csv")) }
    }
}
