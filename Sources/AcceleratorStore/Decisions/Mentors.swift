import AcceleratorDomain
import Foundation
import GRDB

/// An application a mentor currently follows.
public struct Mentee: Sendable, Equatable, Codable {
    /// The startup's id.
    public var startupId: Int64
    /// The startup's name.
    public var startup: String
    /// The application's id.
    public var applicationId: Int64
    /// The application's cohort.
    public var cohort: String
    /// The application's stage: mentored, funded or international.
    public var stage: Stage
    /// The day the mentor was assigned.
    public var assignedOn: String

    // In JSON the startup is a reference: `startupId` and `startupName`.
    private enum CodingKeys: String, CodingKey {
        case startupId, startup = "startupName", applicationId, cohort, stage, assignedOn
    }
}

/// A mentor and the applications they currently follow.
public struct MentorListing: Sendable, Equatable, Codable {
    /// The mentor's name, as first recorded.
    public var mentor: String
    /// The mentor's organisation, as first recorded.
    public var organisation: String
    /// The applications still in the program (mentored, funded or international) that the mentor
    /// follows now (an assignment ended by `mentor end` is left out), by cohort and name; empty when
    /// none is left.
    public var mentees: [Mentee]
    /// The mentor's current load: how many applications they follow now.
    public var load: Int

    // In JSON the listing is the mentor's own record, so the mentor's name is `name`.
    private enum CodingKeys: String, CodingKey {
        case mentor = "name", organisation, load, mentees
    }
}

extension AppDatabase {
    /// Every mentor ever assigned, by name, with their current mentees and load.
    ///
    /// A mentor is the same person across assignments when name and organisation are the same
    /// without case and accents (`Karim Alaoui, Technopark` and `karim alaoui, TECHNOPARK`).
    public func mentors() throws -> [MentorListing] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.mentor_name, m.organisation, m.assigned_on, m.ended_on, a.id AS application_id, a.cohort_code, a.stage,
                       s.id AS startup_id, s.name, s.name_key
                  FROM mentor_assignment m
                  JOIN application a ON a.id = m.application_id
                  JOIN startup s ON s.id = a.startup_id
                 ORDER BY m.id
                """)
            var listings: [MentorListing] = []
            var positions: [String: Int] = [:]
            // Current mentees of each listing, with the startup's name key to sort them by.
            var mentees: [[(cohort: String, nameKey: String, mentee: Mentee)]] = []
            for row in rows {
                let name: String = row["mentor_name"]
                let organisation: String = row["organisation"]
                let key = TextFolding.folded(name) + "\u{1F}" + TextFolding.folded(organisation)
                let position: Int
                if let existing = positions[key] {
                    position = existing
                } else {
                    position = listings.count
                    positions[key] = position
                    listings.append(MentorListing(mentor: name, organisation: organisation, mentees: [], load: 0))
                    mentees.append([])
                }
                let stage = Stage(rawValue: row["stage"]) ?? .applied
                let applicationId: Int64 = row["application_id"]
                // Current mentees only, each once even when assigned twice.
                guard (row["ended_on"] as String?) == nil, [.mentored, .funded, .international].contains(stage),
                    !mentees[position].contains(where: { $0.mentee.applicationId == applicationId })
                else { continue }
                let mentee = Mentee(
                    startupId: row["startup_id"], startup: row["name"], applicationId: applicationId,
                    cohort: row["cohort_code"], stage: stage, assignedOn: row["assigned_on"])
                mentees[position].append((mentee.cohort, row["name_key"], mentee))
            }
            for position in listings.indices {
                listings[position].mentees = mentees[position]
                    .sorted { ($0.cohort, $0.nameKey) < ($1.cohort, $1.nameKey) }
                    .map(\.mentee)
                listings[position].load = listings[position].mentees.count
            }
            return listings.sorted {
                (TextFolding.folded($0.mentor), TextFolding.folded($0.organisation))
                    < (TextFolding.folded($1.mentor), TextFolding.folded($1.organisation))
            }
        }
    }
}
