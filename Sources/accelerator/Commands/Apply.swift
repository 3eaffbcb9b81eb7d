import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record one application by hand, with the same eligibility checks as the import.",
        discussion: """
            A cohort that does not exist yet is created with the default capacity (the output says so). \
            A startup already known (same ICE, or same name and lead e-mail) gets a new application.

            Example:
              accelerator apply --cohort 2026-A --name "Atlas AI" --city Casablanca --sector AI \\
                --founder "Salma Bennani <salma@atlas.ma>" --ice 001234567000089 --founded 2023-05-01
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("The cohort applied to, e.g. 2026-A.", valueName: "code"))
    var cohort: String

    @Option(name: .long, help: "The startup's name.")
    var name: String

    @Option(name: .long, help: "The startup's city.")
    var city: String

    @Option(name: .long, help: "The startup's sector (AI, FinTech, AgriTech…).")
    var sector: String

    @Option(name: .long, help: ArgumentHelp("A founder as \"Full Name <email>\"; the first one is the lead. Repeat for each founder.", valueName: "founder"))
    var founder: [String] = []

    @Option(name: .long, help: "The 15-digit ICE, if the company has one.")
    var ice: String?

    @Option(name: .long, help: ArgumentHelp("The founding date.", valueName: "date"))
    var founded: String?

    @Option(name: .long, help: "The country (default Morocco; the program is for Moroccan startups).")
    var country: String?

    @Option(name: .long, help: "The startup's phone number (Moroccan forms accepted).")
    var phone: String?

    @Option(name: .long, help: ArgumentHelp("The startup's website.", valueName: "url"))
    var website: String?

    @Option(name: .long, parsing: .unconditional, help: "Head count.")
    var employees: Int?

    @Option(name: .long, help: "What the project does.")
    var description: String?

    @Option(name: .long, help: "The region (e.g. Casablanca-Settat).")
    var region: String?

    @Option(name: .long, help: ArgumentHelp("The application date (default today).", valueName: "date"))
    var appliedOn: String?

    @OptionGroup var output: FormatOptions

    func validate() throws {
        if founder.isEmpty {
            throw ValidationError("give the lead founder with --founder \"Full Name <email>\"")
        }
        if let employees, employees < 0 {
            throw ValidationError("--employees cannot be negative")
        }
    }

    func run() throws {
        try reportingFailures {
            let today = try Environment.today()
            let store = try database.open()
            let rules = try store.rules()
            let founders = try founder.map { text in
                let spec = try Parse.founder(text, option: "--founder")
                return FounderEntry(fullName: spec.fullName, email: spec.email)
            }
            let form = ApplicationForm(
                name: name, ice: try ice.map { try Parse.ice($0, option: "--ice") }, city: city,
                region: region, country: try Parse.country(country ?? "MA", option: "--country"), sector: sector,
                foundedOn: try founded.map { try Parse.date($0, option: "--founded", rules: rules) }, founders: founders,
                phone: try phone.map { try Parse.phone($0, option: "--phone") }, website: website,
                employees: employees, description: description,
                appliedOn: try appliedOn.map { try Parse.date($0, option: "--applied-on", rules: rules) } ?? today,
                cohort: cohort
            )
            let outcome = try store.apply(form, today: today)
            switch output.format {
            case .json:
                try printJSON(outcome)
            case .table:
                for line in ApplySummary.lines(outcome) { print(line) }
            }
        }
    }
}
