import AcceleratorDomain
import GRDB

/// A report or export refused because of what was asked: nothing was read or written.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The cohort named does not exist.
    case unknownCohort(String, known: [String])
    /// `--as-of` names a day after today: the report cannot know it yet.
    case asOfInFuture(CalendarDate, today: CalendarDate)

    public var description: String {
        switch self {
        case .unknownCohort(let code, let known):
            let list = known.isEmpty ? "there is no cohort yet" : "the cohorts are " + known.joined(separator: ", ")
            return "no cohort \(code): \(list) (see `accelerator cohort list`)"
        case .asOfInFuture(let day, let today):
            return "--as-of \(day) is after today (\(today)): a report can only tell what has happened"
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
