import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What SIGINT and SIGTERM do to a command: remove its temporary files, say that nothing was
/// changed, and exit with 128 + the signal's number (130, 143), as shells report a signal.
///
/// The database needs nothing more: a transaction that is not committed is rolled back by SQLite
/// when the file is next opened, exactly as after a `kill -9`. What must not be cut is a commit
/// itself, and what follows it: a signal waits for a commit in progress (``beginCommit()`` …
/// ``endCommit(committed:)``), and once a command's change is committed it runs to its end, so its
/// output says what was saved.
public enum Interruption {
    /// Installs the handlers; call once, first thing in `main`. `describe` writes what a signal
    /// stopped, from the signal's name (`SIGINT`), the message and the exit code (130): the
    /// `error:` line by default, a JSON object under `--format json`.
    public static func install(
        describe: @escaping @Sendable (_ signal: String, _ message: String, _ exitCode: Int32) -> [UInt8] = { _, message, _ in
            Array("error: \(message)\n".utf8)
        }
    ) {
        describer = describe
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { interrupted(by: number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Marks the start of a commit (a database `COMMIT`, a file renamed into place): a signal
    /// arriving now waits for ``endCommit(committed:)``.
    public static func beginCommit() {
        gate.lock()
    }

    /// Marks the end of a commit; `committed` says whether the change is now saved, after which a
    /// signal no longer stops the command.
    public static func endCommit(committed: Bool) {
        if committed { state.hasCommitted = true }
        gate.unlock()
    }

    /// Runs `body` as one commit.
    public static func committing<T>(_ body: () throws -> T) rethrows -> T {
        beginCommit()
        var committed = false
        defer { endCommit(committed: committed) }
        let result = try body()
        committed = true
        return result
    }

    /// Keeps `path` to be removed if a signal stops the command; returns the token to release it.
    static func register(temporary path: String) -> Int {
        gate.lock()
        defer { gate.unlock() }
        state.nextToken += 1
        state.temporaryFiles[state.nextToken] = path
        return state.nextToken
    }

    /// Forgets a temporary file (renamed into place, or removed by its owner).
    static func release(_ token: Int) {
        gate.lock()
        defer { gate.unlock() }
        state.temporaryFiles[token] = nil
    }

    private static func interrupted(by signal: Int32) {
        gate.lock()
        if state.hasCommitted {
            gate.unlock()
            return
        }
        for path in state.temporaryFiles.values { unlink(path) }
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        let text = describer(name, "interrupted by \(name): nothing was changed", 128 + signal)
        text.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        _exit(128 + signal)
    }

    /// The state the gate guards.
    private struct State {
        var hasCommitted = false
        var temporaryFiles: [Int: String] = [:]
        var nextToken = 0
    }

    nonisolated(unsafe) private static var state = State()
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    /// Set once by `install`, before any signal is handled.
    nonisolated(unsafe) private static var describer: @Sendable (String, String, Int32) -> [UInt8] = { _, _, _ in [] }
    private static let gate = Gate()
    private static let queue = DispatchQueue(label: "accelerator.signals")
}

/// A recursive mutex that one thread may hold across calls (from a commit's start to its end,
/// registering and releasing temporary files meanwhile).
final class Gate: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() {
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
}
