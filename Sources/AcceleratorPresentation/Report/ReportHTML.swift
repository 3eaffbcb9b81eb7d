import AcceleratorDomain
import AcceleratorStore

/// The report as one self-contained HTML document for partners and ministries: in French, no
/// external asset and no script (inline CSS, inline SVG charts), printable on A4.
///
/// The page is written by the Mustache templates of `ReportTemplates` from the values below, all
/// plain texts: every text that comes from the database (cohort codes, reasons, investors, sectors,
/// cities, warning messages) is escaped by the template, in content and in attributes alike. Only
/// the SVG drawings are written as they are, and they escape their own texts (`ReportCharts`).
public enum ReportHTML {
    /// The whole page.
    public static func render(_ report: ProgramReport) -> String {
        ReportTemplates.render(page(report))
    }

    // MARK: - What the templates show

    /// The page: its headings and, when there is any application, the figures of the cohort asked
    /// for or of every cohort together.
    struct Page {
        var title: String
        var subject: String
        var subtitle: String
        /// The report's day, in French.
        var day: String
        var figures: Figures?
    }

    /// The sections of the page, in order.
    struct Figures {
        /// The counts of applications: received, at each program stage, at each exit.
        var counts: [Card]
        /// The totals of funding, one card per currency: amounts in two currencies are never added.
        var money: MoneyCards?
        var funnelChart: String
        var comparison: Table?
        var exits: Table
        var reasons: Table?
        var durations: Table
        var fundingTable: Table?
        var currencies: [CurrencySection]
        var sectorChart: String
        var sectors: Table?
        var cities: Table?
        var regions: Table?
        var markets: Table?
        var warnings: Warnings?
    }

    /// A key figure.
    struct Card {
        var value: String
        var label: String
    }

    /// The key figures of funding.
    struct MoneyCards {
        var cards: [MoneyCard]
    }

    /// The total of one currency.
    struct MoneyCard {
        var amount: String
        var currency: String
        var label: String
    }

    /// The funding of one currency, by kind and by investor.
    struct CurrencySection {
        var code: String
        var kindChart: String
        var investors: Table
    }

    /// The eligibility warnings.
    struct Warnings {
        var flagged: String
        var messages: Table
        /// A note when some messages are left out.
        var others: String?
    }

    /// A table of texts; numeric columns are right-aligned, the last row may be a total.
    struct Table {
        var compare: Bool
        var headers: [Header]
        var rows: [Row]
    }

    /// A column's heading.
    struct Header {
        var text: String
        var numeric: Bool
    }

    /// A row of a table.
    struct Row {
        var total: Bool
        var cells: [Cell]
    }

    /// A cell of a table: its text in one line or more.
    struct Cell {
        var lines: [String]
        var numeric: Bool
    }

    static func page(_ report: ProgramReport) -> Page {
        let subject = report.cohort.map { "Cohorte \($0)" } ?? "Toutes les cohortes"
        let main = report.cohort == nil ? report.overall : report.cohorts.first
        return Page(
            title: "\(ProgramReport.programName) — \(subject)", subject: subject, subtitle: subtitle(report, main),
            day: frenchDate(report.asOf), figures: main.map { figures($0, of: report) })
    }

    static func figures(_ figures: CohortFigures, of report: ProgramReport) -> Figures {
        let sectors = figures.sectors.map { sector in
            var sector = sector
            sector.value = sector.value.map(sectorName)
            return sector
        }
        return Figures(
            counts: counts(figures), money: money(figures), funnelChart: funnelChart(figures),
            comparison: report.cohort == nil && !report.cohorts.isEmpty ? comparison(report) : nil,
            exits: exits(figures), reasons: reasons(figures), durations: durations(figures),
            fundingTable: fundingTable(figures), currencies: currencies(figures),
            sectorChart: barChart(
                sectors.prefix(12).map { ($0.value ?? "Non renseigné", $0.applications, $0.funded) },
                label: "Candidatures et startups financées par secteur", legend: ("Candidatures", "Financées"),
                part: ("financée", "financées")),
            sectors: breakdownTable(sectors, header: "Secteur"), cities: breakdownTable(figures.cities, header: "Ville"),
            regions: breakdownTable(figures.regions, header: "Région"), markets: markets(figures),
            warnings: warnings(figures))
    }

