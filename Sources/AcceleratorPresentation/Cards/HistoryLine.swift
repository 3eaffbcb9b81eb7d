import AcceleratorDomain
import AcceleratorStore

/// A line of the history: a stage event, an erasure of personal data (`accelerator forget`), a
/// void, a note or a recorded correction.
public enum HistoryLine: Encodable, Sendable {
    /// A stage event.
    case event(HistoryEntry)
    /// An erasure of personal data.
    case erasure(ErasureEntry)
    /// An application voided (entered in error).
    case void(VoidEntry)
    /// A note.
    case note(NoteEntry)
    /// A recorded correction (one value changed).
    case change(ChangeEntry)

    /// The stage events in their order, every other line placed by its time among them.
    public static func merge(_ history: StartupHistory) -> [HistoryLine] {
        let others = (history.erasures.map(HistoryLine.erasure) + history.voids.map(HistoryLine.void)
            + history.notes.map(HistoryLine.note) + history.changes.map(HistoryLine.change))
        var pending = others.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)[...]
        var lines: [HistoryLine] = []
        for event in history.events {
            while let other = pending.first, other.time < event.occurredAt {
                lines.append(other)
                pending.removeFirst()
            }
            lines.append(.event(event))
        }
        return lines + pending
    }

    /// When it happened (UTC).
    public var time: String {
        switch self {
        case .event(let event): event.occurredAt
        case .erasure(let erasure): erasure.erasedAt
        case .void(let void): void.voidedAt
        case .note(let note): note.recordedAt
        case .change(let change): change.changedAt
        }
    }

    /// The line's cells in the history table: time, cohort, from, to, actor, note.
    public var cells: [String] {
        switch self {
        case .event(let event):
            [minute(event.occurredAt), event.cohort, event.from.rawValue, event.to.rawValue, event.actor, event.note ?? ""]
        case .erasure(let erasure):
            [minute(erasure.erasedAt), "", "", "erased", erasure.actor, Self.note(erasure)]
        case .void(let void):
            [minute(void.voidedAt), void.cohort, "applied", "void", void.actor, "voided (entered in error): \(void.reason)"]
        case .note(let note):
            [minute(note.recordedAt), note.cohort ?? "", "", "note", note.actor, note.text]
        case .change(let change):
            [minute(change.changedAt), "", "", "changed", change.actor, Self.note(change)]
        }
    }

    /// A correction's note: the field, its value before and after, and why.
    public static func note(_ change: ChangeEntry) -> String {
        let value = { (value: String?) in value ?? (change.erased ? "[erased]" : "none") }
        return "\(change.field): \(value(change.oldValue)) → \(value(change.newValue))" + (change.reason.map { "; \($0)" } ?? "")
    }

    /// An erasure's note: what was erased and why.
    public static func note(_ erasure: ErasureEntry) -> String {
        "personal data erased (law 09-08): \(erasure.fields)" + (erasure.reason.map { "; \($0)" } ?? "")
    }

    private enum ErasureKeys: String, CodingKey {
        case kind, id, occurredAt, actor, note, reason, founders, fields
    }

    private enum OtherKeys: String, CodingKey {
        case kind, id, applicationId, cohort, occurredAt, actor, note, reason, entity, field, oldValue, newValue, erased
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .event(let event):
            try event.encode(to: encoder)
        case .void(let void):
            var container = encoder.container(keyedBy: OtherKeys.self)
            try container.encode("void", forKey: .kind)
            try container.encode(void.applicationId, forKey: .applicationId)
            try container.encode(void.cohort, forKey: .cohort)
            try container.encode(void.voidedAt, forKey: .occurredAt)
            try container.encode(void.actor, forKey: .actor)
            try container.encode(void.reason, forKey: .reason)
        case .note(let note):
            var container = encoder.container(keyedBy: OtherKeys.self)
            try container.encode("note", forKey: .kind)
            try container.encode(note.id, forKey: .id)
            try container.encodeIfPresent(note.applicationId, forKey: .applicationId)
            try container.encodeIfPresent(note.cohort, forKey: .cohort)
            try container.encode(note.recordedAt, forKey: .occurredAt)
            try container.encode(note.actor, forKey: .actor)
            try container.encode(note.text, forKey: .note)
        case .change(let change):
            var container = encoder.container(keyedBy: OtherKeys.self)
            try container.encode("change", forKey: .kind)
            try container.encode(change.id, forKey: .id)
            try container.encode(change.entity.rawValue, forKey: .entity)
            try container.encode(change.field, forKey: .field)
            try container.encodeIfPresent(change.oldValue, forKey: .oldValue)
            try container.encodeIfPresent(change.newValue, forKey: .newValue)
            try container.encode(change.changedAt, forKey: .occurredAt)
            try container.encode(change.actor, forKey: .actor)
            try container.encodeIfPresent(change.reason, forKey: .reason)
            if change.erased { try container.encode(true, forKey: .erased) }
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
