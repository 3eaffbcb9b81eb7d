import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import Foundation
import Testing

/// Figures of one cohort as a report of the store gives them, with `text` wherever the database
/// gives a text: the cohort's code, a reason, an investor, a sector, a city, a region, a warning.
func figures(
    cohort: String = "2026-A", text: String = "Casablanca", sector: String = "AI",
    funding: [(currency: String, total: String, count: Int)] = [("MAD", "1500000.50", 1)],
    warnings: [String] = []
) -> CohortFigures {
    CohortFigures(
        cohort: cohort, startsOn: "2026-03-02", capacity: 25, applications: 4,
        funnel: [
            FunnelStep(stage: .applied, reached: 4, current: 1, conversionToNext: 0.75),
            FunnelStep(stage: .mentored, reached: 3, current: 1, conversionToNext: 2.0 / 3),
            FunnelStep(stage: .funded, reached: 2, current: 1, conversionToNext: 0.5),
            FunnelStep(stage: .international, reached: 1, current: 1, conversionToNext: nil),
        ],
        exits: [
            ExitFigures(
                stage: .withdrawn, count: 1, fromStages: [StageCount(stage: .mentored, count: 1)],
                reasons: [ReasonCount(reason: text, count: 1)])
        ],
        timeInStage: [StageTime(stage: .applied, applications: 4, ongoing: 1, medianDays: 12, p90Days: 20.5)],
        funding: funding.map { currency in
            CurrencyFunding(
                currency: currency.currency, count: currency.count, totalMinor: 1, total: currency.total, medianMinor: 1,
                median: currency.total, byKind: [KindFunding(kind: .equity, count: currency.count, totalMinor: 1, total: currency.total)],
                topInvestors: [InvestorFunding(investor: text, count: currency.count, totalMinor: 1, total: currency.total)])
        },
        sectors: [Breakdown(value: sector, applications: 4, mentored: 3, funded: 2, international: 1)],
        cities: [Breakdown(value: text, applications: 4, mentored: 3, funded: 2, international: 1)],
        regions: [Breakdown(value: text, applications: 4, mentored: 3, funded: 2, international: 1)],
        markets: [MarketFigures(country: "ES", name: "Spain", frenchName: "Espagne", applications: 1)],
        warnings: WarningFigures(applications: warnings.count, byMessage: warnings.map { ReasonCount(reason: $0, count: 1) }))
}

func report(_ figures: CohortFigures, cohort: String? = "2026-A") -> ProgramReport {
    ProgramReport(program: ProgramReport.programName, asOf: "2026-06-01", cohort: cohort, cohorts: [figures], overall: nil)
}

@Suite("the HTML report")
struct ReportHTMLTests {
    static let hostile = "<script>alert(\"x\")</script> & 'co'"
    static let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"

    @Test("a database text with <script>, quotes and & is escaped wherever the page shows it")
    func escapesDatabaseText() {
        let sectorWarning = EligibilityIssue.sectorOutsideProgram(Self.hostile).description
        let html = ReportHTML.render(report(
            figures(cohort: Self.hostile, text: Self.hostile, sector: Self.hostile, warnings: [sectorWarning, Self.hostile]),
            cohort: Self.hostile))
        #expect(!html.contains("<script"))
        #expect(!html.contains(Self.hostile))
        #expect(!html.contains("alert(\"x\")"))
        #expect(html.contains("<h1>Programme d'accélération — Cohorte \(Self.escaped)</h1>"))
        #expect(html.contains("<td>\(Self.escaped)</td>"))  // the reason, the investor, the city, the region
        #expect(html.components(separatedBy: "<td>\(Self.escaped)</td>").count - 1 == 6)  // sector and warning too
        #expect(html.contains("<td>Le secteur «\u{00A0}\(Self.escaped)\u{00A0}» ne fait pas partie"))
        // In the drawings, in text and in attributes: the sector's bar and its title.
        #expect(html.contains("<title>\(Self.escaped) : 4</title>"))
    }

    @Test("an empty report is one escaped sentence, no figure")
    func empty() {
        let html = ReportHTML.render(ProgramReport(
            program: ProgramReport.programName, asOf: "2026-06-01", cohort: nil, cohorts: [], overall: nil))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(html.contains("<p>Aucune candidature au 01/06/2026.</p>\n</body>\n</html>\n"))
        #expect(!html.contains("<section"))
    }

