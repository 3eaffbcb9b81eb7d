/// An input a message tells the user to give or to change, which each front end names its own way:
/// the command line by a flag (`--cohort`), a decisions file by a column (`the cohort column`), a
/// server by a field of its request (`the "cohort" field`).
public enum UserInput: Sendable, Hashable {
    /// A detail of a move's gate (the mentor, the funding, the market, the exit's reason, the date).
    case move(MoveInput)
    /// The cohort of an application or of a file's rows.
    case cohort
    /// Where the database is.
    case database
    /// The day a report is as of.
    case asOf
    /// A mapping of a header to a field (`Header text=field`).
    case columnMapping
    /// How a further record (funding, market) is made after the first, which a move records.
    case furtherRecord(gate: Stage)

    /// The input's name as a JSON field (`mentorOrganisation`, `asOf`): what a server's requests and
    /// the failure objects' facts call it.
    public var fieldName: String {
        switch self {
        case .move(let input): input.fieldName
        case .cohort: "cohort"
        case .database: "database"
        case .asOf: "asOf"
        case .columnMapping: "mappings"
        case .furtherRecord: "to"
        }
    }
}

extension MoveInput {
    /// The detail's name as a JSON field.
    public var fieldName: String {
        switch self {
        case .mentorName: "mentor"
        case .mentorOrganisation: "mentorOrganisation"
        case .amount: "amount"
        case .currency: "currency"
        case .fundingKind: "fundingKind"
        case .investor: "investor"
        case .fundedOn: "fundedOn"
        case .market: "market"
        case .partner: "partner"
        case .reason: "reason"
        case .date: "date"
        }
    }
}

/// Something a message sends its user to do elsewhere (look a startup up, list the batches, record
/// a further funding round), which the command line names by its command and a server by what it
/// serves.
public enum UserAction: Sendable, Hashable {
    /// List the startups (to find one's id or ICE).
    case listStartups
    /// Show a startup's card.
    case showStartup
    /// List the cohorts.
    case listCohorts
    /// List the batches of imports and decisions.
    case listBatches
    /// Show the rules in force.
    case showRules
    /// Record a further funding round.
    case recordFunding
    /// Record a further foreign market.
    case recordMarket
    /// Assign a further mentor to an application already mentored.
    case recordMentor
    /// End an application by one of the two exits (withdrawn, rejected).
    case exitApplication
    /// Create a database at a path.
    case createDatabase(path: String)
}

/// How a front end words the inputs that messages point its user to. The store and the domain build
/// their sentences around these names, so no front end rewrites another's message.
public protocol Wording: Sendable {
    /// One input's name: `--cohort`, `the cohort column`, `the "cohort" field`.
    func name(_ input: UserInput) -> String
    /// Several inputs named as a whole: `--amount and --investor`, `the amount and investor columns`.
    func list(_ inputs: [UserInput]) -> String
    /// Where an input goes, after "say which": `with --cohort`, `in the cohort column`; `value`
    /// is a placeholder a flag is shown with (`--cohort CODE`).
    func pointing(to input: UserInput, value: String?) -> String
    /// An input quoted with the value given to it: `--as-of 2026-06-02`, `--map "A=b"`.
    func quoting(_ input: UserInput, value: String) -> String
    /// What to do elsewhere: `` `accelerator list` ``, `the startup listing`.
    func name(_ action: UserAction) -> String
    /// One refused rule of a move, with what to give.
    func explain(_ refusal: Refusal) -> String
    /// Whether a message may span lines (a terminal), or must keep to one (a row's problem, a field).
    var spansLines: Bool { get }
}

extension Wording {
    public func list(_ inputs: [UserInput]) -> String { Refusal.list(inputs.map(name)) }

    public func pointing(to input: UserInput, value: String?) -> String { "with \(name(input))" }

    public func quoting(_ input: UserInput, value: String) -> String { "\(name(input)) \(value)" }

    /// The command line's commands, which a decisions file's messages name too (it is applied by one).
    public func name(_ action: UserAction) -> String { CommandLineWording.command(action) }

    public func explain(_ refusal: Refusal) -> String {
        refusal.explained(listing: { inputs in list(inputs.map(UserInput.move)) }, naming: name)
    }

    public var spansLines: Bool { false }
}

/// The command line's words: flags, and the command that makes a further record.
public struct CommandLineWording: Wording {
    public init() {}

    public func name(_ input: UserInput) -> String {
        switch input {
        case .move(let input): "--\(input.rawValue)"
        case .cohort: "--cohort"
        case .database: "--db or ACCELERATOR_DB"
        case .asOf: "--as-of"
        case .columnMapping: "--map"
        case .furtherRecord(let gate): "`accelerator advance --to \(gate)`"
        }
    }

    public func pointing(to input: UserInput, value: String?) -> String {
        "with \(name(input))" + (value.map { " \($0)" } ?? "")
    }

    /// The command that does `action`, quoted as code.
    public static func command(_ action: UserAction) -> String {
        switch action {
        case .listStartups: "`accelerator list`"
        case .showStartup: "`accelerator show`"
        case .listCohorts: "`accelerator cohort list`"
        case .listBatches: "`accelerator imports`"
        case .showRules: "`accelerator rules show`"
        case .recordFunding: "`accelerator fund`"
        case .recordMarket: "`accelerator market`"
        case .recordMentor: "`accelerator mentor add`"
        case .exitApplication: "`accelerator withdraw` or `accelerator reject`"
        case .createDatabase(let path): "`accelerator init --db \(path)`"
        }
    }

    public var spansLines: Bool { true }
}

/// A server's words: the fields of its requests, as JSON names them.
public struct FieldWording: Wording {
    public init() {}

    public func name(_ input: UserInput) -> String {
        switch input {
        case .furtherRecord(let gate): "a move to \(gate)"
        default: "the “\(input.fieldName)” field"
        }
    }

    public func list(_ inputs: [UserInput]) -> String {
        let names = inputs.map { "“\($0.fieldName)”" }
        return "the \(Refusal.list(names)) field\(names.count > 1 ? "s" : "")"
    }

    public func pointing(to input: UserInput, value: String?) -> String { "in \(name(input))" }

    public func quoting(_ input: UserInput, value: String) -> String { "\(name(input)) (\(value))" }

    public func name(_ action: UserAction) -> String {
        switch action {
        case .listStartups: "the startup listing"
        case .showStartup: "the startup's record"
        case .listCohorts: "the cohort listing"
        case .listBatches: "the batch listing"
        case .showRules: "the rules in force"
        case .recordFunding: "a funding record"
        case .recordMarket: "a market record"
        case .recordMentor: "a mentor record"
        case .exitApplication: "a move to withdrawn or rejected"
        case .createDatabase: "a new database"
        }
    }
}

extension Wording where Self == CommandLineWording {
    /// The command line's words.
    public static var commandLine: CommandLineWording { CommandLineWording() }
}

extension Wording where Self == FieldWording {
    /// A server's words.
    public static var fields: FieldWording { FieldWording() }
}
