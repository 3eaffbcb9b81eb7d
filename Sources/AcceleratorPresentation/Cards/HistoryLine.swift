import AcceleratorDomain
import AcceleratorStore

/// A line of the history: a stage event, or an erasure of personal data (`accelerator forget`).
public enum HistoryLine: Encodable, Sendable {
    /// A stage event.
    case event(HistoryEntry)
    /// An erasure of personal data.
    case erasure(ErasureEntry)

    /// Events in their order, each erasure placed by its time.
    public static func merge(_ events: [HistoryEntry], _ erasures: [ErasureEntry]) -> [HistoryLine] {
        var lines: [HistoryLine] = []
        var pending = erasures[...]
        for event in events {
            while let erasure = pending.first, erasure.erasedAt < event.occurredAt {
                lines.append(.erasure(erasure))
                pending.removeFirst()
            }
            lines.append(.event(event))
        }
        return lines + pending.map(HistoryLine.erasure)
    }

    /// The line's cells in the history table: time, cohort, from, to, actor, note.
    public var cells: [String] {
        switch self {
        case .event(let event):
            [minute(event.occurredAt), event.cohort, event.from.rawValue, event.to.rawValue, event.actor, event.note ?? ""]
        case .erasure(let erasure):
            [minute(erasure.erasedAt), "", "", "erased", erasure.actor, Self.note(erasure)]
        }
    }

    /// An erasure's note: what was erased and why.
    public static func note(_ erasure: ErasureEntry) -> String {
        "personal data erased (law 09-08): \(erasure.fields)" + (erasure.reason.map { "; \($0)" } ?? "")
    }

    private enum ErasureKeys: String, CodingKey {
        case kind, id, occurredAt, actor, note, reason, founders, fields
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .event(let event):
            try event.encode(to: encoder)
        case .erasure(let erasure):
            // Beside the stage events' keys (`occurredAt`, `actor`, `note`), `kind` tells it apart.
            var container = encoder.container(keyedBy: ErasureKeys.self)
            try container.encode("erasure", forKey: .kind)
            try container.encode(erasure.id, forKey: .id)
            try container.encode(erasure.erasedAt, forKey: .occurredAt)
            try container.encode(erasure.actor, forKey: .actor)
            try container.encode(Self.note(erasure), forKey: .note)
            try container.encodeIfPresent(erasure.reason, forKey: .reason)
            try container.encode(erasure.founders, forKey: .founders)
            try container.encode(erasure.fields, forKey: .fields)
        }
    }
}
