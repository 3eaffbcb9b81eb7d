import AcceleratorDomain
import Testing

struct EligibilityTests {
    static let applied = CalendarDate(year: 2026, month: 3, day: 25)!
    static let today = CalendarDate(year: 2026, month: 4, day: 1)!

    static func form(
        name: String? = "Atlas AI", founder: String? = "Salma Bennani", email: String? = "salma@atlas.ma",
        city: String? = "Casablanca", country: String? = nil, sector: String? = "AI", founded: CalendarDate? = nil
    ) -> ApplicationForm {
        var founders: [FounderEntry] = []
        if founder != nil || email != nil {
            founders = [FounderEntry(fullName: founder ?? "", email: email.flatMap { try? EmailAddress($0) })]
        }
        return ApplicationForm(
            name: name, city: city, country: country.flatMap { try? CountryCode($0) }, sector: sector,
            foundedOn: founded, founders: founders, appliedOn: applied, cohort: "2026-A")
    }

    static func descriptions(_ form: ApplicationForm, open: [(cohort: String, stage: Stage)] = []) -> [String] {
        Eligibility.check(form, openApplications: open, rules: .defaults, today: today).map(\.description)
    }

    @Test("a complete Moroccan application in a program sector has no finding")
    func eligible() {
        #expect(Self.descriptions(Self.form()).isEmpty)
    }

    @Test("each missing required value is an error", arguments: [
        (form(name: nil), "the startup name is missing"),
        (form(name: "  "), "the startup name is missing"),
        (form(founder: nil), "the lead founder's name is missing"),
        (form(email: nil), "the lead founder's e-mail is missing"),
        (form(city: ""), "the city is missing"),
        (form(sector: nil), "the sector is missing"),
    ])
    func missing(form: ApplicationForm, message: String) {
        let issues = Eligibility.check(form, rules: .defaults, today: Self.today)
        #expect(issues.map(\.description) == [message])
        #expect(issues.allSatisfy { $0.severity == .error })
    }

    @Test("every spelling of Morocco is Moroccan", arguments: ["MA", "Maroc", "Morocco", "المغرب", "maroc "])
    func moroccan(country: String) {
        #expect(Self.descriptions(Self.form(country: country)).isEmpty)
    }

    @Test("a startup from another country is refused")
    func notMoroccan() {
        #expect(Self.descriptions(Self.form(country: "France"))
            == ["the program is for Moroccan startups; this one is in France (FR)"])
    }

    @Test("a founding date in the future or after the application is refused")
    func foundingDates() {
        #expect(Self.descriptions(Self.form(founded: CalendarDate(year: 2026, month: 5, day: 1)))
            == ["the founding date 2026-05-01 is in the future"])
        #expect(Self.descriptions(Self.form(founded: CalendarDate(year: 2026, month: 3, day: 30)))
            == ["the founding date 2026-03-30 is after the application date 2026-03-25"])
    }

    @Test("an application dated after today is an error on the application date; today and earlier are not", arguments: [
        (CalendarDate(year: 2026, month: 4, day: 2)!, ["the application date 2026-04-02 is in the future"]),
        (CalendarDate(year: 2027, month: 1, day: 1)!, ["the application date 2027-01-01 is in the future"]),
        (CalendarDate(year: 2026, month: 4, day: 1)!, []),
        (CalendarDate(year: 2026, month: 3, day: 25)!, []),
    ])
    func applicationDate(applied: CalendarDate, messages: [String]) {
        var form = Self.form()
        form.appliedOn = applied
        let issues = Eligibility.check(form, rules: .defaults, today: Self.today)
        #expect(issues.map(\.description) == messages)
        #expect(issues.allSatisfy { $0.severity == .error && $0.field == .appliedAt })
    }

    @Test("a startup name with no letter or digit of any script is an error on the name", arguments: [
        ("🚀", true), ("‽‽", true), ("***", true), (" - ", true), ("🇲🇦 🚀", true), ("…", true),
        ("R2", false), ("42", false), ("🚀 Atlas", false), ("Café", false), ("أطلس", false), ("ⴰⵟⵍⴰⵙ", false), ("Ｒ２", false),
    ])
    func nameWithoutLetterOrDigit(name: String, refused: Bool) {
        let issues = Eligibility.check(Self.form(name: name), rules: .defaults, today: Self.today)
        #expect(issues == (refused ? [.nameWithoutLetterOrDigit(name)] : []))
        #expect(issues.allSatisfy { $0.severity == .error && $0.field == .name })
    }

    @Test("the name's refusal quotes the name")
    func nameWithoutLetterOrDigitMessage() {
        #expect(EligibilityIssue.nameWithoutLetterOrDigit("‽‽").description == "the startup name has no letter or digit: “‽‽”")
    }

    @Test("an open application in another cohort is refused; a closed one is not")
    func openElsewhere() {
        #expect(Self.descriptions(Self.form(), open: [("2025-B", .mentored)])
            == ["the startup already has an open application in cohort 2025-B (mentored); it may apply again once that one is rejected or withdrawn"])
    }

    @Test("a sector outside the program is a warning, any spelling of a program sector is not",
          arguments: [("Tourism", true), ("fintech", false), ("Fin-Tech", false), ("e-commerce", false), ("GREEN HYDROGEN", false)])
    func sectors(sector: String, flagged: Bool) {
        let issues = Eligibility.check(Self.form(sector: sector), rules: .defaults, today: Self.today)
        #expect(issues.map(\.severity) == (flagged ? [.warning] : []))
    }

    @Test("the age limit flags a company more than eight years old at its application", arguments: [
        (CalendarDate(year: 2018, month: 3, day: 25)!, false),  // exactly eight years
        (CalendarDate(year: 2018, month: 3, day: 24)!, true),   // eight years and a day
        (CalendarDate(year: 2019, month: 1, day: 1)!, false),
        (CalendarDate(year: 2010, month: 6, day: 1)!, true),
    ])
    func ageLimit(founded: CalendarDate, flagged: Bool) {
        let issues = Eligibility.check(Self.form(founded: founded), rules: .defaults, today: Self.today)
        #expect(issues.map(\.severity) == (flagged ? [.warning] : []))
    }

    @Test("a stored warning reads back as the finding it was written from", arguments: [
        EligibilityIssue.sectorOutsideProgram("Tourism"),
        .sectorOutsideProgram("“Bien-être” & <spa>"),
        .sectorOutsideProgram(""),
        .companyTooOld(founded: CalendarDate(year: 2010, month: 6, day: 1)!, limit: 8),
    ])
    func storedWarning(issue: EligibilityIssue) {
        #expect(EligibilityIssue(storedWarning: issue.description) == issue)
    }

    @Test("a message that is no warning of this version reads back as nothing", arguments: [
        "the city is missing",
        "the company, founded 2010-6-1, is more than 8 years old at its application (the program's limit)",
        "the company, founded 2010-06-01, is more than eight years old at its application (the program's limit)",
        "sector “Tourism” is not one of the program's sectors",
        "Secteur hors programme",
    ])
    func notStoredWarning(message: String) {
        #expect(EligibilityIssue(storedWarning: message) == nil)
    }
}

