import AcceleratorDomain
import AcceleratorStore
import Testing

@Suite("the bounded edit distance behind “did you mean”")
struct EditDistanceTests {
    @Test("distances within the limit, nil past it", arguments: [
        ("argan pay", "argan pay", 2, 0),
        ("argan pya", "argan pay", 2, 1),  // a swap of two neighbours is one edit
        ("atlas", "atlaz", 1, 1),
        ("atlas", "atla", 1, 1),
        ("atlas", "xatlas", 1, 1),
        ("kitten", "sitting", 3, 3),
        ("", "abc", 3, 3),
    ] as [(String, String, Int, Int)])
    func within(_ a: String, _ b: String, limit: Int, expected: Int) {
        #expect(EditDistance.bounded(a, b, limit: limit) == expected)
        #expect(EditDistance.bounded(b, a, limit: limit) == expected)
    }

    @Test("far names and lengths too different give nil", arguments: [
        ("kitten", "sitting", 2),
        ("atlas", "atlas ai solutions", 3),
        ("abcdef", "uvwxyz", 3),
    ] as [(String, String, Int)])
    func beyond(_ a: String, _ b: String, limit: Int) {
        #expect(EditDistance.bounded(a, b, limit: limit) == nil)
    }

    @Test("the limit grows with the length, one to three edits")
    func limits() {
        #expect(EditDistance.limit(forLength: 2) == 1)
        #expect(EditDistance.limit(forLength: 9) == 2)
        #expect(EditDistance.limit(forLength: 40) == 3)
    }
}

@Suite("finding a startup by a fragment of its name")
struct FindTests {
    let store: AppDatabase

    init() throws {
        store = try AppDatabase.makeInMemory()
        for name in ["Atlas AI", "Argan Pay", "Sahara Solar", "Sahel Foods", "Oasis Robotics"] {
            _ = try store.apply(StoreFixture.form(name), today: StoreFixture.today)
        }
    }

    @Test("an exact name wins; else a unique prefix; else a unique substring")
    func fragments() throws {
        #expect(try store.details(of: "atlas").name == "Atlas AI")
        #expect(try store.details(of: "ÂRGAN").name == "Argan Pay")
        #expect(try store.details(of: "robot").name == "Oasis Robotics")
        #expect(try store.details(of: "foods").name == "Sahel Foods")
    }

    @Test("an ambiguous prefix lists the candidates")
    func ambiguousPrefix() throws {
        let error = #expect(throws: OperationError.self) { try store.details(of: "sah") }
        guard case .ambiguousStartup(_, let candidates, let more)? = error else { Issue.record("not ambiguous: \(String(describing: error))"); return }
        #expect(candidates.map(\.name) == ["Sahara Solar", "Sahel Foods"])
        #expect(more == 0)
    }

    @Test("an exact name is taken even when it is also the prefix of another")
    func exactBeforePrefix() throws {
        _ = try store.apply(StoreFixture.form("Atlas"), today: StoreFixture.today)
        #expect(try store.details(of: "atlas").name == "Atlas")
    }

    @Test("more than ten matches list ten and say how many more")
    func manyMatches() throws {
        for index in 1...12 { _ = try store.apply(StoreFixture.form("Nova \(index)"), today: StoreFixture.today) }
        let error = #expect(throws: OperationError.self) { try store.details(of: "nova") }
        guard case .ambiguousStartup(_, let candidates, let more)? = error else { Issue.record("not ambiguous"); return }
        #expect(candidates.count == 10)
        #expect(more == 2)
        #expect(error?.description.contains("matches 12 startups") == true)
        #expect(error?.description.contains("and 2 more") == true)
    }

    @Test("an unknown name suggests the closest names, in its message and facts")
    func suggestions() throws {
        let error = #expect(throws: OperationError.self) { try store.details(of: "Argan Pya") }
        guard case .unknownStartup(_, let suggestions)? = error else { Issue.record("not unknown: \(String(describing: error))"); return }
        #expect(suggestions.map(\.name) == ["Argan Pay"])
        #expect(error?.description.contains("did you mean “Argan Pay”") == true)
        #expect(error?.facts.candidates?.map(\.name) == ["Argan Pay"])
        #expect(throws: OperationError.unknownStartup("Quantum", suggestions: [])) { try store.details(of: "Quantum") }
    }
}
