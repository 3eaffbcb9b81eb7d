import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

/// Who acts, when, and with what note: shared by the commands that move an application.
struct MoveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The application's cohort, when the startup has several.", valueName: "code"))
    var cohort: String?

    @Option(name: .long, parsing: .unconditional, help: "A note for the history (it may start with a dash).")
    var note: String?

    @Option(name: .long, help: "Who decided (default: your login name).")
    var actor: String?

    @Option(name: .long, help: ArgumentHelp("When it happened (default: now); not in the future, not before the previous move (nor, to funded, before --funded-on).", valueName: "date"))
    var at: String?

    func context(today: CalendarDate, rules: ProgramRules) throws -> (MoveContext, CalendarDate) {
        let occurredOn = try at.map { try Parse.date($0, option: "--at", rules: rules) }
        let context = MoveContext(actor: actor ?? Environment.actor, note: note, occurredOn: occurredOn, today: today)
        return (context, occurredOn ?? today)
    }
}

/// The details of a funding record, shared by `advance --to funded` and `fund`.
struct FundingOptions: ParsableArguments {
    // Unconditional: a negative amount (`--amount -5`) reaches the value check, not "missing value".
    @Option(name: .long, parsing: .unconditional, help: "The amount, e.g. 500000, \"1 500 000,50\" or \"250000 DH\".")
    var amount: String?

    @Option(name: .long, help: "ISO 4217 currency (default: the rules' default_currency).")
    var currency: String?

    @Option(name: .customLong("funding-kind"), help: "grant, equity, convertible, loan or prize.")
    var fundingKind: String?

    @Option(name: .long, help: "The investor or funder.")
    var investor: String?

    @Option(name: .customLong("funded-on"), help: ArgumentHelp("The day the funding was committed.", valueName: "date"))
    var fundedOn: String?

    /// The record as typed, each value parsed and named by its option when refused.
    func draft(rules: ProgramRules) throws -> FundingDraft {
        let currencyCode = try currency.map { try Parse.currency($0, option: "--currency") } ?? rules.defaultCurrency
        return FundingDraft(
            amount: try amount.map { try Parse.money($0, option: "--amount", currency: currencyCode) },
            kind: try fundingKind.map { try Parse.fundingKind($0, option: "--funding-kind") },
            investor: investor,
            fundedOn: try fundedOn.map { try Parse.date($0, option: "--funded-on", rules: rules) })
    }
}

/// Prints what a move did.
func report(_ outcome: MoveOutcome, format: OutputFormat) throws {
    switch format {
    case .json:
        try printJSON(outcome)
    case .table: print(MoveSummary.text(outcome))
    }
}

struct Advance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move an application one stage forward, recording what its gate needs.",
        discussion: """
            applied → mentored needs a mentor (--mentor and --mentor-org) and room in the cohort.

            mentored → funded needs funding (--amount, --funding-kind, --investor, --funded-on; \
            --currency defaults to the rules' currency).

            funded → international needs a market abroad in the network (--market, optionally --partner).

            A refusal names every rule that failed and what to give; nothing is written then.

            Asking for the stage the application is already in changes nothing. Details given then must be \
            what it already holds, or the request is refused: further funding rounds and markets are recorded \
            by `accelerator fund` and `accelerator market`.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The stage to reach: mentored, funded or international (or rejected or withdrawn with --reason, as `reject` and `withdraw` do).",
            valueName: "stage"))
    var to: String

    @OptionGroup var move: MoveOptions

    @Option(name: .long, help: "The mentor's full name (to mentored).")
    var mentor: String?

    @Option(name: .customLong("mentor-org"), help: "The mentor's organisation: Technopark, Plug and Play or a partner (to mentored).")
    var mentorOrg: String?

    @OptionGroup(title: "Funding (to funded)") var funding: FundingOptions

    @Option(name: .long, help: "The market's country: ISO code, or English or French name (to international).")
    var market: String?

    @Option(name: .long, help: "The partner opening the market (to international).")
    var partner: String?

    @Option(name: .long, parsing: .unconditional, help: "Why the application ends (with --to rejected or withdrawn).")
    var reason: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let today = try Environment.today()
            let target = try Parse.stage(to, option: "--to")
            let store = try database.open()
            let rules = try store.rules()
            let (context, day) = try move.context(today: today, rules: rules)
            let request = MoveRequest(
                target: target,
                mentor: MentorDraft(mentorName: mentor, organisation: mentorOrg),
                funding: try funding.draft(rules: rules),
                market: MarketDraft(country: try market.map { try Parse.country($0, option: "--market") }, partner: partner),
                reason: reason,
                on: day
            )
            let outcome = try store.move(startup: startup, cohort: move.cohort, request: request, context: context)
            try report(outcome, format: output.format)
        }
    }
}

/// `reject` and `withdraw`: the two exits, each with a reason.
protocol ExitCommand: ParsableCommand {
    static var exit: Stage { get }
    var database: DatabaseOptions { get }
    var startup: String { get }
    var reason: String { get }
    var move: MoveOptions { get }
    var output: FormatOptions { get }
}

extension ExitCommand {
    func run() throws {
        try reportingFailures {
            let today = try Environment.today()
            let store = try database.open()
            let (context, day) = try move.context(today: today, rules: try store.rules())
            let request = MoveRequest(target: Self.exit, reason: reason, on: day)
            let outcome = try store.move(startup: startup, cohort: move.cohort, request: request, context: context)
            try report(outcome, format: output.format)
        }
    }
}

struct Reject: ExitCommand {
    static let configuration = CommandConfiguration(abstract: "End an application: the program's decision, with a reason.")
    static let exit = Stage.rejected

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Option(name: .long, parsing: .unconditional, help: "Why (required).")
    var reason: String

    @OptionGroup var move: MoveOptions
    @OptionGroup var output: FormatOptions
}

struct Withdraw: ExitCommand {
    static let configuration = CommandConfiguration(abstract: "End an application: the startup's decision, with a reason.")
    static let exit = Stage.withdrawn

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Option(name: .long, parsing: .unconditional, help: "Why (required).")
    var reason: String

    @OptionGroup var move: MoveOptions
    @OptionGroup var output: FormatOptions
}
