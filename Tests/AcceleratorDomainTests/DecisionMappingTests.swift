import AcceleratorDomain
import Testing

@Suite("decisions: the header row")
struct DecisionMappingTests {
    @Test(
        "English and French decision headers are recognised ignoring case, accents, punctuation and spacing",
        arguments: [
            ("startup", DecisionField.startup),
            ("Nom de la startup", .startup),
            ("cohort", .cohort),
            ("Cohorte", .cohort),
            ("decision", .decision),
            ("Décision", .decision),
            ("DECISION", .decision),
            ("date", .date),
            ("Date de décision", .date),
            ("mentor", .mentor),
            ("Mentore", .mentor),
            ("mentor_org", .mentorOrganisation),
            ("Organisation du mentor", .mentorOrganisation),
            ("Organisme", .mentorOrganisation),
            ("amount", .amount),
            ("Montant", .amount),
            ("currency", .currency),
            ("Devise", .currency),
            ("funding_kind", .fundingKind),
            ("Type de financement", .fundingKind),
            ("funding-kind", .fundingKind),
            ("investor", .investor),
            ("Investisseur", .investor),
            ("Bailleur", .investor),
            ("market", .market),
            ("Marché", .market),
            ("Pays", .market),
            ("partner", .partner),
            ("Partenaire", .partner),
            ("reason", .reason),
            ("Motif", .reason),
            ("Raison", .reason),
            ("note", .note),
            ("Commentaire", .note),
        ])
    func recognisesHeader(header: String, field: DecisionField) {
        #expect(DecisionMapping.recognise(header) == field)
    }

    @Test("the startup and decision columns are required, and the message lists the columns expected")
    func requiredColumns() {
        #expect(throws: DecisionMappingError.missingRequired([.decision], headers: ["startup", "date"])) {
            try DecisionMapping(headers: ["startup", "date"])
        }
        let error = DecisionMappingError.missingRequired([.startup, .decision], headers: ["Ville", "Secteur"])
        #expect(error.description.hasPrefix("no startup and decision column. The headers seen are “Ville”, “Secteur”"))
        #expect(error.description.contains("mentor_org"))
        #expect(error.description.contains("type de financement"))
    }

    @Test("two columns that mean the same thing are refused")
    func duplicateField() {
        #expect(throws: DecisionMappingError.duplicateField(.reason, columns: ["Motif", "reason"])) {
            try DecisionMapping(headers: ["startup", "decision", "Motif", "reason"])
        }
    }

    @Test("a column that is not a decisions column is ignored and named")
    func ignoredColumns() throws {
        let mapping = try DecisionMapping(headers: ["Score", "startup", "", "decision", "Rang"])
        #expect(mapping.ignoredHeaders == ["Score", "Rang"])
        #expect(mapping.fieldColumns == [.startup: 1, .decision: 3])
    }

    @Test("missing details are named by the file's own column, else by the column's English name")
    func namesColumns() throws {
        let english = try DecisionMapping(headers: ["startup", "decision", "date", "amount", "funding_kind", "investor"])
        #expect(english.explained(.noFunding) == "no funding recorded — give the amount, funding_kind, investor and date columns")
        let french = try DecisionMapping(headers: ["Nom de la startup", "Décision", "Montant"])
        #expect(french.explained(.noFunding) == "no funding recorded — give the Montant, funding_kind, investor and date columns")
        #expect(french.explained(.reasonRequired(.rejected)) == "a reason is required to mark an application rejected — give the reason column")
        #expect(english.explained(.noMentor) == "no mentor assigned — give the mentor and mentor_org columns")
        #expect(english.explained(.marketIsHome) == "Morocco (MA) is home, not a foreign market")
    }

    @Test("a move to the current stage that would drop its details names them by column and no command-line flag")
    func alreadyAtStage() throws {
        let english = try DecisionMapping(headers: ["startup", "decision", "date", "amount", "funding_kind", "investor", "reason"])
        #expect(english.explained(.alreadyAtStage(.funded, details: [.amount, .fundingKind, .investor, .fundedOn]))
            == "the application is already funded, so nothing was recorded (the amount, funding_kind, investor and date columns): "
                + "record a further funding round with `accelerator fund`")
        #expect(english.explained(.alreadyAtStage(.mentored, details: [.mentorName, .mentorOrganisation]))
            == "the application is already mentored, so the mentor was not recorded (the mentor and mentor_org columns): "
                + "assign a further mentor with `accelerator mentor add`")
        #expect(english.explained(.alreadyAtStage(.international, details: [.market, .partner]))
            == "the application is already international, so nothing was recorded (the market and partner columns): "
                + "record a further market with `accelerator market`")
        #expect(english.explained(.alreadyAtStage(.withdrawn, details: [.reason]))
            == "the application is already withdrawn for another reason, so nothing was recorded (the reason column): "
                + "an exit's reason is not changed")
        let french = try DecisionMapping(headers: ["Startup", "Décision", "Date de décision", "Montant"])
        #expect(french.explained(.alreadyAtStage(.funded, details: [.amount, .fundedOn]))
            == "the application is already funded, so nothing was recorded (the Montant and Date de décision columns): "
                + "record a further funding round with `accelerator fund`")
        #expect(french.explained(.fundingAfterMove(funding: CalendarDate(year: 2026, month: 5, day: 2)!, move: CalendarDate(year: 2026, month: 5, day: 1)!))
            == "the funding is dated 2026-05-02, after the move that records it (2026-05-01): date the move (the Date de décision column) "
                + "on or after the funding's day")
    }

    @Test("details a move does not record are named by column")
    func unexpectedDetails() throws {
        let mapping = try DecisionMapping(headers: ["startup", "decision", "amount", "reason"])
        #expect(mapping.explained(.unexpectedDetails([.amount], target: .mentored))
            == "the amount column cannot be recorded by a move to mentored; leave it empty on this row")
        #expect(mapping.explained(.unexpectedDetails([.amount, .reason], target: .mentored))
            == "the amount and reason columns cannot be recorded by a move to mentored; leave them empty on this row")
    }

    @Test(
        "decisions are read in English and in French, masculine and feminine",
        arguments: [
            ("mentored", Stage.mentored), ("Mentoré", .mentored), ("mentorée", .mentored), ("MENTOREE", .mentored),
            ("funded", .funded), ("financé", .funded), ("Financée", .funded),
            ("international", .international), ("internationale", .international),
            ("rejected", .rejected), ("rejeté", .rejected), ("rejetée", .rejected), ("refusé", .rejected), ("Refusée", .rejected),
            ("withdrawn", .withdrawn), ("retiré", .withdrawn), ("retirée", .withdrawn), ("désisté", .withdrawn), ("désistée", .withdrawn),
        ])
    func decisionSpellings(text: String, stage: Stage) {
        #expect(Stage(parsing: text) == stage)
    }
}

