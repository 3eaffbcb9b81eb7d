/// A file Accelerator was asked to read or write that it cannot, or must not, use.
public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing is at the path.
    case missing(path: String)
    /// The path names something that is not a regular file (a folder, a device, a pipe, a socket).
    case notRegularFile(path: String, kind: FileKind)
    /// The path names a file that the command must not write: the database, its journal, the input.
    case protected(path: String, role: String)
    /// Standard input is a terminal, not a file piped in.
    case terminalInput
    /// The input is larger than the command accepts.
    case tooLarge(path: String, limit: Int)
    /// The operating system refused to create the file (or its temporary file).
    case cannotCreate(path: String, reason: String)
    /// Writing, flushing or renaming the file failed.
    case cannotWrite(path: String, reason: String)
    /// Reading the file failed.
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "\(path): no such file; check the path"
        case .notRegularFile(let path, let kind):
            "\(path) is \(kind.phrase), not a regular file; give the path of a file"
        case .protected(let path, let role):
            "\(path) is \(role): writing there would destroy it, so nothing was written; give another file name"
        case .terminalInput:
            "standard input is a terminal: pipe a file into the command (… < file.csv), or give the file's path"
        case .tooLarge(let path, let limit):
            "\(path) is larger than the \(FileError.size(limit)) accepted; is this the right file?"
        case .cannotCreate(let path, let reason):
            "cannot create \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason); nothing was written there"
        case .cannotRead(let path, let reason):
            "cannot read \(path): \(reason)"
        }
    }

    /// A stable code for the problem (`file.protected`), apart from its words.
    public var code: String {
        switch self {
        case .missing: "file.missing"
        case .notRegularFile: "file.not_regular"
        case .protected: "file.protected"
        case .terminalInput: "file.terminal_input"
        case .tooLarge: "file.too_large"
        case .cannotCreate: "file.cannot_create"
        case .cannotWrite: "file.cannot_write"
        case .cannotRead: "file.cannot_read"
        }
    }

    /// Whether the command refused the path it was given (exit 1), rather than the system failing
    /// to read or write it (exit 74).
    public var isRefusal: Bool {
        switch self {
        case .notRegularFile, .protected, .terminalInput, .tooLarge: true
        case .missing, .cannotCreate, .cannotWrite, .cannotRead: false
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }
}

/// A file that an output must never replace, and what it is to the command.
public struct ProtectedFile: Sendable, Equatable {
    /// Its path.
    public var path: String
    /// What it is, as a message says it: "the database", "the file being imported".
    public var role: String

    /// Creates a protected file.
    public init(path: String, role: String) {
        self.path = path
        self.role = role
    }

    /// The database at `path` and the files SQLite keeps beside it.
    public static func database(_ path: String) -> [ProtectedFile] {
        [
            ProtectedFile(path: path, role: "the database"),
            ProtectedFile(path: path + "-wal", role: "the database's write-ahead log"),
            ProtectedFile(path: path + "-shm", role: "the database's shared-memory file"),
            ProtectedFile(path: path + "-journal", role: "the database's journal"),
        ]
    }

    /// Whether `target` (which may not exist yet) is this file: the same file on disk, or the same
    /// path once symbolic links and `.`/`..` are resolved.
    func isTarget(_ target: String, status: FileStatus, canonical: String?) -> Bool {
        let mine = FileStatus(path: path)
        if let identity = status.identity, identity == mine.identity { return true }
        guard let canonical, let own = FilePaths.canonical(path) else { return false }
        return canonical == own
    }
}
