import AcceleratorStore

/// The likely duplicates, as `duplicates` prints them: each pair as two rows (one per startup, the
/// reasons one per row beside them), pairs apart by a blank row, then a line of totals.
public enum DuplicateTable {
    public static func text(_ report: DuplicateReport) -> String {
        var rows: [[String]] = []
        for pair in report.pairs {
            if !rows.isEmpty { rows.append([]) }
            let sides = [pair.first, pair.second]
            for line in 0..<max(sides.count, pair.reasons.count) {
                let side = line < sides.count ? sides[line] : nil
                rows.append([
                    side.map { "#\($0.startupId) \($0.name)" } ?? "", side?.city ?? "",
                    side?.cohorts.joined(separator: ", ") ?? "", line < pair.reasons.count ? pair.reasons[line].text : "",
                ])
            }
        }
        var lines: [String] = []
        if !rows.isEmpty { lines.append(TextTable(headers: ["startup", "city", "cohorts", "why"], rows: rows).render()) }
        let scope = report.cohort.map { " with a startup in \($0)" } ?? ""
        let count = report.pairs.count
        var total = count == 0
            ? "No likely duplicates\(scope) among \(report.startups) startups."
            : "\(count) likely duplicate pair\(count == 1 ? "" : "s")\(scope) among \(report.startups) startups."
        if report.crowdedKeys > 0 {
            total += " \(report.crowdedKeys) value\(report.crowdedKeys == 1 ? "" : "s") shared by more than "
                + "\(DuplicateReport.crowdLimit) startups (a placeholder phone or website) left out."
        }
        lines.append(total)
        return lines.joined(separator: "\n")
    }
}
