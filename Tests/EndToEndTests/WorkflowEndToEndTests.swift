import Foundation
import Testing

@Suite("the accelerator binary, end to end")
struct WorkflowEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    func applyAtlas(cohort: String = "2026-A") throws {
        try sandbox.succeed(
            "apply", "--cohort", cohort, "--name", "Atlas AI", "--city", "Casablanca", "--sector", "AI",
            "--founder", "Salma Bennani <salma@atlas.ma>", "--ice", "001234567000089", "--founded", "01/05/2023",
            "--phone", "06 12 34 56 78", "--applied-on", "2026-03-25")
    }

    @Test("a startup goes through every stage, and history and show tell it")
    func wholeFlow() throws {
        try sandbox.succeed("cohort", "add", "2026-A", "--starts", "01/03/2026", "--capacity", "25")
        try applyAtlas()
        try sandbox.succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark", "--at", "2026-04-01")
        try sandbox.succeed(
            "advance", "atlas ai", "--to", "funded", "--amount", "1 500 000,50", "--funding-kind", "grant",
            "--investor", "Tamwilcom", "--funded-on", "10/05/2026", "--at", "2026-05-10")
        try sandbox.succeed("advance", "001234567000089", "--to", "international", "--market", "Espagne", "--partner", "Plug and Play Spain")

        let show = try sandbox.succeed("show", "Atlas AI")
        #expect(show.contains("2026-A  international"))
        #expect(show.contains("Karim Alaoui (Technopark)"))
        #expect(show.contains("1500000.50 MAD grant from Tamwilcom on 2026-05-10"))
        #expect(show.contains("Spain (ES) with Plug and Play Spain"))
        #expect(show.contains("+212612345678"))

        let history = try sandbox.succeed("history", "Atlas AI", "--format", "json")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]])
        #expect(events.map { $0["to"] as? String } == ["mentored", "funded", "international"])
        #expect(events.first?["occurredAt"] as? String == "2026-04-01T00:00:00Z")
        #expect(events.allSatisfy { $0["actor"] as? String == "e2e" })
    }

    @Test("a refusal names the rule and the flags to give, exits 1 and changes nothing")
    func refusalTeaches() throws {
        try applyAtlas()
        let result = try sandbox.run("advance", "Atlas AI", "--to", "mentored")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot advance Atlas AI (2026-A) to mentored: no mentor assigned — give --mentor and --mentor-org\n")
        #expect(result.stdout.isEmpty)
        let skip = try sandbox.run("advance", "Atlas AI", "--to", "funded", "--amount", "100")
        #expect(skip.status == 1)
        #expect(skip.stderr.contains("stages move one step at a time: from applied the next stage is mentored, not funded"))
        #expect(try sandbox.succeed("history", "Atlas AI").contains("has not moved yet"))
    }

    @Test("the funded gate refusal is the one the issue quotes")
    func fundedRefusal() throws {
        try applyAtlas()
        try sandbox.succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Plug and Play")
        let result = try sandbox.run("advance", "Atlas AI", "--to", "funded")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot advance Atlas AI (2026-A) to funded: no funding recorded — give --amount, --funding-kind, --investor and --funded-on\n")
    }

    @Test("reject and withdraw need a reason and end the application")
    func exits() throws {
        try applyAtlas()
        let missing = try sandbox.run("reject", "Atlas AI")
        #expect(missing.status == 64)
        try sandbox.succeed("reject", "Atlas AI", "--reason", "Not innovative enough")
        let again = try sandbox.run("withdraw", "Atlas AI", "--reason", "moving on")
        #expect(again.status == 1)
        #expect(again.stderr.contains("the application ended as rejected and nothing moves out of an exit"))
        let list = try sandbox.succeed("list", "--stage", "rejected", "--format", "csv")
        #expect(list.contains("Atlas AI,2026-A,rejected"))
    }

    @Test("a cohort named by apply is created with the default capacity and the output says so")
    func cohortCreatedOnTheFly() throws {
        try sandbox.succeed("init")
        let output = try sandbox.succeed(
            "apply", "--cohort", "2026-b", "--name", "Argan Pay", "--city", "Agadir", "--sector", "fintech",
            "--founder", "Youssef Amrani <youssef@arganpay.ma>")
        #expect(output.contains("Created cohort 2026-B (capacity 30"))
        let cohorts = try sandbox.succeed("cohort", "list", "--format", "json")
        #expect(cohorts.contains("\"capacity\" : 30"))
        #expect(try sandbox.succeed("list", "--sector", "FinTech").contains("Argan Pay"))
    }

    @Test("an ineligible application is refused with every reason")
    func ineligible() throws {
        let result = try sandbox.run(
            "apply", "--cohort", "2026-A", "--name", "Paris Labs", "--city", "Paris", "--sector", "AI",
            "--founder", "Jean Dupont <jean@paris.fr>", "--country", "France", "--founded", "2027-01-01")
        #expect(result.status == 1)
        #expect(result.stderr.contains("the program is for Moroccan startups; this one is in France (FR)"))
        #expect(result.stderr.contains("the founding date 2027-01-01 is in the future"))
        #expect(try sandbox.succeed("list").contains("No applications match"))
    }

    @Test("invalid values are refused with the option named, exit 1")
    func invalidValues() throws {
        let result = try sandbox.run(
            "apply", "--cohort", "2026-A", "--name", "Atlas AI", "--city", "Casablanca", "--sector", "AI",
            "--founder", "Salma Bennani <salma@atlas.ma>", "--ice", "12345")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: --ice: "))
    }

    @Test("an unknown startup says so; an ambiguous one lists the candidates and changes nothing")
    func resolution() throws {
        try applyAtlas()
        let unknown = try sandbox.run("show", "Nobody")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no startup matches “Nobody”"))
        try sandbox.succeed(
            "apply", "--cohort", "2026-A", "--name", "ATLAS ÄI", "--city", "Rabat", "--sector", "AI",
            "--founder", "Omar Idrissi <omar@atlas2.ma>")
        let ambiguous = try sandbox.run("advance", "atlas ai", "--to", "mentored", "--mentor", "K", "--mentor-org", "Technopark")
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("matches 2 startups"))
        #expect(ambiguous.stderr.contains("Rabat"))
        #expect(try sandbox.succeed("list", "--stage", "mentored").contains("No applications match"))
    }

    @Test("rules set refuses a bad file with its line and keeps the old rules")
    func rules() throws {
        let good = try sandbox.write("rules.toml", "default_capacity = 12\n")
        try sandbox.succeed("rules", "set", good)
        let bad = try sandbox.write("bad.toml", "# comment\ndefault_capacity = 12\nnetwork_countries = [\"MA\"]\n")
        let result = try sandbox.run("rules", "set", bad)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.toml: line 3: network_countries cannot hold MA"))
        #expect(try sandbox.succeed("rules", "show").contains("default_capacity = 12"))
    }

    @Test("the database file is created 0600")
    func fileMode() throws {
        try sandbox.succeed("init")
        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.database)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test("a database that cannot be opened exits 74 with one readable line")
    func storageFailure() throws {
        let notADatabase = try sandbox.write("notes.txt", String(repeating: "hello\n", count: 200))
        let result = try sandbox.run("list", "--db", notADatabase)
        #expect(result.status == 74)
        #expect(result.stderr == "error: \(notADatabase) is not an Accelerator database (not an SQLite file); it was left untouched. Give the database's path with --db or ACCELERATOR_DB\n")
    }

    @Test("tables fit an 80-column terminal")
    func tableWidth() throws {
        try sandbox.succeed(
            "apply", "--cohort", "2026-A", "--name", String(repeating: "Very Long Startup Name ", count: 6),
            "--city", "Casablanca", "--sector", "Artificial Intelligence and Machine Learning Platforms",
            "--founder", "Salma Bennani <salma@atlas.ma>")
        let table = try sandbox.succeed("list")
        for line in table.split(separator: "\n") {
            #expect(line.count <= 80, "too wide: \(line)")
        }
    }
}
