import AcceleratorDomain
import AcceleratorStore
import Foundation

/// The report's words and numbers in French: stages, kinds of funding, the program's sectors, the
/// eligibility warnings the store keeps in English, numbers grouped by narrow no-break spaces.
extension ReportHTML {
    static func stageName(_ stage: Stage, plural: Bool) -> String {
        switch stage {
        case .applied: plural ? "Candidatures" : "Candidature"
        case .mentored: plural ? "Mentorées" : "Mentorat"
        case .funded: plural ? "Financées" : "Financement"
        case .international: "International"
        case .rejected: plural ? "Rejetées" : "Rejet"
        case .withdrawn: plural ? "Retirées" : "Retrait"
        }
    }

    static func kindName(_ kind: FundingKind) -> String {
        switch kind {
        case .grant: "Subvention"
        case .equity: "Capital"
        case .convertible: "Convertible"
        case .loan: "Prêt"
        case .prize: "Prix"
        }
    }

    /// `1234567` as `1 234 567` (narrow no-break spaces).
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `1500000.50` as `1 500 000,50`.
    static func amount(_ text: String) -> String {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let units = Int(parts[0]) else { return text }
        return number(units) + (parts.count > 1 ? "," + parts[1] : "")
    }

    static func percent(_ share: Double?) -> String {
        guard let share else { return "—" }
        return Figure.decimal(share * 100).replacingOccurrences(of: ".", with: ",") + "\u{202F}%"
    }

    static func days(_ value: Double?) -> String {
        guard let value else { return "—" }
        return Figure.decimal(value).replacingOccurrences(of: ".", with: ",")
    }

    static func frenchDate(_ iso: String) -> String {
        ExportProfile.excelFrench.date(iso: iso)
    }

    /// The French name of one of the program's default sectors, which the store keeps in their
    /// English spelling (`canonicalSector`); any other sector (a program's own, one outside the
    /// program) is shown as written.
    static func sectorName(_ sector: String) -> String {
        frenchSectors[sector] ?? sector
    }

    /// The default sectors of `ProgramRules`, in French.
    static let frenchSectors: [String: String] = [
        "AI": "Intelligence artificielle", "FinTech": "Technologies financières", "AgriTech": "Technologies agricoles",
        "HealthTech": "Santé numérique", "EdTech": "Éducation numérique", "CleanTech": "Technologies propres",
        "GreenHydrogen": "Hydrogène vert", "Cybersecurity": "Cybersécurité", "Mobility": "Mobilité",
        "Logistics": "Logistique", "GovTech": "Administration numérique", "Aerospace": "Aéronautique et spatial",
        "InsurTech": "Technologies de l'assurance", "PropTech": "Technologies de l'immobilier",
        "E-commerce": "Commerce électronique", "DeepTech": "Technologies de rupture", "IoT": "Objets connectés",
    ]

    /// An eligibility warning as kept on its application (the English sentence of
    /// `EligibilityIssue.description`), in French; a message this version did not write is shown
    /// as it is.
    static func warningText(_ message: String) -> String {
        switch EligibilityIssue(storedWarning: message) {
        case .sectorOutsideProgram(let sector):
            "Le secteur «\u{00A0}\(sector)\u{00A0}» ne fait pas partie des secteurs de technologies émergentes du programme"
        case .companyTooOld(let founded, let limit):
            "L'entreprise, fondée le \(founded.dayFirstDescription), a plus de \(limit) ans à sa candidature (la limite du programme)"
        case .missing, .nameWithoutLetterOrDigit, .notMoroccan, .foundedInFuture, .foundedAfterApplication, .appliedInFuture,
            .openApplicationElsewhere, nil:
            // Errors refuse an application: none is kept on one.
            message
        }
    }
}
