import Mustache

/// The Mustache templates of the HTML report, as string constants (no bundle, no resource file).
///
/// `{{name}}` escapes its value for HTML (`&`, `<`, `>`, `"`, `'`), in text and in attribute values
/// alike; it is how every text of the page is written, the database's (cohort codes, reasons,
/// investors, sectors, cities, warnings) and the page's own. `{{{name}}}` writes a value as it is:
/// it is used only for the SVG drawings (`funnelChart`, `sectorChart`, `kindChart`), whose
/// geometry Swift computes and which escape the texts they hold themselves (`ReportHTML.element`).
enum ReportTemplates {
    /// The templates by name: `page` and the partials it includes.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        do {
            try library.register(page, named: "page")
            try library.register(table, named: "table")
        } catch {
            // The templates are constants: a parse error is a defect, caught by any report test.
            preconditionFailure("the report's templates do not parse: \(error)")
        }
        return library
    }()

    /// The page written from its values.
    static func render(_ page: ReportHTML.Page) -> String {
        // Registered just above: a page is always rendered.
        library.render(page, withTemplate: "page") ?? ""
    }

    /// The whole page; its object is a `ReportHTML.Page`.
    static let page = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>\(style)</style>
        </head>
        <body>
        <header>
        <p class="program">Technopark Morocco × Plug and Play</p>
        <h1>Programme d'accélération — {{subject}}</h1>
        <p class="asof">{{subtitle}}</p>
        </header>
        {{^figures}}
        <p>Aucune candidature au {{day}}.</p>
        {{/figures}}
        {{#figures}}
        <section class="kpis">
        {{#counts}}
        <div class="card"><span class="value">{{value}}</span><span class="label">{{label}}</span></div>
        {{/counts}}
        </section>
        {{#money}}
        <section class="kpis money">
        {{#cards}}
        <div class="card"><span class="value">{{amount}}<span class="currency">{{currency}}</span></span><span class="label">{{label}}</span></div>
        {{/cards}}
        </section>
        {{/money}}
        <section>
        <h2>Entonnoir</h2>
        <p class="note">Candidatures ayant atteint chaque étape, à un moment quelconque jusqu'au {{day}} inclus ; en pourcentage, le passage à l'étape suivante.</p>
        {{{funnelChart}}}
        </section>
        {{#comparison}}
        <section>
        <h2>Comparaison des cohortes</h2>
        {{>table}}
        </section>
        {{/comparison}}
        <section>
        <h2>Sorties</h2>
        {{#exits}}
        {{>table}}
        {{/exits}}
        {{#reasons}}
        <h3>Motifs</h3>
        {{>table}}
        {{/reasons}}
        </section>
        <section>
        <h2>Durée passée dans chaque étape</h2>
        <p class="note">En jours, de l'arrivée dans l'étape (la date de candidature pour la première) au mouvement suivant, ou au {{day}} pour les candidatures qui y sont encore. Médiane et 90ᵉ centile au sens de PERCENTILE.INC.</p>
        {{#durations}}
        {{>table}}
        {{/durations}}
        </section>
        <section>
        <h2>Financement</h2>
        {{^fundingTable}}
        <p>Aucun financement enregistré.</p>
        {{/fundingTable}}
        {{#fundingTable}}
        {{>table}}
        {{/fundingTable}}
        {{#currencies}}
        <h3>Par nature ({{code}})</h3>
        {{{kindChart}}}
        <h3>Principaux investisseurs ({{code}})</h3>
        {{#investors}}
        {{>table}}
        {{/investors}}
        {{/currencies}}
        </section>
        <section>
        <h2>Secteurs</h2>
        {{^sectors}}
        <p>Aucune donnée.</p>
        {{/sectors}}
        {{#sectors}}
        {{{sectorChart}}}
        {{>table}}
        {{/sectors}}
        </section>
        <section>
        <h2>Villes</h2>
        {{^cities}}
        <p>Aucune donnée.</p>
        {{/cities}}
        {{#cities}}
        {{>table}}
        {{/cities}}
        </section>
        <section>
        <h2>Régions</h2>
        {{^regions}}
        <p>Aucune donnée.</p>
        {{/regions}}
        {{#regions}}
        {{>table}}
        {{/regions}}
        </section>
        <section>
        <h2>Marchés ouverts à l'international</h2>
        {{^markets}}
        <p>Aucun marché ouvert.</p>
        {{/markets}}
        {{#markets}}
        {{>table}}
        {{/markets}}
        </section>
        <section>
        <h2>Avertissements d'éligibilité</h2>
        {{^warnings}}
        <p>Aucun avertissement.</p>
        {{/warnings}}
        {{#warnings}}
        <p>{{flagged}}</p>
        {{#messages}}
        {{>table}}
        {{/messages}}
        {{#others}}
        <p class="note">{{.}}</p>
        {{/others}}
        {{/warnings}}
        </section>
        <footer>Rapport établi par accelerator à partir de l'historique des étapes, arrêté au {{day}} (fin de journée).</footer>
        {{/figures}}
        </body>
        </html>

        """

    /// One table; its object is a `ReportHTML.Table`. A cell's lines are separated by `<br>`.
    static let table = """
        <table{{#compare}} class="compare"{{/compare}}>
        <thead><tr>{{#headers}}<th{{#numeric}} class="num"{{/numeric}}>{{text}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr{{#total}} class="total"{{/total}}>{{#cells}}<td{{#numeric}} class="num"{{/numeric}}>{{#lines}}{{^first()}}<br>{{/first()}}{{.}}{{/lines}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>

        """

    /// The page's style sheet (no `{{` in it: it is part of the page's template).
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
        .kpis + .kpis { margin-top: -16px; }
        .card { flex: 1 1 130px; background: var(--sand); border-radius: 8px; padding: 12px 14px; }
        .card .value { display: block; font-size: 24px; font-weight: 700; }
        .card .label { display: block; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .money .card { flex: 1 1 240px; max-width: 360px; background: #f7efdf; }
        .money .card .value { white-space: nowrap; }
        .money .currency { font-size: 15px; font-weight: 600; margin-left: 6px; color: var(--muted); }
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
