import AcceleratorDomain
import GRDB

/// A report or export refused because of what was asked: nothing was read or written.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The cohort named does not exist.
    case unknownCohort(String, known: [String])
    /// `--as-of` names a day after today: the report cannot know it yet.
    case asOfInFuture(CalendarDate, today: CalendarDate)
    /// The funding of a cohort (`nil`: of every cohort together) in one currency adds up to more
    /// than 64 bits of minor units hold: no total is shown rather than a wrong one.
    case fundingTotalTooLarge(currency: String, cohort: String?)
    /// The funding of one application in one currency adds up to more than 64 bits of minor units
    /// hold: the export stops rather than write a wrong total.
    case applicationFundingTotalTooLarge(currency: String, startup: String, cohort: String)

    public var description: String { message(.commandLine) }

    /// The message, with the day asked for worded by the front end.
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .unknownCohort(let code, let known):
            let list = known.isEmpty ? "there is no cohort yet" : "the cohorts are " + known.joined(separator: ", ")
            return "no cohort \(code): \(list) (see \(wording.name(.listCohorts)))"
        case .asOfInFuture(let day, let today):
            return "\(wording.quoting(.asOf, value: day.description)) is after today (\(today)): a report can only tell what has happened"
        case .fundingTotalTooLarge(let currency, let cohort):
            let whose = cohort.map { "cohort \($0)" } ?? "every cohort together"
            return "the total funding in \(currency) of \(whose) is beyond what Accelerator can add up exactly; "
                + "no report was made"
        case .applicationFundingTotalTooLarge(let currency, let startup, let cohort):
            return "the total funding in \(currency) of \(startup) (\(cohort)) is beyond what Accelerator can add up "
                + "exactly; the export stopped at that application"
        }
    }

    /// What the refusal is about, as data.
    public var facts: ErrorFacts {
        switch self {
        case .unknownCohort(let code, _): ErrorFacts(cohort: code)
        case .asOfInFuture(let day, _): ErrorFacts(value: day.description)
        case .fundingTotalTooLarge(let currency, let cohort): ErrorFacts(value: currency, cohort: cohort)
        case .applicationFundingTotalTooLarge(let currency, let startup, let cohort):
            ErrorFacts(value: currency, startup: startup, cohort: cohort)
        }
    }
}

extension AppDatabase {
    /// Refuses a cohort code that names no cohort, listing the ones that exist.
    static func requireCohort(_ db: Database, _ code: String) throws {
        guard try cohortExists(db, code: code) == false else { return }
        let known = try String.fetchAll(db, sql: "SELECT code FROM cohort ORDER BY code")
        throw ReportError.unknownCohort(code, known: known)
    }
}
