import AcceleratorDomain
import Foundation
import GRDB

/// A mentor assignment refused or not found; nothing was written.
public enum MentorError: Error, Equatable, CustomStringConvertible {
    /// The mentor already follows the application.
    case alreadyAssigned(startup: String, cohort: String, mentor: MentorAssignment)
    /// No current mentor of the application has that name (`current`: those who follow it).
    case notAssigned(startup: String, cohort: String, name: String, current: [MentorAssignment])
    /// Several current mentors have that name, in different organisations.
    case severalNamed(startup: String, cohort: String, name: String, organisations: [String])
    /// The mentor is the only one of an application still in mentoring.
    case lastMentor(startup: String, cohort: String, mentor: MentorAssignment)
    /// The day given is after today.
    case dateInFuture(CalendarDate)
    /// The end is dated before the assignment.
    case endBeforeAssignment(end: CalendarDate, assignedOn: String)

    /// The error with the inputs and actions named by the caller's front end.
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .alreadyAssigned(let startup, let cohort, let mentor):
            return "\(mentor.mentorName) (\(mentor.organisation)) already mentors \(startup) (\(cohort)); nothing was recorded"
        case .notAssigned(let startup, let cohort, let name, let current):
            let following = current.isEmpty
                ? "no mentor follows it now"
                : "its mentors now: " + current.map { "\($0.mentorName) (\($0.organisation))" }.joined(separator: ", ")
            return "\(name) does not mentor \(startup) (\(cohort)): \(following)"
        case .severalNamed(let startup, let cohort, let name, let organisations):
            return "\(startup) (\(cohort)) has several mentors named \(name), of \(organisations.joined(separator: " and ")): "
                + "say which \(wording.pointing(to: .move(.mentorOrganisation), value: nil))"
        case .lastMentor(let startup, let cohort, let mentor):
            return "\(mentor.mentorName) (\(mentor.organisation)) is the only mentor of \(startup) (\(cohort)), which is mentored: "
                + "assign the next mentor with \(wording.name(.recordMentor)) first, then end this assignment"
        case .dateInFuture(let day):
            return "the day \(day) is in the future: a mentor is assigned or leaves on a day that has come"
        case .endBeforeAssignment(let end, let assignedOn):
            return "the assignment cannot end on \(end), before it began (\(assignedOn))"
        }
    }

    public var description: String { message(.commandLine) }
}

extension MentorError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .alreadyAssigned: .conflict
        case .notAssigned: .notFound
        case .severalNamed: .ambiguous
        case .lastMentor: .refused
        case .dateInFuture, .endBeforeAssignment: .invalidInput
        }
    }

    public var code: String {
        switch self {
        case .alreadyAssigned: "mentor.already_assigned"
        case .notAssigned: "mentor.not_assigned"
        case .severalNamed: "mentor.several_named"
        case .lastMentor: "mentor.last_of_mentored"
        case .dateInFuture: "mentor.date_in_future"
        case .endBeforeAssignment: "mentor.end_before_assignment"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .alreadyAssigned(let startup, let cohort, let mentor), .lastMentor(let startup, let cohort, let mentor):
            ErrorFacts(value: mentor.mentorName, startup: startup, cohort: cohort)
        case .notAssigned(let startup, let cohort, let name, _):
            ErrorFacts(value: name, startup: startup, cohort: cohort)
        case .severalNamed(let startup, let cohort, let name, _):
            ErrorFacts(missing: [MoveInput.mentorOrganisation.fieldName], value: name, startup: startup, cohort: cohort)
        case .dateInFuture(let day), .endBeforeAssignment(let day, _):
            ErrorFacts(value: day.description)
        }
    }
}

/// What `mentor end` recorded.
public struct MentorEndOutcome: Sendable, Equatable {
    /// The startup's id.
    public var startupId: Int64
    /// The startup's name.
    public var startup: String
    /// The application's cohort.
    public var cohort: String
    /// The application's id.
    public var applicationId: Int64
    /// The application's stage (unchanged).
    public var stage: Stage
    /// The mentor whose assignment ended.
    public var mentor: MentorAssignment
    /// The day the assignment began.
    public var assignedOn: String
    /// The day it ended.
    public var endedOn: CalendarDate
    /// The mentors who still follow the application.
    public var remaining: [MentorAssignment]
}

extension AppDatabase {
    /// Assigns a further mentor to an application already mentored, funded or international, on
    /// `day` (today when `nil`), with the same checks as the gate to `mentored` (a name and an
    /// organisation). The stage does not change; the assignment is recorded in the change log.
    public func recordMentor(
        startup reference: String, cohort: String?, draft: MentorDraft, on day: CalendarDate?, today: CalendarDate,
        actor: String
    ) throws -> RecordOutcome {
        try write { db in
            let (startup, application, stage) = try Self.recordTarget(db, reference, cohort: cohort)
            var refusals: [Refusal] = []
            var assignment: MentorAssignment?
            switch StageRules.mentorAssignment(from: draft) {
            case .success(let valid?): assignment = valid
            case .success(nil): refusals.append(.noMentor)
            case .failure(let refusal): refusals.append(refusal)
            }
            let allowed = FurtherRecord.mentor.allowedStages.contains(stage)
            guard allowed, refusals.isEmpty, let assignment else {
                throw RecordRefused(
                    startup: startup.name, cohort: application.cohort, record: .mentor,
                    stageNotAllowed: allowed ? nil : stage, refusals: refusals)
            }
            let assignedOn = day ?? today
            guard assignedOn <= today else { throw MentorError.dateInFuture(assignedOn) }
            let current = try Self.currentMentors(db, applicationId: application.id)
            if current.contains(where: { Self.sameMentor($0.assignment, assignment) }) {
                throw MentorError.alreadyAssigned(startup: startup.name, cohort: application.cohort, mentor: assignment)
            }
            try db.execute(
                sql: """
                    INSERT INTO mentor_assignment (application_id, event_id, mentor_name, organisation, assigned_on)
                    VALUES (?, NULL, ?, ?, ?)
                    """,
                arguments: [application.id, assignment.mentorName, assignment.organisation, assignedOn.description])
            let recordId = db.lastInsertedRowID
            try recordMentorChange(
                db, applicationId: application.id, startupId: startup.id, from: nil, to: assignment, actor: actor, reason: nil)
            return RecordOutcome(
                startup: startup.name, cohort: application.cohort, applicationId: application.id, stage: stage,
                record: .mentor, recordId: recordId,
                summary: "\(assignment.mentorName) (\(assignment.organisation)) since \(assignedOn)",
                mentor: assignment, assignedOn: assignedOn)
        }
    }

