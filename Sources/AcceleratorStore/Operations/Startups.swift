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
    /// its folded key is empty, and an empty key never matches. When no name is the same, a unique
    /// prefix of the folded name selects a startup, else a unique substring; a reference matching
    /// nothing is refused with the closest names as suggestions.
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
        let exact = try candidates(db, where: "name_key = ?", key)
        if let found = try resolved(reference, exact) { return found }
        // No exact name: a unique prefix of the folded name, else a unique substring.
        let escaped = key.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let prefix = try candidates(db, where: "name_key LIKE ? ESCAPE '\\'", escaped + "%")
        if let found = try resolved(reference, prefix) { return found }
        let substring = try candidates(db, where: "name_key LIKE ? ESCAPE '\\'", "%" + escaped + "%")
        if let found = try resolved(reference, substring) { return found }
        throw OperationError.unknownStartup(reference, suggestions: try suggestions(db, key: key))
    }

    /// The most candidates an ambiguous reference lists.
    static let listedCandidates = 10

    /// The startups whose name key satisfies `condition` (at most `listedCandidates` + 1, by id),
    /// and how many match in all.
    private static func candidates(_ db: Database, where condition: String, _ value: String) throws -> (rows: [StartupCandidate], total: Int) {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, name, city, ice FROM startup WHERE \(condition) ORDER BY id LIMIT ?"),
            arguments: [value, listedCandidates + 1]
        ).map { StartupCandidate(id: $0["id"], name: $0["name"], city: $0["city"], ice: $0["ice"]) }
        guard rows.count > listedCandidates else { return (rows, rows.count) }
        let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM startup WHERE \(condition)"), arguments: [value]) ?? rows.count
        return (rows, total)
    }

    /// The startup of a single match, `nil` for none; several are ambiguous.
    private static func resolved(_ reference: String, _ found: (rows: [StartupCandidate], total: Int)) throws -> ResolvedStartup? {
        switch found.rows.count {
        case 0: return nil
        case 1: return ResolvedStartup(id: found.rows[0].id, name: found.rows[0].name)
        default:
            let listed = Array(found.rows.prefix(listedCandidates))
            throw OperationError.ambiguousStartup(reference, candidates: listed, more: found.total - listed.count)
        }
    }

    /// Up to three startups whose folded name is closest to `key`, within the edit limit its length
    /// allows: only names of a near length are read, and each distance stops past the limit.
    static func suggestions(_ db: Database, key: String) throws -> [StartupCandidate] {
        let length = key.utf8.count
        let limit = EditDistance.limit(forLength: length)
        let cursor = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT id, name, city, ice, name_key FROM startup
                WHERE length(CAST(name_key AS BLOB)) BETWEEN ? AND ?
                """),
            arguments: [length - limit, length + limit])
        var found: [(distance: Int, candidate: StartupCandidate)] = []
        while let row = try cursor.next() {
            let name: String = row["name_key"]
            guard let distance = EditDistance.bounded(key, name, limit: limit) else { continue }
            found.append((distance, StartupCandidate(id: row["id"], name: row["name"], city: row["city"], ice: row["ice"])))
        }
        return found.sorted { ($0.distance, $0.candidate.id) < ($1.distance, $1.candidate.id) }.prefix(3).map(\.candidate)
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
