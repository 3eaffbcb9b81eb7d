import AcceleratorDomain
import Foundation
import GRDB

/// Why two startups look like one: the keys they share.
public enum DuplicateReason: String, Sendable, Codable, CaseIterable, Comparable {
    /// The same lead founder's e-mail (without case).
    case sameLeadEmail = "same_lead_email"
    /// The same phone number (as stored: international form).
    case samePhone = "same_phone"
    /// The same website host (without scheme, `www.`, path or case).
    case sameWebsite = "same_website"
    /// The same name once case, accents, spaces, punctuation and legal forms (SARL, SA, …) are set aside.
    case sameName = "same_name"
    /// Names one letter apart (one letter added, removed, changed or two swapped; never a digit,
    /// which tells `Atlas 1` from `Atlas 2`).
    case nearName = "near_name"

    /// The reason for people.
    public var text: String {
        switch self {
        case .sameLeadEmail: "same lead e-mail"
        case .samePhone: "same phone"
        case .sameWebsite: "same website"
        case .sameName: "same name"
        case .nearName: "names one letter apart"
        }
    }

    /// Its rank, strongest first: the order of pairs' reasons, and the kind of key in the finder.
    var rank: UInt8 {
        switch self {
        case .sameLeadEmail: 0
        case .samePhone: 1
        case .sameWebsite: 2
        case .sameName: 3
        case .nearName: 4
        }
    }

    public static func < (left: Self, right: Self) -> Bool { left.rank < right.rank }
}

/// One side of a likely duplicate.
public struct DuplicateSide: Sendable, Equatable {
    /// The startup's id.
    public var startupId: Int64
    /// Its name.
    public var name: String
    /// Its city.
    public var city: String
    /// Its ICE, if known.
    public var ice: String?
    /// The cohorts it applied to.
    public var cohorts: [String]
}

/// Two startups that are likely one, and why.
public struct DuplicatePair: Sendable, Equatable {
    /// The startup with the smaller id.
    public var first: DuplicateSide
    /// The other.
    public var second: DuplicateSide
    /// The keys they share, strongest first.
    public var reasons: [DuplicateReason]
}

/// What `duplicates` found.
public struct DuplicateReport: Sendable, Equatable {
    /// The likely duplicates: most reasons first, then by name.
    public var pairs: [DuplicatePair]
    /// How many startups were compared.
    public var startups: Int
    /// The cohort the pairs were limited to (one side in it), if any.
    public var cohort: String?
    /// How many values were shared by more startups than `crowdLimit` and left out (a placeholder
    /// phone, a shared website): pairing them all would bury the real duplicates.
    public var crowdedKeys: Int

    /// A value shared by more startups than this is left out.
    public static let crowdLimit = 20
}

