/// The settings of the program that a program manager may change in the rules file.
///
/// Every value starts at the default given by the program's rules (`PROGRAM.md`).
public struct ProgramRules: Sendable, Equatable {
    /// Capacity of a cohort created without an explicit `--capacity`.
    public var defaultCapacity: Int
    /// Currency of an amount written without one.
    public var defaultCurrency: CurrencyCode
    /// A company older than this many years at its application date is flagged.
    public var maximumCompanyAgeYears: Int
    /// The emerging-technology sectors the program favours; a sector outside this list is flagged.
    public var sectors: [String] {
        didSet { sectorsByKey = Self.index(sectors) }
    }
    /// The sectors by their compact form, so a lookup folds the text once.
    private var sectorsByKey: [String: String] = [:]
    /// The countries of the network in which a startup may enter a market.
    public var networkCountries: [CountryCode]
    /// How `a/b/yyyy` is read.
    public var dateOrder: DateOrder

    /// Creates rules with the given settings.
    public init(
        defaultCapacity: Int,
        defaultCurrency: CurrencyCode,
        maximumCompanyAgeYears: Int,
        sectors: [String],
        networkCountries: [CountryCode],
        dateOrder: DateOrder
    ) {
        self.defaultCapacity = defaultCapacity
        self.defaultCurrency = defaultCurrency
        self.maximumCompanyAgeYears = maximumCompanyAgeYears
        self.sectors = sectors
        self.sectorsByKey = Self.index(sectors)
        self.networkCountries = networkCountries
        self.dateOrder = dateOrder
    }

    /// The program's defaults.
    public static let defaults = ProgramRules(
        defaultCapacity: 30,
        defaultCurrency: .mad,
        maximumCompanyAgeYears: 8,
        sectors: [
            "AI", "FinTech", "AgriTech", "HealthTech", "EdTech", "CleanTech", "GreenHydrogen",
            "Cybersecurity", "Mobility", "Logistics", "GovTech", "Aerospace", "InsurTech",
            "PropTech", "E-commerce", "DeepTech", "IoT",
        ],
        networkCountries: CountryCode.defaultNetwork,
        dateOrder: .dayFirst
    )

    /// The program's spelling of a sector when it is one of the favoured sectors, compared without
    /// case, accents or punctuation (`fintech` and `Fin-Tech` give `FinTech`).
    public func canonicalSector(_ sector: String) -> String? {
        // Nearly always spelled as listed: a few short texts compared (cheaper than hashing) when
        // the list is the usual couple of dozen, one hashed lookup when it is long.
        if sectors.count <= Self.sectorsComparedInTurn ? sectors.contains(sector) : sectorsByKey[sector] == sector {
            return sector
        }
        let key = TextFolding.compact(sector)
        if let sector = sectorsByKey[key] { return sector }
        guard let english = Self.frenchSectors[key] else { return nil }
        return sectorsByKey[english]
    }

    /// Up to this many sectors, a sector spelled as listed is found by comparing it with each.
    static let sectorsComparedInTurn = 32

    /// Each sector under its compact form and under its exact spelling.
    private static func index(_ sectors: [String]) -> [String: String] {
        var index: [String: String] = [:]
        for sector in sectors {
            index[TextFolding.compact(sector)] = index[TextFolding.compact(sector)] ?? sector
            index[sector] = sector
        }
        return index
    }

    /// French names of the default sectors, as staff write them (compact form → compact English).
    static let frenchSectors: [String: String] = [
        "ia": "ai", "intelligenceartificielle": "ai", "artificialintelligence": "ai",
        "logistique": "logistics", "cybersecurite": "cybersecurity", "mobilite": "mobility",
        "commerceelectronique": "ecommerce", "ecommerce": "ecommerce", "hydrogenevert": "greenhydrogen",
        "aeronautique": "aerospace", "aerospatial": "aerospace", "aerospatiale": "aerospace",
        "objetsconnectes": "iot", "internetdesobjets": "iot", "technologiesvertes": "cleantech",
        "energiepropre": "cleantech", "sante": "healthtech", "esante": "healthtech", "education": "edtech",
        "agriculture": "agritech", "agritech": "agritech", "assurance": "insurtech", "immobilier": "proptech",
        "financetech": "fintech", "servicesfinanciers": "fintech", "administrationnumerique": "govtech",
    ]

    /// Whether the network lets a startup enter this country.
    public func isInNetwork(_ country: CountryCode) -> Bool {
        networkCountries.contains(country)
    }
}
