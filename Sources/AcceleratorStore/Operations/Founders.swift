import AcceleratorDomain
import Foundation
import GRDB

/// What to change of one founder; `nil` leaves it as it is.
public struct FounderEdit: Sendable, Equatable {
    /// The new full name.
    public var fullName: String?
    /// The new e-mail.
    public var email: EmailAddress?
    /// Whether the founder becomes the lead (the startup's contact, part of its identity).
    public var makeLead: Bool

    /// Creates an edit.
    public init(fullName: String? = nil, email: EmailAddress? = nil, makeLead: Bool = false) {
        self.fullName = fullName
        self.email = email
        self.makeLead = makeLead
    }
}

extension AppDatabase {
    /// Adds a founder to a startup, as its lead when `lead`; recorded in the change log.
    public func addFounder(
        startup reference: String, founder: FounderSpec, lead: Bool, actor: String, reason: String?
    ) throws -> EditOutcome {
        try write { db in
            let startup = try Self.resolveStartup(db, reference)
            let founders = try Self.founders(db, startupId: startup.id)
            let name = CanonicalText.nfc(founder.fullName.trimmedText)
            guard !name.isEmpty else { throw EditError.required(startup: startup.name, field: "founder's name") }
            if founders.contains(where: { $0.email?.lowercased() == founder.email.text.lowercased() }) {
                throw EditError.founderExists(startup: startup.name, founder: "\(name) <\(founder.email.text)>")
            }
            let position = (founders.map(\.position).max() ?? -1) + 1
            try db.execute(
                sql: "INSERT INTO founder (startup_id, position, full_name, email, is_lead) VALUES (?, ?, ?, ?, 0)",
                arguments: [startup.id, position, name, founder.email.text])
            let id = db.lastInsertedRowID
            var changes = [FieldChange(
                entity: .founder, entityKey: "\(id)", startupId: startup.id, field: "founder", oldValue: nil,
                newValue: "\(name) <\(founder.email.text)>")]
            if lead || founders.isEmpty {
                changes += try Self.makeLead(db, startup: startup, founderId: id, email: founder.email.text, name: name, from: founders)
            }
            return try Self.finishFounderChange(db, startup: startup, changes, actor: actor, reason: reason, now: clock.timestamp)
        }
    }

    /// Changes a founder (found by name or e-mail, without case or accents): name, e-mail, or the lead.
    public func editFounder(
        startup reference: String, founder: String, _ edit: FounderEdit, actor: String, reason: String?
    ) throws -> EditOutcome {
        try write { db in
            let startup = try Self.resolveStartup(db, reference)
            guard edit != FounderEdit() else { throw EditError.nothingToChange(startup: startup.name) }
            let founders = try Self.founders(db, startupId: startup.id)
            let found = try Self.founder(founder, of: founders, startup: startup)
            var changes: [FieldChange] = []
            let key = "\(found.id)"
            if let fullName = edit.fullName {
                let name = CanonicalText.nfc(fullName.trimmedText)
                guard !name.isEmpty else { throw EditError.required(startup: startup.name, field: "founder's name") }
                try db.execute(sql: "UPDATE founder SET full_name = ? WHERE id = ?", arguments: [name, found.id])
                changes.append(FieldChange(
                    entity: .founder, entityKey: key, startupId: startup.id, field: "founder.name", oldValue: found.fullName, newValue: name))
            }
            if let email = edit.email {
                if founders.contains(where: { $0.id != found.id && $0.email?.lowercased() == email.text.lowercased() }) {
                    throw EditError.founderExists(startup: startup.name, founder: email.text)
                }
                try db.execute(sql: "UPDATE founder SET email = ? WHERE id = ?", arguments: [email.text, found.id])
                changes.append(FieldChange(
                    entity: .founder, entityKey: key, startupId: startup.id, field: "founder.email", oldValue: found.email,
                    newValue: email.text))
                if found.isLead && !edit.makeLead { try Self.setLeadEmail(db, startup: startup, email: email.text) }
            }
            if edit.makeLead && !found.isLead {
                changes += try Self.makeLead(
                    db, startup: startup, founderId: found.id, email: edit.email?.text ?? found.email,
                    name: edit.fullName ?? found.fullName, from: founders)
            } else if edit.makeLead, let email = edit.email {
                try Self.setLeadEmail(db, startup: startup, email: email.text)
            }
            return try Self.finishFounderChange(db, startup: startup, changes, actor: actor, reason: reason, now: clock.timestamp)
        }
    }

