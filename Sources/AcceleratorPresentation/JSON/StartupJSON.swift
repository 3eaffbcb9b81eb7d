import AcceleratorDomain
import AcceleratorStore

/// A startup as `show --format json` writes it: the store's details with the startup's country,
/// revenue and funding sought, and each application's funding and markets, in the JSON vocabulary.
public struct StartupJSON: Encodable, Sendable {
    let id: Int64
    let name: String
    let legalName: String?
    let ice: String?
    let city: String
    let region: String?
    let country: CountryJSON
    let sector: String
    let foundedOn: String?
    let phone: String?
    let website: String?
    let productStage: String?
    let employees: Int?
    let monthlyRevenue: MoneyJSON?
    let fundingSought: MoneyJSON?
    let description: String?
    let founders: [FounderDetails]
    let applications: [Application]
    let notes: [NoteEntry]

    /// The JSON of a startup's details.
    public init(_ startup: StartupDetails) {
        id = startup.id
        name = startup.name
        legalName = startup.legalName
        ice = startup.ice
        city = startup.city
        region = startup.region
        country = CountryJSON(code: startup.country)
        sector = startup.sector
        foundedOn = startup.foundedOn
        phone = startup.phone
        website = startup.website
        productStage = startup.productStage
        employees = startup.employees
        monthlyRevenue = startup.monthlyRevenueAmount.map(MoneyJSON.init)
        fundingSought = startup.fundingSoughtAmount.map(MoneyJSON.init)
        description = startup.description
        founders = startup.founders
        applications = startup.applications.map(Application.init)
        notes = startup.notes
    }

    /// One application with everything recorded on it.
    struct Application: Encodable, Sendable {
        let id: Int64
        let cohort: String
        let stage: Stage
        let appliedOn: String
        let exitReason: String?
        let warnings: [String]
        let extra: [ExtraAttribute]
        let mentors: [MentorDetails]
        let funding: [FundingJSON]
        let markets: [MarketJSON]
        let void: VoidEntry?

        init(_ application: ApplicationDetails) {
            id = application.id
            cohort = application.cohort
            stage = application.stage
            appliedOn = application.appliedOn
            exitReason = application.exitReason
            warnings = application.warnings
            extra = application.extra
            mentors = application.mentors
            funding = application.funding.map(FundingJSON.init)
            markets = application.markets.map(MarketJSON.init)
            void = application.void
        }
    }
}

/// A funding record in JSON: `amount` (money), `kind`, `investor`, `fundedOn`.
public struct FundingJSON: Encodable, Sendable {
    let amount: MoneyJSON
    let kind: FundingKind
    let investor: String
    let fundedOn: String

    /// The JSON of a funding record as `show` reads it.
    public init(_ funding: FundingDetails) {
        amount = MoneyJSON(minorUnits: funding.amountMinor, currency: funding.currency)
        kind = funding.kind
        investor = funding.investor
        fundedOn = funding.fundedOn
    }

    /// The JSON of a funding record just written.
    public init(_ funding: Funding) {
        amount = MoneyJSON(funding.amount)
        kind = funding.kind
        investor = funding.investor
        fundedOn = funding.fundedOn.description
    }
}

/// A market entered in JSON: `country` (a country object), `partner` when there is one, `enteredOn`.
public struct MarketJSON: Encodable, Sendable {
    let country: CountryJSON
    let partner: String?
    let enteredOn: String

    /// The JSON of a market as `show` reads it.
    public init(_ market: MarketDetails) {
        country = CountryJSON(code: market.country)
        partner = market.partner
        enteredOn = market.enteredOn
    }

    /// The JSON of a market just recorded, entered on `day`.
    public init(_ market: MarketEntry, enteredOn day: CalendarDate) {
        country = CountryJSON(market.country)
        partner = market.partner
        enteredOn = day.description
    }
}
