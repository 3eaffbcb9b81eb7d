#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written whole or not at all: the bytes go to a temporary file beside the target, which
/// is flushed to disk (`fsync`) and renamed over the target only by ``commit()``. Until then the
/// target keeps its old content; a failure, ``discard()``, or a signal (``Interruption``) removes
/// the temporary file only.
///
/// On Linux the temporary file has no name at all until the commit (`O_TMPFILE`): even a `kill -9`
/// leaves nothing behind. It is given a name beside the target only to be renamed over it, within
/// the commit. Where the file system cannot do that, a hidden `.accelerator-XXXXXX` file is used.
///
/// The target is checked before anything is written: it must be a regular file or not exist yet,
/// and must not be one of the `protecting` files (the database, its journal, the input), compared
/// by identity on disk and by resolved path. A symbolic link is followed: its target is replaced,
/// the link stays. The file is created with mode 0600 (it holds personal data); a file it replaces
/// is left as it was, only unlinked from its name.
public final class OutputFile {
    /// The path as given.
    public let path: String
    /// Where the file lands: `path` with symbolic links resolved.
    private let destination: String
    /// The temporary file's name; `nil` while it has none (`O_TMPFILE`).
    private var temporary: String?
    private var descriptor: Int32
    private var token: Int?

    /// Checks `path` and opens a temporary file beside it.
    /// - Throws: `.notRegularFile`, `.protected`, `.cannotCreate`.
    public init(path: String, protecting protected: [ProtectedFile]) throws(FileError) {
        let destination = try Self.check(path, protecting: protected)
        let folder = FilePaths.folder(of: destination)
        self.path = path
        self.destination = destination
        var fd = Self.openUnnamed(in: folder)
        if fd < 0 {
            (fd, temporary) = Self.makeNamed(in: folder)
            if fd < 0 {
                throw .cannotCreate(path: path, reason: "\(FilePaths.message(errno)) (in the folder \(folder))")
            }
            token = temporary.map { Interruption.register(temporary: $0) }
        }
        descriptor = fd
        if fchmod(fd, 0o600) != 0 {
            let reason = FilePaths.message(errno)
            discard()
            throw .cannotCreate(path: path, reason: reason)
        }
    }

    /// A new file in `folder` without a name (Linux's `O_TMPFILE`), or -1. It is named at the commit
    /// through `/proc/self/fd`: without `/proc`, a named temporary file is used instead.
    private static func openUnnamed(in folder: String) -> Int32 {
        #if os(Linux)
        guard access("/proc/self/fd", F_OK) == 0 else { return -1 }
        // O_TMPFILE is __O_TMPFILE | O_DIRECTORY; Swift does not import the macro.
        let temporaryFile: Int32 = 0o20000000 | O_DIRECTORY
        return open(folder, temporaryFile | O_WRONLY | O_CLOEXEC, 0o600)
        #else
        return -1
        #endif
    }

    /// A new hidden file in `folder` and its name, or -1.
    private static func makeNamed(in folder: String) -> (Int32, String?) {
        var template = Array((folder + "/.accelerator-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return (-1, nil) }
        return (fd, template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }

    /// Gives the unnamed file a name beside the target; returns the error message on failure.
    private func name(_ fd: Int32) -> String? {
        let folder = FilePaths.folder(of: destination)
        for _ in 0..<100 {
            let candidate = folder + "/.accelerator-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0 {
                temporary = candidate
                token = Interruption.register(temporary: candidate)
                return nil
            }
            if errno != EEXIST { return FilePaths.message(errno) }
        }
        return "no free temporary name in \(folder)"
    }

    deinit {
        discard()
    }

    /// The path an output to `path` would write, once checked: `path` itself, or the target of the
    /// symbolic link it is.
    /// - Throws: `.notRegularFile` (a folder, device, pipe or socket), `.protected`, `.cannotCreate`
    ///   (a missing folder, a dangling link).
    @discardableResult
    public static func check(_ path: String, protecting protected: [ProtectedFile]) throws(FileError) -> String {
        guard !path.isEmpty else { throw .cannotCreate(path: "“”", reason: "the file name is empty") }
        var destination = path
        var link = stat()
        if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = FilePaths.resolved(path) else {
                throw .cannotCreate(path: path, reason: "it is a symbolic link to a missing file")
            }
            destination = resolved
        }
        let status = FileStatus(path: destination)
        if status.kind != .missing && status.kind != .regular {
            throw .notRegularFile(path: path, kind: status.kind)
        }
        guard let canonical = FilePaths.canonical(destination) else {
            throw .cannotCreate(path: path, reason: "the folder \(FilePaths.folder(of: destination)) does not exist")
        }
        for file in protected where file.isTarget(destination, status: status, canonical: canonical) {
            throw .protected(path: path, role: file.role)
        }
        return destination
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: "the file is already closed") }
        var offset = 0
        while offset < bytes.count {
            let count = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: FilePaths.message(errno))
            }
            offset += count
        }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws(FileError) {
        var failure: FileError?
        bytes.withUnsafeBytes { buffer in
            do throws(FileError) { try write(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes what is written to disk (`fsync`), so that ``commit()`` only renames: a caller that
    /// commits something else first (a database transaction) syncs before it.
    public func sync() throws(FileError) {
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: "the file is already closed") }
        if fsync(descriptor) != 0, errno != EINVAL {
            let reason = FilePaths.message(errno)
            discard()
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// Flushes the file to disk and puts it in place of the target, as one commit (a signal waits
    /// for it). On failure the target is untouched and the temporary file is removed.
    public func commit() throws(FileError) {
        try sync()
        let fd = descriptor
        let failure: String? = Interruption.committing {
            if temporary == nil, let failure = name(fd) { return failure }
            guard let temporary else { return "the temporary file has no name" }
            if rename(temporary, destination) != 0 { return FilePaths.message(errno) }
            if let token { Interruption.release(token) }
            token = nil
            self.temporary = nil
            return nil
        }
        if let failure {
            discard()
            throw .cannotWrite(path: path, reason: failure)
        }
        descriptor = -1
        if close(fd) != 0 {
            // The file is in place; a late error of the file system is still an error.
            throw .cannotWrite(path: path, reason: FilePaths.message(errno))
        }
        // The rename itself is durable once the folder is flushed too.
        let folder = open(FilePaths.folder(of: destination), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Removes the temporary file, leaving the target as it was. Does nothing after ``commit()``.
    public func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        removeTemporary()
    }

    private func removeTemporary() {
        guard let token, let temporary else { return }
        unlink(temporary)
        Interruption.release(token)
        self.token = nil
        self.temporary = nil
    }
}

/// `write(2)`, under a name no method shadows.
func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
