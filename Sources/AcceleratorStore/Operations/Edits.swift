import AcceleratorDomain
import Foundation
import GRDB

/// A new value for a field that may be empty: a value already checked, or none.
public enum FieldEdit<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The field takes this value.
    case set(Value)
    /// The field is emptied.
    case clear

    /// The value the field takes, `nil` when emptied.
    public var value: Value? {
        if case .set(let value) = self { value } else { nil }
    }
}

/// The startup fields an `edit` changes; `nil` leaves a field as it is. Values arrive checked, as
/// an import checks them (the front end parses dates, ICEs, phones, countries and amounts).
public struct StartupEdit: Sendable, Equatable {
    public var name: String?
    public var city: String?
    public var sector: String?
    public var country: CountryCode?
    public var legalName: FieldEdit<String>?
    public var ice: FieldEdit<ICE>?
    public var region: FieldEdit<String>?
    public var foundedOn: FieldEdit<CalendarDate>?
    public var phone: FieldEdit<PhoneNumber>?
    public var website: FieldEdit<String>?
    public var productStage: FieldEdit<String>?
    public var employees: FieldEdit<Int>?
    public var monthlyRevenue: FieldEdit<Money>?
    public var fundingSought: FieldEdit<Money>?
    public var description: FieldEdit<String>?

    /// An edit that changes nothing yet.
    public init() {}
}

/// An edit or a founder change refused; nothing was written.
public enum EditError: Error, Equatable, CustomStringConvertible {
    /// No field was given.
    case nothingToChange(startup: String)
    /// A field that cannot be empty (name, city, sector) was given empty.
    case required(startup: String, field: String)
    /// The ICE is another startup's.
    case iceTaken(startup: String, ice: String, owner: StartupCandidate)
    /// The name and lead e-mail would be another startup's (its identity).
    case sameIdentity(startup: String, other: StartupCandidate)
    /// No founder of the startup matches.
    case unknownFounder(startup: String, founder: String, founders: [String])
    /// Several founders match.
    case ambiguousFounder(startup: String, founder: String, founders: [String])
    /// The lead founder cannot be removed (another must be made lead first).
    case leadRemoved(startup: String, founder: String)
    /// The founder is already recorded.
    case founderExists(startup: String, founder: String)

    /// The error with the inputs and actions named by the caller's front end.
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .nothingToChange(let startup):
            return "nothing to change for \(startup): give at least one field to edit"
        case .required(let startup, let field):
            return "the \(field) of \(startup) cannot be empty; nothing was changed"
        case .iceTaken(let startup, let ice, let owner):
            return "ICE \(ice) is that of startup #\(owner.id) “\(owner.name)”, not \(startup); nothing was changed. "
                + "If they are one company, it was entered twice (see `accelerator duplicates`)"
        case .sameIdentity(let startup, let other):
            return "the name and lead e-mail would be those of startup #\(other.id) “\(other.name)” for \(startup); nothing was "
                + "changed. If they are one company, it was entered twice (see `accelerator duplicates`)"
        case .unknownFounder(let startup, let founder, let founders):
            return "no founder of \(startup) is “\(founder)”: its founders are \(founders.joined(separator: ", "))"
        case .ambiguousFounder(let startup, let founder, let founders):
            return "“\(founder)” matches several founders of \(startup) (\(founders.joined(separator: ", "))): give the e-mail"
        case .leadRemoved(let startup, let founder):
            return "\(founder) is the lead founder of \(startup) and cannot be removed: make another founder the lead first "
                + "(`accelerator founder edit … --lead`)"
        case .founderExists(let startup, let founder):
            return "\(founder) is already a founder of \(startup); nothing was changed"
        }
    }

    public var description: String { message(.commandLine) }
}

extension EditError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .nothingToChange, .required: .invalidInput
        case .iceTaken, .sameIdentity, .founderExists: .conflict
        case .unknownFounder: .notFound
        case .ambiguousFounder: .ambiguous
        case .leadRemoved: .refused
        }
    }

    public var code: String {
        switch self {
        case .nothingToChange: "edit.nothing_to_change"
        case .required: "edit.required"
        case .iceTaken: "edit.ice_taken"
        case .sameIdentity: "edit.same_identity"
        case .unknownFounder: "founder.unknown"
        case .ambiguousFounder: "founder.ambiguous"
        case .leadRemoved: "founder.lead_removed"
        case .founderExists: "founder.exists"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .nothingToChange(let startup): ErrorFacts(startup: startup)
        case .required(let startup, let field): ErrorFacts(missing: [field], startup: startup)
        case .iceTaken(let startup, let ice, let owner):
            ErrorFacts(value: ice, startup: startup, candidates: [ErrorFacts.Candidate(id: owner.id, name: owner.name)])
        case .sameIdentity(let startup, let other):
            ErrorFacts(startup: startup, candidates: [ErrorFacts.Candidate(id: other.id, name: other.name)])
        case .unknownFounder(let startup, let founder, _), .ambiguousFounder(let startup, let founder, _),
            .leadRemoved(let startup, let founder), .founderExists(let startup, let founder):
            ErrorFacts(value: founder, startup: startup)
        }
    }
}

/// What `edit` or a founder change recorded.
public struct EditOutcome: Sendable, Equatable, Encodable {
    /// The startup's id.
    public var startupId: Int64
    /// The startup's name (after the edit).
    public var startup: String
    /// The values changed, as the change log holds them (none when every value was already so).
    public var changes: [ChangeEntry]

    private enum CodingKeys: String, CodingKey {
        case startupId, startup = "startupName", changes
    }
}

extension StartupCandidate {
    /// The candidate of a row with the columns `id, name, city, ice`.
    init(row: Row) {
        self.init(id: row["id"], name: row["name"], city: row["city"], ice: row["ice"])
    }
}

