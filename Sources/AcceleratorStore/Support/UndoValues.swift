import GRDB

/// How an import keeps the values it replaced, to restore them on undo (`batch_change.before`):
/// each value as text with its type in the first character.
enum UndoValues {
    /// A stored value as text for the undo record: `\u{0}` stands for NULL; numbers keep their digits.
    static func encode(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "\u{0}"
        case .int64(let number): "i\(number)"
        case .double(let number): "d\(number)"
        case .string(let text): "s\(text)"
        case .blob: "\u{0}"
        }
    }

    /// The value `encode` wrote.
    static func decode(_ text: String) -> DatabaseValue {
        guard let tag = text.first, text != "\u{0}" else { return .null }
        let rest = String(text.dropFirst())
        switch tag {
        case "i": return Int64(rest)?.databaseValue ?? .null
        case "d": return Double(rest)?.databaseValue ?? .null
        case "s": return rest.databaseValue
        default: return .null
        }
    }
}