    static func subtitle(_ report: ProgramReport, _ figures: CohortFigures?) -> String {
        var parts = ["Situation au \(frenchDate(report.asOf)) (fin de journée)"]
        if let startsOn = figures?.startsOn { parts.append("début de la cohorte le \(frenchDate(startsOn))") }
        if let capacity = figures?.capacity { parts.append("capacité \(capacity) places de mentorat") }
        if report.cohort == nil { parts.append("\(report.cohorts.count) cohorte\(report.cohorts.count > 1 ? "s" : "")") }
        return parts.joined(separator: " · ")
    }

    static func counts(_ figures: CohortFigures) -> [Card] {
        var cards = [Card(value: number(figures.applications), label: "Candidatures")]
        for stage in [Stage.mentored, .funded, .international] {
            cards.append(Card(value: number(figures.step(stage)?.reached ?? 0), label: stageName(stage, plural: true)))
        }
        cards.append(Card(value: number(figures.exit(.rejected)?.count ?? 0), label: "Rejetées"))
        cards.append(Card(value: number(figures.exit(.withdrawn)?.count ?? 0), label: "Retirées"))
        return cards
    }

    /// Every currency's total on a card of its own, the most used currency first.
    static func money(_ figures: CohortFigures) -> MoneyCards? {
        guard !figures.funding.isEmpty else { return nil }
        return MoneyCards(cards: figures.funding.map { currency in
            MoneyCard(
                amount: amount(currency.total), currency: currency.currency,
                label: "Financement en \(currency.currency) · \(number(currency.count)) financement\(currency.count > 1 ? "s" : "")")
        })
    }

    static func comparison(_ report: ProgramReport) -> Table {
        var rows: [[Cell]] = []
        for figures in report.cohorts + [report.overall].compactMap({ $0 }) {
            let name = figures.cohort == "all" ? "Ensemble" : figures.cohort
            var row = [name, number(figures.applications)]
            for stage in [Stage.mentored, .funded, .international] { row.append(number(figures.step(stage)?.reached ?? 0)) }
            row.append(number(figures.exit(.rejected)?.count ?? 0))
            row.append(number(figures.exit(.withdrawn)?.count ?? 0))
            for stage in [Stage.applied, .mentored, .funded] { row.append(percent(figures.step(stage)?.conversionToNext)) }
            row.append(days(figures.time(in: .applied)?.medianDays))
            var cells = row.enumerated().map { Cell(lines: [$1], numeric: $0 >= 1) }
            // One line per currency: amounts in two currencies are never added.
            cells.append(Cell(lines: figures.funding.map { amount($0.total) + " " + $0.currency }, numeric: true))
            rows.append(cells)
        }
        return table(
            headers: ["Cohorte", "Candidatures", "Mentorées", "Financées", "International", "Rejetées", "Retirées",
                      "→\u{00A0}mentorat", "→\u{00A0}financement", "→\u{00A0}international", "Jours en candidature (médiane)", "Financement"],
            cells: rows, numericFrom: 1, totalLast: report.overall != nil, compare: true)
    }

    static func exits(_ figures: CohortFigures) -> Table {
        table(
            headers: ["Sortie", "Nombre", "Depuis l'étape"],
            rows: figures.exits.map { exit in
                [stageName(exit.stage, plural: true), number(exit.count),
                 exit.fromStages.map { "\(stageName($0.stage, plural: false)) : \($0.count)" }.joined(separator: ", ")]
            }, numericFrom: 1, numericTo: 1)
    }