@Suite("decisions: reading a row")
struct DecisionRowReaderTests {
    static let headers = [
        "startup", "cohort", "decision", "date", "mentor", "mentor_org", "amount", "currency", "funding_kind", "investor",
        "market", "partner", "reason", "note",
    ]
    static let today = CalendarDate(year: 2026, month: 6, day: 1)!

    let reader: DecisionRowReader

    init() throws {
        reader = DecisionRowReader(
            mapping: try DecisionMapping(headers: Self.headers), dateOrder: .dayFirst, defaultCurrency: .mad, today: Self.today)
    }

    func cells(_ values: [String: String]) -> [String] {
        Self.headers.map { values[$0] ?? "" }
    }

    func decision(_ values: [String: String]) throws -> Decision {
        guard case .decision(let decision) = reader.read(cells(values), line: 7) else {
            Issue.record("the row was refused")
            throw DecisionReadFailed()
        }
        return decision
    }

    func problems(_ values: [String: String]) -> [String] {
        guard case .problems(let problems) = reader.read(cells(values), line: 7) else { return [] }
        return problems.map(\.description)
    }

    struct DecisionReadFailed: Error {}

    @Test("a mentored row carries its mentor, its date as the move's date, its cohort and note")
    func mentoredRow() throws {
        let decision = try decision([
            "startup": " Atlas AI ", "cohort": "2026-a", "decision": "mentoré", "date": "10/03/2026",
            "mentor": "Karim Alaoui", "mentor_org": "Technopark", "note": "Comité du 10 mars",
        ])
        let day = CalendarDate(year: 2026, month: 3, day: 10)!
        #expect(decision.line == 7)
        #expect(decision.startup == "Atlas AI")
        #expect(decision.cohort == "2026-a")
        #expect(decision.occurredOn == day)
        #expect(decision.note == "Comité du 10 mars")
        #expect(decision.request == MoveRequest(
            target: .mentored, mentor: MentorDraft(mentorName: "Karim Alaoui", organisation: "Technopark"), on: day))
    }

    @Test("a funded row's date is also the funding's date; the currency defaults to the rules'")
    func fundedRow() throws {
        let decision = try decision([
            "startup": "Atlas AI", "decision": "funded", "date": "2026-05-20", "amount": "1 500 000,00",
            "funding_kind": "equity", "investor": "UM6P Ventures",
        ])
        let day = CalendarDate(year: 2026, month: 5, day: 20)!
        #expect(decision.request.funding == FundingDraft(
            amount: Money(minorUnits: 150_000_000, currency: .mad), kind: .equity, investor: "UM6P Ventures", fundedOn: day))
        let euros = try self.decision([
            "startup": "Atlas AI", "decision": "financé", "date": "2026-05-20", "amount": "20000", "currency": "EUR",
            "funding_kind": "prêt", "investor": "BEI",
        ])
        #expect(euros.request.funding.amount == Money(minorUnits: 2_000_000, currency: .eur))
        #expect(euros.request.funding.kind == .loan)
    }

    @Test("a funded row without any funding detail leaves the funding empty, so the gate says no funding")
    func fundedRowWithoutFunding() throws {
        let decision = try decision(["startup": "Atlas AI", "decision": "funded", "date": "2026-05-20"])
        #expect(decision.request.funding.isEmpty)
    }

    @Test("a row without a date is dated today and stamped now")
    func rowWithoutDate() throws {
        let decision = try decision(["startup": "Atlas AI", "decision": "rejeté", "reason": "hors programme"])
        #expect(decision.occurredOn == nil)
        #expect(decision.request.on == Self.today)
        #expect(decision.request.reason == "hors programme")
        #expect(decision.request.target == .rejected)
    }

    @Test("a market is read by ISO code or English or French name")
    func marketRow() throws {
        let decision = try decision(["startup": "Atlas AI", "decision": "international", "market": "Espagne", "partner": "PnP Spain"])
        #expect(decision.request.market == MarketDraft(country: try CountryCode("ES"), partner: "PnP Spain"))
    }

    @Test("on a row that is not funded, funding columns are kept so that the gate refuses them, the date is not")
    func strayFunding() throws {
        let decision = try decision(["startup": "Atlas AI", "decision": "mentored", "date": "2026-05-20", "amount": "100"])
        #expect(decision.request.funding == FundingDraft(amount: Money(minorUnits: 10_000, currency: .mad)))
    }

    @Test("every bad value of a row is reported with its line and column")
    func badValues() {
        #expect(problems([
            "startup": "Atlas AI", "decision": "funded", "date": "45/13/2026", "amount": "beaucoup", "currency": "XYZ",
            "funding_kind": "gift", "market": "Atlantis",
        ]) == [
            "line 7 (date): “45/13/2026” is not a date: write it as 2026-03-25 or 25/03/2026",
            "line 7 (currency): “XYZ” is not a currency: write an ISO 4217 code such as MAD, EUR or USD (DH and dirham are read as MAD)",
            "line 7 (amount): “beaucoup” is not an amount of money: write it as 1500000.50, 1 500 000,50 or 250000 MAD, with no more decimals than the currency has",
            "line 7 (funding_kind): “gift” is not a funding kind; the kinds are grant, equity, convertible, loan, prize (French subvention, prêt, prix)",
            "line 7 (market): “Atlantis” is not a country: write an ISO code such as MA or FR, or a name such as Maroc or Morocco",
        ])
    }

    @Test("a missing startup or decision, and a stage that is not a decision, are refused")
    func missingOrWrongDecision() {
        #expect(problems(["decision": "funded"]) == ["line 7 (startup): the startup is missing: give its id, its ICE or its name"])
        #expect(problems(["startup": "Atlas AI"]) == [
            "line 7 (decision): the decision is missing: write mentored, funded, international, rejected or withdrawn (or mentoré, financé, international, rejeté, retiré)",
        ])
        #expect(problems(["startup": "Atlas AI", "decision": "applied"]).first?.hasPrefix("line 7 (decision): “applied” is not a decision") == true)
        #expect(problems(["startup": "Atlas AI", "decision": "peut-être"]).first?.hasPrefix("line 7 (decision): “peut-être” is not a decision") == true)
    }

    @Test("an amount written in another currency than the currency column says is refused")
    func currencyMismatch() {
        #expect(problems(["startup": "Atlas AI", "decision": "funded", "amount": "100 EUR", "currency": "MAD"])
            == ["line 7 (amount): the amount is written in EUR but the currency column says MAD"])
    }

    @Test("month-first dates follow the rules' date order")
    func monthFirst() throws {
        let reader = DecisionRowReader(
            mapping: try DecisionMapping(headers: Self.headers), dateOrder: .monthFirst, defaultCurrency: .mad, today: Self.today)
        guard case .decision(let decision) = reader.read(cells(["startup": "A", "decision": "withdrawn", "date": "3/25/2026", "reason": "r"]), line: 2) else {
            Issue.record("refused")
            return
        }
        #expect(decision.occurredOn == CalendarDate(year: 2026, month: 3, day: 25))
    }

    @Test("a row of empty cells is blank")
    func blankRow() {
        #expect(DecisionRowReader.isBlank(["", " ", "\u{A0}"]))
        #expect(!DecisionRowReader.isBlank(["", "x"]))
    }
}
