import AcceleratorDomain

/// The program's report as it stood at the end of one day: one set of figures per cohort, and the
/// figures of every cohort together when no cohort was asked for. Its JSON is `ReportJSON`, in
/// AcceleratorPresentation (money as objects, shares and days rounded as the CSV rounds them).
public struct ProgramReport: Sendable, Equatable {
    /// The program, as the report's title names it.
    public var program: String
    /// The day the report stands at (its end: every move recorded on that day counts).
    public var asOf: String
    /// The cohort asked for, or `nil` for every cohort.
    public var cohort: String?
    /// One set of figures per cohort, by code: the cohort asked for, or every cohort with an
    /// application on or before `asOf`.
    public var cohorts: [CohortFigures]
    /// Every cohort together, when no cohort was asked for.
    public var overall: CohortFigures?

    /// The program's name as reports title it.
    public static let programName = "Technopark Morocco × Plug and Play — Programme d'accélération"

    /// Creates the figures from their parts.
    public init(program: String, asOf: String, cohort: String?, cohorts: [CohortFigures], overall: CohortFigures?) {
        self.program = program
        self.asOf = asOf
        self.cohort = cohort
        self.cohorts = cohorts
        self.overall = overall
    }
}

/// The figures of one cohort (or of all of them together, `cohort` = `all`).
public struct CohortFigures: Sendable, Equatable {
    /// The cohort's code, or `all`.
    public var cohort: String
    /// The cohort's first day (`nil` for `all`).
    public var startsOn: String?
    /// How many applications may ever reach `mentored` (`nil` for `all`).
    public var capacity: Int?
    /// Applications made on or before the report's day.
    public var applications: Int
    /// How many reached each program stage, in order.
    public var funnel: [FunnelStep]
    /// The two exits.
    public var exits: [ExitFigures]
    /// Days spent in `applied`, `mentored` and `funded`.
    public var timeInStage: [StageTime]
    /// Funding, per currency.
    public var funding: [CurrencyFunding]
    /// Applications and how far they went, by sector.
    public var sectors: [Breakdown]
    /// The same by city.
    public var cities: [Breakdown]
    /// The same by region.
    public var regions: [Breakdown]
    /// Markets entered, per country.
    public var markets: [MarketFigures]
    /// Eligibility warnings.
    public var warnings: WarningFigures

    /// The funnel step of a stage.
    public func step(_ stage: Stage) -> FunnelStep? { funnel.first { $0.stage == stage } }
    /// The exit figures of `rejected` or `withdrawn`.
    public func exit(_ stage: Stage) -> ExitFigures? { exits.first { $0.stage == stage } }
    /// The time spent in a stage.
    public func time(in stage: Stage) -> StageTime? { timeInStage.first { $0.stage == stage } }

    /// Creates the figures from their parts.
    public init(
        cohort: String, startsOn: String?, capacity: Int?, applications: Int, funnel: [FunnelStep], exits: [ExitFigures],
        timeInStage: [StageTime], funding: [CurrencyFunding], sectors: [Breakdown], cities: [Breakdown], regions: [Breakdown],
        markets: [MarketFigures], warnings: WarningFigures
    ) {
        self.cohort = cohort
        self.startsOn = startsOn
        self.capacity = capacity
        self.applications = applications
        self.funnel = funnel
        self.exits = exits
        self.timeInStage = timeInStage
        self.funding = funding
        self.sectors = sectors
        self.cities = cities
        self.regions = regions
        self.markets = markets
        self.warnings = warnings
    }
}

/// One stage of the funnel.
public struct FunnelStep: Sendable, Equatable {
    /// The stage.
    public var stage: Stage
    /// Applications that ever reached it (by the report's day), including those that went further
    /// or left the program later.
    public var reached: Int
    /// Applications in it at the end of the report's day.
    public var current: Int
    /// The share of those that reached this stage that reached the next one (0 to 1); `nil` for
    /// `international` and when none reached this stage.
    public var conversionToNext: Double?

    /// Creates the figures from their parts.
    public init(stage: Stage, reached: Int, current: Int, conversionToNext: Double?) {
        self.stage = stage
        self.reached = reached
        self.current = current
        self.conversionToNext = conversionToNext
    }
}

/// One exit, `rejected` or `withdrawn`.
public struct ExitFigures: Sendable, Equatable, Codable {
    /// The exit.
    public var stage: Stage
    /// Applications that ended so.
    public var count: Int
    /// How many left from each stage.
    public var fromStages: [StageCount]
    /// The reasons given, most frequent first (spellings that differ only by case or accents count together).
    public var reasons: [ReasonCount]

    /// Creates the figures from their parts.
    public init(stage: Stage, count: Int, fromStages: [StageCount], reasons: [ReasonCount]) {
        self.stage = stage
        self.count = count
        self.fromStages = fromStages
        self.reasons = reasons
    }
}

/// A number of applications at a stage.
public struct StageCount: Sendable, Equatable, Codable {
    /// The stage.
    public var stage: Stage
    /// How many.
    public var count: Int

