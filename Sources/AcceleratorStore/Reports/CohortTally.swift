import AcceleratorDomain

/// The groups the report's queries return for one cohort, added up; several cohorts' tallies
/// merge into the program's. `figures` turns a tally into the published figures.
struct CohortTally {
    /// A move from one stage to another.
    struct Move: Hashable {
        var from: Stage
        var to: Stage
    }

    /// A number of records and their total in minor units: exact, or known to be beyond what 64
    /// bits hold, and then never shown (`funding` refuses the report).
    struct Sum {
        var count = 0
        var total: Int64 = 0
        /// Whether an addition went beyond 64 bits: `total` then means nothing.
        var overflowed = false

        mutating func add(count: Int, total: Int64) {
            self.count += count
            let (sum, overflow) = self.total.addingReportingOverflow(total)
            self.total = sum
            overflowed = overflowed || overflow
        }

        mutating func add(_ other: Sum) {
            add(count: other.count, total: other.total)
            overflowed = overflowed || other.overflowed
        }
    }

    /// A sector, city and region as stored.
    struct Place: Hashable, Sendable {
        var sector: String
        var city: String
        var region: String?
    }

    /// How many applications of a place reached each stage.
    struct Reach {
        var applications = 0
        var mentored = 0
        var funded = 0
        var international = 0

        mutating func add(_ other: Reach) {
            applications += other.applications
            mentored += other.mentored
            funded += other.funded
            international += other.international
        }
    }

    var applications = 0
    var flagged = 0
    var moves: [Move: Int] = [:]
    var reasons: [Stage: [String: Int]] = [:]
    /// Histograms of days in `applied`, `mentored` and `funded` (days → applications).
    var durations: [Stage: [Int: Int]] = [:]
    /// Applications still in `applied`, `mentored` or `funded` on the report's day.
    var ongoing: [Stage: Int] = [:]
    var fundingKinds: [String: [FundingKind: Sum]] = [:]
    var investors: [String: [String: Sum]] = [:]
    /// Histograms of funding amounts per currency (minor units → records).
    var amounts: [String: [Int64: Int]] = [:]
    var places: [Place: Reach] = [:]
    var markets: [String: Int] = [:]
    var warnings: [String: Int] = [:]

    mutating func merge(_ other: CohortTally) {
        applications += other.applications
        flagged += other.flagged
        moves.merge(other.moves, uniquingKeysWith: +)
        reasons.merge(other.reasons) { $0.merging($1, uniquingKeysWith: +) }
        durations.merge(other.durations) { $0.merging($1, uniquingKeysWith: +) }
        ongoing.merge(other.ongoing, uniquingKeysWith: +)
        for (currency, kinds) in other.fundingKinds {
            for (kind, sum) in kinds { fundingKinds[currency, default: [:]][kind, default: Sum()].add(sum) }
        }
        for (currency, names) in other.investors {
            for (name, sum) in names { investors[currency, default: [:]][name, default: Sum()].add(sum) }
        }
        amounts.merge(other.amounts) { $0.merging($1, uniquingKeysWith: +) }
        for (place, reach) in other.places { places[place, default: Reach()].add(reach) }
        markets.merge(other.markets, uniquingKeysWith: +)
        warnings.merge(other.warnings, uniquingKeysWith: +)
    }

    // MARK: - Figures

    /// The published figures; `ofEveryCohort` for the program's figures, every cohort together.
    func figures(cohort: String, startsOn: String?, capacity: Int?, ofEveryCohort: Bool = false) throws(ReportError) -> CohortFigures {
        CohortFigures(
            cohort: cohort, startsOn: startsOn, capacity: capacity, applications: applications,
            funnel: funnel(), exits: exits(), timeInStage: timeInStage(),
            funding: try funding(of: ofEveryCohort ? nil : cohort),
            sectors: breakdown { $0.sector }, cities: breakdown { $0.city }, regions: breakdown { $0.region },
            markets: marketFigures(), warnings: WarningFigures(applications: flagged, byMessage: Self.ranked(warnings)))
    }

    func reached(_ stage: Stage) -> Int {
        if stage == .applied { return applications }
        return moves.reduce(0) { $0 + ($1.key.to == stage ? $1.value : 0) }
    }

    func left(_ stage: Stage) -> Int {
        moves.reduce(0) { $0 + ($1.key.from == stage ? $1.value : 0) }
    }

    func funnel() -> [FunnelStep] {
        Stage.programOrder.map { stage in
            let count = reached(stage)
            var conversion: Double?
            if let next = stage.next, count > 0 { conversion = Double(reached(next)) / Double(count) }
            return FunnelStep(stage: stage, reached: count, current: count - left(stage), conversionToNext: conversion)
        }
    }

    func exits() -> [ExitFigures] {
        [Stage.rejected, .withdrawn].map { exit in
            let fromStages = Stage.programOrder.compactMap { from -> StageCount? in
                let count = moves[Move(from: from, to: exit)] ?? 0
                return count > 0 ? StageCount(stage: from, count: count) : nil
            }
            let reasons = Self.ranked(self.reasons[exit] ?? [:], blank: "(no reason given)")
            return ExitFigures(stage: exit, count: reached(exit), fromStages: fromStages, reasons: reasons)
        }
    }

