import AcceleratorDomain
import AcceleratorStore

/// How report figures are written in text, CSV and HTML.
enum Figure {
    /// A share as a percentage with one decimal (`71.4%`), or `—`.
    static func percent(_ share: Double?) -> String {
        guard let share else { return "—" }
        return decimal(share * 100) + "%"
    }

    /// Days with at most one decimal (`12`, `12.5`), or `—`.
    static func days(_ value: Double?) -> String {
        guard let value else { return "—" }
        return decimal(value)
    }

    /// A number with one decimal, the `.0` left out.
    static func decimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10)
        let fraction = Int(abs(tenths.truncatingRemainder(dividingBy: 10)))
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    /// A share as a number from 0 to 1 with four decimals, for CSV (`0.7143`), or empty.
    static func share(_ share: Double?) -> String {
        guard let share else { return "" }
        let scaled = Int((share * 10_000).rounded())
        let digits = String(scaled % 10_000)
        return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// The title line of a cohort's figures.
    static func heading(_ figures: CohortFigures) -> String {
        if figures.cohort == "all" { return "All cohorts" }
        var parts = ["Cohort \(figures.cohort)"]
        var details: [String] = []
        if let startsOn = figures.startsOn { details.append("starts \(startsOn)") }
        if let capacity = figures.capacity { details.append("capacity \(capacity)") }
        if !details.isEmpty { parts.append("(\(details.joined(separator: ", ")))") }
        return parts.joined(separator: " ")
    }
}

/// The report as plain-text tables that fit 80 columns.
/// The report as plain text for a terminal: the cohorts compared, then the detailed sections.
public enum ReportText {
    /// The whole report.
    public static func render(_ report: ProgramReport) -> String {
        var blocks: [String] = [ProgramReport.programName, "Report as of \(report.asOf) (end of day)"]
        if report.cohort == nil {
            if report.cohorts.isEmpty {
                blocks.append("No application on or before \(report.asOf).")
                return blocks.joined(separator: "\n")
            }
            blocks.append("\nCohorts compared\n" + comparison(report))
            blocks.append("a→m, m→f, f→i: share reaching the next stage; days: median days in applied")
        }
        for figures in report.cohort == nil ? [report.overall].compactMap({ $0 }) : report.cohorts {
            blocks.append(contentsOf: details(figures))
        }
        return blocks.joined(separator: "\n")
    }

    /// One row per cohort, then every cohort together.
    static func comparison(_ report: ProgramReport) -> String {
        let rows = (report.cohorts + [report.overall].compactMap { $0 }).map { figures -> [String] in
            [
                figures.cohort, "\(figures.applications)",
                "\(figures.step(.mentored)?.reached ?? 0)", "\(figures.step(.funded)?.reached ?? 0)",
                "\(figures.step(.international)?.reached ?? 0)", "\(figures.exit(.rejected)?.count ?? 0)",
                "\(figures.exit(.withdrawn)?.count ?? 0)",
                Figure.percent(figures.step(.applied)?.conversionToNext),
                Figure.percent(figures.step(.mentored)?.conversionToNext),
                Figure.percent(figures.step(.funded)?.conversionToNext),
                Figure.days(figures.time(in: .applied)?.medianDays),
            ]
        }
        return TextTable(
            headers: ["cohort", "applied", "ment.", "fund.", "intl", "rej.", "wdr.", "a→m", "m→f", "f→i", "days"],
            rows: rows
        ).render()
    }

    static func details(_ figures: CohortFigures) -> [String] {
        var blocks: [String] = []
        let count = figures.applications
        blocks.append("\n\(Figure.heading(figures)): \(count) application\(count == 1 ? "" : "s"), \(figures.warnings.applications) with warnings")

        blocks.append("\nFunnel (reached = ever, by the end of the day)\n" + TextTable(
            headers: ["stage", "reached", "now", "to next stage"],
            rows: figures.funnel.map { step in
                let conversion = step.stage.next == nil ? "" : Figure.percent(step.conversionToNext)
                return [step.stage.rawValue, "\(step.reached)", "\(step.current)", conversion]
            }
        ).render())

        var exitRows: [[String]] = []
        for exit in figures.exits {
            let from = exit.fromStages.map { "\($0.stage) \($0.count)" }.joined(separator: ", ")
            exitRows.append([exit.stage.rawValue, "\(exit.count)", from.isEmpty ? "—" : "from " + from])
        }
        blocks.append("\nExits\n" + TextTable(headers: ["exit", "count", "left"], rows: exitRows).render())
        let reasons = figures.exits.flatMap { exit in exit.reasons.map { [$0.reason, exit.stage.rawValue, "\($0.count)"] } }
        if !reasons.isEmpty {
            blocks.append("\nExit reasons\n" + TextTable(headers: ["reason", "exit", "count"], rows: reasons).render())
        }

        blocks.append("\nDays in stage (to the next move, or to the report's day)\n" + TextTable(
            headers: ["stage", "applications", "still there", "median", "90th pct"],
            rows: figures.timeInStage.map {
                [$0.stage.rawValue, "\($0.applications)", "\($0.ongoing)", Figure.days($0.medianDays), Figure.days($0.p90Days)]
            }
        ).render())

        if figures.funding.isEmpty {
            blocks.append("\nFunding: none recorded")
        } else {
            blocks.append("\nFunding\n" + TextTable(
                headers: ["currency", "records", "total", "median"],
                rows: figures.funding.map { [$0.currency, "\($0.count)", $0.total, $0.median ?? "—"] }
            ).render())
            blocks.append("\nFunding by kind\n" + TextTable(
                headers: ["currency", "kind", "records", "total"],
                rows: figures.funding.flatMap { funding in
                    funding.byKind.map { [funding.currency, $0.kind.rawValue, "\($0.count)", $0.total] }
                }
            ).render())
            blocks.append("\nTop investors\n" + TextTable(
                headers: ["investor", "currency", "records", "total"],
                rows: figures.funding.flatMap { funding in
                    funding.topInvestors.map { [$0.investor, funding.currency, "\($0.count)", $0.total] }
                }
            ).render())
        }

        let breakdowns = [
            ("Sectors", "sector", figures.sectors), ("Cities", "city", figures.cities), ("Regions", "region", figures.regions),
        ]
        for (title, header, rows) in breakdowns {
            blocks.append("\n\(title)\n" + TextTable(
                headers: [header, "applied", "mentored", "funded", "intl"],
                rows: rows.map {
                    [$0.value ?? "(not given)", "\($0.applications)", "\($0.mentored)", "\($0.funded)", "\($0.international)"]
                }
            ).render())
        }

        if figures.markets.isEmpty {
            blocks.append("\nMarkets entered: none")
        } else {
            blocks.append("\nMarkets entered\n" + TextTable(
                headers: ["country", "code", "applications"],
                rows: figures.markets.map { [$0.name, $0.country, "\($0.applications)"] }
            ).render())
        }

        if figures.warnings.byMessage.isEmpty {
            blocks.append("\nWarnings: none")
        } else {
            let flagged = figures.warnings.applications
            blocks.append("\nWarnings (\(flagged) application\(flagged == 1 ? "" : "s"))\n" + TextTable(
                headers: ["message", "applications"],
                rows: figures.warnings.byMessage.map { [$0.reason, "\($0.count)"] }
            ).render())
        }
        return blocks
    }
}