    /// Removes a founder who is not the lead; recorded in the change log.
    public func removeFounder(startup reference: String, founder: String, actor: String, reason: String?) throws -> EditOutcome {
        try write { db in
            let startup = try Self.resolveStartup(db, reference)
            let founders = try Self.founders(db, startupId: startup.id)
            let found = try Self.founder(founder, of: founders, startup: startup)
            guard !found.isLead else { throw EditError.leadRemoved(startup: startup.name, founder: found.fullName) }
            try db.execute(sql: "DELETE FROM founder WHERE id = ?", arguments: [found.id])
            let change = FieldChange(
                entity: .founder, entityKey: "\(found.id)", startupId: startup.id, field: "founder",
                oldValue: found.email.map { "\(found.fullName) <\($0)>" } ?? found.fullName, newValue: nil)
            return try Self.finishFounderChange(db, startup: startup, [change], actor: actor, reason: reason, now: clock.timestamp)
        }
    }

    private struct StoredFounder {
        var id: Int64
        var position: Int
        var fullName: String
        var email: String?
        var isLead: Bool
    }

    private static func founders(_ db: Database, startupId: Int64) throws -> [StoredFounder] {
        try Row.fetchAll(
            db, sql: "SELECT id, position, full_name, email, is_lead FROM founder WHERE startup_id = ? ORDER BY position",
            arguments: [startupId]
        ).map { StoredFounder(id: $0["id"], position: $0["position"], fullName: $0["full_name"], email: $0["email"], isLead: $0["is_lead"]) }
    }

    /// The founder meant: by e-mail (without case), else by name (without case or accents), else by
    /// a part of the name that only one founder's has.
    private static func founder(_ reference: String, of founders: [StoredFounder], startup: ResolvedStartup) throws -> StoredFounder {
        let text = reference.trimmedText
        if let byEmail = founders.first(where: { $0.email?.lowercased() == text.lowercased() }) { return byEmail }
        let key = TextFolding.folded(text)
        var matches = founders.filter { TextFolding.folded($0.fullName) == key }
        if matches.isEmpty, !key.isEmpty { matches = founders.filter { TextFolding.folded($0.fullName).contains(key) } }
        let names = founders.map { founder in founder.email.map { "\(founder.fullName) <\($0)>" } ?? founder.fullName }
        guard let first = matches.first else { throw EditError.unknownFounder(startup: startup.name, founder: text, founders: names) }
        guard matches.count == 1 else { throw EditError.ambiguousFounder(startup: startup.name, founder: text, founders: names) }
        return first
    }

    /// Makes a founder the lead: the old lead stays a founder; the startup's identity key follows.
    private static func makeLead(
        _ db: Database, startup: ResolvedStartup, founderId: Int64, email: String?, name: String, from founders: [StoredFounder]
    ) throws -> [FieldChange] {
        let old = founders.first(where: \.isLead)
        try db.execute(sql: "UPDATE founder SET is_lead = 0 WHERE startup_id = ? AND is_lead = 1", arguments: [startup.id])
        try db.execute(sql: "UPDATE founder SET is_lead = 1 WHERE id = ?", arguments: [founderId])
        try setLeadEmail(db, startup: startup, email: email)
        return [FieldChange(
            entity: .startup, entityKey: "\(startup.id)", startupId: startup.id, field: "founder.lead", oldValue: old?.fullName,
            newValue: name)]
    }

    /// The startup's identity key follows its lead's e-mail, unless that makes it another startup's.
    private static func setLeadEmail(_ db: Database, startup: ResolvedStartup, email: String?) throws {
        let key = email?.lowercased()
        let nameKey = try String.fetchOne(db, sql: "SELECT name_key FROM startup WHERE id = ?", arguments: [startup.id]) ?? ""
        if let other = try identityOwner(db, nameKey: nameKey, emailKey: key, except: startup.id) {
            throw EditError.sameIdentity(startup: startup.name, other: other)
        }
        try db.execute(sql: "UPDATE startup SET lead_email_key = ? WHERE id = ?", arguments: [key, startup.id])
    }

    private static func finishFounderChange(
        _ db: Database, startup: ResolvedStartup, _ changes: [FieldChange], actor: String, reason: String?, now: String
    ) throws -> EditOutcome {
        try db.execute(sql: "UPDATE startup SET updated_at = ?, last_batch_id = NULL WHERE id = ?", arguments: [now, startup.id])
        let recorded = try ChangeLog.record(db, changes, actor: actor, reason: reason, now: now)
        return EditOutcome(startupId: startup.id, startup: startup.name, changes: recorded)
    }
}
