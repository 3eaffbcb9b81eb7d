import AcceleratorDomain
import AcceleratorStore

/// The program report as `report --format json` writes it: the store's figures with every amount a
/// money object, every market's country a country object, and shares and days rounded as the CSV
/// rounds them.
public struct ReportJSON: Encodable, Sendable {
    let program: String
    let asOf: String
    let cohort: String?
    let cohorts: [Cohort]
    let overall: Cohort?

    /// The JSON of a report.
    public init(_ report: ProgramReport) {
        program = report.program
        asOf = report.asOf
        cohort = report.cohort
        cohorts = report.cohorts.map(Cohort.init)
        overall = report.overall.map(Cohort.init)
    }

    /// The figures of one cohort, or of every cohort together (`cohort` = `all`).
    struct Cohort: Encodable, Sendable {
        let cohort: String
        let startsOn: String?
        let capacity: Int?
        let applications: Int
        let funnel: [Step]
        let exits: [ExitFigures]
        let timeInStage: [Time]
        let funding: [Currency]
        let sectors: [Breakdown]
        let cities: [Breakdown]
        let regions: [Breakdown]
        let markets: [Market]
        let warnings: WarningFigures

        init(_ figures: CohortFigures) {
            cohort = figures.cohort
            startsOn = figures.startsOn
            capacity = figures.capacity
            applications = figures.applications
            funnel = figures.funnel.map(Step.init)
            exits = figures.exits
            timeInStage = figures.timeInStage.map(Time.init)
            funding = figures.funding.map(Currency.init)
            sectors = figures.sectors
            cities = figures.cities
            regions = figures.regions
            markets = figures.markets.map(Market.init)
            warnings = figures.warnings
        }
    }

    /// One stage of the funnel, its conversion to four decimals.
    struct Step: Encodable, Sendable {
        let stage: Stage
        let reached: Int
        let current: Int
        let conversionToNext: Double?

        init(_ step: FunnelStep) {
            stage = step.stage
            reached = step.reached
            current = step.current
            conversionToNext = JSONDecimal.share(step.conversionToNext)
        }
    }

    /// Days in one stage, to one decimal.
    struct Time: Encodable, Sendable {
        let stage: Stage
        let applications: Int
        let ongoing: Int
        let medianDays: Double?
        let p90Days: Double?

        init(_ time: StageTime) {
            stage = time.stage
            applications = time.applications
            ongoing = time.ongoing
            medianDays = JSONDecimal.days(time.medianDays)
            p90Days = JSONDecimal.days(time.p90Days)
        }
    }

    /// The funding of one currency: amounts of two currencies are never added, so each has its own.
    struct Currency: Encodable, Sendable {
        let currency: String
        let count: Int
        let total: MoneyJSON
        let median: MoneyJSON?
        let byKind: [Kind]
        let topInvestors: [Investor]

        init(_ funding: CurrencyFunding) {
            currency = funding.currency
            count = funding.count
            total = MoneyJSON(minorUnits: funding.totalMinor, currency: funding.currency)
            median = funding.medianMinor.map { MoneyJSON(minorUnits: $0, currency: funding.currency) }
            byKind = funding.byKind.map { Kind(kind: $0.kind, count: $0.count, total: MoneyJSON(minorUnits: $0.totalMinor, currency: funding.currency)) }
            topInvestors = funding.topInvestors.map {
                Investor(investor: $0.investor, count: $0.count, total: MoneyJSON(minorUnits: $0.totalMinor, currency: funding.currency))
            }
        }
    }

    /// The funding of one kind.
    struct Kind: Encodable, Sendable {
        let kind: FundingKind
        let count: Int
        let total: MoneyJSON
    }

    /// One investor's funding (an investor is a name as written, not a record).
    struct Investor: Encodable, Sendable {
        let investor: String
        let count: Int
        let total: MoneyJSON
    }

    /// A country entered and how many applications entered it.
    struct Market: Encodable, Sendable {
        let country: CountryJSON
        let applications: Int

        init(_ market: MarketFigures) {
            country = CountryJSON(code: market.country, name: market.name, frenchName: market.frenchName)
            applications = market.applications
        }
    }
}
