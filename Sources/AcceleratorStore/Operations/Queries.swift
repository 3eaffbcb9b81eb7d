import AcceleratorDomain
import Foundation
import GRDB

/// One application in a listing.
public struct ApplicationListing: Sendable, Equatable, Codable {
    /// The startup's id (what other commands take).
    public var startupId: Int64
    /// The startup's name.
    public var name: String
    /// The cohort.
    public var cohort: String
    /// The current stage.
    public var stage: Stage
    /// The sector.
    public var sector: String
    /// The city.
    public var city: String
    /// The ICE, if any.
    public var ice: String?
    /// The day of the application.
    public var appliedOn: String
    /// When it was voided (entered in error), if it was: listed only with `includeVoid`.
    public var voidedAt: String?

    // In JSON the startup is a reference, as in every listing: `startupId` and `startupName`.
    private enum CodingKeys: String, CodingKey {
        case startupId, name = "startupName", cohort, stage, sector, city, ice, appliedOn, voidedAt
    }
}

/// What narrows a listing; `nil` means any.
public struct ListFilter: Sendable, Equatable {
    /// Only this cohort.
    public var cohort: String?
    /// Only this stage.
    public var stage: Stage?
    /// Only this sector (compared without case or accents).
    public var sector: String?
    /// Only this city (compared without case or accents).
    public var city: String?
    /// Voided applications too (entered in error; left out otherwise).
    public var includeVoid: Bool

    /// Creates a filter.
    public init(cohort: String? = nil, stage: Stage? = nil, sector: String? = nil, city: String? = nil, includeVoid: Bool = false) {
        self.cohort = cohort
        self.stage = stage
        self.sector = sector
        self.city = city
        self.includeVoid = includeVoid
    }
}

/// A founder as shown.
public struct FounderDetails: Sendable, Equatable, Codable {
    /// Full name.
    public var fullName: String
    /// E-mail.
    public var email: String?
    /// Whether this is the lead founder (the contact).
    public var isLead: Bool
}

/// A mentor as shown.
public struct MentorDetails: Sendable, Equatable, Codable {
    /// The mentor.
    public var name: String
    /// The mentor's organisation.
    public var organisation: String
    /// Day assigned.
    public var assignedOn: String
    /// Day the assignment ended (`mentor end`), `nil` while the mentor follows the application.
    public var endedOn: String?
}

/// A funding record as shown.
public struct FundingDetails: Sendable, Equatable {
    /// Amount in minor units.
    public var amountMinor: Int64
    /// The amount written with a decimal point, e.g. `1500000.50`.
    public var amount: String
    /// ISO 4217 currency.
    public var currency: String
    /// Funding kind.
    public var kind: FundingKind
    /// Investor or funder.
    public var investor: String
    /// Day committed.
    public var fundedOn: String
}

/// A market as shown.
public struct MarketDetails: Sendable, Equatable {
    /// ISO country code.
    public var country: String
    /// The country's English name.
    public var countryName: String
    /// The partner, if any.
    public var partner: String?
    /// Day entered.
    public var enteredOn: String
}

/// An extra attribute kept from an imported spreadsheet column that maps to no field.
public struct ExtraAttribute: Sendable, Equatable, Codable {
    /// The column's header.
    public var name: String
    /// The cell's value.
    public var value: String
}

/// One application with everything recorded on it.
public struct ApplicationDetails: Sendable, Equatable {
    /// The application's id.
    public var id: Int64
    /// The cohort.
    public var cohort: String
    /// The current stage.
    public var stage: Stage
    /// The day of the application.
    public var appliedOn: String
    /// Why it ended, for an exit.
    public var exitReason: String?
    /// Eligibility warnings.
    public var warnings: [String]
    /// Extra attributes from the import.
    public var extra: [ExtraAttribute]
    /// Mentors.
    public var mentors: [MentorDetails]
    /// Funding.
    public var funding: [FundingDetails]
    /// Markets.
    public var markets: [MarketDetails]
    /// The void, if the application was entered in error.
    public var void: VoidEntry?
}