    /// Creates the figures from their parts.
    public init(stage: Stage, count: Int) {
        self.stage = stage
        self.count = count
    }
}

/// A reason and how often it was given.
public struct ReasonCount: Sendable, Equatable, Codable {
    /// The reason as first written.
    public var reason: String
    /// How many applications.
    public var count: Int

    /// Creates the figures from their parts.
    public init(reason: String, count: Int) {
        self.reason = reason
        self.count = count
    }
}

/// Days spent in one stage.
///
/// An application's days in a stage run from the day it reached it (for `applied`, its application
/// day) to the day of its next move, or to the report's day when it is still there; days are
/// calendar days (UTC) between the two.
public struct StageTime: Sendable, Equatable {
    /// The stage.
    public var stage: Stage
    /// Applications measured: every one that reached the stage.
    public var applications: Int
    /// Of those, how many are still in it (measured up to the report's day).
    public var ongoing: Int
    /// The median, in days (`PERCENTILE.INC`, interpolated).
    public var medianDays: Double?
    /// The 90th percentile, in days.
    public var p90Days: Double?

    /// Creates the figures from their parts.
    public init(stage: Stage, applications: Int, ongoing: Int, medianDays: Double?, p90Days: Double?) {
        self.stage = stage
        self.applications = applications
        self.ongoing = ongoing
        self.medianDays = medianDays
        self.p90Days = p90Days
    }
}

/// The funding of one currency.
public struct CurrencyFunding: Sendable, Equatable {
    /// ISO 4217 code.
    public var currency: String
    /// Funding records.
    public var count: Int
    /// Their total, in minor units.
    public var totalMinor: Int64
    /// The total with a decimal point, e.g. `1750000.00`.
    public var total: String
    /// The median record, in minor units.
    public var medianMinor: Int64?
    /// The median with a decimal point.
    public var median: String?
    /// By kind, in the order grant, equity, convertible, loan, prize.
    public var byKind: [KindFunding]
    /// The largest investors by total, at most ten.
    public var topInvestors: [InvestorFunding]

    /// Creates the figures from their parts.
    public init(
        currency: String, count: Int, totalMinor: Int64, total: String, medianMinor: Int64?, median: String?,
        byKind: [KindFunding], topInvestors: [InvestorFunding]
    ) {
        self.currency = currency
        self.count = count
        self.totalMinor = totalMinor
        self.total = total
        self.medianMinor = medianMinor
        self.median = median
        self.byKind = byKind
        self.topInvestors = topInvestors
    }
}

/// The funding of one kind.
public struct KindFunding: Sendable, Equatable {
    /// The kind.
    public var kind: FundingKind
    /// Records.
    public var count: Int
    /// Total in minor units.
    public var totalMinor: Int64
    /// Total with a decimal point.
    public var total: String

    /// Creates the figures from their parts.
    public init(kind: FundingKind, count: Int, totalMinor: Int64, total: String) {
        self.kind = kind
        self.count = count
        self.totalMinor = totalMinor
        self.total = total
    }
}

/// One investor's funding.
public struct InvestorFunding: Sendable, Equatable {
    /// The investor as first written.
    public var investor: String
    /// Records.
    public var count: Int
    /// Total in minor units.
    public var totalMinor: Int64
    /// Total with a decimal point.
    public var total: String

    /// Creates the figures from their parts.
    public init(investor: String, count: Int, totalMinor: Int64, total: String) {
        self.investor = investor
        self.count = count
        self.totalMinor = totalMinor
        self.total = total
    }
}

/// Applications and how far they went, for one sector, city or region.
public struct Breakdown: Sendable, Equatable, Codable {
    /// The sector, city or region as most often written; `nil` when not given.
    public var value: String?
    /// Applications.
    public var applications: Int
    /// Of those, how many reached `mentored`.
    public var mentored: Int
    /// How many reached `funded`.
    public var funded: Int
    /// How many reached `international`.
    public var international: Int

    /// Creates the figures from their parts.
    public init(value: String?, applications: Int, mentored: Int, funded: Int, international: Int) {
        self.value = value
        self.applications = applications
        self.mentored = mentored
        self.funded = funded
        self.international = international
    }
}

/// A country entered through the network.
public struct MarketFigures: Sendable, Equatable {
    /// ISO 3166-1 alpha-2 code.
    public var country: String
    /// The English name.
    public var name: String
    /// The French name.
    public var frenchName: String
    /// Applications that entered it.
    public var applications: Int

    /// Creates the figures from their parts.
    public init(country: String, name: String, frenchName: String, applications: Int) {
        self.country = country
        self.name = name
        self.frenchName = frenchName
        self.applications = applications
    }
}

/// Eligibility warnings.
public struct WarningFigures: Sendable, Equatable, Codable {
    /// Applications with at least one warning.
    public var applications: Int
    /// Each message and how many applications carry it, most frequent first.
    public var byMessage: [ReasonCount]

    /// Creates the figures from their parts.
    public init(applications: Int, byMessage: [ReasonCount]) {
        self.applications = applications
        self.byMessage = byMessage
    }
}
