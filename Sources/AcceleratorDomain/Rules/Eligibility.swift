import Foundation

/// How serious an eligibility finding is.
public enum Severity: String, Sendable, Codable {
    /// The application is refused.
    case error
    /// The application is kept and flagged.
    case warning
}

/// One finding of the eligibility check.
public enum EligibilityIssue: Sendable, Equatable, CustomStringConvertible {
    /// A required value is missing.
    case missing(ApplicationField)
    /// The startup name is made only of symbols and punctuation: nothing to find it by.
    case nameWithoutLetterOrDigit(String)
    /// The program is for Moroccan startups only.
    case notMoroccan(CountryCode)
    /// The company cannot be founded in the future.
    case foundedInFuture(CalendarDate)
    /// The company cannot be founded after it applied.
    case foundedAfterApplication(founded: CalendarDate, applied: CalendarDate)
    /// An application cannot be dated in the future.
    case appliedInFuture(CalendarDate)
    /// The startup already has an open application in another cohort.
    case openApplicationElsewhere(cohort: String, stage: Stage)
    /// The sector is not one of the program's emerging-technology sectors (a warning).
    case sectorOutsideProgram(String)
    /// The company is older than the program's limit (a warning).
    case companyTooOld(founded: CalendarDate, limit: Int)

    /// Whether the finding refuses the application or only flags it.
    public var severity: Severity {
        switch self {
        case .missing, .nameWithoutLetterOrDigit, .notMoroccan, .foundedInFuture, .foundedAfterApplication,
            .appliedInFuture, .openApplicationElsewhere:
            .error
        case .sectorOutsideProgram, .companyTooOld: .warning
        }
    }

    /// The field the finding is about.
    public var field: ApplicationField {
        switch self {
        case .missing(let field): field
        case .nameWithoutLetterOrDigit: .name
        case .notMoroccan: .country
        case .foundedInFuture, .foundedAfterApplication, .companyTooOld: .foundedOn
        case .appliedInFuture: .appliedAt
        case .openApplicationElsewhere: .cohort
        case .sectorOutsideProgram: .sector
        }
    }

    public var description: String {
        switch self {
        case .missing(let field):
            "\(Self.label(field)) is missing"
        case .nameWithoutLetterOrDigit(let name):
            "the startup name has no letter or digit: “\(name)”"
        case .notMoroccan(let country):
            "the program is for Moroccan startups; this one is in \(country.englishName) (\(country.code))"
        case .foundedInFuture(let date):
            "the founding date \(date) is in the future"
        case .foundedAfterApplication(let founded, let applied):
            "the founding date \(founded) is after the application date \(applied)"
        case .appliedInFuture(let date):
            "the application date \(date) is in the future"
        case .openApplicationElsewhere(let cohort, let stage):
            "the startup already has an open application in cohort \(cohort) (\(stage)); it may apply again once that one is rejected or withdrawn"
        case .sectorOutsideProgram(let sector):
            "sector “\(sector)” is not one of the program's emerging-technology sectors"
        case .companyTooOld(let founded, let limit):
            "the company, founded \(founded), is more than \(limit) years old at its application (the program's limit)"
        }
    }

    /// The warning a stored message was written from (`description`), when it is one of the two
    /// warnings: an application keeps its warnings as those sentences, so a front end that words
    /// them otherwise (the French report) reads them back here, beside the wording they invert.
    /// Any other text (an error, an older wording) is `nil`.
    public init?(storedWarning message: String) {
        if let sector = Self.text(of: message, between: "sector “", and: "” is not one of the program's emerging-technology sectors") {
            self = .sectorOutsideProgram(sector)
        } else if let middle = Self.text(
            of: message, between: "the company, founded ", and: " years old at its application (the program's limit)"),
            let separator = middle.range(of: ", is more than "),
            let founded = try? CalendarDate.parse(String(middle[..<separator.lowerBound])),
            founded.description == middle[..<separator.lowerBound],
            let limit = Int(middle[separator.upperBound...])
        {
            self = .companyTooOld(founded: founded, limit: limit)
        } else {
            return nil
        }
    }