/// A startup with its founders and applications. Its JSON is `StartupJSON`, in AcceleratorPresentation.
public struct StartupDetails: Sendable, Equatable {
    /// The startup's id.
    public var id: Int64
    /// Name.
    public var name: String
    /// Registered company name.
    public var legalName: String?
    /// ICE.
    public var ice: String?
    /// City.
    public var city: String
    /// Region.
    public var region: String?
    /// ISO country code.
    public var country: String
    /// Sector.
    public var sector: String
    /// Founding day.
    public var foundedOn: String?
    /// Phone, E.164.
    public var phone: String?
    /// Website.
    public var website: String?
    /// Product stage.
    public var productStage: String?
    /// Head count.
    public var employees: Int?
    /// Monthly revenue.
    public var monthlyRevenueAmount: Money?
    /// Funding sought.
    public var fundingSoughtAmount: Money?
    /// Description.
    public var description: String?
    /// Founders, lead first.
    public var founders: [FounderDetails]
    /// Applications, oldest first.
    public var applications: [ApplicationDetails]
    /// Notes, oldest first.
    public var notes: [NoteEntry]

    /// Monthly revenue as people read it, e.g. `25000.00 MAD`.
    public var monthlyRevenue: String? { monthlyRevenueAmount?.description }
    /// Funding sought as people read it, e.g. `1500000.00 MAD`.
    public var fundingSought: String? { fundingSoughtAmount?.description }
}

/// One stage event.
public struct HistoryEntry: Sendable, Equatable, Codable {
    /// The event's id.
    public var id: Int64
    /// The application's cohort.
    public var cohort: String
    /// When the move happened.
    public var occurredAt: String
    /// The stage left.
    public var from: Stage
    /// The stage reached.
    public var to: Stage
    /// Who moved it.
    public var actor: String
    /// The note or reason.
    public var note: String?
}

/// What `history` shows of a startup: its stage events and, beside them, what else was recorded.
public struct StartupHistory: Sendable, Equatable {
    /// The startup's name.
    public var startup: String
    /// The stage events, oldest first.
    public var events: [HistoryEntry]
    /// The erasures of personal data.
    public var erasures: [ErasureEntry]
    /// The voids of applications entered in error.
    public var voids: [VoidEntry]
    /// The notes.
    public var notes: [NoteEntry]
    /// The recorded corrections (change log).
    public var changes: [ChangeEntry]
}

extension AppDatabase {
    /// The applications matching a filter, by cohort then name.
    public func list(_ filter: ListFilter) throws -> [ApplicationListing] {
        try read { db in
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let cohort = filter.cohort {
                conditions.append("a.cohort_code = ?")
                arguments.append(try Self.cohortCode(cohort))
            }
            if let stage = filter.stage {
                conditions.append("a.stage = ?")
                arguments.append(stage.rawValue)
            }
            if !filter.includeVoid { conditions.append("a.voided_at IS NULL") }
            let sql = """
                SELECT s.id, s.name, s.name_key, a.cohort_code, a.stage, s.sector, s.city, s.ice, a.applied_on, a.voided_at
                  FROM application a JOIN startup s ON s.id = a.startup_id
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                 ORDER BY a.cohort_code, s.name_key, s.id
                """
            let sectorKey = filter.sector.map(TextFolding.compact)
            let cityKey = filter.city.map(TextFolding.compact)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { row in
                let sector: String = row["sector"]
                let city: String = row["city"]
                if let sectorKey, TextFolding.compact(sector) != sectorKey { return nil }
                if let cityKey, TextFolding.compact(city) != cityKey { return nil }
                return ApplicationListing(
                    startupId: row["id"], name: row["name"], cohort: row["cohort_code"],
                    stage: Stage(rawValue: row["stage"]) ?? .applied, sector: sector, city: city,
                    ice: row["ice"], appliedOn: row["applied_on"], voidedAt: row["voided_at"])
            }
        }
    }

    /// Everything recorded on one startup.
    public func details(of reference: String) throws -> StartupDetails {
        try read { db in
            let startup = try Self.resolveStartup(db, reference)
            return try Self.details(db, startupId: startup.id)
        }
    }

