import AcceleratorDomain
import AcceleratorStore

/// A startup as `show` prints it.
public enum StartupCard {
    /// Identity, founders, then each application with its records.
    public static func text(_ startup: StartupDetails) -> String {
        var lines: [String] = []
        lines.append("\(startup.name)  (#\(startup.id)\(startup.ice.map { ", ICE \($0)" } ?? ""))")
        let place = [startup.city, startup.region, startup.country].compactMap { $0 }.joined(separator: ", ")
        let fields: [(String, String?)] = [
            ("Legal name", startup.legalName), ("Location", place), ("Sector", startup.sector),
            ("Founded", startup.foundedOn), ("Phone", startup.phone), ("Website", startup.website),
            ("Product", startup.productStage), ("Employees", startup.employees.map(String.init)),
            ("Revenue/month", startup.monthlyRevenue), ("Seeking", startup.fundingSought),
            ("Description", startup.description?.split(whereSeparator: \.isNewline).joined(separator: " / ")),
        ]
        for (label, value) in fields {
            if let value { lines.append("  \((label + ":").padded(to: 16))\(value)") }
        }
        lines.append("Founders")
        for founder in startup.founders {
            lines.append("  \(founder.fullName)\(founder.email.map { " <\($0)>" } ?? "")\(founder.isLead ? " (lead)" : "")")
        }
        lines.append("Applications")
        for application in startup.applications {
            var head = "  \(application.cohort)  \(application.stage)  applied \(application.appliedOn)  (application #\(application.id))"
            if let reason = application.exitReason { head += "  reason: \(reason)" }
            lines.append(head)
            if let void = application.void {
                lines.append("    VOIDED:   \(minute(void.voidedAt)) by \(void.actor): \(void.reason) (counted nowhere since)")
            }
            for mentor in application.mentors {
                let span = mentor.endedOn.map { "from \(mentor.assignedOn) to \($0)" } ?? "since \(mentor.assignedOn)"
                lines.append("    mentor:   \(mentor.name) (\(mentor.organisation)) \(span)")
            }
            for funding in application.funding {
                lines.append("    funding:  \(funding.amount) \(funding.currency) \(funding.kind) from \(funding.investor) on \(funding.fundedOn)")
            }
            for market in application.markets {
                lines.append("    market:   \(market.countryName) (\(market.country))\(market.partner.map { " with \($0)" } ?? "") since \(market.enteredOn)")
            }
            for warning in application.warnings {
                lines.append("    warning:  \(warning)")
            }
            for attribute in application.extra {
                lines.append("    \(attribute.name): \(attribute.value)")
            }
        }
        if !startup.notes.isEmpty {
            lines.append("Notes")
            for note in startup.notes {
                let about = note.cohort.map { " (\($0))" } ?? ""
                lines.append("  \(minute(note.recordedAt))  \(note.actor)\(about): \(note.text)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The text followed by spaces up to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
