import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

/// Prints what `fund` or `market` recorded.
func report(_ outcome: RecordOutcome, format: OutputFormat) throws {
    switch format {
    case .json:
        try printJSON(RecordJSON(outcome))
    case .table: print(RecordSummary.text(outcome))
    }
}

struct Fund: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a further funding round for an application already funded or international.",
        discussion: """
            The first funding is recorded by `accelerator advance --to funded`; this adds the rounds after it, \
            with the same checks (amount above zero, a kind, an investor, a date not in the future). The stage \
            does not change, so no stage event is written.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Option(name: .long, help: ArgumentHelp("The application's cohort, when the startup has several.", valueName: "code"))
    var cohort: String?

    @OptionGroup var funding: FundingOptions

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let today = try Environment.today()
            let store = try database.open()
            let draft = try funding.draft(rules: try store.rules())
            try report(try store.recordFunding(startup: startup, cohort: cohort, draft: draft, today: today), format: output.format)
        }
    }
}

struct Market: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a further market for an application already international.",
        discussion: """
            The first market is recorded by `accelerator advance --to international`; this adds the markets after \
            it, with the same checks (in the network's countries, never Morocco), entered today. The stage does \
            not change, so no stage event is written.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Option(name: .long, help: ArgumentHelp("The application's cohort, when the startup has several.", valueName: "code"))
    var cohort: String?

    @Option(name: .long, help: "The market's country: ISO code, or English or French name.")
    var market: String?

    @Option(name: .long, help: "The partner opening the market.")
    var partner: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let today = try Environment.today()
            let draft = MarketDraft(country: try market.map { try Parse.country($0, option: "--market") }, partner: partner)
            let store = try database.open()
            try report(try store.recordMarket(startup: startup, cohort: cohort, draft: draft, today: today), format: output.format)
        }
    }
}
