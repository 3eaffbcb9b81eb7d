import AcceleratorDomain
import AcceleratorStore

/// What a move did, in one line.
public enum MoveSummary {
    /// `Atlas AI (2026-A): applied → mentored.`, or that nothing changed.
    public static func text(_ outcome: MoveOutcome) -> String {
        if outcome.changed {
            return "\(outcome.startup) (\(outcome.cohort)): \(outcome.from) → \(outcome.to)."
        }
        return "\(outcome.startup) (\(outcome.cohort)) is already \(outcome.to): nothing changed."
    }
}

/// What `fund` or `market` recorded, in one line.
public enum RecordSummary {
    /// `Atlas AI (2026-A, funded): recorded funding round …`.
    public static func text(_ outcome: RecordOutcome) -> String {
        "\(outcome.startup) (\(outcome.cohort), \(outcome.stage)): recorded \(outcome.record) \(outcome.summary)."
    }
}

/// What `mentor end` did.
public enum MentorEndSummary {
    /// `Atlas AI (2026-A, funded): Karim Alaoui (Technopark) no longer mentors it, from 2026-03-10 to
    /// 2026-12-04; still mentoring: Leila Haddad (Plug and Play).`
    public static func text(_ outcome: MentorEndOutcome) -> String {
        let remaining = outcome.remaining.isEmpty
            ? "no mentor follows it now"
            : "still mentoring: " + outcome.remaining.map { "\($0.mentorName) (\($0.organisation))" }.joined(separator: ", ")
        return "\(outcome.startup) (\(outcome.cohort), \(outcome.stage)): \(outcome.mentor.mentorName) "
            + "(\(outcome.mentor.organisation)) no longer mentors it, from \(outcome.assignedOn) to \(outcome.endedOn); "
            + "\(remaining)."
    }
}

/// What `void` and `note` recorded, in one line.
public enum CorrectionSummary {
    /// `Atlas AI (2026-A): application #3 voided as entered in error (…); it counts in no report …`
    public static func text(_ outcome: VoidOutcome) -> String {
        "\(outcome.startup) (\(outcome.void.cohort)): application #\(outcome.void.applicationId) voided as entered in error "
            + "(\(outcome.void.reason)); it counts in no report from now on, and `list --include-void` still shows it."
    }

    /// `Atlas AI: changed city Rabat → Salé; sector AI → FinTech.`, or that nothing changed.
    public static func text(_ outcome: EditOutcome) -> String {
        if outcome.changes.isEmpty { return "\(outcome.startup): every value given is already so; nothing changed." }
        return "\(outcome.startup): changed " + outcome.changes.map { change in
            "\(change.field) \(change.oldValue ?? "none") → \(change.newValue ?? "none")"
        }.joined(separator: "; ") + "."
    }

    /// `Atlas AI: note #3 recorded.`
    public static func text(_ outcome: NoteOutcome) -> String {
        "\(outcome.startup)\(outcome.note.cohort.map { " (\($0))" } ?? ""): note #\(outcome.note.id) recorded."
    }
}

/// What `apply` did.
public enum ApplySummary {
    /// The lines: a cohort created, the application, its warnings.
    public static func lines(_ outcome: ApplyOutcome) -> [String] {
        var lines: [String] = []
        if let created = outcome.createdCohort {
            lines.append("Created cohort \(created.code) (capacity \(created.capacity), starts \(created.startsOn)); change it with `accelerator cohort edit` if needed.")
        }
        let known = outcome.existingStartup ? " (a startup already known)" : ""
        lines.append("\(outcome.startupName)\(known) applied to \(outcome.cohort): startup #\(outcome.startupId), application #\(outcome.applicationId).")
        for warning in outcome.warnings {
            lines.append("warning: \(warning)")
        }
        return lines
    }
}

/// What `forget` did.
public enum ErasureSummary {
    /// The lines: what was erased and where it is recorded, or that nothing was left.
    public static func lines(_ outcome: ErasureOutcome) -> [String] {
        if let erasure = outcome.erasure {
            return [
                "Erased the personal data of \(outcome.startupName) (#\(outcome.startupId)): \(erasure.fields).",
                "Recorded as erasure #\(erasure.id) in its history (`accelerator history \(outcome.startupId)`).",
            ]
        }
        let when = outcome.earlier.last.map { " (erased \($0.erasedAt))" } ?? ""
        return ["Nothing left to erase for \(outcome.startupName) (#\(outcome.startupId))\(when)."]
    }
}

/// What an undo did.
public enum UndoSummary {
    /// An import's undo: rows removed and restored, cohorts removed.
    public static func text(_ outcome: UndoOutcome) -> String {
        var lines = ["Undid batch \(outcome.batchId): \(outcome.removed) application(s) removed, \(outcome.restored) row(s) restored."]
        for code in outcome.removedCohorts {
            lines.append("Cohort \(code) removed: this import had created it and no application is left in it.")
        }
        return lines.joined(separator: "\n")
    }

    /// A decisions batch's undo: each application put back, then the counts.
    public static func text(_ outcome: DecisionsUndoOutcome) -> String {
        var lines = outcome.restored.map { "\($0.startup) (\($0.cohort)): \($0.from) → \($0.to)." }
        let count = outcome.restored.count
        lines.append(
            "Undid decisions batch \(outcome.batchId): \(count) application\(count == 1 ? "" : "s") put back, "
                + "\(outcome.removedRecords) mentor, funding or market record\(outcome.removedRecords == 1 ? "" : "s") removed.")
        return lines.joined(separator: "\n")
    }
}