struct RulesFileTests {
    @Test("the rendered defaults parse back to the defaults")
    func roundTrip() throws {
        #expect(try RulesFile.parse(RulesFile.render(.defaults)) == .defaults)
    }

    @Test("an empty file keeps every default")
    func empty() throws {
        #expect(try RulesFile.parse("# nothing\n\n") == .defaults)
    }

    @Test("settings are read with comments, lists over several lines and any order")
    func settings() throws {
        let rules = try RulesFile.parse("""
            sectors = [ # the favoured ones
              "AI", "FinTech",
              "Space # not a comment",
            ]
            default_capacity = 25   # smaller intake
            default_currency = "eur"
            network_countries = ["ES", "France", "AE"]
            date_order = "month-first"
            max_company_age_years = 10
            """)
        #expect(rules.defaultCapacity == 25)
        #expect(rules.defaultCurrency.code == "EUR")
        #expect(rules.sectors == ["AI", "FinTech", "Space # not a comment"])
        #expect(rules.networkCountries.map(\.code) == ["ES", "FR", "AE"])
        #expect(rules.dateOrder == .monthFirst)
        #expect(rules.maximumCompanyAgeYears == 10)
    }

    @Test("a bad file is refused with its line and reason", arguments: [
        ("default_capacity = 30\ncapacity = 3", 2, "unknown setting “capacity”; the settings are default_capacity, default_currency, max_company_age_years, date_order, sectors, network_countries"),
        ("default_capacity = 0", 1, "default_capacity must be at least 1, not 0"),
        ("default_capacity = \"thirty\"", 1, "default_capacity must be a whole number, e.g. default_capacity = 30"),
        ("\n\nnetwork_countries = [\"ES\", \"MA\"]", 3, "network_countries cannot hold MA: a market is a country abroad"),
        ("sectors = [\"AI\",\n\"FinTech\"", 1, "the list of sectors is never closed with “]”"),
        ("date_order = \"sometimes\"", 1, "date_order is “day-first” or “month-first”, not “sometimes”"),
        ("default_capacity = 30\ndefault_capacity = 31", 2, "“default_capacity” is set twice"),
        ("just some words", 1, "expected “setting = value”, found “just some words”"),
    ])
    func refused(text: String, line: Int, reason: String) {
        #expect(throws: RulesFileError(line: line, reason: reason)) { try RulesFile.parse(text) }
    }
}