extension AppDatabase {
    /// The startups that are likely duplicates of one another, with the reasons (same lead e-mail,
    /// phone or website, the same or nearly the same name), limited to pairs with a startup in
    /// `cohort` when given. Two startups with different ICEs are distinct companies and never paired.
    ///
    /// No pair of startups is compared unless they share a key: the startups are grouped by each key
    /// (for near names, by every form of the name with one letter removed), and only the members of
    /// a group are compared, so 100,000 startups take about a second.
    public func likelyDuplicates(cohort: String?) throws -> DuplicateReport {
        try read { db in
            let code = try cohort.map { code throws -> String in
                let code = try Self.cohortCode(code)
                try Self.requireCohort(db, code)
                return code
            }
            var finder = DuplicateFinder()
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, name_key, ice, phone, website, lead_email_key FROM startup ORDER BY id")
            while let row = try rows.next() {
                finder.add(
                    id: row["id"], nameKey: row["name_key"], ice: row["ice"], phone: row["phone"], website: row["website"],
                    leadEmail: row["lead_email_key"])
            }
            var inCohort: Set<Int64>?
            if let code {
                inCohort = Set(try Int64.fetchAll(
                    db, sql: "SELECT startup_id FROM application WHERE cohort_code = ?", arguments: [code]))
            }
            let found = finder.pairs(keeping: inCohort)
            let ids = Array(Set(found.flatMap { [$0.first, $0.second] }))
            var sides: [Int64: DuplicateSide] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                let marks = part.map { _ in "?" }.joined(separator: ", ")
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.id, s.name, s.city, s.ice,
                               (SELECT group_concat(cohort_code, ',') FROM
                                   (SELECT cohort_code FROM application a WHERE a.startup_id = s.id ORDER BY cohort_code)) AS cohorts
                          FROM startup s WHERE s.id IN (\(marks))
                        """,
                    arguments: StatementArguments(part))
                {
                    let id: Int64 = row["id"]
                    sides[id] = DuplicateSide(
                        startupId: id, name: row["name"], city: row["city"], ice: row["ice"],
                        cohorts: (row["cohorts"] as String?)?.split(separator: ",").map(String.init) ?? [])
                }
            }
            let pairs = found.compactMap { pair -> DuplicatePair? in
                guard let first = sides[pair.first], let second = sides[pair.second] else { return nil }
                return DuplicatePair(first: first, second: second, reasons: pair.reasons)
            }.sorted { left, right in
                if left.reasons.count != right.reasons.count { return left.reasons.count > right.reasons.count }
                let leftName = TextFolding.folded(left.first.name), rightName = TextFolding.folded(right.first.name)
                if leftName != rightName { return leftName < rightName }
                return (left.first.startupId, left.second.startupId) < (right.first.startupId, right.second.startupId)
            }
            return DuplicateReport(pairs: pairs, startups: finder.count, cohort: code, crowdedKeys: finder.crowdedKeys)
        }
    }
}

/// The pairing behind `likelyDuplicates`: startups grouped by each key, members of a group compared.
struct DuplicateFinder {
    /// A value shared by more startups than this is left out (counted in `crowdedKeys`).
    static let crowdLimit = DuplicateReport.crowdLimit

    /// Words of a name that are a legal form, not a name: set aside before names are compared.
    static let legalForms: Set<String> = ["sarl", "sarlau", "sa", "sas", "sasu", "suarl", "ltd", "llc", "inc", "snc"]

    /// The reasons by kind of key (`keys`' `kind`, their rank).
    private static let reasons = DuplicateReason.allCases.sorted()

    /// A pair found, by ids (`first` < `second`), with its reasons.
    struct Found: Equatable {
        var first: Int64
        var second: Int64
        var reasons: [DuplicateReason]
    }

    private var ids: [Int64] = []
    private var ices: [String?] = []
    private var names: [[UInt8]] = []
    /// (hash of a key, kind of key, startup's position): sorted, a run of one hash is a group.
    private var keys: [(hash: UInt64, kind: UInt8, index: Int32)] = []
    private(set) var crowdedKeys = 0

    var count: Int { ids.count }

    /// Adds one startup's keys.
    mutating func add(id: Int64, nameKey: String, ice: String?, phone: String?, website: String?, leadEmail: String?) {
        let index = Int32(ids.count)
        ids.append(id)
        ices.append(ice)
        let name = Self.comparableName(nameKey)
        names.append(name)
        if let leadEmail, !leadEmail.isEmpty { keys.append((Self.hash(leadEmail.utf8, salt: 1), DuplicateReason.sameLeadEmail.rank, index)) }
        if let phone, !phone.isEmpty { keys.append((Self.hash(phone.utf8, salt: 2), DuplicateReason.samePhone.rank, index)) }
        if let host = website.flatMap(Self.host), !host.isEmpty { keys.append((Self.hash(host.utf8, salt: 3), DuplicateReason.sameWebsite.rank, index)) }
        guard name.count >= 3 else { return }
        keys.append((Self.hash(name, salt: 4), DuplicateReason.sameName.rank, index))
        // Near names: a name and each of its forms with one letter removed share a group with every
        // name one letter away (added, removed, changed, or two neighbours swapped).
        guard name.count >= 5 else { return }
        keys.append((Self.hash(name, salt: 5), DuplicateReason.nearName.rank, index))
        for skipped in name.indices {
            var hasher = StableHasher(salt: 5)
            for position in name.indices where position != skipped { hasher.add(name[position]) }
            keys.append((hasher.value, DuplicateReason.nearName.rank, index))
        }
    }

    /// The pairs found, each once, with at least one side in `kept` when given.
    mutating func pairs(keeping kept: Set<Int64>?) -> [Found] {
        // Integers only: the kind of key as its position among the reasons.
        keys.sort { ($0.hash, $0.kind, $0.index) < ($1.hash, $1.kind, $1.index) }
        var reasons: [UInt64: Set<DuplicateReason>] = [:]
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end].hash == keys[start].hash && keys[end].kind == keys[start].kind { end += 1 }
            defer { start = end }
            var members: [Int32] = []
            for position in start..<end where members.last != keys[position].index { members.append(keys[position].index) }
            let reason = Self.reasons[Int(keys[start].kind)]
            guard members.count > 1 else { continue }
            guard members.count <= Self.crowdLimit else {
                crowdedKeys += 1
                continue
            }
            for (offset, one) in members.enumerated() {
                for other in members[(offset + 1)...] {
                    let a = Int(one), b = Int(other)
                    if let left = ices[a], let right = ices[b], left != right { continue }
                    if let kept, !kept.contains(ids[a]), !kept.contains(ids[b]) { continue }
                    switch reason {
                    case .sameName: guard names[a] == names[b] else { continue }
                    case .nearName: guard names[a] != names[b], Self.oneLetterApart(names[a], names[b]) else { continue }
                    default: break
                    }
                    reasons[UInt64(a) << 32 | UInt64(b), default: []].insert(reason)
                }
            }
        }
        return reasons.map { key, found in
            Found(first: ids[Int(key >> 32)], second: ids[Int(key & 0xFFFF_FFFF)], reasons: found.sorted())
        }
    }

    /// The folded name without spaces, punctuation or legal forms: `atlas ai sarl` → `atlasai`.
    static func comparableName(_ nameKey: String) -> [UInt8] {
        let words = nameKey.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        // `SARL AU` (à associé unique) is written in two words.
        let kept = words.indices.filter { index in
            !legalForms.contains(words[index]) && !(words[index] == "au" && index > 0 && words[index - 1] == "sarl")
        }.map { words[$0] }
        return Array((kept.isEmpty ? words : kept).joined().utf8)
    }

    /// A website's host without scheme, `www.`, port, path or case: `https://www.Atlas.ma/fr` → `atlas.ma`.
    static func host(_ website: String) -> String? {
        var text = website.trimmedText.lowercased()
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        let host = text.split(whereSeparator: { $0 == "/" || $0 == ":" || $0 == "?" || $0 == "#" }).first.map(String.init)
        return host?.contains(".") == true ? host : nil
    }

    /// Whether two different names are one edit apart (one byte added, removed or changed, or two
    /// neighbours swapped) and the edit touches no digit.
    static func oneLetterApart(_ one: [UInt8], _ other: [UInt8]) -> Bool {
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        if one.count == other.count {
            let differing = one.indices.filter { one[$0] != other[$0] }
            switch differing.count {
            case 1:
                return !isDigit(one[differing[0]]) && !isDigit(other[differing[0]])
            case 2:
                let (i, j) = (differing[0], differing[1])
                return j == i + 1 && one[i] == other[j] && one[j] == other[i] && !isDigit(one[i]) && !isDigit(one[j])
            default:
                return false
            }
        }
        let (long, short) = one.count > other.count ? (one, other) : (other, one)
        guard long.count == short.count + 1 else { return false }
        var skipped: Int?
        var position = 0
        while position < short.count {
            let longPosition = position + (skipped == nil ? 0 : 1)
            if long[longPosition] == short[position] {
                position += 1
            } else if skipped == nil {
                skipped = position
            } else {
                return false
            }
        }
        return !isDigit(long[skipped ?? long.count - 1])
    }

    private static func hash(_ bytes: some Sequence<UInt8>, salt: UInt64) -> UInt64 {
        var hasher = StableHasher(salt: salt)
        for byte in bytes { hasher.add(byte) }
        return hasher.value
    }
}

/// FNV-1a over bytes, salted by the kind of key: the grouping's hash (a collision only costs a
/// comparison, which the exact check then refuses).
private struct StableHasher {
    private(set) var value: UInt64

    init(salt: UInt64) { value = 0xcbf2_9ce4_8422_2325 ^ (salt &* 0x9E37_79B9_7F4A_7C15) }

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}
