import AcceleratorDomain
import Foundation
import GRDB

/// What `apply` did.
public struct ApplyOutcome: Sendable, Equatable, Codable {
    /// The startup's id.
    public var startupId: Int64
    /// The new application's id.
    public var applicationId: Int64
    /// The startup's name.
    public var startupName: String
    /// The cohort applied to.
    public var cohort: String
    /// Whether the startup was already known (by ICE, or by name and lead e-mail).
    public var existingStartup: Bool
    /// The cohort created because it did not exist, if any.
    public var createdCohort: CreatedCohort?
    /// The warnings kept on the application.
    public var warnings: [String]
}

extension AppDatabase {
    /// Records one application typed by hand, after the eligibility checks the import also runs.
    public func apply(_ form: ApplicationForm, today: CalendarDate) throws -> ApplyOutcome {
        var form = form.canonical
        form.cohort = try Self.cohortCode(form.cohort)
        let cohort = form.cohort
        return try write { db in
            let rules = try Self.rules(db)
            let existing = try Self.findStartup(db, ice: form.ice, name: form.name, leadEmail: form.leadFounder?.email)
            var open: [(cohort: String, stage: Stage)] = []
            if let existing {
                let applications = try Row.fetchAll(
                    db, sql: "SELECT cohort_code, stage, voided_at IS NOT NULL AS voided FROM application WHERE startup_id = ?",
                    arguments: [existing])
                for row in applications {
                    let stage = Stage(rawValue: row["stage"]) ?? .applied
                    let code: String = row["cohort_code"]
                    if code == cohort {
                        throw OperationError.alreadyApplied(startup: form.name ?? "", cohort: cohort, stage: stage)
                    }
                    // A voided application (entered in error) is not open: the startup may apply elsewhere.
                    if stage.isOpen && !(row["voided"] as Bool) { open.append((code, stage)) }
                }
            }
            let issues = Eligibility.check(form, openApplications: open, rules: rules, today: today)
            if issues.contains(where: { $0.severity == .error }) {
                throw OperationError.ineligible(startup: form.name ?? "", issues: issues)
            }
            let now = clock.timestamp
            let created = try Self.ensureCohort(db, code: cohort, startsOn: today, rules: rules, now: now)
            let startupId = try Self.saveStartup(db, form: form, rules: rules, existingId: existing, now: now)
            let warnings = issues.filter { $0.severity == .warning }.map(\.description)
            try db.execute(
                sql: """
                    INSERT INTO application (startup_id, cohort_code, stage, applied_on, warnings, extra, created_at, updated_at)
                    VALUES (?, ?, 'applied', ?, ?, '[]', ?, ?)
                    """,
                arguments: [startupId, cohort, form.appliedOn.description, JSONText.encode(warnings), now, now]
            )
            return ApplyOutcome(
                startupId: startupId, applicationId: db.lastInsertedRowID, startupName: form.name ?? "",
                cohort: cohort, existingStartup: existing != nil, createdCohort: created, warnings: warnings
            )
        }
    }

