import AcceleratorCSV
import CSHA256
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 (FIPS 180-4), written here rather than pulling in a cryptography package for one
/// digest: the import records each file's SHA-256 to recognise a file imported before. The block
/// function is C (`CSHA256`), so that it can use the CPU's SHA instructions.
struct SHA256 {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// Adds bytes to the message.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            if pending.count == 64 {
                pending.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compress(bytes.baseAddress! + offset, blocks: blocks)
            offset += blocks * 64
        }
        if offset < bytes.count {
            pending.append(contentsOf: bytes[offset...])
        }
    }

    /// Adds bytes to the message.
    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lowercase hexadecimal digits.
    mutating func finalize() -> String {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        let padding = (56 - (Int(length % 64) + 1) % 64 + 64) % 64
        tail += [UInt8](repeating: 0, count: padding)
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        let savedLength = length
        tail.withUnsafeBytes { update($0) }
        length = savedLength
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for word in words {
            for shift in stride(from: 28, through: 0, by: -4) {
                hex.append(digits[Int((word >> UInt32(shift)) & 0xF)])
            }
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The digest of a whole file, read in chunks; `nil` when it cannot be read or `isCancelled`.
    /// `observe` sees every chunk too (the import checks the file's UTF-8 on the same pass).
    static func hexDigest(
        ofFile path: String, isCancelled: () -> Bool = { false }, observe: (UnsafeRawBufferPointer) -> Void = { _ in }
    ) -> String? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, size)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            if isCancelled() { return nil }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            hasher.update(chunk)
            observe(chunk)
        }
        return hasher.finalize()
    }

    /// The compression function over consecutive 64-byte blocks (in C, with the CPU's SHA
    /// instructions when it has them).
    private mutating func compress(_ blocks: UnsafeRawPointer, blocks count: Int) {
        withUnsafeMutableBytes(of: &state) { words in
            accelerator_sha256_blocks(
                words.baseAddress!.assumingMemoryBound(to: UInt32.self), blocks.assumingMemoryBound(to: UInt8.self), count)
        }
    }
}

/// A file's SHA-256, computed on a thread of its own while the import reads the same file; and on
/// the same pass, when asked, whether the file is valid UTF-8. Or both known already, for an input
/// that was copied or is in memory (``OpenedSource``).
final class FileDigest: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var done = false
    private var cancelled = false
    private var digest: String?
    private var validUTF8: Bool?

    init(ofFile path: String, checkingUTF8: Bool = false) {
        let thread = Thread { [self] in
            var checker = checkingUTF8 ? UTF8Checker() : nil
            let digest = SHA256.hexDigest(
                ofFile: path,
                isCancelled: { [self] in
                    condition.lock()
                    defer { condition.unlock() }
                    return cancelled
                },
                observe: { chunk in checker?.feed(chunk) })
            condition.lock()
            self.digest = digest
            validUTF8 = checker?.isValidAtEnd
            done = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// A digest known already (a pass that copied or scanned the input computed it).
    init(sha256: String, isValidUTF8: Bool?) {
        digest = sha256
        validUTF8 = isValidUTF8
        done = true
    }

    /// Stops the computation when it is no longer needed (an import that failed early).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    /// The digest, waiting for it; `nil` when the file could not be read to its end.
    func wait() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return digest
    }

    /// Whether the whole file is valid UTF-8, waiting for the answer; `nil` when not asked or the
    /// file could not be read to its end.
    func isValidUTF8() -> Bool? {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return digest == nil ? nil : validUTF8
    }
}
