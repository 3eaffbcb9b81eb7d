import Foundation

/// What one column of an applicant spreadsheet holds.
public enum ImportColumn: Sendable, Equatable {
    /// A field of the application.
    case field(ApplicationField)
    /// A column that maps to no field: kept per application as an extra attribute.
    case extra(String)
    /// A column to skip: the `line` and `error` columns a rejects file adds.
    case ignored
}

/// Why a header row cannot be imported; reported before any row is read.
public enum MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Required fields have no column.
    case missingRequired([ApplicationField], headers: [String])
    /// Two columns map to the same field.
    case duplicateField(ApplicationField, columns: [String])
    /// The same header appears twice.
    case duplicateHeader(String, columns: [Int])
    /// A `--map` names a field that does not exist.
    case unknownField(String, mapping: String)
    /// A `--map` is not written `Header=field`.
    case malformedMapping(String)
    /// A `--map` names a header the file does not have.
    case unknownHeader(String, headers: [String])

    public var description: String { message(.commandLine) }

    /// The message, with the mapping option worded by the front end (`--map` on the command line).
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .missingRequired(let fields, let headers):
            let names = fields.map(\.rawValue).joined(separator: ", ")
            let seen = HeaderMapping.quoted(headers)
            return "no column for \(names). The headers seen are \(seen); the fields expected are "
                + ApplicationField.allCases.map(\.rawValue).joined(separator: ", ")
                + ". Map a column \(wording.pointing(to: .columnMapping, value: "\"Header text=field\""))."
        case .duplicateField(let field, let columns):
            return "columns \(columns.map { "“\($0)”" }.joined(separator: " and ")) both map to \(field); keep one, "
                + "or map the other elsewhere \(wording.pointing(to: .columnMapping, value: nil))"
        case .duplicateHeader(let header, let columns):
            return "the header “\(header)” appears in columns \(columns.map(String.init).joined(separator: " and ")); rename one of them"
        case .unknownField(let field, let mapping):
            return "\(wording.quoting(.columnMapping, value: "\"\(mapping)\"")): “\(field)” is not a field; the fields are "
                + ApplicationField.allCases.map(\.rawValue).joined(separator: ", ") + " (or “ignore”)"
        case .malformedMapping(let mapping):
            return "\(wording.quoting(.columnMapping, value: "\"\(mapping)\"")): write it as \"Header text=field\""
        case .unknownHeader(let header, let headers):
            return "\(wording.name(.columnMapping)) names the header “\(header)”, which the file does not have; its headers are "
                + headers.map { "“\($0)”" }.joined(separator: ", ")
        }
    }
}

/// How the columns of a header row map to the application's fields.
///
/// English and French headers are recognised without options, ignoring case, accents, punctuation
/// and spacing (`Nom de la startup`, `E-mail`, `CA mensuel (MAD)`, `startup_name`); `--map` maps the
/// long question headers of form exports.
public struct HeaderMapping: Sendable, Equatable {
    /// The most bytes a column name may hold: a spreadsheet's longest question fits many times over;
    /// a larger header cell is a quote left open or not a spreadsheet.
    public static let headerByteLimit = 2_048

    /// Headers quoted for a message, bounded: at most 20 of them, each cut at 60 characters.
    public static func quoted(_ headers: [String]) -> String {
        let shown = headers.prefix(20).map { header in
            "“\(header.count > 60 ? String(header.prefix(59)) + "…" : header)”"
        }
        let more = headers.count > shown.count ? " and \(headers.count - shown.count) more" : ""
        return shown.joined(separator: ", ") + more
    }

    /// The header row as read.
    public let headers: [String]
    /// What each column holds.
    public let columns: [ImportColumn]
    /// The column of each mapped field.
    public let fieldColumns: [ApplicationField: Int]
    /// The headers kept as extra attributes (computed once: the import asks for every row).
    public let extraHeaders: [String]
    /// The columns kept as extra attributes, with their headers, in order.
    public var extraColumns: [(index: Int, header: String)] {
        columns.enumerated().compactMap { index, column in
            if case .extra(let header) = column { (index, header) } else { nil }
        }
    }

    /// The fields an application cannot do without.
    public static let requiredFields: [ApplicationField] = [.name, .founder, .email, .city, .sector]