extension AppDatabase {
    /// The other startup whose identity (folded name and lead e-mail) these keys are, if any.
    static func identityOwner(_ db: Database, nameKey: String, emailKey: String?, except id: Int64) throws -> StartupCandidate? {
        guard let emailKey else { return nil }
        return try Row.fetchOne(
            db, sql: "SELECT id, name, city, ice FROM startup WHERE name_key = ? AND lead_email_key = ? AND id <> ?",
            arguments: [nameKey, emailKey, id]
        ).map(StartupCandidate.init(row:))
    }

    /// Changes a startup's fields in one transaction, each changed value recorded in the change log
    /// with the actor and the reason. A value equal to the stored one is not a change.
    public func edit(startup reference: String, _ edit: StartupEdit, actor: String, reason: String?) throws -> EditOutcome {
        try write { db in
            let startup = try Self.resolveStartup(db, reference)
            guard edit != StartupEdit() else { throw EditError.nothingToChange(startup: startup.name) }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM startup WHERE id = ?", arguments: [startup.id]) else {
                throw OperationError.unknownStartup(reference)
            }
            let rules = try Self.rules(db)
            var columns: [(column: String, value: (any DatabaseValueConvertible)?)] = []
            var logged: [FieldChange] = []
            func change(_ field: String, _ column: String, _ value: (any DatabaseValueConvertible)?, text: String?, old: String?) {
                guard text != old else { return }
                columns.append((column, value))
                logged.append(FieldChange(
                    entity: .startup, entityKey: "\(startup.id)", startupId: startup.id, field: field, oldValue: old, newValue: text))
            }
            func required(_ value: String?, _ field: String) throws -> String? {
                guard let value else { return nil }
                let text = CanonicalText.nfc(value.trimmedText)
                guard !text.isEmpty else { throw EditError.required(startup: startup.name, field: field) }
                return text
            }
            func optional(_ value: FieldEdit<String>?) -> FieldEdit<String>? {
                guard case .set(let text)? = value else { return value }
                let canonical = CanonicalText.nfc(text.trimmedText)
                return canonical.isEmpty ? .clear : .set(canonical)
            }
            func text(_ edit: FieldEdit<String>?, _ field: String, _ column: String) {
                guard let edit else { return }
                change(field, column, edit.value, text: edit.value, old: row[column])
            }

            // A new name is a new identity key, checked below against the other startups'.
            var newKey: String?
            if let name = try required(edit.name, "name") {
                let key = TextFolding.folded(name)
                guard !key.isEmpty else { throw EditError.required(startup: startup.name, field: "name") }
                if name != row["name"] as String {
                    newKey = key
                    columns.append(("name_key", key))
                }
                change("name", "name", name, text: name, old: row["name"])
            }
            if let city = try required(edit.city, "city") { change("city", "city", city, text: city, old: row["city"]) }
            if let sector = try required(edit.sector, "sector") {
                let canonical = rules.canonicalSector(sector) ?? sector
                change("sector", "sector", canonical, text: canonical, old: row["sector"])
            }
            if let country = edit.country { change("country", "country", country.code, text: country.code, old: row["country"]) }
            text(optional(edit.legalName), "legal_name", "legal_name")
            text(optional(edit.region), "region", "region")
            text(optional(edit.website), "website", "website")
            text(optional(edit.productStage), "product_stage", "product_stage")
            text(optional(edit.description), "description", "description")
            if let ice = edit.ice {
                let digits = ice.value?.digits
                if let digits, let owner = try Row.fetchOne(
                    db, sql: "SELECT id, name, city, ice FROM startup WHERE ice = ? AND id <> ?", arguments: [digits, startup.id])
                {
                    throw EditError.iceTaken(startup: startup.name, ice: digits, owner: StartupCandidate(row: owner))
                }
                change("ice", "ice", digits, text: digits, old: row["ice"])
            }
            if let founded = edit.foundedOn {
                let day = founded.value?.description
                change("founded_on", "founded_on", day, text: day, old: row["founded_on"])
            }
            if let phone = edit.phone {
                let number = phone.value?.e164
                change("phone", "phone", number, text: number, old: row["phone"])
            }
            if let employees = edit.employees {
                let count = employees.value
                change("employees", "employees", count, text: count.map(String.init), old: (row["employees"] as Int?).map(String.init))
            }
            for (field, amount) in [("monthly_revenue", edit.monthlyRevenue), ("funding_sought", edit.fundingSought)] {
                guard let amount else { continue }
                let money = amount.value
                let old = Self.money(row, field)
                guard money != old else { continue }
                columns.append(("\(field)_minor", money?.minorUnits))
                change(field, "\(field)_currency", money?.currency.code, text: money?.description, old: old?.description)
            }
            if let newKey, let other = try Self.identityOwner(db, nameKey: newKey, emailKey: row["lead_email_key"], except: startup.id) {
                throw EditError.sameIdentity(startup: startup.name, other: other)
            }
            let name = try required(edit.name, "name") ?? startup.name
            guard !columns.isEmpty else { return EditOutcome(startupId: startup.id, startup: name, changes: []) }
            let now = clock.timestamp
            let assignments = (columns.map { "\($0.column) = ?" } + ["updated_at = ?", "last_batch_id = NULL"]).joined(separator: ", ")
            try db.execute(
                sql: "UPDATE startup SET \(assignments) WHERE id = ?",
                arguments: StatementArguments(columns.map(\.value) + [now, startup.id]))
            let recorded = try ChangeLog.record(db, logged, actor: actor, reason: reason, now: now)
            return EditOutcome(startupId: startup.id, startup: name, changes: recorded)
        }
    }

}
