import AcceleratorDomain
import AcceleratorStore
import Foundation

/// The report as one self-contained HTML document for partners and ministries: in French, no
/// external asset and no script (inline CSS, inline SVG charts), printable on A4.
///
/// Every text that comes from the database (cohort codes, reasons, investors, sectors, cities,
/// warning messages) is escaped, in content and in attributes alike.
public enum ReportHTML {
    /// The whole page.
    public static func render(_ report: ProgramReport) -> String {
        let subject = report.cohort.map { "Cohorte \($0)" } ?? "Toutes les cohortes"
        let title = "\(ProgramReport.programName) — \(subject)"
        let main = report.cohort == nil ? report.overall : report.cohorts.first
        var html = """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <p class="program">Technopark Morocco × Plug and Play</p>
            <h1>Programme d'accélération — \(escape(subject))</h1>
            <p class="asof">\(escape(subtitle(report, main)))</p>
            </header>

            """
        guard let figures = main else {
            html += "<p>Aucune candidature au \(escape(frenchDate(report.asOf))).</p>\n</body>\n</html>\n"
            return html
        }
        html += keyFigures(figures)
        let day = frenchDate(report.asOf)
        let funnelNote = "Candidatures ayant atteint chaque étape, à un moment quelconque jusqu'au \(day) inclus ; "
            + "en pourcentage, le passage à l'étape suivante."
        html += section("Entonnoir", note: funnelNote) {
            funnelChart(figures)
        }
        if report.cohort == nil, !report.cohorts.isEmpty {
            html += section("Comparaison des cohortes") { comparison(report) }
        }
        html += section("Sorties") { exits(figures) }
        let durationNote = "En jours, de l'arrivée dans l'étape (la date de candidature pour la première) au mouvement "
            + "suivant, ou au \(day) pour les candidatures qui y sont encore. Médiane et 90ᵉ centile au sens de PERCENTILE.INC."
        html += section("Durée passée dans chaque étape", note: durationNote) {
            durations(figures)
        }
        html += section("Financement") { funding(figures) }
        html += section("Secteurs") {
            barChart(
                figures.sectors.prefix(12).map { ($0.value ?? "Non renseigné", $0.applications, $0.funded) },
                label: "Candidatures et startups financées par secteur", legend: ("Candidatures", "Financées"),
                part: ("financée", "financées"))
                + breakdownTable(figures.sectors, header: "Secteur")
        }
        html += section("Villes") { breakdownTable(figures.cities, header: "Ville") }
        html += section("Régions") { breakdownTable(figures.regions, header: "Région") }
        html += section("Marchés ouverts à l'international") { markets(figures) }
        html += section("Avertissements d'éligibilité") { warnings(figures) }
        html += """
            <footer>Rapport établi par accelerator à partir de l'historique des étapes, \
            arrêté au \(escape(day)) (fin de journée).</footer>
            </body>
            </html>

            """
        return html
    }

    // MARK: - Sections

    static func subtitle(_ report: ProgramReport, _ figures: CohortFigures?) -> String {
        var parts = ["Situation au \(frenchDate(report.asOf)) (fin de journée)"]
        if let startsOn = figures?.startsOn { parts.append("début de la cohorte le \(frenchDate(startsOn))") }
        if let capacity = figures?.capacity { parts.append("capacité \(capacity) places de mentorat") }
        if report.cohort == nil { parts.append("\(report.cohorts.count) cohorte\(report.cohorts.count > 1 ? "s" : "")") }
        return parts.joined(separator: " · ")
    }

    static func keyFigures(_ figures: CohortFigures) -> String {
        var cards: [(String, String)] = [("Candidatures", number(figures.applications))]
        for stage in [Stage.mentored, .funded, .international] {
            cards.append((stageName(stage, plural: true), number(figures.step(stage)?.reached ?? 0)))
        }
        cards.append(("Rejetées", number(figures.exit(.rejected)?.count ?? 0)))
        cards.append(("Retirées", number(figures.exit(.withdrawn)?.count ?? 0)))
        for funding in figures.funding.prefix(2) {
            cards.append(("Financement (\(funding.currency))", amount(funding.total)))
        }
        let items = cards.map { label, value in
            element("div", ["class": "card"], element("span", ["class": "value"], escape(value)) + element("span", ["class": "label"], escape(label)))
        }
        return "<section class=\"kpis\">\n" + items.joined() + "</section>\n"
    }

