@testable import AcceleratorStore
import GRDB
import Testing

@Suite("likely duplicates")
struct DuplicatesTests {
    @Test(
        "names one edit apart, never a digit",
        arguments: [
            ("arganpay", "arganpya", true),  // two neighbours swapped
            ("arganpay", "arganpai", true),  // one letter changed
            ("arganpay", "arganpays", true),  // one letter added at the end
            ("arganpay", "argnpay", true),  // one letter removed inside
            ("arganpay", "xarganpay", true),  // one letter added in front
            ("arganpay", "arganpay", false),  // the same name is `same_name`, not a near one
            ("arganpay", "arganpyaa", false),  // two edits
            ("arganpay", "agranpya", false),  // two swaps
            ("atlas1", "atlas2", false),  // a digit changed: two companies
            ("atlas", "atlas1", false),  // a digit added
            ("atlas12", "atlas21", false),  // digits swapped
            ("sahara", "saharah2", false),  // two added
        ])
    func oneLetterApart(one: String, other: String, expected: Bool) {
        #expect(DuplicateFinder.oneLetterApart(Array(one.utf8), Array(other.utf8)) == expected)
        #expect(DuplicateFinder.oneLetterApart(Array(other.utf8), Array(one.utf8)) == expected)
    }

    @Test(
        "a name is compared without spaces, punctuation or legal forms",
        arguments: [
            ("atlas ai sarl", "atlasai"),
            ("atlas a.i.", "atlasai"),
            ("tbib connect sarl au", "tbibconnect"),
            ("sa", "sa"),  // a name that is only a legal form keeps it
            ("green-tech sa", "greentech"),
        ])
    func comparableName(key: String, expected: String) {
        #expect(String(decoding: DuplicateFinder.comparableName(key), as: UTF8.self) == expected)
    }

    @Test(
        "a website is compared by its host",
        arguments: [
            ("https://www.Atlas-AI.ma/fr/deck", "atlas-ai.ma"),
            ("http://arganpay.ma:8080", "arganpay.ma"),
            ("arganpay.ma?ref=x", "arganpay.ma"),
            ("  www.tbib.ma  ", "tbib.ma"),
            ("localhost", nil),
            ("", nil),
        ] as [(String, String?)])
    func host(website: String, expected: String?) {
        #expect(DuplicateFinder.host(website) == expected)
    }

    private func finder(_ startups: [(String, String?, String?, String?, String?)]) -> DuplicateFinder {
        var finder = DuplicateFinder()
        for (offset, startup) in startups.enumerated() {
            finder.add(
                id: Int64(offset + 1), nameKey: startup.0, ice: startup.1, phone: startup.2, website: startup.3,
                leadEmail: startup.4)
        }
        return finder
    }

    @Test("pairs are found by every shared key, each pair once with all its reasons")
    func pairs() {
        var finder = finder([
            ("argan pay", nil, "+212528841234", "https://arganpay.ma", "youssef@arganpay.ma"),
            ("argan pya sa", nil, "+212528841234", nil, "youssef@arganpay.ma"),
            ("atlas ai", "002345678000012", nil, nil, "salma@atlas-ai.ma"),
            ("atlas a.i. sarl", nil, nil, "www.arganpay.ma", nil),
            ("sahara h2", nil, nil, nil, nil),
        ])
        let found = finder.pairs(keeping: nil).sorted { ($0.first, $0.second) < ($1.first, $1.second) }
        #expect(found == [
            .init(first: 1, second: 2, reasons: [.sameLeadEmail, .samePhone, .nearName]),
            .init(first: 1, second: 4, reasons: [.sameWebsite]),
            .init(first: 3, second: 4, reasons: [.sameName]),
        ])
    }

    @Test("two different ICEs are two companies, whatever they share; a crowded value is left out and counted")
    func icesAndCrowds() {
        var startups: [(String, String?, String?, String?, String?)] = [
            ("atlas ai", "002345678000012", nil, nil, "a@atlas.ma"),
            ("atlas ai", "002345678000099", nil, nil, "a@atlas.ma"),
        ]
        for index in 0...DuplicateReport.crowdLimit { startups.append(("startup \(index)", nil, "+212600000000", nil, nil)) }
        var finder = finder(startups)
        #expect(finder.pairs(keeping: nil).isEmpty)
        #expect(finder.crowdedKeys == 1)
    }

    @Test("a cohort keeps the pairs with at least one side in it")
    func kept() {
        var finder = finder([
            ("argan pay", nil, nil, nil, "y@argan.ma"), ("argan pay", nil, nil, nil, nil), ("tbib", nil, nil, nil, "y@argan.ma"),
        ])
        let found = finder.pairs(keeping: [3]).map { [$0.first, $0.second] }
        #expect(found == [[1, 3]])
    }

    @Test("an unknown cohort is refused")
    func unknownCohort() throws {
        let store = try AppDatabase.makeInMemory()
        let refusal = #expect(throws: (any Error).self) { try store.likelyDuplicates(cohort: "2031-Z") }
        #expect(refusal.map { String(describing: $0) }?.contains("no cohort 2031-Z") == true)
        #expect(try store.likelyDuplicates(cohort: nil).pairs.isEmpty)
    }
}
