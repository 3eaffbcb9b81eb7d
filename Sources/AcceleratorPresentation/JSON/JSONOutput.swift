import Foundation

/// The one JSON encoding of every front end: indented, keys sorted, slashes left as they are.
public enum JSONOutput {
    /// `value` as JSON text, ending with a line break.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try encoder.encode(value)) + [0x0A]
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
