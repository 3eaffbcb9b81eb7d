import AcceleratorDomain
import GRDB

/// A startup that a name could mean.
public struct StartupCandidate: Sendable, Equatable, Codable {
    /// The startup's id.
    public var id: Int64
    /// Its name.
    public var name: String
    /// Its city.
    public var city: String
    /// Its ICE, if any.
    public var ice: String?

    /// Creates a candidate.
    public init(id: Int64, name: String, city: String, ice: String?) {
        self.id = id
        self.name = name
        self.city = city
        self.ice = ice
    }
}

/// A request refused because of what the user asked: nothing was changed.
public enum OperationError: Error, Equatable, CustomStringConvertible {
    /// No startup matches the reference.
    case unknownStartup(String, suggestions: [StartupCandidate] = [])
    /// The reference is not an id or an ICE, and has no letter or digit to compare a name by.
    case referenceWithoutLetterOrDigit(String)
    /// Several startups match the reference.
    /// At most ten candidates are listed; `more` says how many others match.
    case ambiguousStartup(String, candidates: [StartupCandidate], more: Int = 0)
    /// The startup has several applications and no cohort was given.
    case cohortNeeded(startup: String, cohorts: [String])
    /// The startup has no application in that cohort.
    case noApplicationInCohort(startup: String, cohort: String)
    /// The startup has no application at all.
    case noApplication(startup: String)
    /// `cohort add` for a cohort that exists.
    case cohortExists(String)
    /// A cohort code that cannot be used.
    case invalidCohortCode(String)
    /// A capacity below one.
    case invalidCapacity(Int)
    /// The rules refused a move.
    case moveRefused(startup: String, cohort: String, target: Stage, refusals: [Refusal])
    /// The application is not eligible.
    case ineligible(startup: String, issues: [EligibilityIssue])
    /// The startup already applied to that cohort.
    case alreadyApplied(startup: String, cohort: String, stage: Stage)
    /// The ICE given is one startup's while the name and lead e-mail are another's.
    case identityConflict(IdentityConflict)
    /// A rules file was refused.
    case invalidRules(path: String, error: RulesFileError)

    public var description: String { message(.commandLine) }

