import AcceleratorDomain
import AcceleratorStore

/// A decisions file's report for people.
public enum DecisionsSummary {
    /// What the rows did (or would do), and the outcome.
    public static func text(_ report: DecisionsReport) -> String {
        var lines: [String] = ["\(report.file): \(report.dialect.summary)."]
        if !report.alreadyApplied.isEmpty {
            let ids = report.alreadyApplied.map { "#\($0)" }.joined(separator: ", ")
            lines.append("This file (same SHA-256) was already applied as batch \(ids).")
        }
        if !report.ignoredColumns.isEmpty {
            lines.append("note: ignored columns that are not decisions columns: \(report.ignoredColumns.map { "“\($0)”" }.joined(separator: ", ")).")
        }
        let verb = report.committed ? "" : "would move "
        for row in report.rows {
            if row.changed {
                lines.append("line \(row.line): \(row.startup) (\(row.cohort)): \(verb)\(row.from) → \(row.to)")
            } else if row.from == row.to {
                lines.append("line \(row.line): \(row.startup) (\(row.cohort)) is already \(row.to): nothing to do")
            } else {
                lines.append("line \(row.line): \(row.startup) (\(row.cohort)) already reached \(row.to) (now \(row.from)): nothing to do")
            }
        }
        let counts = "\(report.moves) move\(report.moves == 1 ? "" : "s"), \(report.unchanged) unchanged"
        if !report.problems.isEmpty {
            lines.append("Refused: nothing applied.")
        } else if report.dryRun {
            lines.append("Dry run, nothing written: \(counts).")
        } else if let batch = report.batchId {
            lines.append("Applied as batch \(batch): \(counts). Undo with `accelerator imports undo \(batch)`.")
        } else {
            lines.append("Nothing changed: \(counts).")
        }
        return lines.joined(separator: "\n")
    }

    /// The last line of a refused file, worded as every refusal is.
    public static func refusal(_ report: DecisionsReport) -> String {
        let count = report.problems.count
        return "nothing applied: \(count) problem\(count == 1 ? "" : "s") in \(report.file); fix \(count == 1 ? "it" : "them") and run decisions again"
    }
}
