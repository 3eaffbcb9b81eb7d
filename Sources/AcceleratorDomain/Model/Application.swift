/// The fields of an application, named as the import's columns map to them.
public enum ApplicationField: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case name
    case legalName = "legal_name"
    case ice
    case city
    case region
    case country
    case sector
    case foundedOn = "founded_on"
    case founder
    case email
    case phone
    case website
    case productStage = "product_stage"
    case employees
    case monthlyRevenue = "monthly_revenue"
    case fundingSought = "funding_sought"
    case description
    case appliedAt = "applied_at"
    case cohort

    public var description: String { rawValue }

    /// The field's place in `allCases`, for tables indexed by field (a switch, not a hash).
    public var ordinal: Int {
        switch self {
        case .name: 0
        case .legalName: 1
        case .ice: 2
        case .city: 3
        case .region: 4
        case .country: 5
        case .sector: 6
        case .foundedOn: 7
        case .founder: 8
        case .email: 9
        case .phone: 10
        case .website: 11
        case .productStage: 12
        case .employees: 13
        case .monthlyRevenue: 14
        case .fundingSought: 15
        case .description: 16
        case .appliedAt: 17
        case .cohort: 18
        }
    }
}

/// A person of a startup.
public struct FounderEntry: Sendable, Equatable {
    /// The founder's full name.
    public var fullName: String
    /// The founder's e-mail address, when known.
    public var email: EmailAddress?

    /// Creates a founder entry.
    public init(fullName: String, email: EmailAddress?) {
        self.fullName = fullName
        self.email = email
    }
}

/// An application as typed (by hand or in a spreadsheet row), values already parsed.
///
/// A `nil` means the value was not given.
public struct ApplicationForm: Sendable, Equatable {
    /// The startup's name.
    public var name: String?
    /// The registered company name.
    public var legalName: String?
    /// The company identifier.
    public var ice: ICE?
    /// The city.
    public var city: String?
    /// The region.
    public var region: String?
    /// The country; the program is for Moroccan startups.
    public var country: CountryCode?
    /// The sector as typed.
    public var sector: String?
    /// The founding date.
    public var foundedOn: CalendarDate?
    /// The founders, the lead first.
    public var founders: [FounderEntry]
    /// The startup's phone number.
    public var phone: PhoneNumber?
    /// The startup's website.
    public var website: String?
    /// The product's stage (idea, MVP, …) as typed.
    public var productStage: String?
    /// Head count.
    public var employees: Int?
    /// Monthly revenue.
    public var monthlyRevenue: Money?
    /// Funding sought.
    public var fundingSought: Money?
    /// The project's description.
    public var description: String?
    /// The day of the application.
    public var appliedOn: CalendarDate
    /// The cohort applied to.
    public var cohort: String

    /// Creates a form.
    public init(
        name: String? = nil, legalName: String? = nil, ice: ICE? = nil, city: String? = nil,
        region: String? = nil, country: CountryCode? = nil, sector: String? = nil,
        foundedOn: CalendarDate? = nil, founders: [FounderEntry] = [], phone: PhoneNumber? = nil,
        website: String? = nil, productStage: String? = nil, employees: Int? = nil,
        monthlyRevenue: Money? = nil, fundingSought: Money? = nil, description: String? = nil,
        appliedOn: CalendarDate, cohort: String
    ) {
        self.name = name
        self.legalName = legalName
        self.ice = ice
        self.city = city
        self.region = region
        self.country = country
        self.sector = sector
        self.foundedOn = foundedOn
        self.founders = founders
        self.phone = phone
        self.website = website
        self.productStage = productStage
        self.employees = employees
        self.monthlyRevenue = monthlyRevenue
        self.fundingSought = fundingSought
        self.description = description
        self.appliedOn = appliedOn
        self.cohort = cohort
    }

    /// The lead founder: the first one.
    public var leadFounder: FounderEntry? { founders.first }
}
