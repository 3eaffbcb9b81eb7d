import AcceleratorDomain
import AcceleratorStore

/// An import's report for people: what went wrong row by row, and what was done.
public enum ImportSummary {
    /// The report as text: what went wrong row by row (`error:` and `warning:` lines, for standard
    /// error), and the summary of what was done (for standard output).
    public static func text(_ report: ImportReport, mode: ImportMode) -> (problems: [String], summary: String) {
        var problems: [String] = []
        for error in report.errors {
            problems.append("error: \(Self.describe(error))")
        }
        if report.rejected > report.errors.count {
            problems.append("error: (only the first \(report.errors.count) of \(report.rejected) rows with errors are listed)")
        }
        for warning in report.flagged {
            problems.append("warning: \(Self.describe(warning))")
        }
        if report.warnings > report.flagged.count {
            problems.append("warning: (only the first \(report.flagged.count) of \(report.warnings) warnings are listed)")
        }
        var lines: [String] = []
        lines.append("\(report.file): \(report.dialect.summary).")
        if !report.alreadyImported.isEmpty {
            let ids = report.alreadyImported.map { "#\($0)" }.joined(separator: ", ")
            lines.append("This file (same SHA-256) was already imported as batch \(ids).")
        }
        if report.usedRememberedMapping {
            lines.append("Used the --map choices remembered for this header row.")
        }
        for cohort in report.createdCohorts where report.committed {
            lines.append("Created cohort \(cohort.code) (capacity \(cohort.capacity), starts \(cohort.startsOn)).")
        }
        for duplicate in report.duplicates {
            lines.append("note: line \(duplicate.line) is the same startup as line \(duplicate.earlierLine) (\(duplicate.startup)); the later row wins")
        }
        let counts = "\(report.inserted) inserted, \(report.updated) updated, \(report.unchanged) unchanged, \(report.rejected) rejected, \(report.warnings) warnings"
        let refused = report.rejected > 0 && mode == .allOrNothing
        if report.dryRun {
            lines.append("Dry run, nothing written: \(counts).")
        } else if refused {
            lines.append("Nothing imported.")
        } else if let batch = report.batchId {
            lines.append("Imported as batch \(batch): \(counts).")
        } else {
            lines.append("Nothing changed: \(counts).")
        }
        if let rejectsFile = report.rejectsFile, report.committed {
            lines.append("Rejected rows written to \(rejectsFile) (fix them there and import that file).")
        }
        if !report.extraColumns.isEmpty {
            lines.append("Extra columns kept per application: \(report.extraColumns.joined(separator: ", ")).")
        }
        return (problems, lines.joined(separator: "\n"))
    }

    /// The last line of a refused import, worded as every refusal is: what, where, what to do.
    public static func refusal(_ report: ImportReport) -> String {
        let rows = report.inserted + report.updated + report.unchanged
        let valid = rows == 0 ? "" : ", or import the \(rows) valid row\(rows == 1 ? "" : "s") alone with --skip-invalid"
        let plural = report.rejected == 1 ? "row has" : "rows have"
        return "nothing imported: \(report.rejected) \(plural) errors in \(report.file); fix \(report.rejected == 1 ? "it" : "them") and import the file again\(valid)"
    }

    /// One diagnostic: `line 3, column 5 (email) “value”: reason`.
    public static func describe(_ diagnostic: ImportDiagnostic) -> String {
        var text = "line \(diagnostic.line)"
        if let column = diagnostic.column { text += ", column \(column)" }
        if let header = diagnostic.header { text += " (\(header))" }
        if let value = diagnostic.value, !diagnostic.message.contains(value) {
            text += " “\(value.count > 60 ? String(value.prefix(59)) + "…" : value)”"
        }
        return text + ": " + diagnostic.message
    }
}
