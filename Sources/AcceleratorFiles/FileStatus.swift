#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, as the operating system sees it (following symbolic links).
public enum FileKind: Sendable, Equatable {
    /// Nothing is there.
    case missing
    /// A regular file.
    case regular
    /// A folder.
    case directory
    /// A named pipe.
    case fifo
    /// A character device, such as `/dev/null` or a terminal.
    case characterDevice
    /// A block device, such as a disk.
    case blockDevice
    /// A Unix socket.
    case socket
    /// Anything else the system may have.
    case other

    /// The kind as a person names it, with its article: "a folder", "a character device".
    public var phrase: String {
        switch self {
        case .missing: "missing"
        case .regular: "a regular file"
        case .directory: "a folder"
        case .fifo: "a named pipe (FIFO)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        case .other: "not a regular file"
        }
    }

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }
}

/// One file's identity on its file system: two paths name the same file when they have the same
/// identity (a hard link, `./a` and `a`, a symbolic link and its target).
public struct FileIdentity: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64
}

/// What `stat(2)` says of a path, following symbolic links.
public struct FileStatus: Sendable {
    /// The kind of file.
    public let kind: FileKind
    /// Its identity, when it exists.
    public let identity: FileIdentity?
    /// Its size in bytes (0 when missing).
    public let size: Int
    /// Its permission bits.
    public let permissions: mode_t

    /// The status of `path`.
    public init(path: String) {
        var info = stat()
        self.init(stat(path, &info) == 0 ? info : nil)
    }

    /// The status of an open file descriptor.
    public init(descriptor: Int32) {
        var info = stat()
        self.init(fstat(descriptor, &info) == 0 ? info : nil)
    }

    private init(_ info: stat?) {
        guard let info else {
            kind = .missing
            identity = nil
            size = 0
            permissions = 0
            return
        }
        kind = FileKind(mode: info.st_mode)
        identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        size = Int(info.st_size)
        permissions = info.st_mode & 0o7777
    }
}

/// Paths compared as the file system resolves them.
public enum FilePaths {
    /// The folder part of a path (`.` for a bare name).
    public static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of a path.
    public static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// The absolute path with every symbolic link resolved, or `nil` when it does not exist.
    public static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The path as the file system would reach it: its target when it exists (symbolic links
    /// resolved), else its resolved folder and its name; `nil` when its folder does not exist.
    public static func canonical(_ path: String) -> String? {
        if let whole = resolved(path) { return whole }
        guard let folder = resolved(folder(of: path)) else { return nil }
        return folder == "/" ? "/" + name(of: path) : folder + "/" + name(of: path)
    }

    /// The operating system's message for `code`, such as "No such file or directory".
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
