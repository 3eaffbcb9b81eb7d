import Foundation
import Testing

/// Every command's `--format json` speaks one vocabulary (README, "JSON output"): money as
/// minor units, currency and text; a startup referred to as `startupId` and `startupName`; no
/// `…Minor` keys; a missing value as a missing key, never `null`.
@Suite("one JSON vocabulary across the commands")
struct JSONVocabularyEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        sandbox.today = "2026-10-01"
    }

    /// Standard output of a command that must succeed, decoded.
    func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let result = try sandbox.run(arguments: arguments + ["--format", "json"])
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// Every breach of the vocabulary in `value`, each with the path where it is.
    static func breaches(_ value: Any, at path: String = "$") -> [String] {
        switch value {
        case is NSNull:
            return ["\(path): null"]
        case let array as [Any]:
            return array.enumerated().flatMap { breaches($1, at: "\(path)[\($0)]") }
        case let object as [String: Any]:
            var found: [String] = []
            if object["minorUnits"] != nil {
                if Set(object.keys) != ["minorUnits", "currency", "text"] || !(object["minorUnits"] is Int)
                    || !(object["currency"] is String) || !(object["text"] is String)
                {
                    found.append("\(path): a money object with \(object.keys.sorted())")
                }
            }
            for (key, member) in object {
                if key.hasSuffix("Minor") { found.append("\(path).\(key): a key ending in Minor") }
                if key == "startup", member is String { found.append("\(path).startup: a name where a reference is `startupName`") }
                if ["amount", "total", "median", "monthlyRevenue", "fundingSought"].contains(key),
                    (member as? [String: Any])?["minorUnits"] == nil
                {
                    found.append("\(path).\(key): an amount that is not a money object")
                }
                if key == "country", (member as? [String: Any])?["code"] == nil {
                    found.append("\(path).country: a country that is not a country object")
                }
                if key == "dialect", !(member is [String: Any]) {
                    found.append("\(path).dialect: a dialect that is not an object")
                }
                found += breaches(member, at: "\(path).\(key)")
            }
            return found
        default:
            return []
        }
    }

    @Test("show, list, history, moves, fund, market, report, import, imports, decisions, undo, mentors, cohorts and forget")
    func everyCommand() throws {
        try sandbox.succeed("init", "--rules", Sandbox.sample("rules.toml"))
        var outputs: [(String, Any)] = []
        outputs.append(("cohort add", try json("cohort", "add", "2026-A", "--starts", "02/03/2026", "--capacity", "25")))
        outputs.append(("import", try json("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A")))
        outputs.append(("import again", try json("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A")))
        outputs.append(("import 2026-B", try json("import", Sandbox.sample("candidatures-2026B.fr.csv"), "--cohort", "2026-B")))
        outputs.append(("decisions", try json("decisions", Sandbox.sample("decisions-2026A.csv"))))
        outputs.append(("decisions 2026-B", try json("decisions", Sandbox.sample("decisions-2026B.fr.csv"))))
        outputs.append(("undo", try json("imports", "undo", "4")))
        outputs.append((
            "fund",
            try json(
                "fund", "Atlas AI", "--amount", "1200,50", "--currency", "EUR", "--funding-kind", "loan", "--investor", "BEI",
                "--funded-on", "2026-09-15")))
        outputs.append(("market", try json("market", "Atlas AI", "--market", "Sénégal", "--partner", "CTIC Dakar")))
        outputs.append((
            "apply",
            try json(
                "apply", "--cohort", "2026-C", "--name", "Nour Tech", "--city", "Rabat", "--sector", "AI",
                "--founder", "Nour Idrissi <nour@nour.ma>")))
        outputs.append(("reject", try json("reject", "Nour Tech", "--reason", "hors délai")))
        outputs.append(("advance", try json("advance", "Atlas AI", "--to", "international")))
        outputs.append(("forget", try json("forget", "Riad Stays", "--reason", "request")))
        for startup in ["Atlas AI", "Argan Pay", "Oasis Énergie", "Riad Stays", "Nour Tech"] {
            outputs.append(("show \(startup)", try json("show", startup)))
            outputs.append(("history \(startup)", try json("history", startup)))
        }
        outputs.append(("list", try json("list")))
        outputs.append(("imports", try json("imports")))
        outputs.append(("mentors", try json("mentors")))
        outputs.append(("cohort list", try json("cohort", "list")))
        outputs.append(("report", try json("report")))
        outputs.append(("report --cohort", try json("report", "--cohort", "2026-A")))
        outputs.append(("report --as-of", try json("report", "--cohort", "2026-B", "--as-of", "2026-09-01")))

        for (command, output) in outputs {
            #expect(Self.breaches(output) == [], "\(command)")
        }

        // The vocabulary is there, not only the old keys gone.
        let atlas = try #require(outputs.first { $0.0 == "show Atlas AI" }?.1 as? [String: Any])
        #expect(atlas["country"] as? [String: String] == ["code": "MA", "name": "Morocco", "frenchName": "Maroc"])
        let funding = try #require((atlas["applications"] as? [[String: Any]])?.first?["funding"] as? [[String: Any]])
        let amount = try #require(funding.last?["amount"] as? [String: Any])
        #expect(amount["minorUnits"] as? Int == 120_050 && amount["currency"] as? String == "EUR" && amount["text"] as? String == "1200.50 EUR")
        let market = try #require(outputs.first { $0.0 == "market" }?.1 as? [String: Any])
        #expect((market["market"] as? [String: Any])?["country"] as? [String: String]
            == ["code": "SN", "name": "Senegal", "frenchName": "Sénégal"])
        let batches = try #require(outputs.first { $0.0 == "imports" }?.1 as? [[String: Any]])
        let imported = try #require(outputs.first { $0.0 == "import" }?.1 as? [String: Any])
        #expect((batches.last?["dialect"] as? NSDictionary) == (imported["dialect"] as? NSDictionary))
        #expect((batches.last?["dialect"] as? [String: Any])?["delimiter"] as? String == ",")
        let list = try #require(outputs.first { $0.0 == "list" }?.1 as? [[String: Any]])
        #expect(list.allSatisfy { $0["startupId"] is Int && $0["startupName"] is String && $0["name"] == nil })
        let report = try #require(outputs.first { $0.0 == "report" }?.1 as? [String: Any])
        let overall = try #require(report["overall"] as? [String: Any])
        #expect((overall["funding"] as? [[String: Any]])?.compactMap { $0["currency"] as? String }.sorted() == ["EUR", "MAD"])
        for step in try #require(overall["funnel"] as? [[String: Any]]) {
            if let share = step["conversionToNext"] as? Double {
                #expect((share * 10_000).rounded() / 10_000 == share)
            }
        }
    }
}