    /// Parses `--map` arguments (`Header text=field`), keyed by the header as typed (compared by
    /// its compact form when mapping).
    public static func parseOverrides(_ mappings: [String]) throws(MappingError) -> [String: ImportColumn] {
        var overrides: [String: ImportColumn] = [:]
        for mapping in mappings {
            guard let equals = mapping.lastIndex(of: "=") else { throw .malformedMapping(mapping) }
            let header = String(mapping[..<equals])
            let target = String(mapping[mapping.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard !TextFolding.compact(header).isEmpty, !target.isEmpty else { throw .malformedMapping(mapping) }
            let column: ImportColumn
            if target.lowercased() == "ignore" {
                column = .ignored
            } else if let field = ApplicationField(rawValue: target.lowercased()) {
                column = .field(field)
            } else {
                throw .unknownField(target, mapping: mapping)
            }
            overrides[header.trimmingCharacters(in: .whitespaces)] = column
        }
        return overrides
    }

    /// Maps a header row, with `overrides` (from `parseOverrides`) taking precedence.
    public init(headers: [String], overrides: [String: ImportColumn] = [:]) throws(MappingError) {
        let keys = headers.map(TextFolding.compact)
        var overridesByKey: [String: ImportColumn] = [:]
        for (typed, column) in overrides.sorted(by: { $0.key < $1.key }) {
            let key = TextFolding.compact(typed)
            guard keys.contains(key) else { throw .unknownHeader(typed, headers: headers) }
            overridesByKey[key] = column
        }
        var seenHeaders: [String: Int] = [:]
        for (index, key) in keys.enumerated() where !key.isEmpty {
            if let first = seenHeaders[key] {
                throw .duplicateHeader(headers[index], columns: [first + 1, index + 1])
            }
            seenHeaders[key] = index
        }
        var columns: [ImportColumn] = []
        var fieldColumns: [ApplicationField: Int] = [:]
        for (index, key) in keys.enumerated() {
            let column = overridesByKey[key] ?? Self.recognise(key, header: headers[index])
            if case .field(let field) = column {
                if let other = fieldColumns[field] {
                    throw .duplicateField(field, columns: [headers[other], headers[index]])
                }
                fieldColumns[field] = index
            }
            columns.append(column)
        }
        let missing = Self.requiredFields.filter { fieldColumns[$0] == nil }
        guard missing.isEmpty else { throw .missingRequired(missing, headers: headers) }
        self.headers = headers
        self.columns = columns
        self.fieldColumns = fieldColumns
        self.extraHeaders = columns.compactMap { if case .extra(let name) = $0 { name } else { nil } }
    }

    /// The column of a header's compact form, by the known English and French spellings.
    static func recognise(_ key: String, header: String) -> ImportColumn {
        if let field = aliases[key] { return .field(field) }
        // "CA mensuel (MAD)", "Funding sought (DH)": the currency in the header is not part of its name.
        for suffix in ["mad", "dh", "dhs", "dirhams", "eur", "usd"] where key.hasSuffix(suffix) {
            if let field = aliases[String(key.dropLast(suffix.count))] { return .field(field) }
        }
        if key == "line" || key == "error" { return .ignored }
        // The columns only `accelerator export` writes (program_stage, program_mentored_on,
        // program_funding_MAD, …): the program's record, not what the startup filled in, so a
        // re-imported export leaves them out instead of keeping them as extra attributes.
        if ExportColumns.isExportOnly(compactHeader: key) { return .ignored }
        return .extra(header)
    }

    /// Known headers, in compact form (lowercase, no accents, punctuation or spaces).
    static let aliases: [String: ApplicationField] = {
        let table: [ApplicationField: [String]] = [
            .name: [
                "name", "startupname", "startup", "nomdelastartup", "nomstartup", "nom", "nomduprojet",
                "projectname", "project", "projet", "company", "companyname", "entreprise", "nomdelentreprise",
                "nomdelasociete", "societe",
            ],
            .legalName: ["legalname", "raisonsociale", "denomination", "denominationsociale", "registeredname", "companylegalname"],
            .ice: ["ice", "numeroice", "nice", "identifiantcommundelentreprise", "iceno", "icenumber"],
            .city: ["city", "ville", "town", "villedusiege", "villeduprojet"],
            .region: ["region", "province"],
            .country: ["country", "pays", "paysdusiege"],
            .sector: ["sector", "secteur", "secteurdactivite", "industry", "domaine", "domainedactivite", "verticale", "vertical"],
            .foundedOn: [
                "foundedon", "founded", "foundingdate", "datefounded", "creationdate", "dateofcreation",
                "datedecreation", "datecreation", "datedecreationdelentreprise",
            ],
            .founder: [
                "founder", "leadfounder", "foundername", "fondateurprincipal", "fondateur", "nomdufondateur",
                "porteurdeprojet", "porteurduprojet", "fullname", "nomcomplet", "leadfoundername", "contactname",
                "nometprenom", "prenometnom",
            ],
            .email: [
                "email", "mail", "emailaddress", "adresseemail", "adressemail", "courriel", "adressecourriel",
                "emaildufondateur", "founderemail", "leadfounderemail", "contactemail",
            ],
            .phone: [
                "phone", "phonenumber", "telephone", "tel", "numerodetelephone", "gsm", "mobile", "portable",
                "contactphone",
            ],
            .website: ["website", "siteweb", "site", "siteinternet", "url", "web"],
            .productStage: ["productstage", "stadeduproduit", "stade", "maturite", "stadededeveloppement", "stagedeveloppement"],
            .employees: [
                "employees", "effectif", "effectifs", "nombredemployes", "nombredesalaries", "headcount", "teamsize",
                "tailledelequipe", "nombreemployes",
            ],
            .monthlyRevenue: [
                "monthlyrevenue", "camensuel", "chiffredaffairesmensuel", "revenumensuel", "mrr",
            ],
            .fundingSought: [
                "fundingsought", "financementrecherche", "montantrecherche", "besoindefinancement", "fundingneeded",
                "amountsought",
            ],
            .description: [
                "description", "descriptionduprojet", "projectdescription", "descriptif", "pitch", "resume",
            ],
            .appliedAt: [
                "appliedat", "appliedon", "applicationdate", "datedecandidature", "horodateur", "timestamp",
                "submittedat", "submitdateutc", "datedesoumission", "dateofapplication",
            ],
            .cohort: ["cohort", "cohorte", "promotion", "intake"],
        ]
        var aliases: [String: ApplicationField] = [:]
        for (field, names) in table {
            for name in names { aliases[name] = field }
        }
        return aliases
    }()
}