    static func section(_ title: String, note: String? = nil, _ body: () -> String) -> String {
        var html = "<section>\n<h2>\(escape(title))</h2>\n"
        if let note { html += "<p class=\"note\">\(escape(note))</p>\n" }
        return html + body() + "</section>\n"
    }

    /// One SVG or HTML element, its attribute values and text escaped; `nil` content makes it empty (`<rect …/>`).
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>, _ content: String? = nil) -> String {
        var tag = "<" + name
        for (key, value) in attributes { tag += " \(key)=\"\(escape(value))\"" }
        guard let content else { return tag + "/>\n" }
        return tag + ">" + content + "</\(name)>\n"
    }

    /// An SVG drawing of `width` × `height` user units, as wide as the page allows.
    static func drawing(_ className: String, width: Double, height: Double, label: String, _ content: String) -> String {
        element(
            "svg",
            [
                "class": className, "viewBox": "0 0 \(Int(width)) \(Int(height.rounded(.up)))", "width": "100%", "role": "img",
                "aria-label": label,
            ],
            "\n" + content)
    }

    /// A label right-aligned before a bar.
    static func axisLabel(_ text: String, x: Double, y: Double) -> String {
        element("text", ["class": "axis", "x": format(x), "y": format(y), "text-anchor": "end"], escape(text))
    }

    /// One bar per program stage, as wide as the number that reached it, with the conversion to
    /// the next stage between bars.
    static func funnelChart(_ figures: CohortFigures) -> String {
        let width = 720.0, barHeight = 44.0, gap = 26.0, labelWidth = 150.0
        let steps = figures.funnel
        let largest = Double(max(1, steps.map(\.reached).max() ?? 1))
        let height = Double(steps.count) * barHeight + Double(max(0, steps.count - 1)) * gap + 10
        let span = width - labelWidth - 10
        var svg = ""
        for (index, step) in steps.enumerated() {
            let y = Double(index) * (barHeight + gap) + 5
            let barWidth = max(2, span * Double(step.reached) / largest)
            let name = stageName(step.stage, plural: false)
            svg += axisLabel(name, x: labelWidth - 12, y: y + barHeight / 2 + 5)
            svg += element(
                "rect",
                [
                    "class": "funnel-bar stage-\(step.stage.rawValue)", "data-stage": step.stage.rawValue,
                    "x": format(labelWidth + (span - barWidth) / 2), "y": format(y), "width": format(barWidth),
                    "height": format(barHeight), "rx": "4",
                ],
                element("title", [:], escape("\(name) : \(step.reached)")))
            // The number inside its bar, or beside it when the bar is too narrow to hold it.
            let inside = barWidth >= 48
            let barRight = labelWidth + (span + barWidth) / 2
            svg += element(
                "text",
                [
                    "class": inside ? "bar-value" : "bar-value outside",
                    "x": format(inside ? labelWidth + span / 2 : barRight + 8), "y": format(y + barHeight / 2 + 6),
                    "text-anchor": inside ? "middle" : "start",
                ],
                number(step.reached))
            if step.stage.next != nil, index + 1 < steps.count {
                svg += element(
                    "text",
                    [
                        "class": "conversion", "x": format(labelWidth + span / 2), "y": format(y + barHeight + gap / 2 + 5),
                        "text-anchor": "middle",
                    ],
                    escape("↓ " + percent(step.conversionToNext)))
            }
        }
        return drawing("funnel", width: width, height: height, label: "Entonnoir du programme", svg)
    }

    /// Horizontal bars: a total and, over it, a part of it (applications and those funded).
    static func barChart(
        _ rows: [(label: String, total: Int, part: Int)], label: String, legend: (String, String),
        part: (one: String, many: String)
    ) -> String {
        guard !rows.isEmpty else { return "<p>Aucune donnée.</p>\n" }
        let width = 720.0, rowHeight = 26.0, labelWidth = 190.0, valueWidth = 150.0
        let largest = Double(max(1, rows.map(\.total).max() ?? 1))
        let span = width - labelWidth - valueWidth
        var svg = ""
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            let totalWidth = max(1, span * Double(row.total) / largest)
            svg += axisLabel(truncated(row.label, 28), x: labelWidth - 8, y: y + 15)
            svg += element(
                "rect", ["class": "bar-total", "x": format(labelWidth), "y": format(y), "width": format(totalWidth), "height": "20"],
                element("title", [:], escape("\(row.label) : \(row.total)")))
            if row.part > 0 {
                svg += element(
                    "rect",
                    [
                        "class": "bar-part", "x": format(labelWidth), "y": format(y), "width": format(span * Double(row.part) / largest),
                        "height": "20",
                    ],
                    element("title", [:], escape("\(row.label) : \(row.part)")))
            }
            let partText = row.part > 0 ? " (\(number(row.part)) \(row.part == 1 ? part.one : part.many))" : ""
            svg += element(
                "text", ["class": "bar-label", "x": format(labelWidth + totalWidth + 6), "y": format(y + 15)],
                escape(number(row.total) + partText))
        }
        let legendY = Double(rows.count) * rowHeight + 18
        for (offset, (className, text)) in [("bar-total", legend.0), ("bar-part", legend.1)].enumerated() {
            let x = labelWidth + Double(offset) * 150
            svg += element("rect", ["class": className, "x": format(x), "y": format(legendY - 10), "width": "12", "height": "12"])
            svg += element("text", ["class": "axis", "x": format(x + 18), "y": format(legendY)], escape(text))
        }
        return drawing("bars", width: width, height: Double(rows.count) * rowHeight + 34, label: label, svg)
    }

    /// Bars of amounts (one currency), labelled with the amount.
    static func amountChart(_ rows: [(label: String, minor: Int64, text: String)], currency: String) -> String {
        guard !rows.isEmpty else { return "" }
        let width = 720.0, rowHeight = 26.0, labelWidth = 190.0, valueWidth = 150.0
        let largest = Double(max(1, rows.map(\.minor).max() ?? 1))
        let span = width - labelWidth - valueWidth
        var svg = ""
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            let barWidth = max(1, span * Double(row.minor) / largest)
            svg += axisLabel(truncated(row.label, 28), x: labelWidth - 8, y: y + 15)
            svg += element(
                "rect", ["class": "bar-money", "x": format(labelWidth), "y": format(y), "width": format(barWidth), "height": "20"],
                element("title", [:], escape("\(row.label) : \(row.text)")))
            svg += element("text", ["class": "bar-label", "x": format(labelWidth + barWidth + 6), "y": format(y + 15)], escape(row.text))
        }
        return drawing(
            "bars funding", width: width, height: Double(rows.count) * rowHeight + 8, label: "Financement par nature en \(currency)", svg)
    }

    static func comparison(_ report: ProgramReport) -> String {
        var rows: [[String]] = []
        for figures in report.cohorts + [report.overall].compactMap({ $0 }) {
            let name = figures.cohort == "all" ? "Ensemble" : figures.cohort
            var row = [name, number(figures.applications)]
            for stage in [Stage.mentored, .funded, .international] { row.append(number(figures.step(stage)?.reached ?? 0)) }
            row.append(number(figures.exit(.rejected)?.count ?? 0))
            row.append(number(figures.exit(.withdrawn)?.count ?? 0))
            for stage in [Stage.applied, .mentored, .funded] { row.append(percent(figures.step(stage)?.conversionToNext)) }
            row.append(days(figures.time(in: .applied)?.medianDays))
            row.append(figures.funding.map { escape(amount($0.total) + " " + $0.currency) }.joined(separator: "<br>"))
            rows.append(row)
        }
        return table(
            headers: ["Cohorte", "Candidatures", "Mentorées", "Financées", "International", "Rejetées", "Retirées",
                      "→\u{00A0}mentorat", "→\u{00A0}financement", "→\u{00A0}international", "Jours en candidature (médiane)", "Financement"],
            rows: rows, numericFrom: 1, rawColumns: [11], totalLast: report.overall != nil, className: "compare")
    }

    static func exits(_ figures: CohortFigures) -> String {
        var html = table(
            headers: ["Sortie", "Nombre", "Depuis l'étape"],
            rows: figures.exits.map { exit in
                [stageName(exit.stage, plural: true), number(exit.count),
                 exit.fromStages.map { "\(stageName($0.stage, plural: false)) : \($0.count)" }.joined(separator: ", ")]
            }, numericFrom: 1, numericTo: 1)
        let reasons = figures.exits.flatMap { exit in
            exit.reasons.map { [$0.reason, stageName(exit.stage, plural: false), number($0.count)] }
        }
        if !reasons.isEmpty {
            html += "<h3>Motifs</h3>\n" + table(headers: ["Motif", "Sortie", "Nombre"], rows: reasons, numericFrom: 2)
        }
        return html
    }

    static func durations(_ figures: CohortFigures) -> String {
        table(
            headers: ["Étape", "Candidatures mesurées", "Encore dans l'étape", "Médiane (jours)", "90ᵉ centile (jours)"],
            rows: figures.timeInStage.map {
                [stageName($0.stage, plural: false), number($0.applications), number($0.ongoing), days($0.medianDays), days($0.p90Days)]
            }, numericFrom: 1)
    }

    static func funding(_ figures: CohortFigures) -> String {
        guard !figures.funding.isEmpty else { return "<p>Aucun financement enregistré.</p>\n" }
        var html = table(
            headers: ["Devise", "Financements", "Total", "Médiane"],
            rows: figures.funding.map { [$0.currency, number($0.count), amount($0.total), $0.median.map(amount) ?? "—"] },
            numericFrom: 1)
        for currency in figures.funding {
            html += "<h3>Par nature (\(escape(currency.currency)))</h3>\n"
            html += amountChart(
                currency.byKind.map { (kindName($0.kind), $0.totalMinor, amount($0.total) + " " + currency.currency) },
                currency: currency.currency)
            html += "<h3>Principaux investisseurs (\(escape(currency.currency)))</h3>\n"
            html += table(
                headers: ["Investisseur", "Financements", "Total"],
                rows: currency.topInvestors.map { [$0.investor, number($0.count), amount($0.total)] }, numericFrom: 1)
        }
        return html
    }

    static func breakdownTable(_ rows: [Breakdown], header: String) -> String {
        guard !rows.isEmpty else { return "<p>Aucune donnée.</p>\n" }
        return table(
            headers: [header, "Candidatures", "Mentorées", "Financées", "International"],
            rows: rows.map {
                [$0.value ?? "Non renseigné", number($0.applications), number($0.mentored), number($0.funded), number($0.international)]
            },
            numericFrom: 1)
    }

    static func markets(_ figures: CohortFigures) -> String {
        guard !figures.markets.isEmpty else { return "<p>Aucun marché ouvert.</p>\n" }
        return table(
            headers: ["Pays", "Code", "Startups"],
            rows: figures.markets.map { [$0.frenchName, $0.country, number($0.applications)] }, numericFrom: 2)
    }

    static func warnings(_ figures: CohortFigures) -> String {
        guard !figures.warnings.byMessage.isEmpty else { return "<p>Aucun avertissement.</p>\n" }
        let shown = figures.warnings.byMessage.prefix(15)
        let flagged = figures.warnings.applications
        var html = "<p>\(number(flagged)) candidature\(flagged > 1 ? "s" : "") avec au moins un avertissement.</p>\n"
        html += table(headers: ["Message", "Candidatures"], rows: shown.map { [$0.reason, number($0.count)] }, numericFrom: 1)
        if figures.warnings.byMessage.count > shown.count {
            let others = figures.warnings.byMessage.count - shown.count
            html += "<p class=\"note\">… et \(others) autres messages (voir --format csv ou json).</p>\n"
        }
        return html
    }

    /// A table; cells are escaped except the columns listed in `rawColumns` (already HTML).
    static func table(
        headers: [String], rows: [[String]], numericFrom: Int, numericTo: Int = .max, rawColumns: Set<Int> = [],
        totalLast: Bool = false, className: String? = nil
    ) -> String {
        func cell(_ tag: String, _ text: String, _ index: Int) -> String {
            let numeric = index >= numericFrom && index <= numericTo
            let content = rawColumns.contains(index) ? text : escape(text)
            return "<\(tag)\(numeric ? " class=\"num\"" : "")>\(content)</\(tag)>"
        }
        var html = "<table\(className.map { " class=\"\($0)\"" } ?? "")>\n"
        html += "<thead><tr>" + headers.enumerated().map { cell("th", $1, $0) }.joined() + "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            let total = totalLast && index == rows.count - 1
            html += "<tr\(total ? " class=\"total\"" : "")>" + row.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    // MARK: - Words and numbers, in French

    static func stageName(_ stage: Stage, plural: Bool) -> String {
        switch stage {
        case .applied: plural ? "Candidatures" : "Candidature"
        case .mentored: plural ? "Mentorées" : "Mentorat"
        case .funded: plural ? "Financées" : "Financement"
        case .international: "International"
        case .rejected: plural ? "Rejetées" : "Rejet"
        case .withdrawn: plural ? "Retirées" : "Retrait"
        }
    }

    static func kindName(_ kind: FundingKind) -> String {
        switch kind {
        case .grant: "Subvention"
        case .equity: "Capital"
        case .convertible: "Convertible"
        case .loan: "Prêt"
        case .prize: "Prix"
        }
    }

    /// `1234567` as `1 234 567` (narrow no-break spaces).
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `1500000.50` as `1 500 000,50`.
    static func amount(_ text: String) -> String {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let units = Int(parts[0]) else { return text }
        return number(units) + (parts.count > 1 ? "," + parts[1] : "")
    }

    static func percent(_ share: Double?) -> String {
        guard let share else { return "—" }
        return Figure.decimal(share * 100).replacingOccurrences(of: ".", with: ",") + "\u{202F}%"
    }

    static func days(_ value: Double?) -> String {
        guard let value else { return "—" }
        return Figure.decimal(value).replacingOccurrences(of: ".", with: ",")
    }

    static func frenchDate(_ iso: String) -> String {
        ExportProfile.excelFrench.date(iso: iso)
    }

    static func truncated(_ text: String, _ length: Int) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }

    static func format(_ value: Double) -> String {
        Figure.decimal(value)
    }

    /// Text made safe for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static let style = """

        :root { --ink: #1d2733; --muted: #5d6b7a; --line: #d9e0e7; --accent: #0b6e4f; --accent-2: #7cc4a4; --sand: #f4efe6; --red: #b3413b; }
        * { box-sizing: border-box; }
        body { font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 32px 40px; line-height: 1.45; background: #fff; }
        header { border-bottom: 4px solid var(--accent); padding-bottom: 12px; margin-bottom: 24px; }
        .program { margin: 0; font-size: 14px; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); font-weight: 600; }
        h1 { margin: 4px 0 6px; font-size: 28px; }
        h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 15px; margin: 18px 0 6px; color: var(--muted); }
        .asof, .note { color: var(--muted); font-size: 13px; margin: 0 0 10px; }
        section { margin: 0 0 28px; }
        .kpis { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { flex: 1 1 130px; background: var(--sand); border-radius: 8px; padding: 12px 14px; }
        .card .value { display: block; font-size: 24px; font-weight: 700; }
        .card .label { display: block; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 10px; }
        th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; }
        td { border-bottom: 1px solid var(--line); padding: 5px 8px; vertical-align: top; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        table.compare { font-size: 12px; }
        table.compare th { vertical-align: bottom; }
        tr.total td { font-weight: 700; border-top: 2px solid var(--line); }
        svg { display: block; max-width: 760px; margin: 8px 0 12px; font-family: inherit; }
        svg text { font-size: 14px; fill: var(--ink); }
        svg .axis { fill: var(--muted); font-size: 13px; }
        svg .bar-value { fill: #fff; font-weight: 700; font-size: 16px; }
        svg .bar-value.outside { fill: var(--ink); }
        svg .conversion { fill: var(--muted); font-size: 13px; }
        .funnel-bar { fill: var(--accent); }
        .funnel-bar.stage-mentored { fill: #15805f; }
        .funnel-bar.stage-funded { fill: #2f9a76; }
        .funnel-bar.stage-international { fill: #55b08f; }
        .bar-total { fill: var(--accent-2); }
        .bar-part { fill: var(--accent); }
        .bar-money { fill: #c8963e; }
        svg .bar-label { font-size: 12px; fill: var(--ink); }
        footer { margin-top: 32px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
        @media print {
          @page { size: A4; margin: 14mm; }
          body { padding: 0; max-width: none; font-size: 11px; }
          section { break-inside: avoid; page-break-inside: avoid; }
          .card { background: #fff; border: 1px solid var(--line); }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}
