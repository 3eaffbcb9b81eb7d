import Foundation

/// What one column of a committee's decisions spreadsheet holds.
///
/// The raw value is the column's English name, the one refusals use to say what to fill in.
public enum DecisionField: String, Sendable, CaseIterable, Codable {
    /// The startup: its id, its ICE or its name.
    case startup
    /// The application's cohort, when the startup has several.
    case cohort
    /// The stage decided: mentored, funded, international, rejected or withdrawn.
    case decision
    /// The day of the decision: the move's date, and the funding's date on a funded row.
    case date
    /// The mentor's full name (mentored).
    case mentor
    /// The mentor's organisation (mentored).
    case mentorOrganisation = "mentor_org"
    /// The funding's amount (funded).
    case amount
    /// The amount's currency (default: the rules' currency).
    case currency
    /// Grant, equity, convertible, loan or prize (funded).
    case fundingKind = "funding_kind"
    /// The investor or funder (funded).
    case investor
    /// The market's country (international).
    case market
    /// The partner opening the market (international).
    case partner
    /// Why the application ends (rejected, withdrawn).
    case reason
    /// A free note for the history.
    case note
}

/// Why the header row of a decisions file cannot be used; reported before any row is read.
public enum DecisionMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Required columns are missing.
    case missingRequired([DecisionField], headers: [String])
    /// Two columns mean the same thing.
    case duplicateField(DecisionField, columns: [String])

    public var description: String {
        switch self {
        case .missingRequired(let fields, let headers):
            let seen = HeaderMapping.quoted(headers)
            let names = fields.map(\.rawValue).joined(separator: " and ")
            return "no \(names) column. The headers seen are \(seen); a decisions file has the columns "
                + DecisionField.allCases.map(\.rawValue).joined(separator: ", ")
                + " (or their French names: startup, cohorte, décision, date, mentor, organisation du mentor, montant, "
                + "devise, type de financement, investisseur, marché, partenaire, motif, note)"
        case .duplicateField(let field, let columns):
            return "columns \(columns.map { "“\($0)”" }.joined(separator: " and ")) both mean \(field.rawValue); keep one"
        }
    }
}

/// How the columns of a decisions file's header row map to the decision's fields.
///
/// English and French headers are recognised ignoring case, accents, punctuation and spacing
/// (`Décision`, `Type de financement`, `mentor_org`). A column that means nothing here is ignored
/// and named in the report, so a committee's own columns (a score, a ranking) can stay in the sheet.
public struct DecisionMapping: Sendable, Equatable {
    /// The header row as read.
    public let headers: [String]
    /// The column of each recognised field.
    public let fieldColumns: [DecisionField: Int]
    /// The headers of the columns that were ignored.
    public let ignoredHeaders: [String]

    /// The columns a decisions file cannot do without.
    public static let requiredFields: [DecisionField] = [.startup, .decision]

    /// Maps a header row.
    public init(headers: [String]) throws(DecisionMappingError) {
        var fieldColumns: [DecisionField: Int] = [:]
        var ignored: [String] = []
        for (index, header) in headers.enumerated() {
            guard let field = Self.recognise(header) else {
                if !header.trimmedText.isEmpty { ignored.append(header) }
                continue
            }
            if let other = fieldColumns[field] {
                throw .duplicateField(field, columns: [headers[other], header])
            }
            fieldColumns[field] = index
        }
        let missing = Self.requiredFields.filter { fieldColumns[$0] == nil }
        guard missing.isEmpty else { throw .missingRequired(missing, headers: headers) }
        self.headers = headers
        self.fieldColumns = fieldColumns
        self.ignoredHeaders = ignored
    }

    /// The field a header stands for, by its known English and French spellings.
    public static func recognise(_ header: String) -> DecisionField? {
        aliases[TextFolding.compact(header)]
    }

    /// The column's header as the file writes it, else the field's English name.
    public func columnName(_ field: DecisionField) -> String {
        fieldColumns[field].map { headers[$0].trimmedText } ?? field.rawValue
    }

