import AcceleratorDomain
import Testing

/// The header row every test can lean on: the five required fields, in English.
private let requiredHeaders = ["Name", "Founder", "Email", "City", "Sector"]

struct HeaderMappingTests {
    // MARK: - Recognised headers

    @Test(
        "English and French headers are recognised without options, ignoring case, accents, punctuation and spacing",
        arguments: [
            ("Nom de la startup", ApplicationField.name),
            ("Raison sociale", .legalName),
            ("ICE", .ice),
            ("Ville", .city),
            ("Région", .region),
            ("Pays", .country),
            ("Secteur", .sector),
            ("Date de création", .foundedOn),
            ("Fondateur principal", .founder),
            ("E-mail", .email),
            ("Téléphone", .phone),
            ("Site web", .website),
            ("Effectif", .employees),
            ("CA mensuel (MAD)", .monthlyRevenue),
            ("Financement recherché (MAD)", .fundingSought),
            ("Description du projet", .description),
            ("Date de candidature", .appliedAt),
            ("Cohorte", .cohort),
            ("startup_name", .name),
            ("city", .city),
            ("email", .email),
            ("founded_on", .foundedOn),
            ("  NOM DE LA STARTUP  ", .name),
            ("e_mail", .email),
            ("TÉLÉPHONE", .phone),
            ("date-de-creation", .foundedOn),
            ("Funding sought (DH)", .fundingSought),
        ])
    func recognisesHeader(header: String, field: ApplicationField) throws {
        // The required fields come from the other columns, less the one this header stands for.
        let others = requiredHeaders.filter { Self.field(of: $0) != field }
        let mapping = try HeaderMapping(headers: [header] + others)
        #expect(mapping.columns[0] == .field(field))
        #expect(mapping.fieldColumns[field] == 0)
    }

    /// The field each of the required English headers maps to.
    static func field(of header: String) -> ApplicationField? {
        switch header {
        case "Name": .name
        case "Founder": .founder
        case "Email": .email
        case "City": .city
        case "Sector": .sector
        default: nil
        }
    }

    @Test("the French Excel header row maps every column to its field, with no extra column")
    func frenchHeaderRow() throws {
        let headers = [
            "Nom de la startup", "Raison sociale", "ICE", "Ville", "Région", "Pays", "Secteur", "Date de création",
            "Fondateur principal", "E-mail", "Téléphone", "Site web", "Effectif", "CA mensuel (MAD)",
            "Financement recherché (MAD)", "Description du projet", "Date de candidature",
        ]
        let mapping = try HeaderMapping(headers: headers)
        #expect(mapping.extraHeaders.isEmpty)
        #expect(mapping.fieldColumns.count == headers.count)
        #expect(mapping.fieldColumns[.fundingSought] == 14)
        #expect(mapping.headers == headers)
    }

    @Test("a column that maps to no field is kept as an extra attribute under its header")
    func unmappedColumnIsExtra() throws {
        let mapping = try HeaderMapping(headers: requiredHeaders + ["Pitch deck URL", "Comment avez-vous connu le programme ?"])
        #expect(mapping.columns[5] == .extra("Pitch deck URL"))
        #expect(mapping.columns[6] == .extra("Comment avez-vous connu le programme ?"))
        #expect(mapping.extraHeaders == ["Pitch deck URL", "Comment avez-vous connu le programme ?"])
    }

    @Test("the line and error columns of a rejects file are ignored, not kept as extras")
    func rejectsColumnsIgnored() throws {
        let mapping = try HeaderMapping(headers: requiredHeaders + ["line", "error"])
        #expect(mapping.columns[5] == .ignored)
        #expect(mapping.columns[6] == .ignored)
        #expect(mapping.extraHeaders.isEmpty)
    }

    // MARK: - --map

