import AcceleratorStore

/// What `duplicates --format json` writes: the pairs, each side a startup reference, each reason
/// its code and its words.
public struct DuplicatesJSON: Encodable, Sendable {
    let startups: Int
    let cohort: String?
    let crowdedKeys: Int
    let pairs: [Pair]

    struct Side: Encodable, Sendable {
        let startupId: Int64
        let startupName: String
        let city: String
        let ice: String?
        let cohorts: [String]
    }

    struct Reason: Encodable, Sendable {
        let code: String
        let text: String
    }

    struct Pair: Encodable, Sendable {
        let first: Side
        let second: Side
        let reasons: [Reason]
    }

    public init(_ report: DuplicateReport) {
        let side = { (side: DuplicateSide) in
            Side(startupId: side.startupId, startupName: side.name, city: side.city, ice: side.ice, cohorts: side.cohorts)
        }
        startups = report.startups
        cohort = report.cohort
        crowdedKeys = report.crowdedKeys
        pairs = report.pairs.map { pair in
            Pair(
                first: side(pair.first), second: side(pair.second),
                reasons: pair.reasons.map { Reason(code: $0.rawValue, text: $0.text) })
        }
    }
}
