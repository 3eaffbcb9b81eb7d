/// Where an application stands in the program.
///
/// The four program stages are ordered; the two exits end an application for good.
public enum Stage: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case applied
    case mentored
    case funded
    case international
    case rejected
    case withdrawn

    /// The stages of the program proper, in order.
    public static let programOrder: [Stage] = [.applied, .mentored, .funded, .international]

    /// Whether this stage ends an application (`rejected` or `withdrawn`).
    public var isExit: Bool {
        switch self {
        case .applied, .mentored, .funded, .international: false
        case .rejected, .withdrawn: true
        }
    }

    /// Whether the application is still open: not ended by an exit.
    public var isOpen: Bool { !isExit }

    /// The position in the program order, or `nil` for an exit.
    public var rank: Int? {
        switch self {
        case .applied: 0
        case .mentored: 1
        case .funded: 2
        case .international: 3
        case .rejected, .withdrawn: nil
        }
    }

    /// The stage one step forward, or `nil` when there is none.
    public var next: Stage? {
        switch self {
        case .applied: .mentored
        case .mentored: .funded
        case .funded: .international
        case .international, .rejected, .withdrawn: nil
        }
    }

    /// Parses a stage as staff write it, in English or French (`mentoré`, `financé`, `rejeté`, `retiré`).
    public init?(parsing text: String) {
        switch TextFolding.compact(text) {
        case "applied", "candidat", "candidature", "postule": self = .applied
        case "mentored", "mentore", "mentorat", "mentoree": self = .mentored
        case "funded", "finance", "financement", "financee": self = .funded
        case "international", "internationalise", "internationale", "internationalisee": self = .international
        case "rejected", "rejete", "refuse", "rejetee", "refusee": self = .rejected
        case "withdrawn", "retire", "desiste", "retiree", "desistee", "desistement": self = .withdrawn
        default: return nil
        }
    }

    public var description: String { rawValue }
}

/// The kinds of funding the program records.
public enum FundingKind: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case grant
    case equity
    case convertible
    case loan
    case prize

    /// Parses a funding kind in English or French (`subvention`, `prêt`, `prix`, `capital`).
    public init?(parsing text: String) {
        switch TextFolding.compact(text) {
        case "grant", "subvention", "don": self = .grant
        case "equity", "capital", "fondspropres", "participation": self = .equity
        case "convertible", "obligationconvertible", "bsa", "bsaair", "safe": self = .convertible
        case "loan", "pret", "credit": self = .loan
        case "prize", "prix", "award": self = .prize
        default: return nil
        }
    }

    public var description: String { rawValue }
}