    @Test("--map arguments are parsed as typed (trimmed), with ignore and any field name")
    func parsesOverrides() throws {
        let overrides = try HeaderMapping.parseOverrides([
            "Quel est le nom de votre startup ?=name",
            "Comment avez-vous connu le programme ?=ignore",
            "Montant (MAD) = funding_sought",
            "Score = a = b=IGNORE",
        ])
        #expect(overrides == [
            "Quel est le nom de votre startup ?": .field(.name),
            "Comment avez-vous connu le programme ?": .ignored,
            "Montant (MAD)": .field(.fundingSought),
            "Score = a = b": .ignored,
        ])
    }

    @Test("--map maps a long form question to a field and =ignore drops a column")
    func overridesApply() throws {
        let headers = [
            "Horodateur", "Adresse e-mail", "Quel est le nom de votre startup ?", "Dans quelle ville êtes-vous basés ?",
            "Dans quel secteur opérez-vous ?", "Nom et prénom du fondateur / de la fondatrice principal(e)",
            "Comment avez-vous connu le programme ?",
        ]
        let overrides = try HeaderMapping.parseOverrides([
            "Quel est le nom de votre startup ?=name",
            "Dans quelle ville êtes-vous basés ?=city",
            "Dans quel secteur opérez-vous ?=sector",
            "Nom et prénom du fondateur / de la fondatrice principal(e)=founder",
            "Comment avez-vous connu le programme ?=ignore",
        ])
        let mapping = try HeaderMapping(headers: headers, overrides: overrides)
        #expect(mapping.columns == [
            .field(.appliedAt), .field(.email), .field(.name), .field(.city), .field(.sector), .field(.founder), .ignored,
        ])
        #expect(mapping.extraHeaders.isEmpty)
    }

    @Test("--map takes precedence over a recognised header")
    func overrideWinsOverAlias() throws {
        let overrides = try HeaderMapping.parseOverrides(["Ville=region", "Siège=city"])
        let mapping = try HeaderMapping(headers: ["Name", "Founder", "Email", "Sector", "Ville", "Siège"], overrides: overrides)
        #expect(mapping.fieldColumns[.region] == 4)
        #expect(mapping.fieldColumns[.city] == 5)
    }

    @Test(
        "a --map not written Header=field is refused as malformed",
        arguments: ["Nom du projet", "=name", "Nom du projet=", "  ?! =name", "Nom du projet=   "])
    func malformedOverride(mapping: String) {
        #expect(throws: MappingError.malformedMapping(mapping)) {
            try HeaderMapping.parseOverrides([mapping])
        }
    }

    @Test("a --map to a field that does not exist is refused, naming the field and the mapping")
    func unknownFieldOverride() {
        #expect(throws: MappingError.unknownField("nom", mapping: "Nom du projet=nom")) {
            try HeaderMapping.parseOverrides(["Nom du projet=nom"])
        }
        let error = MappingError.unknownField("nom", mapping: "Nom du projet=nom")
        #expect(error.description.hasPrefix("--map \"Nom du projet=nom\": “nom” is not a field; the fields are name, legal_name, ice,"))
        #expect(error.description.hasSuffix(" (or “ignore”)"))
    }

    @Test("a --map naming a header the file does not have is refused and lists the file's headers")
    func unknownHeaderOverride() throws {
        let overrides = try HeaderMapping.parseOverrides(["Nom du projet=name"])
        let error = #expect(throws: MappingError.self) {
            try HeaderMapping(headers: requiredHeaders, overrides: overrides)
        }
        guard case .unknownHeader(_, let headers)? = error else {
            Issue.record("expected unknownHeader, got \(String(describing: error))")
            return
        }
        #expect(headers == requiredHeaders)
    }

    @Test(
        "the unknown-header refusal quotes the header as the user typed it in --map")
    func unknownHeaderQuotesTypedHeader() throws {
        let overrides = try HeaderMapping.parseOverrides(["Nom du projet=name"])
        let error = #expect(throws: MappingError.self) {
            try HeaderMapping(headers: requiredHeaders, overrides: overrides)
        }
        #expect(error == .unknownHeader("Nom du projet", headers: requiredHeaders))
        #expect(error?.description.hasPrefix("--map names the header “Nom du projet”, which the file does not have") == true)
    }

    // MARK: - Header rows that cannot be imported

    @Test("the same header twice is refused with both column numbers, 1-based")
    func duplicateHeader() {
        #expect(throws: MappingError.duplicateHeader("VILLE", columns: [4, 6])) {
            try HeaderMapping(headers: ["Name", "Founder", "Email", "Ville", "Sector", "VILLE"])
        }
    }

    @Test("two different headers for one field are refused, naming both columns")
    func duplicateField() {
        #expect(throws: MappingError.duplicateField(.city, columns: ["City", "Ville"])) {
            try HeaderMapping(headers: ["Name", "Founder", "Email", "City", "Sector", "Ville"])
        }
        let description = MappingError.duplicateField(.city, columns: ["City", "Ville"]).description
        #expect(description == "columns “City” and “Ville” both map to city; keep one, or map the other elsewhere with --map")
    }

    @Test("a --map that sends a second column to a field already taken is refused")
    func overrideDuplicatesField() throws {
        let overrides = try HeaderMapping.parseOverrides(["Marque=name"])
        #expect(throws: MappingError.duplicateField(.name, columns: ["Name", "Marque"])) {
            try HeaderMapping(headers: requiredHeaders + ["Marque"], overrides: overrides)
        }
    }

    @Test("missing required fields are refused, listing the headers seen and the fields expected")
    func missingRequired() {
        let headers = ["Nom", "Ville", "Pitch"]
        let error = #expect(throws: MappingError.self) { try HeaderMapping(headers: headers) }
        #expect(error == .missingRequired([.founder, .email, .sector], headers: headers))
        let expected =
            "no column for founder, email, sector. The headers seen are “Nom”, “Ville”, “Pitch”; the fields expected are "
            + "name, legal_name, ice, city, region, country, sector, founded_on, founder, email, phone, website, "
            + "product_stage, employees, monthly_revenue, funding_sought, description, applied_at, cohort. "
            + "Map a column with --map \"Header text=field\"."
        #expect(error?.description == expected)
    }

    @Test("a header row that maps nothing is refused with every required field")
    func mapsNothing() {
        #expect(throws: MappingError.missingRequired([.name, .founder, .email, .city, .sector], headers: ["a", "b", "c"])) {
            try HeaderMapping(headers: ["a", "b", "c"])
        }
    }

    @Test("a field's ordinal is its place in allCases (the row reader's table of columns relies on it)")
    func fieldOrdinals() {
        #expect(ApplicationField.allCases.map(\.ordinal) == Array(ApplicationField.allCases.indices))
    }
}