    static func reasons(_ figures: CohortFigures) -> Table? {
        let reasons = figures.exits.flatMap { exit in
            exit.reasons.map { [$0.reason, stageName(exit.stage, plural: false), number($0.count)] }
        }
        guard !reasons.isEmpty else { return nil }
        return table(headers: ["Motif", "Sortie", "Nombre"], rows: reasons, numericFrom: 2)
    }

    static func durations(_ figures: CohortFigures) -> Table {
        table(
            headers: ["Étape", "Candidatures mesurées", "Encore dans l'étape", "Médiane (jours)", "90ᵉ centile (jours)"],
            rows: figures.timeInStage.map {
                [stageName($0.stage, plural: false), number($0.applications), number($0.ongoing), days($0.medianDays), days($0.p90Days)]
            }, numericFrom: 1)
    }

    static func fundingTable(_ figures: CohortFigures) -> Table? {
        guard !figures.funding.isEmpty else { return nil }
        return table(
            headers: ["Devise", "Financements", "Total", "Médiane"],
            rows: figures.funding.map { [$0.currency, number($0.count), amount($0.total), $0.median.map(amount) ?? "—"] },
            numericFrom: 1)
    }

    static func currencies(_ figures: CohortFigures) -> [CurrencySection] {
        figures.funding.map { currency in
            CurrencySection(
                code: currency.currency,
                kindChart: amountChart(
                    currency.byKind.map { (kindName($0.kind), $0.totalMinor, amount($0.total) + " " + currency.currency) },
                    currency: currency.currency),
                investors: table(
                    headers: ["Investisseur", "Financements", "Total"],
                    rows: currency.topInvestors.map { [$0.investor, number($0.count), amount($0.total)] }, numericFrom: 1))
        }
    }

    static func breakdownTable(_ rows: [Breakdown], header: String) -> Table? {
        guard !rows.isEmpty else { return nil }
        return table(
            headers: [header, "Candidatures", "Mentorées", "Financées", "International"],
            rows: rows.map {
                [$0.value ?? "Non renseigné", number($0.applications), number($0.mentored), number($0.funded), number($0.international)]
            },
            numericFrom: 1)
    }

    static func markets(_ figures: CohortFigures) -> Table? {
        guard !figures.markets.isEmpty else { return nil }
        return table(
            headers: ["Pays", "Code", "Startups"],
            rows: figures.markets.map { [$0.frenchName, $0.country, number($0.applications)] }, numericFrom: 2)
    }

    static func warnings(_ figures: CohortFigures) -> Warnings? {
        guard !figures.warnings.byMessage.isEmpty else { return nil }
        let shown = figures.warnings.byMessage.prefix(15)
        let flagged = figures.warnings.applications
        let others = figures.warnings.byMessage.count - shown.count
        return Warnings(
            flagged: "\(number(flagged)) candidature\(flagged > 1 ? "s" : "") avec au moins un avertissement.",
            messages: table(
                headers: ["Message", "Candidatures"], rows: shown.map { [warningText($0.reason), number($0.count)] }, numericFrom: 1),
            others: others > 0 ? "… et \(others) autres messages (voir --format csv ou json)." : nil)
    }

    /// A table of one-line cells; the columns from `numericFrom` to `numericTo` are numbers.
    static func table(
        headers: [String], rows: [[String]], numericFrom: Int, numericTo: Int = .max, totalLast: Bool = false
    ) -> Table {
        table(
            headers: headers,
            cells: rows.map { row in row.enumerated().map { Cell(lines: [$1], numeric: $0 >= numericFrom && $0 <= numericTo) } },
            numericFrom: numericFrom, numericTo: numericTo, totalLast: totalLast)
    }

    static func table(
        headers: [String], cells: [[Cell]], numericFrom: Int, numericTo: Int = .max, totalLast: Bool = false, compare: Bool = false
    ) -> Table {
        Table(
            compare: compare,
            headers: headers.enumerated().map { Header(text: $1, numeric: $0 >= numericFrom && $0 <= numericTo) },
            rows: cells.enumerated().map { Row(total: totalLast && $0 == cells.count - 1, cells: $1) })
    }
}
