import AcceleratorDomain
import AcceleratorStore

/// The mentors and their current mentees, as `mentors` prints them.
public enum MentorTable {
    /// One row per current mentee; the mentor and their load (column `#`: how many applications they
    /// follow now; a narrow column, so that the table keeps its 80 columns) are on the first of their rows.
    public static func text(_ mentors: [MentorListing]) -> String {
        var rows: [[String]] = []
        for mentor in mentors {
            if mentor.mentees.isEmpty {
                rows.append([mentor.mentor, mentor.organisation, "(none now)", "", "", "", "0"])
            }
            for (index, mentee) in mentor.mentees.enumerated() {
                rows.append([
                    index == 0 ? mentor.mentor : "", index == 0 ? mentor.organisation : "", mentee.startup, mentee.cohort,
                    mentee.stage.rawValue, mentee.assignedOn, index == 0 ? "\(mentor.load)" : "",
                ])
            }
        }
        return TextTable(headers: ["mentor", "organisation", "mentee", "cohort", "stage", "since", "#"], rows: rows).render()
    }
}