    @Test("each currency's total has a card of its own, and a line of its own in the comparison")
    func twoCurrencies() {
        let cohort = figures(funding: [("MAD", "1500000.50", 2), ("USD", "20000.00", 1), ("EUR", "1200.00", 1)])
        let html = ReportHTML.render(ProgramReport(
            program: ProgramReport.programName, asOf: "2026-06-01", cohort: nil, cohorts: [cohort],
            overall: figures(cohort: "all", funding: [("MAD", "1500000.50", 2), ("USD", "20000.00", 1), ("EUR", "1200.00", 1)])))
        let money = html.components(separatedBy: "<section class=\"kpis money\">").last?.components(separatedBy: "</section>").first ?? ""
        #expect(money.components(separatedBy: "<div class=\"card\">").count - 1 == 3)
        #expect(money.contains("<span class=\"value\">1\u{202F}500\u{202F}000,50<span class=\"currency\">MAD</span></span>"))
        #expect(money.contains("Financement en MAD · 2 financements"))
        #expect(money.contains("<span class=\"value\">20\u{202F}000,00<span class=\"currency\">USD</span></span>"))
        #expect(money.contains("Financement en USD · 1 financement<"))
        #expect(money.contains("<span class=\"currency\">EUR</span>"))
        #expect(html.contains(
            "<td class=\"num\">1\u{202F}500\u{202F}000,50 MAD<br>20\u{202F}000,00 USD<br>1\u{202F}200,00 EUR</td>"))
        for currency in ["MAD", "USD", "EUR"] {
            #expect(html.contains("<h3>Principaux investisseurs (\(currency))</h3>"))
        }
    }

    @Test("without funding there is no card of money, and the section says so")
    func noFunding() {
        let html = ReportHTML.render(report(figures(funding: [])))
        #expect(!html.contains("kpis money"))
        #expect(html.contains("<p>Aucun financement enregistré.</p>"))
    }

    @Test("the program's sectors are named in French, any other as written", arguments: [
        ("AI", "Intelligence artificielle"), ("HealthTech", "Santé numérique"), ("Logistics", "Logistique"),
        ("E-commerce", "Commerce électronique"), ("Tourism", "Tourism"),
    ])
    func sectorNames(sector: String, french: String) {
        let html = ReportHTML.render(report(figures(sector: sector)))
        #expect(html.contains("<tr><td>\(french)</td><td class=\"num\">4</td>"))
    }

    @Test("the store's eligibility warnings are in French, any other message as written")
    func warnings() {
        let old = EligibilityIssue.companyTooOld(founded: CalendarDate(year: 2016, month: 4, day: 1)!, limit: 8)
        let html = ReportHTML.render(report(figures(warnings: [
            EligibilityIssue.sectorOutsideProgram("Tourism").description, old.description, "an older wording",
        ])))
        #expect(html.contains("<p>3 candidatures avec au moins un avertissement.</p>"))
        #expect(html.contains(
            "<td>Le secteur «\u{00A0}Tourism\u{00A0}» ne fait pas partie des secteurs de technologies émergentes du programme</td>"))
        #expect(html.contains(
            "<td>L&#39;entreprise, fondée le 01/04/2016, a plus de 8 ans à sa candidature (la limite du programme)</td>"))
        #expect(html.contains("<td>an older wording</td>"))
        #expect(!html.contains("emerging-technology") && !html.contains("years old"))
    }

    @Test("no English word of the page's own is left", arguments: [
        "Funnel", "Exits", "Funding", "Sectors", "Cities", "Regions", "Markets", "Warnings", "applied", "mentored",
        "funded", "rejected", "withdrawn", "equity", "grant", "Unknown", "none",
    ])
    func french(word: String) {
        let html = ReportHTML.render(report(figures(warnings: [EligibilityIssue.sectorOutsideProgram("Tourism").description])))
        // Stages name CSS classes and data attributes (`stage-mentored`), never a text: only the
        // texts between tags count, the style sheet's left out.
        let style = html.range(of: "<style>").map { $0.lowerBound } ?? html.startIndex
        let page = html[..<style] + (html.range(of: "</style>").map { html[$0.upperBound...] } ?? "")
        let texts = page.split(separator: "<").map { $0.split(separator: ">", maxSplits: 1).dropFirst().first ?? "" }
        #expect(!texts.contains { $0.lowercased().contains(word.lowercased()) })
    }
}
