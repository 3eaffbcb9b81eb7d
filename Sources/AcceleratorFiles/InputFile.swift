#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a command reads, as a regular file it may open as often as it needs (to parse it and to
/// hash it).
///
/// A regular file is read where it is. Standard input (`-`), a named pipe or a character device can
/// be read only once: it is copied, once, into a private temporary file (mode 0600, removed when
/// the input is released or a signal stops the command), so the digest is that of what was read.
/// A copy stops at the first NUL byte (no text file holds one: `/dev/zero` is refused at once by
/// the reader) and at `limit` bytes. A folder, a block device or a socket is refused; so is a
/// terminal, which would wait for typing.
public final class InputFile {
    /// The path to open: the file itself, or the copy.
    public private(set) var path: String
    /// The input as a message names it: the path given, or "standard input".
    public let name: String
    /// Whether the input was copied (it was not a regular file).
    public let isCopy: Bool
    private var copyDescriptor: Int32 = -1
    private var token: Int?
    private var copyPath: String?

    /// The most bytes read from a pipe or a device by default.
    public static let defaultLimit = 2 << 30

    /// Opens the input `given` ("-" for standard input).
    ///
    /// `observe` sees every chunk of a copy as it is written (the import hashes a pipe and checks its
    /// UTF-8 on that one pass); a regular file is not read here, and `observe` is not called.
    /// - Throws: `.missing`, `.notRegularFile`, `.terminalInput`, `.tooLarge`, `.cannotRead`, `.cannotCreate`.
    public init(
        _ given: String, limit: Int = InputFile.defaultLimit, observe: (UnsafeRawBufferPointer) -> Void = { _ in }
    ) throws(FileError) {
        if given == "-" || given == "/dev/stdin" {
            name = "standard input"
            if isatty(STDIN_FILENO) == 1 { throw .terminalInput }
            path = ""
            isCopy = true
            try copy(from: STDIN_FILENO, limit: limit, observe: observe)
            return
        }
        name = given
        let status = FileStatus(path: given)
        switch status.kind {
        case .missing:
            // A dangling link or a folder that cannot be searched says more than "missing".
            if access(given, F_OK) != 0, errno == EACCES { throw .cannotRead(path: given, reason: FilePaths.message(EACCES)) }
            throw .missing(path: given)
        case .regular:
            path = given
            isCopy = false
            if status.size > limit { throw .tooLarge(path: given, limit: limit) }
            return
        case .fifo, .characterDevice:
            path = ""
            isCopy = true
            var fd: Int32
            repeat { fd = open(given, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
            if fd < 0 { throw .cannotRead(path: given, reason: FilePaths.message(errno)) }
            defer { close(fd) }
            if isatty(fd) == 1 { throw .terminalInput }
            try copy(from: fd, limit: limit, observe: observe)
        case .directory, .blockDevice, .socket, .other:
            throw .notRegularFile(path: given, kind: status.kind)
        }
    }

    deinit {
        if copyDescriptor >= 0 { close(copyDescriptor) }
        if let copyPath { unlink(copyPath) }
        if let token { Interruption.release(token) }
    }

    /// The whole input, for small files (a rules file).
    public func bytes() throws(FileError) -> [UInt8] {
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd < 0 { throw .cannotRead(path: name, reason: FilePaths.message(errno)) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: name, reason: FilePaths.message(errno))
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Copies `source` into a new temporary file, whose path becomes `path`.
    private func copy(from source: Int32, limit: Int, observe: (UnsafeRawBufferPointer) -> Void) throws(FileError) {
        let folder = Self.temporaryFolder()
        var template = Array((folder + "/accelerator-input-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw .cannotCreate(path: folder, reason: "no room for a copy of \(name): \(FilePaths.message(errno))") }
        let created = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        _ = fchmod(fd, 0o600)
        copyDescriptor = fd
        // On Linux the copy is unlinked at once and read through /proc: nothing is left behind,
        // even after a kill -9. Elsewhere it keeps its name until it is released.
        if access("/proc/self/fd", F_OK) == 0, unlink(created) == 0 {
            path = "/proc/self/fd/\(fd)"
        } else {
            copyPath = created
            token = Interruption.register(temporary: created)
            path = created
        }
        var total = 0
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(source, buffer.baseAddress, size)
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: name, reason: FilePaths.message(errno))
            }
            if count == 0 { return }
            total += count
            if total > limit { throw .tooLarge(path: name, limit: limit) }
            observe(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            var offset = 0
            while offset < count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .cannotWrite(path: "a copy of \(name) in \(folder)", reason: FilePaths.message(errno))
                }
                offset += written
            }
            // A text file holds no NUL byte: what was read is enough for the reader to say so.
            if UnsafeRawBufferPointer(rebasing: buffer[0..<count]).contains(0) { return }
        }
    }

    /// `$TMPDIR`, else `/tmp`.
    static func temporaryFolder() -> String {
        if let value = getenv("TMPDIR"), value.pointee != 0 {
            let folder = String(cString: value)
            return folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        }
        return "/tmp"
    }
}