    static func details(_ db: Database, startupId: Int64) throws -> StartupDetails {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM startup WHERE id = ?", arguments: [startupId]) else {
            throw OperationError.unknownStartup("\(startupId)")
        }
        let founders = try Row.fetchAll(
            db, sql: "SELECT full_name, email, is_lead FROM founder WHERE startup_id = ? ORDER BY position",
            arguments: [startupId]
        ).map { FounderDetails(fullName: $0["full_name"], email: $0["email"], isLead: $0["is_lead"]) }
        let voids = try Self.voids(db, startupId: startupId)
        let applications = try Row.fetchAll(
            db, sql: "SELECT * FROM application WHERE startup_id = ? ORDER BY id", arguments: [startupId]
        ).map { application in
            let id: Int64 = application["id"]
            let mentors = try Row.fetchAll(
                db, sql: "SELECT mentor_name, organisation, assigned_on, ended_on FROM mentor_assignment WHERE application_id = ? ORDER BY id",
                arguments: [id]
            ).map {
                MentorDetails(
                    name: $0["mentor_name"], organisation: $0["organisation"], assignedOn: $0["assigned_on"], endedOn: $0["ended_on"])
            }
            let funding = try Row.fetchAll(
                db, sql: "SELECT amount_minor, currency, kind, investor, funded_on FROM funding WHERE application_id = ? ORDER BY id",
                arguments: [id]
            ).compactMap(Self.funding(from:)).map { funding in
                FundingDetails(
                    amountMinor: funding.amount.minorUnits, amount: funding.amount.formatted(),
                    currency: funding.amount.currency.code, kind: funding.kind, investor: funding.investor,
                    fundedOn: funding.fundedOn.description)
            }
            let markets = try Row.fetchAll(
                db, sql: "SELECT country, partner, entered_on FROM market_entry WHERE application_id = ? ORDER BY id",
                arguments: [id]
            ).map { market in
                let code: String = market["country"]
                return MarketDetails(
                    country: code, countryName: (try? CountryCode(code))?.englishName ?? code,
                    partner: market["partner"], enteredOn: market["entered_on"])
            }
            return ApplicationDetails(
                id: id, cohort: application["cohort_code"],
                stage: Stage(rawValue: application["stage"]) ?? .applied,
                appliedOn: application["applied_on"], exitReason: application["exit_reason"],
                warnings: JSONText.decodeStrings(application["warnings"]),
                extra: JSONText.decodePairs(application["extra"]).map { ExtraAttribute(name: $0.0, value: $0.1) },
                mentors: mentors, funding: funding, markets: markets, void: voids.first { $0.applicationId == id })
        }
        return StartupDetails(
            id: startupId, name: row["name"], legalName: row["legal_name"], ice: row["ice"], city: row["city"],
            region: row["region"], country: row["country"], sector: row["sector"], foundedOn: row["founded_on"],
            phone: row["phone"], website: row["website"], productStage: row["product_stage"],
            employees: row["employees"],
            monthlyRevenueAmount: money(row, "monthly_revenue"), fundingSoughtAmount: money(row, "funding_sought"),
            description: row["description"], founders: founders, applications: applications,
            notes: try Self.notes(db, startupId: startupId))
    }

    static func money(_ row: Row, _ prefix: String) -> Money? {
        guard let minor: Int64 = row["\(prefix)_minor"], let code: String = row["\(prefix)_currency"],
            let currency = try? CurrencyCode(code)
        else { return nil }
        return Money(minorUnits: minor, currency: currency)
    }

    /// Every stage event of a startup's applications, oldest first, with the startup's name, the
    /// erasures of its personal data (`forget`), the voids, the notes and the recorded corrections,
    /// each oldest first.
    public func history(of reference: String) throws -> StartupHistory {
        try read { db in
            let startup = try Self.resolveStartup(db, reference)
            let events = try Row.fetchAll(db, sql: """
                SELECT e.id, a.cohort_code, e.occurred_at, e.from_stage, e.to_stage, e.actor, e.note
                  FROM stage_event e JOIN application a ON a.id = e.application_id
                 WHERE a.startup_id = ?
                 ORDER BY e.id
                """, arguments: [startup.id]
            ).map { row in
                HistoryEntry(
                    id: row["id"], cohort: row["cohort_code"], occurredAt: row["occurred_at"],
                    from: Stage(rawValue: row["from_stage"]) ?? .applied, to: Stage(rawValue: row["to_stage"]) ?? .applied,
                    actor: row["actor"], note: row["note"])
            }
            return StartupHistory(
                startup: startup.name, events: events, erasures: try Self.erasures(db, startupId: startup.id),
                voids: try Self.voids(db, startupId: startup.id), notes: try Self.notes(db, startupId: startup.id),
                changes: try ChangeLog.changes(db, startupId: startup.id))
        }
    }
}
