/// A mentor assigned to an application.
public struct MentorAssignment: Sendable, Equatable, Codable {
    /// The mentor's full name.
    public var mentorName: String
    /// Technopark, Plug and Play, or a partner's name.
    public var organisation: String

    /// Creates an assignment.
    public init(mentorName: String, organisation: String) {
        self.mentorName = mentorName
        self.organisation = organisation
    }
}

/// Money committed to a startup.
public struct Funding: Sendable, Equatable {
    /// The amount, exact, in minor units of its currency.
    public var amount: Money
    /// Grant, equity, convertible, loan or prize.
    public var kind: FundingKind
    /// The investor or funder.
    public var investor: String
    /// The day the funding was committed.
    public var fundedOn: CalendarDate

    /// Creates a funding record.
    public init(amount: Money, kind: FundingKind, investor: String, fundedOn: CalendarDate) {
        self.amount = amount
        self.kind = kind
        self.investor = investor
        self.fundedOn = fundedOn
    }
}

/// A foreign market a startup enters through the network.
public struct MarketEntry: Sendable, Equatable {
    /// The country entered.
    public var country: CountryCode
    /// The partner that opens the market, when there is one.
    public var partner: String?

    /// Creates a market entry.
    public init(country: CountryCode, partner: String?) {
        self.country = country
        self.partner = partner
    }
}

/// A funding record as the user typed it: any part may be missing.
public struct FundingDraft: Sendable, Equatable {
    /// The amount.
    public var amount: Money?
    /// The kind.
    public var kind: FundingKind?
    /// The investor or funder.
    public var investor: String?
    /// The day it was committed.
    public var fundedOn: CalendarDate?

    /// Creates a draft.
    public init(amount: Money? = nil, kind: FundingKind? = nil, investor: String? = nil, fundedOn: CalendarDate? = nil) {
        self.amount = amount
        self.kind = kind
        self.investor = investor
        self.fundedOn = fundedOn
    }

    /// Whether nothing at all was given.
    public var isEmpty: Bool { amount == nil && kind == nil && investor == nil && fundedOn == nil }
}

/// A mentor assignment as the user typed it.
public struct MentorDraft: Sendable, Equatable {
    /// The mentor's name.
    public var mentorName: String?
    /// The mentor's organisation.
    public var organisation: String?

    /// Creates a draft.
    public init(mentorName: String? = nil, organisation: String? = nil) {
        self.mentorName = mentorName
        self.organisation = organisation
    }

    /// Whether nothing at all was given.
    public var isEmpty: Bool { mentorName == nil && organisation == nil }
}

/// A market entry as the user typed it.
public struct MarketDraft: Sendable, Equatable {
    /// The country entered.
    public var country: CountryCode?
    /// The partner.
    public var partner: String?

    /// Creates a draft.
    public init(country: CountryCode? = nil, partner: String? = nil) {
        self.country = country
        self.partner = partner
    }

    /// Whether nothing at all was given.
    public var isEmpty: Bool { country == nil && partner == nil }
}