    /// The column a move's missing or unexpected detail is given in.
    public static func field(for input: MoveInput) -> DecisionField {
        switch input {
        case .mentorName: .mentor
        case .mentorOrganisation: .mentorOrganisation
        case .amount: .amount
        case .currency: .currency
        case .fundingKind: .fundingKind
        case .investor: .investor
        case .fundedOn, .date: .date
        case .market: .market
        case .partner: .partner
        case .reason: .reason
        }
    }

    /// A refusal with what to fill in, or what was not recorded, named by column:
    /// `no funding recorded — give the amount, funding_kind, investor and date columns`,
    /// `the application is already funded, so nothing was recorded (the amount, funding_kind,
    /// investor and date columns): record a further funding round with `accelerator fund``.
    public func explained(_ refusal: Refusal) -> String {
        switch refusal {
        case .unexpectedDetails(let inputs, let target):
            let names = columnNames(inputs)
            let plural = names.count > 1
            return "the \(Self.list(names)) column\(plural ? "s" : "") cannot be recorded by a move to \(target); "
                + "leave \(plural ? "them" : "it") empty on this row"
        default:
            return refusal.explained { inputs in
                let names = columnNames(inputs)
                return "the \(Self.list(names)) column\(names.count > 1 ? "s" : "")"
            }
        }
    }

    private func columnNames(_ inputs: [MoveInput]) -> [String] {
        columnNames(inputs.map(UserInput.move))
    }

    private func columnNames(_ inputs: [UserInput]) -> [String] {
        var names: [String] = []
        for input in inputs {
            let name: String
            switch input {
            case .move(let input): name = columnName(Self.field(for: input))
            case .cohort: name = columnName(.cohort)
            case .database, .asOf, .columnMapping, .furtherRecord: continue
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// Known headers, in compact form (lowercase, no accents, punctuation or spaces).
    static let aliases: [String: DecisionField] = {
        let table: [DecisionField: [String]] = [
            .startup: [
                "startup", "startupname", "name", "nom", "nomdelastartup", "nomstartup", "company", "entreprise",
                "societe", "projet", "startupidiceorname",
            ],
            .cohort: ["cohort", "cohorte", "promotion", "intake"],
            .decision: [
                "decision", "decisionducomite", "committeedecision", "stage", "etape", "newstage", "nouvelleetape",
            ],
            .date: [
                "date", "datededecision", "datedeladecision", "decisiondate", "decidedon", "datedecision",
                "dateducomite", "committeedate",
            ],
            .mentor: ["mentor", "mentore", "mentorname", "nomdumentor", "nomdumentore"],
            .mentorOrganisation: [
                "mentororg", "mentororganisation", "mentororganization", "organisationdumentor",
                "organisationdumentore", "organisme", "organismedumentor", "organisation", "organization",
            ],
            .amount: ["amount", "montant", "fundingamount", "montantdufinancement", "montantfinance"],
            .currency: ["currency", "devise", "monnaie"],
            .fundingKind: [
                "fundingkind", "fundingtype", "kind", "typedefinancement", "typefinancement", "naturedufinancement",
            ],
            .investor: ["investor", "investisseur", "bailleur", "bailleurdefonds", "funder", "financeur"],
            .market: ["market", "marche", "pays", "country", "marchecible", "targetmarket", "paysdexpansion"],
            .partner: ["partner", "partenaire", "marketpartner", "partenairelocal"],
            .reason: ["reason", "motif", "raison", "motifdurefus", "exitreason"],
            .note: ["note", "notes", "commentaire", "commentaires", "comment", "comments", "remarque", "remarques"],
        ]
        var aliases: [String: DecisionField] = [:]
        for (field, names) in table {
            for name in names { aliases[name] = field }
        }
        return aliases
    }()
}

/// A decisions file's words: its columns, by the headers the file gives them.
extension DecisionMapping: Wording {
    public func name(_ input: UserInput) -> String {
        switch input {
        case .move, .cohort: list([input])
        case .database, .asOf, .columnMapping, .furtherRecord: CommandLineWording().name(input)
        }
    }

    public func list(_ inputs: [UserInput]) -> String {
        let names = columnNames(inputs)
        return "the \(Self.list(names)) column\(names.count > 1 ? "s" : "")"
    }

    public func pointing(to input: UserInput, value: String?) -> String { "in \(name(input))" }

    public func explain(_ refusal: Refusal) -> String { explained(refusal) }
}