    /// The startup that is the same as the form's: same ICE, else same normalised name and lead e-mail.
    static func findStartup(_ db: Database, ice: ICE?, name: String?, leadEmail: EmailAddress?) throws -> Int64? {
        if let ice {
            if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM startup WHERE ice = ?"), arguments: [ice.digits]) {
                // The ICE wins, unless the name and lead e-mail are another startup's: never a silent takeover.
                if let name, let conflict = try IdentityConflict.find(
                    db, ice: ice.digits, iceOwner: id, nameKey: TextFolding.folded(name), emailKey: leadEmail?.text.lowercased())
                {
                    throw OperationError.identityConflict(conflict)
                }
                return id
            }
        }
        // An empty name key (a name of symbols only) never matches: it would make one startup of all such names.
        guard let name, let leadEmail, case let key = TextFolding.folded(name), !key.isEmpty else { return nil }
        return try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM startup WHERE name_key = ? AND lead_email_key = ? ORDER BY id LIMIT 1
            """), arguments: [key, leadEmail.text.lowercased()])
    }

    /// Inserts or updates a startup and its founders from a form; returns its id.
    static func saveStartup(_ db: Database, form: ApplicationForm, rules: ProgramRules, existingId: Int64?, now: String) throws -> Int64 {
        let name = form.name ?? ""
        let sector = form.sector.map { rules.canonicalSector($0) ?? $0 } ?? ""
        let values: [(String, (any DatabaseValueConvertible)?)] = [
            ("name", name),
            ("name_key", TextFolding.folded(name)),
            ("legal_name", form.legalName),
            ("ice", form.ice?.digits),
            ("city", form.city ?? ""),
            ("region", form.region),
            ("country", (form.country ?? .morocco).code),
            ("sector", sector),
            ("founded_on", form.foundedOn?.description),
            ("phone", form.phone?.e164),
            ("website", form.website),
            ("product_stage", form.productStage),
            ("employees", form.employees),
            ("monthly_revenue_minor", form.monthlyRevenue?.minorUnits),
            ("monthly_revenue_currency", form.monthlyRevenue?.currency.code),
            ("funding_sought_minor", form.fundingSought?.minorUnits),
            ("funding_sought_currency", form.fundingSought?.currency.code),
            ("description", form.description),
            ("lead_email_key", form.leadFounder?.email?.text.lowercased()),
            ("last_batch_id", nil),
        ]
        let startupId: Int64
        if let existingId {
            let assignments = values.map { "\($0.0) = ?" }.joined(separator: ", ")
            try db.execute(
                sql: "UPDATE startup SET \(assignments), updated_at = ? WHERE id = ?",
                arguments: StatementArguments(values.map(\.1) + [now, existingId])
            )
            try db.execute(sql: "DELETE FROM founder WHERE startup_id = ?", arguments: [existingId])
            startupId = existingId
        } else {
            let columns = values.map(\.0).joined(separator: ", ")
            let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
            try db.execute(
                sql: "INSERT INTO startup (\(columns), created_at, updated_at) VALUES (\(marks), ?, ?)",
                arguments: StatementArguments(values.map(\.1) + [now, now])
            )
            startupId = db.lastInsertedRowID
        }
        for (position, founder) in form.founders.enumerated() {
            try db.execute(
                sql: "INSERT INTO founder (startup_id, position, full_name, email, is_lead) VALUES (?, ?, ?, ?, ?)",
                arguments: [startupId, position, founder.fullName, founder.email?.text, position == 0]
            )
        }
        return startupId
    }

    // MARK: - Finding a startup

    /// A startup found from what the user typed.
    struct ResolvedStartup {
        var id: Int64
        var name: String
    }

    /// Finds the startup a user means: its numeric id, its ICE, or its name compared without
    /// case and accents. A reference with no letter or digit is refused rather than looked up:
    /// its folded key is empty, and an empty key never matches.
    static func resolveStartup(_ db: Database, _ reference: String) throws -> ResolvedStartup {
        let text = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if let ice = try? ICE(text),
            let row = try Row.fetchOne(db, sql: "SELECT id, name FROM startup WHERE ice = ?", arguments: [ice.digits])
        {
            return ResolvedStartup(id: row["id"], name: row["name"])
        }
        if let id = Int64(text),
            let row = try Row.fetchOne(db, sql: "SELECT id, name FROM startup WHERE id = ?", arguments: [id])
        {
            return ResolvedStartup(id: row["id"], name: row["name"])
        }
        let key = TextFolding.folded(text)
        guard !key.isEmpty else { throw OperationError.referenceWithoutLetterOrDigit(reference) }
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, name, city, ice FROM startup WHERE name_key = ? ORDER BY id", arguments: [key])
        switch rows.count {
        case 0:
            throw OperationError.unknownStartup(reference)
        case 1:
            return ResolvedStartup(id: rows[0]["id"], name: rows[0]["name"])
        default:
            throw OperationError.ambiguousStartup(reference, candidates: rows.map { row in
                StartupCandidate(id: row["id"], name: row["name"], city: row["city"], ice: row["ice"])
            })
        }
    }

    /// The application a command is about: the only one, the one in `cohort`, or, when the startup
    /// applied several times, its only open one (neither an exit nor voided).
    static func resolveApplication(_ db: Database, startup: ResolvedStartup, cohort: String?) throws -> (id: Int64, cohort: String) {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, cohort_code, stage, voided_at IS NOT NULL AS voided FROM application WHERE startup_id = ? ORDER BY id",
            arguments: [startup.id])
        if let cohort {
            let code = try cohortCode(cohort)
            guard let row = rows.first(where: { ($0["cohort_code"] as String) == code }) else {
                throw OperationError.noApplicationInCohort(startup: startup.name, cohort: code)
            }
            return (row["id"], code)
        }
        switch rows.count {
        case 0:
            throw OperationError.noApplication(startup: startup.name)
        case 1:
            return (rows[0]["id"], rows[0]["cohort_code"])
        default:
            let open = rows.filter { row in
                !(row["voided"] as Bool) && Stage(rawValue: row["stage"]).map { !$0.isExit } ?? false
            }
            if open.count == 1 { return (open[0]["id"], open[0]["cohort_code"]) }
            throw OperationError.cohortNeeded(startup: startup.name, cohorts: rows.map { $0["cohort_code"] })
        }
    }
}