    func timeInStage() -> [StageTime] {
        [Stage.applied, .mentored, .funded].map { stage in
            let counts = (durations[stage] ?? [:]).sorted { $0.key < $1.key }.map { (value: $0.key, count: $0.value) }
            let samples = Percentile.samples(fromSortedCounts: counts)
            return StageTime(
                stage: stage, applications: samples.count, ongoing: ongoing[stage] ?? 0,
                medianDays: Percentile.median(ofSorted: samples), p90Days: Percentile.value(0.9, ofSorted: samples))
        }
    }

    /// The funding per currency, every total exact; refused when one is beyond 64 bits of minor
    /// units (`cohort` names the cohort in the refusal, `nil` for every cohort together).
    func funding(of cohort: String?) throws(ReportError) -> [CurrencyFunding] {
        var result: [CurrencyFunding] = []
        for (code, kinds) in fundingKinds {
            guard let currency = try? CurrencyCode(code) else { continue }
            func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: currency).formatted() }
            var total = Sum()
            for sum in kinds.values { total.add(sum) }
            let byKind = FundingKind.allCases.compactMap { kind -> KindFunding? in
                guard let sum = kinds[kind], sum.count > 0 else { return nil }
                return KindFunding(kind: kind, count: sum.count, totalMinor: sum.total, total: money(sum.total))
            }
            // Investors written with other case or accents are one investor.
            var merged: [String: (name: String, sum: Sum)] = [:]
            for (name, sum) in investors[code] ?? [:] {
                let key = TextFolding.folded(name)
                var entry = merged[key] ?? (name, Sum())
                if name < entry.name { entry.name = name }
                entry.sum.add(sum)
                merged[key] = entry
            }
            // Every investor's and kind's total is part of the currency's: one check covers them all.
            guard !total.overflowed, !merged.values.contains(where: \.sum.overflowed) else {
                throw .fundingTotalTooLarge(currency: code, cohort: cohort)
            }
            let top = merged.values.sorted {
                ($0.sum.total, $0.sum.count, $1.name) > ($1.sum.total, $1.sum.count, $0.name)
            }.prefix(10).map {
                InvestorFunding(investor: $0.name, count: $0.sum.count, totalMinor: $0.sum.total, total: money($0.sum.total))
            }
            let sorted = (amounts[code] ?? [:]).sorted { $0.key < $1.key }.map { (value: $0.key, count: $0.value) }
            let median = Percentile.medianMinorUnits(ofSorted: Percentile.samples(fromSortedCounts: sorted))
            result.append(CurrencyFunding(
                currency: code, count: total.count, totalMinor: total.total, total: money(total.total),
                medianMinor: median, median: median.map(money), byKind: byKind, topInvestors: Array(top)))
        }
        return result.sorted { ($0.count, $1.currency) > ($1.count, $0.currency) }
    }

    /// Places grouped by one of their parts, spellings that differ only by case, accents or
    /// spacing together, under the spelling with the most applications.
    func breakdown(_ part: (Place) -> String?) -> [Breakdown] {
        var groups: [String?: (spellings: [String: Int], reach: Reach)] = [:]
        for (place, reach) in places {
            let value = part(place).flatMap { $0.trimmedText.isEmpty ? nil : $0 }
            let key = value.map(TextFolding.compact)
            var group = groups[key] ?? ([:], Reach())
            if let value { group.spellings[value, default: 0] += reach.applications }
            group.reach.add(reach)
            groups[key] = group
        }
        return groups.values.map { group in
            let name = group.spellings.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            return Breakdown(
                value: name, applications: group.reach.applications, mentored: group.reach.mentored,
                funded: group.reach.funded, international: group.reach.international)
        }.sorted { ($0.applications, $1.value ?? "\u{10FFFF}") > ($1.applications, $0.value ?? "\u{10FFFF}") }
    }

    func marketFigures() -> [MarketFigures] {
        markets.map { code, count in
            let country = try? CountryCode(code)
            return MarketFigures(
                country: code, name: country?.englishName ?? code, frenchName: country?.frenchName ?? code,
                applications: count)
        }.sorted { ($0.applications, $1.country) > ($1.applications, $0.country) }
    }

    /// Texts and counts, spellings that differ only by case or accents together (under the most
    /// frequent spelling), most frequent first.
    static func ranked(_ counts: [String: Int], blank: String = "") -> [ReasonCount] {
        var groups: [String: (spellings: [String: Int], count: Int)] = [:]
        for (text, count) in counts {
            let shown = text.trimmedText.isEmpty ? blank : text
            let key = TextFolding.folded(shown)
            var group = groups[key] ?? ([:], 0)
            group.spellings[shown, default: 0] += count
            group.count += count
            groups[key] = group
        }
        return groups.values.map { group in
            let text = group.spellings.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? blank
            return ReasonCount(reason: text, count: group.count)
        }.sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
    }
}
