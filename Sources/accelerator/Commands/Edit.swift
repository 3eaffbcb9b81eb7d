import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct a startup's fields, each change recorded (field, before, after, actor, time, reason).",
        discussion: """
            Values are checked as an import checks them. An empty value ("") empties a field that may be empty; \
            name, city, sector and country cannot be. `history` shows the changes; a report --as-of an earlier \
            day places the startup by the sector, city and region it had then.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup"))
    var startup: String

    @Option(name: .long, help: "The startup's name.") var name: String?
    @Option(name: .customLong("legal-name"), help: "The registered company name.") var legalName: String?
    @Option(name: .long, help: "The 15-digit ICE.") var ice: String?
    @Option(name: .long, help: "The city.") var city: String?
    @Option(name: .long, help: "The region.") var region: String?
    @Option(name: .long, help: "The country.") var country: String?
    @Option(name: .long, help: "The sector.") var sector: String?
    @Option(name: .long, help: ArgumentHelp("The founding date.", valueName: "date")) var founded: String?
    @Option(name: .long, help: "The phone number.") var phone: String?
    @Option(name: .long, help: ArgumentHelp("The website.", valueName: "url")) var website: String?
    @Option(name: .customLong("product-stage"), help: "The product stage (idea, MVP, revenue…).") var productStage: String?
    @Option(name: .long, help: "Head count.") var employees: String?
    @Option(name: .customLong("monthly-revenue"), help: ArgumentHelp("Monthly revenue (amount, currency optional).", valueName: "amount"))
    var monthlyRevenue: String?
    @Option(name: .customLong("funding-sought"), help: ArgumentHelp("Funding sought (amount, currency optional).", valueName: "amount"))
    var fundingSought: String?
    @Option(name: .long, help: "What the project does.") var description: String?

    @Option(name: .long, parsing: .unconditional, help: "Why, for the history.")
    var reason: String?

    @Option(name: .long, help: "Who corrects (default: your login name).")
    var actor: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingFailures {
            let store = try database.open()
            let rules = try store.rules()
            /// An optional field: empty clears it, else it is parsed.
            func field<Value>(_ text: String?, _ parse: (String) throws -> Value) rethrows -> FieldEdit<Value>? {
                guard let text else { return nil }
                return text.trimmedText.isEmpty ? .clear : .set(try parse(text))
            }
            var edit = StartupEdit()
            edit.name = name
            edit.city = city
            edit.sector = sector
            edit.country = try country.map { try Parse.country($0, option: "--country") }
            edit.legalName = field(legalName) { $0 }
            edit.ice = try field(ice) { try Parse.ice($0, option: "--ice") }
            edit.region = field(region) { $0 }
            edit.foundedOn = try field(founded) { try Parse.date($0, option: "--founded", rules: rules) }
            edit.phone = try field(phone) { try Parse.phone($0, option: "--phone") }
            edit.website = field(website) { $0 }
            edit.productStage = field(productStage) { $0 }
            edit.employees = try field(employees) { text in
                guard let count = Int(text.trimmedText), count >= 0 else {
                    throw InputError(option: "--employees", reason: "“\(text)” is not a head count (a whole number, 0 or more)")
                }
                return count
            }
            edit.monthlyRevenue = try field(monthlyRevenue) {
                try Parse.money($0, option: "--monthly-revenue", currency: rules.defaultCurrency)
            }
            edit.fundingSought = try field(fundingSought) {
                try Parse.money($0, option: "--funding-sought", currency: rules.defaultCurrency)
            }
            edit.description = field(description) { $0 }
            let outcome = try store.edit(startup: startup, edit, actor: actor ?? Environment.actor, reason: reason)
            try report(outcome, format: output.format)
        }
    }
}

/// Prints what an edit or a founder change recorded.
func report(_ outcome: EditOutcome, format: OutputFormat) throws {
    switch format {
    case .json: try printJSON(outcome)
    case .table: print(CorrectionSummary.text(outcome))
    }
}

struct FounderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "founder",
        abstract: "Add, correct or remove a startup's founder, each change recorded; the lead changes only when asked.",
        subcommands: [Add.self, Edit.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a founder to a startup.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup")) var startup: String
        @Option(name: .long, help: ArgumentHelp("The founder as \"Full Name <email>\".", valueName: "founder")) var founder: String
        @Flag(name: .long, help: "Make the new founder the lead (the contact; the old lead stays a founder).") var lead = false
        @Option(name: .long, parsing: .unconditional, help: "Why, for the history.") var reason: String?
        @Option(name: .long, help: "Who records it (default: your login name).") var actor: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let spec = try Parse.founder(founder, option: "--founder")
                let outcome = try database.open().addFounder(
                    startup: startup, founder: spec, lead: lead, actor: actor ?? Environment.actor, reason: reason)
                try report(outcome, format: output.format)
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Correct a founder's name or e-mail, or make them the lead.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup")) var startup: String
        @Argument(help: ArgumentHelp("The founder: their e-mail or their name.", valueName: "founder")) var founder: String
        @Option(name: .long, help: "The founder's full name.") var name: String?
        @Option(name: .long, help: "The founder's e-mail.") var email: String?
        @Flag(name: .long, help: "Make this founder the lead (the contact; the old lead stays a founder).") var lead = false
        @Option(name: .long, parsing: .unconditional, help: "Why, for the history.") var reason: String?
        @Option(name: .long, help: "Who corrects (default: your login name).") var actor: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let address = try email.map { text in
                    do { return try EmailAddress(text) } catch { throw InputError(option: "--email", reason: "\(error)") }
                }
                let outcome = try database.open().editFounder(
                    startup: startup, founder: founder, FounderEdit(fullName: name, email: address, makeLead: lead),
                    actor: actor ?? Environment.actor, reason: reason)
                try report(outcome, format: output.format)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a founder who is not the lead.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The startup: its id, its ICE or its name.", valueName: "startup")) var startup: String
        @Argument(help: ArgumentHelp("The founder: their e-mail or their name.", valueName: "founder")) var founder: String
        @Option(name: .long, parsing: .unconditional, help: "Why, for the history.") var reason: String?
        @Option(name: .long, help: "Who removes (default: your login name).") var actor: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let outcome = try database.open().removeFounder(
                    startup: startup, founder: founder, actor: actor ?? Environment.actor, reason: reason)
                try report(outcome, format: output.format)
            }
        }
    }
}