    private static func text(of message: String, between prefix: String, and suffix: String) -> String? {
        guard message.hasPrefix(prefix), message.hasSuffix(suffix), message.count >= prefix.count + suffix.count else { return nil }
        return String(message.dropFirst(prefix.count).dropLast(suffix.count))
    }

    static func label(_ field: ApplicationField) -> String {
        switch field {
        case .name: "the startup name"
        case .founder: "the lead founder's name"
        case .email: "the lead founder's e-mail"
        case .city: "the city"
        case .sector: "the sector"
        case .cohort: "the cohort"
        case .appliedAt: "the application date"
        case .legalName, .ice, .region, .country, .foundedOn, .phone, .website, .productStage, .employees,
            .monthlyRevenue, .fundingSought, .description:
            "the \(field.rawValue.replacingOccurrences(of: "_", with: " "))"
        }
    }
}

/// Who may apply to the program (checked on every new application, by hand or imported).
public enum Eligibility {
    /// Every finding on an application form, errors and warnings, in field order.
    ///
    /// - Parameters:
    ///   - form: the application, values parsed; a missing country means Morocco.
    ///   - openApplications: the startup's open applications in other cohorts, with their stage.
    ///   - rules: the program's settings (sectors, age limit).
    ///   - today: the current day.
    public static func check(
        _ form: ApplicationForm,
        openApplications: [(cohort: String, stage: Stage)] = [],
        rules: ProgramRules,
        today: CalendarDate
    ) -> [EligibilityIssue] {
        var issues: [EligibilityIssue] = []
        if let name = form.name, !isBlank(name) {
            // A startup is found by its folded name (letters and digits only): one without any
            // would match every other such name, and could never be told apart by name.
            if !hasASCIILetterOrDigit(name), TextFolding.folded(name).isEmpty { issues.append(.nameWithoutLetterOrDigit(name)) }
        } else {
            issues.append(.missing(.name))
        }
        if isBlank(form.leadFounder?.fullName) { issues.append(.missing(.founder)) }
        if form.leadFounder?.email == nil { issues.append(.missing(.email)) }
        if isBlank(form.city) { issues.append(.missing(.city)) }
        if let country = form.country, country != .morocco { issues.append(.notMoroccan(country)) }
        if isBlank(form.sector) {
            issues.append(.missing(.sector))
        } else if let sector = form.sector, rules.canonicalSector(sector) == nil {
            issues.append(.sectorOutsideProgram(sector))
        }
        if let founded = form.foundedOn {
            if founded > today {
                issues.append(.foundedInFuture(founded))
            } else if founded > form.appliedOn {
                issues.append(.foundedAfterApplication(founded: founded, applied: form.appliedOn))
            } else {
                let limit = rules.maximumCompanyAgeYears
                let years = founded.years(until: form.appliedOn)
                let isAnniversary = founded.month == form.appliedOn.month && founded.day == form.appliedOn.day
                if years > limit || (years == limit && !isAnniversary) {
                    issues.append(.companyTooOld(founded: founded, limit: limit))
                }
            }
        }
        if form.appliedOn > today { issues.append(.appliedInFuture(form.appliedOn)) }
        for open in openApplications where open.cohort != form.cohort {
            issues.append(.openApplicationElsewhere(cohort: open.cohort, stage: open.stage))
        }
        return issues
    }

    /// Whether the text holds an ASCII letter or digit, which its folding keeps: nearly every name,
    /// which then needs no folding to be known to have one.
    private static func hasASCIILetterOrDigit(_ text: String) -> Bool {
        text.utf8.contains { byte in (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) }
    }

    private static func isBlank(_ text: String?) -> Bool {
        text?.trimmedText.isEmpty ?? true
    }
}