    /// The message, with the inputs it points to worded by the front end, on one line unless the
    /// wording lets it span lines (an ambiguous name's candidates, one per line).
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .unknownStartup(let reference, let suggestions):
            let guess = suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "“\($0.name)” (#\($0.id))" }.joined(separator: ", ") + "?"
            return "no startup matches “\(reference)”: give its id, its ICE or its name (see \(wording.name(.listStartups)))" + guess
        case .referenceWithoutLetterOrDigit(let reference):
            return "“\(reference)” has no letter or digit to look up a startup by: give its id or its ICE "
                + "(see \(wording.name(.listStartups)))"
        case .ambiguousStartup(let reference, let candidates, let more):
            let lines = candidates.map { candidate in
                "#\(candidate.id) \(candidate.name) (\(candidate.city)\(candidate.ice.map { ", ICE \($0)" } ?? ""))"
            } + (more > 0 ? ["and \(more) more"] : [])
            let listed = wording.spansLines ? ":\n  " + lines.joined(separator: "\n  ") : ": " + lines.joined(separator: "; ")
            return "“\(reference)” matches \(candidates.count + more) startups; nothing was changed. Give the id or the ICE of one of them"
                + listed
        case .cohortNeeded(let startup, let cohorts):
            return "\(startup) has applications in \(cohorts.joined(separator: ", ")); say which \(wording.pointing(to: .cohort, value: nil))"
        case .noApplicationInCohort(let startup, let cohort):
            return "\(startup) has no application in cohort \(cohort)"
        case .noApplication(let startup):
            return "\(startup) has no application"
        case .cohortExists(let code):
            return "cohort \(code) already exists (see \(wording.name(.listCohorts)))"
        case .invalidCohortCode(let code):
            return "“\(code)” is not a cohort code: use letters, digits and dashes, e.g. 2026-A"
        case .invalidCapacity(let capacity):
            return "a cohort's capacity must be at least 1, not \(capacity)"
        case .moveRefused(let startup, let cohort, let target, let refusals):
            return Self.refusalMessage(startup: startup, cohort: cohort, target: target, refusals: refusals, explaining: wording.explain)
        case .ineligible(let startup, let issues):
            let errors = issues.filter { $0.severity == .error }.map(\.description)
            return "\(startup.isEmpty ? "the application" : startup) cannot apply: " + errors.joined(separator: "; ")
        case .identityConflict(let conflict):
            return conflict.description
        case .alreadyApplied(let startup, let cohort, let stage):
            return "\(startup) already applied to cohort \(cohort) (stage \(stage)); see \(wording.name(.showStartup))"
        case .invalidRules(let path, let error):
            return "\(path): \(error.description); the rules in force were kept"
        }
    }

    /// What the refusal is about, as data.
    public var facts: ErrorFacts {
        switch self {
        case .unknownStartup(let reference, let suggestions):
            ErrorFacts(value: reference, candidates: suggestions.isEmpty ? nil : suggestions.map { ErrorFacts.Candidate(id: $0.id, name: $0.name) })
        case .referenceWithoutLetterOrDigit(let reference):
            ErrorFacts(value: reference)
        case .ambiguousStartup(let reference, let candidates, _):
            ErrorFacts(value: reference, candidates: candidates.map { ErrorFacts.Candidate(id: $0.id, name: $0.name) })
        case .cohortNeeded(let startup, _):
            ErrorFacts(missing: [UserInput.cohort.fieldName], startup: startup)
        case .noApplicationInCohort(let startup, let cohort), .alreadyApplied(let startup, let cohort, _):
            ErrorFacts(startup: startup, cohort: cohort)
        case .noApplication(let startup):
            ErrorFacts(startup: startup)
        case .cohortExists(let code), .invalidCohortCode(let code):
            ErrorFacts(cohort: code)
        case .invalidCapacity(let capacity):
            ErrorFacts(value: String(capacity))
        case .moveRefused(let startup, let cohort, _, let refusals):
            ErrorFacts.refusals(refusals).merging(ErrorFacts(startup: startup, cohort: cohort))
        case .ineligible(let startup, let issues):
            ErrorFacts(rules: issues.filter { $0.severity == .error }.map(\.code), startup: startup.isEmpty ? nil : startup)
        case .identityConflict(let conflict):
            ErrorFacts(
                value: conflict.ice,
                candidates: [conflict.iceOwner, conflict.identityOwner].map { ErrorFacts.Candidate(id: $0.id, name: $0.name) })
        case .invalidRules(let path, let error):
            ErrorFacts(file: path, line: error.line)
        }
    }

    /// A refused move in one sentence, each refusal explained by the caller's front end (a
    /// decisions file names its columns, with their plural).
    public static func refusalMessage(
        startup: String,
        cohort: String,
        target: Stage,
        refusals: [Refusal],
        explaining explain: (Refusal) -> String
    ) -> String {
        let verb: String
        switch target {
        case .rejected: verb = "cannot reject \(startup) (\(cohort))"
        case .withdrawn: verb = "cannot withdraw \(startup) (\(cohort))"
        case .applied, .mentored, .funded, .international: verb = "cannot advance \(startup) (\(cohort)) to \(target)"
        }
        return "\(verb): " + refusals.map(explain).joined(separator: "; ")
    }
}

/// An ICE that identifies one startup, given with the name and lead e-mail of another: taking
/// either would silently rename the one or duplicate the other, so the row is refused.
public struct IdentityConflict: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The ICE given.
    public var ice: String
    /// The startup that has this ICE.
    public var iceOwner: StartupCandidate
    /// The startup that has the name and lead e-mail given.
    public var identityOwner: StartupCandidate

    public var description: String {
        "ICE \(ice) is that of startup #\(iceOwner.id) “\(iceOwner.name)”, but the name and lead e-mail are those of startup "
            + "#\(identityOwner.id) “\(identityOwner.name)”; nothing was changed for it. Check which is right and correct the ICE or the name"
    }

    /// The conflict, when the startup with `ice` (`iceOwner`) is not the one the name and lead
    /// e-mail keys identify.
    static func find(_ db: Database, ice: String, iceOwner: Int64, nameKey: String, emailKey: String?) throws -> IdentityConflict? {
        guard !nameKey.isEmpty, let emailKey,
            let other = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM startup WHERE name_key = ? AND lead_email_key = ? AND id <> ? ORDER BY id LIMIT 1"),
                arguments: [nameKey, emailKey, iceOwner])
        else { return nil }
        func candidate(_ id: Int64) throws -> StartupCandidate {
            let row = try Row.fetchOne(db, sql: "SELECT name, city, ice FROM startup WHERE id = ?", arguments: [id])
            return StartupCandidate(id: id, name: row?["name"] ?? "", city: row?["city"] ?? "", ice: row?["ice"])
        }
        return IdentityConflict(ice: ice, iceOwner: try candidate(iceOwner), identityOwner: try candidate(other))
    }
}
