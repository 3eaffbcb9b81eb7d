@testable import AcceleratorStore
import CSHA256
import Foundation
import Testing

@Suite("the file digest (SHA-256)")
struct SHA256Tests {
    static func digest(_ bytes: [UInt8], pieces: Int = 1) -> String {
        var hasher = SHA256()
        let size = max(1, (bytes.count + pieces - 1) / pieces)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            hasher.update(Array(bytes[start..<end]))
            start = end
        }
        return hasher.finalize()
    }

    // FIPS 180-4 examples and NIST's long-message vector.
    @Test("the standard test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(message: String, expected: String) {
        #expect(Self.digest(Array(message.utf8)) == expected)
    }

    @Test("a million 'a', in pieces of any size")
    func millionA() {
        let bytes = [UInt8](repeating: 0x61, count: 1_000_000)
        for pieces in [1, 7, 1000] {
            #expect(Self.digest(bytes, pieces: pieces) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }
    }

    @Test("the CPU's SHA instructions and the portable code agree, block for block")
    func instructionsAgreeWithPortableCode() {
        var generator = SystemRandomNumberGenerator()
        for blocks in [1, 2, 3, 17, 100] {
            let data = (0..<(64 * blocks)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var fast: [UInt32] = [0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19]
            var portable = fast
            accelerator_sha256_blocks(&fast, data, blocks)
            accelerator_sha256_blocks_portable(&portable, data, blocks)
            #expect(fast == portable, "\(blocks) blocks")
        }
    }

    @Test("the digest of a file equals that of its bytes; a missing file has none")
    func fileDigest() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString).bin").path
        let bytes = (0..<3_000_001).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(SHA256.hexDigest(ofFile: path) == Self.digest(bytes))
        #expect(SHA256.hexDigest(ofFile: path + ".missing") == nil)
    }
}
