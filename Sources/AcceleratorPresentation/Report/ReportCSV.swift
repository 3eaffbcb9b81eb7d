import AcceleratorCSV
import AcceleratorDomain
import AcceleratorStore

/// The report as RFC 4180 CSV (comma, CRLF, `.` decimals, shares from 0 to 1).
///
/// Without a cohort: one row per cohort, then `all`, to compare cohorts in a spreadsheet. For one
/// cohort: every figure on its own row (`cohort,section,item,currency,metric,value`). Text that
/// users typed (reasons, investors, sectors…) is neutralised against formula injection.
public enum ReportCSV {
    /// The whole report as CSV bytes.
    public static func render(_ report: ProgramReport) throws -> [UInt8] {
        var writer = CSVWriter(format: .rfc4180)
        if report.cohort == nil {
            try comparison(report, into: &writer)
        } else {
            try writer.write(["cohort", "section", "item", "currency", "metric", "value"])
            for figures in report.cohorts { try figureRows(figures, into: &writer) }
        }
        return writer.bytes
    }

    static func comparison(_ report: ProgramReport, into writer: inout CSVWriter) throws {
        let all = report.cohorts + [report.overall].compactMap { $0 }
        var currencies: [String] = []
        for funding in all.flatMap(\.funding) where !currencies.contains(funding.currency) {
            currencies.append(funding.currency)
        }
        currencies.sort()
        var headers = ["cohort", "starts_on", "capacity", "applications", "with_warnings"]
        headers += ["mentored", "funded", "international"].map { "reached_\($0)" }
        headers += ["rejected", "withdrawn"]
        headers += ["applied_to_mentored", "mentored_to_funded", "funded_to_international"]
        headers += Stage.programOrder.map { "now_\($0.rawValue)" }
        for stage in ["applied", "mentored", "funded"] { headers += ["median_days_\(stage)", "p90_days_\(stage)"] }
        for currency in currencies { headers += ["funding_records_\(currency)", "funding_total_\(currency)", "funding_median_\(currency)"] }
        headers.append("market_entries")
        try writer.write(headers)
        for figures in all {
            var row = [figures.cohort, figures.startsOn ?? "", figures.capacity.map(String.init) ?? "", "\(figures.applications)",
                       "\(figures.warnings.applications)"]
            row += [Stage.mentored, .funded, .international].map { "\(figures.step($0)?.reached ?? 0)" }
            row += [Stage.rejected, .withdrawn].map { "\(figures.exit($0)?.count ?? 0)" }
            row += [Stage.applied, .mentored, .funded].map { Figure.share(figures.step($0)?.conversionToNext) }
            row += Stage.programOrder.map { "\(figures.step($0)?.current ?? 0)" }
            for stage in [Stage.applied, .mentored, .funded] {
                let time = figures.time(in: stage)
                row += [time?.medianDays.map(Figure.decimal) ?? "", time?.p90Days.map(Figure.decimal) ?? ""]
            }
            for currency in currencies {
                let funding = figures.funding.first { $0.currency == currency }
                row += [funding.map { "\($0.count)" } ?? "0", funding?.total ?? "", funding?.median ?? ""]
            }
            row.append("\(figures.markets.reduce(0) { $0 + $1.applications })")
            try writer.write(row)
        }
    }

    static func figureRows(_ figures: CohortFigures, into writer: inout CSVWriter) throws {
        let cohort = figures.cohort
        func row(_ section: String, _ item: String, _ currency: String = "", _ metric: String, _ value: String) throws {
            // Items are text users typed (reasons, investors, sectors); values are numbers and dates.
            try writer.write([cohort, section, FormulaGuard.neutralised(item), currency, metric, value])
        }
        try row("summary", "", "", "applications", "\(figures.applications)")
        try row("summary", "", "", "with_warnings", "\(figures.warnings.applications)")
        if let startsOn = figures.startsOn { try row("summary", "", "", "starts_on", startsOn) }
        if let capacity = figures.capacity { try row("summary", "", "", "capacity", "\(capacity)") }
        for step in figures.funnel {
            try row("funnel", step.stage.rawValue, "", "reached", "\(step.reached)")
            try row("funnel", step.stage.rawValue, "", "now", "\(step.current)")
            if step.stage.next != nil {
                try row("funnel", step.stage.rawValue, "", "conversion_to_next", Figure.share(step.conversionToNext))
            }
        }
        for exit in figures.exits {
            try row("exit", exit.stage.rawValue, "", "count", "\(exit.count)")
            for from in exit.fromStages { try row("exit", exit.stage.rawValue, "", "from_\(from.stage.rawValue)", "\(from.count)") }
            for reason in exit.reasons { try row("exit_reason", reason.reason, "", exit.stage.rawValue, "\(reason.count)") }
        }
        for time in figures.timeInStage {
            try row("time_in_stage", time.stage.rawValue, "", "applications", "\(time.applications)")
            try row("time_in_stage", time.stage.rawValue, "", "still_there", "\(time.ongoing)")
            try row("time_in_stage", time.stage.rawValue, "", "median_days", time.medianDays.map(Figure.decimal) ?? "")
            try row("time_in_stage", time.stage.rawValue, "", "p90_days", time.p90Days.map(Figure.decimal) ?? "")
        }
        for funding in figures.funding {
            try row("funding", "", funding.currency, "records", "\(funding.count)")
            try row("funding", "", funding.currency, "total", funding.total)
            try row("funding", "", funding.currency, "median", funding.median ?? "")
            for kind in funding.byKind {
                try row("funding_kind", kind.kind.rawValue, funding.currency, "records", "\(kind.count)")
                try row("funding_kind", kind.kind.rawValue, funding.currency, "total", kind.total)
            }
            for investor in funding.topInvestors {
                try row("investor", investor.investor, funding.currency, "records", "\(investor.count)")
                try row("investor", investor.investor, funding.currency, "total", investor.total)
            }
        }
        for (section, rows) in [("sector", figures.sectors), ("city", figures.cities), ("region", figures.regions)] {
            for breakdown in rows {
                let item = breakdown.value ?? ""
                try row(section, item, "", "applications", "\(breakdown.applications)")
                try row(section, item, "", "mentored", "\(breakdown.mentored)")
                try row(section, item, "", "funded", "\(breakdown.funded)")
                try row(section, item, "", "international", "\(breakdown.international)")
            }
        }
        for market in figures.markets { try row("market", market.country, "", "applications", "\(market.applications)") }
        for warning in figures.warnings.byMessage { try row("warning", warning.reason, "", "applications", "\(warning.count)") }
    }
}
