import AcceleratorCSV
import AcceleratorDomain
import AcceleratorStore
import Foundation

/// The cohorts as `cohort list` prints them.
public enum CohortTable {
    /// The table, or how to add the first cohort.
    public static func text(_ cohorts: [CohortSummary]) -> String {
        if cohorts.isEmpty {
            return "No cohorts yet: add one with `accelerator cohort add 2026-A --starts 2026-03-01`."
        }
        return TextTable(
            headers: ["cohort", "starts", "capacity", "applications", "mentored (ever)"],
            rows: cohorts.map { [$0.code, $0.startsOn, "\($0.capacity)", "\($0.applications)", "\($0.mentoredEver)"] }
        ).render()
    }

    /// RFC 4180 CSV: one record per cohort.
    public static func csv(_ cohorts: [CohortSummary]) throws -> [UInt8] {
        var writer = CSVWriter(format: .rfc4180)
        try writer.write(["cohort", "starts_on", "capacity", "applications", "mentored_ever"])
        for cohort in cohorts {
            try writer.write([cohort.code, cohort.startsOn, "\(cohort.capacity)", "\(cohort.applications)", "\(cohort.mentoredEver)"])
        }
        return writer.bytes
    }

    /// What `cohort edit` changed: `Cohort 2026-A: capacity 25 → 30; starts 2026-03-02 → 2026-03-09.`
    public static func edited(_ outcome: CohortEditOutcome) -> String {
        guard !outcome.changes.isEmpty else { return "Cohort \(outcome.cohort.code): every value given is already so; nothing changed." }
        let changes = outcome.changes.map { "\($0.field == "starts_on" ? "starts" : $0.field) \($0.oldValue ?? "none") → \($0.newValue ?? "none")" }
        return "Cohort \(outcome.cohort.code): " + changes.joined(separator: "; ") + " (\(outcome.cohort.mentoredEver) of "
            + "\(outcome.cohort.capacity) places taken)."
    }
}

/// The batches as `imports` prints them, newest first.
public enum BatchTable {
    /// The table, or that there is none.
    public static func text(_ batches: [BatchSummary]) -> String {
        if batches.isEmpty { return "No batches yet." }
        return TextTable(
            headers: ["id", DisplayTime.header("when"), "kind", "file", "ins", "upd", "same", "rej"],
            rows: batches.map { batch in
                // An undone batch says so under its file's name (the wrapping column), which keeps the
                // table within 80 columns without cutting the name.
                let undone = batch.undoneAt.map { " (undone \($0.prefix(10))\(batch.undoneBy.map { " by \($0)" } ?? ""))" } ?? ""
                return [
                    "\(batch.id)", minute(batch.createdAt), batch.kind,
                    URL(fileURLWithPath: batch.file).lastPathComponent + undone, "\(batch.inserted)", "\(batch.updated)",
                    "\(batch.unchanged)", "\(batch.rejected)",
                ]
            },
            wrapping: 3
        ).render()
    }
}

/// The applications as `list` prints them.
public enum ApplicationList {
    /// The table, or that nothing matches.
    public static func table(_ rows: [ApplicationListing]) -> String {
        if rows.isEmpty { return "No applications match." }
        return TextTable(
            headers: ["id", "startup", "cohort", "stage", "sector", "city"],
            rows: rows.map { ["\($0.startupId)", $0.name, $0.cohort, $0.voidedAt == nil ? $0.stage.rawValue : "void", $0.sector, $0.city] }
        ).render()
    }

    /// RFC 4180 CSV: one record per application.
    public static func csv(_ rows: [ApplicationListing]) throws -> [UInt8] {
        var writer = CSVWriter(format: .rfc4180)
        try writer.write(["startup_id", "name", "cohort", "stage", "sector", "city", "ice", "applied_on", "voided_at"])
        for row in rows {
            try writer.write([
                "\(row.startupId)", row.name, row.cohort, row.stage.rawValue, row.sector, row.city, row.ice ?? "", row.appliedOn,
                row.voidedAt ?? "",
            ])
        }
        return writer.bytes
    }
}