    /// Ends a current mentor's assignment on `day` (today when `nil`). The mentor is found by name
    /// (without case or accents), and by organisation when several current mentors share the name.
    /// The only mentor of an application at `mentored` cannot leave it without a successor. The
    /// assignment stays, with its end; the end is recorded in the change log.
    public func endMentor(
        startup reference: String, cohort: String?, mentor name: String, organisation: String?, on day: CalendarDate?,
        today: CalendarDate, actor: String, reason: String?
    ) throws -> MentorEndOutcome {
        try write { db in
            let (startup, application, stage) = try Self.recordTarget(db, reference, cohort: cohort)
            let current = try Self.currentMentors(db, applicationId: application.id)
            let key = TextFolding.folded(name.trimmedText)
            var matches = current.filter { TextFolding.folded($0.assignment.mentorName) == key }
            if let organisation, matches.count > 1 {
                let wanted = TextFolding.folded(organisation.trimmedText)
                matches = matches.filter { TextFolding.folded($0.assignment.organisation) == wanted }
            }
            guard let ending = matches.first else {
                throw MentorError.notAssigned(
                    startup: startup.name, cohort: application.cohort, name: name.trimmedText, current: current.map(\.assignment))
            }
            guard matches.count == 1 else {
                throw MentorError.severalNamed(
                    startup: startup.name, cohort: application.cohort, name: ending.assignment.mentorName,
                    organisations: matches.map(\.assignment.organisation))
            }
            if stage == .mentored && current.count == 1 {
                throw MentorError.lastMentor(startup: startup.name, cohort: application.cohort, mentor: ending.assignment)
            }
            let endedOn = day ?? today
            guard endedOn <= today else { throw MentorError.dateInFuture(endedOn) }
            if let began = try? CalendarDate.parse(ending.assignedOn), endedOn < began {
                throw MentorError.endBeforeAssignment(end: endedOn, assignedOn: ending.assignedOn)
            }
            try db.execute(
                sql: "UPDATE mentor_assignment SET ended_on = ? WHERE id = ?", arguments: [endedOn.description, ending.id])
            try recordMentorChange(
                db, applicationId: application.id, startupId: startup.id, from: ending.assignment, to: nil, actor: actor,
                reason: reason)
            return MentorEndOutcome(
                startupId: startup.id, startup: startup.name, cohort: application.cohort, applicationId: application.id,
                stage: stage, mentor: ending.assignment, assignedOn: ending.assignedOn, endedOn: endedOn,
                remaining: current.filter { $0.id != ending.id }.map(\.assignment))
        }
    }

    /// Marks the application as written outside any batch and records the assignment that began
    /// (`to`) or ended (`from`) in the change log, as `Karim Alaoui (Technopark)`.
    private func recordMentorChange(
        _ db: Database, applicationId: Int64, startupId: Int64, from old: MentorAssignment?, to new: MentorAssignment?,
        actor: String, reason: String?
    ) throws {
        let now = clock.timestamp
        try Self.markWrittenOutsideBatch(db, applicationId: applicationId, now: now)
        let text = { (mentor: MentorAssignment) in "\(mentor.mentorName) (\(mentor.organisation))" }
        try ChangeLog.record(
            db,
            [FieldChange(
                entity: .application, entityKey: "\(applicationId)", startupId: startupId, field: "mentor",
                oldValue: old.map(text), newValue: new.map(text))],
            actor: actor, reason: reason, now: now)
    }

    /// The mentors who follow an application now, in the order assigned.
    static func currentMentors(
        _ db: Database, applicationId: Int64
    ) throws -> [(id: Int64, assignment: MentorAssignment, assignedOn: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, mentor_name, organisation, assigned_on FROM mentor_assignment
                 WHERE application_id = ? AND ended_on IS NULL ORDER BY id
                """,
            arguments: [applicationId]
        ).map { row in
            (row["id"], MentorAssignment(mentorName: row["mentor_name"], organisation: row["organisation"]), row["assigned_on"])
        }
    }

    /// The same person: name and organisation alike without case and accents.
    static func sameMentor(_ one: MentorAssignment, _ other: MentorAssignment) -> Bool {
        TextFolding.folded(one.mentorName) == TextFolding.folded(other.mentorName)
            && TextFolding.folded(one.organisation) == TextFolding.folded(other.organisation)
    }
}
