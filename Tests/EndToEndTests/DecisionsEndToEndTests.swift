import Foundation
import Testing

@Suite("decisions, end to end")
struct DecisionsEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        sandbox.today = "2026-10-01"
    }

    /// The walkthrough's start: the rules, the two cohorts and the sample applicants.
    func loadSample() throws {
        try sandbox.succeed("init", "--rules", Sandbox.sample("rules.toml"))
        try sandbox.succeed("cohort", "add", "2026-A", "--starts", "02/03/2026", "--capacity", "25")
        try sandbox.succeed("cohort", "add", "2026-B", "--starts", "07/09/2026")
        try sandbox.succeed("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A")
        try sandbox.succeed("import", Sandbox.sample("candidatures-2026B.fr.csv"), "--cohort", "2026-B")
    }

    func stages(cohort: String) throws -> [String: String] {
        let json = try sandbox.succeed("list", "--cohort", cohort, "--format", "json")
        let listings = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        var stages: [String: String] = [:]
        for listing in listings {
            if let name = listing["startupName"] as? String { stages[name] = listing["stage"] as? String }
        }
        return stages
    }

    @Test("the sample decisions file moves the 2026-A cohort through every stage and both exits")
    func sampleFile() throws {
        try loadSample()
        let output = try sandbox.succeed("decisions", Sandbox.sample("decisions-2026A.csv"))
        #expect(output.contains("line 9: Atlas AI (2026-A): mentored → funded"))
        #expect(output.contains("Applied as batch 3: 10 moves, 0 unchanged. Undo with `accelerator imports undo 3`."))
        #expect(try stages(cohort: "2026-A") == [
            "Atlas AI": "international", "Argan Pay": "funded", "Sahara H2": "mentored", "Souk Cloud": "mentored",
            "Tbib Connect": "applied", "Fellah Data": "applied", "Riad Stays": "rejected", "Madrasa Plus": "withdrawn",
        ])
        let show = try sandbox.succeed("show", "Atlas AI")
        #expect(show.contains("1500000.00 MAD equity from UM6P Ventures on 2026-05-20"))
        #expect(show.contains("Spain (ES) with Plug and Play Spain since 2026-07-01"))
        let batches = try sandbox.succeed("imports")
        #expect(batches.contains("decisions  decisions-2026A"))
    }

    @Test("the French sample applies with its French headers and spellings, and undo puts it back")
    func frenchSampleAndUndo() throws {
        try loadSample()
        try sandbox.succeed("decisions", Sandbox.sample("decisions-2026B.fr.csv"))
        #expect(try stages(cohort: "2026-B") == [
            "Oasis Énergie": "funded", "Darija Lab": "withdrawn", "Sécurinet": "mentored", "Zitouna Agro": "rejected",
            "Tawssil": "applied",
        ])
        let undo = try sandbox.succeed("imports", "undo", "3")
        #expect(undo.contains("Oasis Énergie (2026-B): funded → applied."))
        #expect(undo.contains("Undid decisions batch 3: 4 applications put back, 4 mentor, funding or market records removed."))
        #expect(Set(try stages(cohort: "2026-B").values) == ["applied"])
        let history = try sandbox.succeed("history", "Oasis Énergie", "--format", "json")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]])
        #expect(events.map { $0["to"] as? String } == ["mentored", "funded", "applied"])
        #expect(events.last?["note"] as? String == "undo of decisions batch 3")
        let again = try sandbox.run("imports", "undo", "3")
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: batch 3 was already undone at "))
        // An import batch still undoes through the same command: 2026-A's, which no decision touched.
        #expect(try sandbox.succeed("imports", "undo", "1").contains("Undid batch 1"))
    }

    @Test("a refused file exits 1, lists every problem with its line on stderr and changes nothing")
    func refusedFile() throws {
        try loadSample()
        let file = try sandbox.write("committee.csv", """
            startup,decision,date,mentor,mentor_org,amount,funding_kind,investor,reason
            Atlas AI,mentored,2026-03-10,Karim Alaoui,Technopark,,,,
            Argan Pay,mentored,2026-03-10,Leila Haddad,Plug and Play,,,,
            Atlas AI,funded,2026-05-20,,,,,,
            Tbib Connect,rejected,2026-03-10,,,,,,
            Nobody,withdrawn,,,,,,,gone

            """)
        let before = try sandbox.sqlite("SELECT COUNT(*) FROM stage_event; SELECT COUNT(*) FROM batch;")
        let result = try sandbox.run("decisions", file)
        #expect(result.status == 1)
        #expect(result.stderr == """
            error: line 4: cannot advance Atlas AI (2026-A) to funded: no funding recorded — give the amount, funding_kind, investor and date columns
            error: line 5: cannot reject Tbib Connect (2026-A): a reason is required to mark an application rejected — give the reason column
            error: line 6 (startup): no startup matches “Nobody”: give its id, its ICE or its name (see `accelerator list`)
            error: nothing applied: 3 problems in \(file); fix them and run decisions again

            """)
        #expect(try sandbox.sqlite("SELECT COUNT(*) FROM stage_event; SELECT COUNT(*) FROM batch;") == before)
        #expect(try stages(cohort: "2026-A")["Atlas AI"] == "applied")

        let json = try sandbox.json("decisions", file, "--format", "json", status: 1)
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.map { $0["line"] as? Int } == [4, 5, 6])
        #expect(json["committed"] as? Bool == false)
    }

    @Test("a dry run prints what would happen and writes nothing")
    func dryRun() throws {
        try loadSample()
        let before = try sandbox.sqlite("SELECT COUNT(*) FROM stage_event; SELECT COUNT(*) FROM batch;")
        let output = try sandbox.succeed("decisions", Sandbox.sample("decisions-2026A.csv"), "--dry-run", "--actor", "Comité")
        #expect(output.contains("line 2: Riad Stays (2026-A): would move applied → rejected"))
        #expect(output.hasSuffix("Dry run, nothing written: 10 moves, 0 unchanged.\n"))
        #expect(try sandbox.sqlite("SELECT COUNT(*) FROM stage_event; SELECT COUNT(*) FROM batch;") == before)
    }

    @Test("the actor, the delimiter and the encoding can be given")
    func options() throws {
        try loadSample()
        let file = try sandbox.write("pipe.csv", "startup|decision|reason\nFellah Data|rejeté|Pas de prototype\n")
        try sandbox.succeed("decisions", file, "--delimiter", "|", "--encoding", "utf-8", "--actor", "Jury")
        #expect(try sandbox.succeed("history", "Fellah Data").contains("Jury"))
    }

    @Test("an unreadable file exits 74 and a header without a decision column exits 1")
    func fileFailures() throws {
        try loadSample()
        let missing = try sandbox.run("decisions", sandbox.path("nowhere.csv"))
        #expect(missing.status == 74)
        #expect(missing.stderr.hasPrefix("error: "))
        let header = try sandbox.write("header.csv", "startup,verdict\nAtlas AI,mentored\n")
        let bad = try sandbox.run("decisions", header)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("error: \(header): no decision column. The headers seen are “startup”, “verdict”"))
    }

    @Test("fund and market record further rounds and markets past their gate, and refuse before it")
    func fundAndMarket() throws {
        try loadSample()
        try sandbox.succeed("decisions", Sandbox.sample("decisions-2026A.csv"))
        let fund = try sandbox.succeed(
            "fund", "Atlas AI", "--amount", "2 000 000", "--funding-kind", "convertible", "--investor", "Azur Innovation",
            "--funded-on", "01/09/2026")
        #expect(fund == "Atlas AI (2026-A, international): recorded funding 2000000.00 MAD convertible from Azur Innovation on 2026-09-01.\n")
        let early = try sandbox.run(
            "fund", "Sahara H2", "--amount", "100", "--funding-kind", "grant", "--investor", "CCG", "--funded-on", "2026-09-01")
        #expect(early.status == 1)
        #expect(early.stderr == "error: cannot record funding for Sahara H2 (2026-A): the application is mentored; a further funding round is recorded only once it is funded or international (the first is recorded by `accelerator advance --to funded`)\n")
        let incomplete = try sandbox.run("fund", "Argan Pay", "--amount", "100")
        #expect(incomplete.status == 1)
        #expect(incomplete.stderr.contains("the funding is incomplete — give --funding-kind, --investor and --funded-on"))

        let market = try sandbox.succeed("market", "Atlas AI", "--market", "EAU", "--partner", "PnP Abu Dhabi", "--format", "json")
        #expect(market.contains("\"summary\" : \"United Arab Emirates (AE) with PnP Abu Dhabi since 2026-10-01\""))
        let home = try sandbox.run("market", "Atlas AI", "--market", "Maroc")
        #expect(home.status == 1)
        #expect(home.stderr == "error: cannot record a market for Atlas AI (2026-A): Morocco (MA) is home, not a foreign market\n")
        let notYet = try sandbox.run("market", "Argan Pay", "--market", "FR")
        #expect(notYet.stderr.contains("the application is funded; a further market is recorded only once it is international"))
        let badValue = try sandbox.run("market", "Atlas AI", "--market", "Atlantis")
        #expect(badValue.status == 1)
        #expect(badValue.stderr.hasPrefix("error: --market: “Atlantis” is not a country"))

        #expect(try sandbox.succeed("history", "Atlas AI").split(separator: "\n").count == 5)
        let undo = try sandbox.run("imports", "undo", "3")
        #expect(undo.status == 1)
        #expect(undo.stderr.contains("line 11: Atlas AI (2026-A) was changed after this batch"))
    }

    @Test("mentors lists each mentor with the applications they follow now")
    func mentors() throws {
        try sandbox.succeed("init")
        #expect(try sandbox.succeed("mentors").contains("No mentors yet"))
        try loadSample()
        try sandbox.succeed("decisions", Sandbox.sample("decisions-2026A.csv"))
        let table = try sandbox.succeed("mentors")
        #expect(table.contains("Leila Haddad    Plug and Play  Argan Pay   2026-A  funded"))
        #expect(table.contains("Sara Kettani    Plug and Play  (none now)"))
        let json = try sandbox.run("mentors", "--format", "json")
        let mentors = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(mentors.map { $0["name"] as? String } == ["Hicham Berrada", "Karim Alaoui", "Leila Haddad", "Sara Kettani"])
        let leila = try #require(mentors.first { $0["name"] as? String == "Leila Haddad" })
        #expect((leila["mentees"] as? [[String: Any]])?.map { $0["startupName"] as? String } == ["Argan Pay", "Souk Cloud"])
    }
}

@Suite("decisions files that run again, end to end")
struct DecisionsRerunEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox.sampleProgram()
    }

    @Test("a grown decisions file applied again moves only its new rows; the same file twice changes nothing and says so")
    func grown() throws {
        let sample = try String(contentsOfFile: Sandbox.sample("decisions-2026A.csv"), encoding: .utf8)
        let lines = sample.split(separator: "\n").map(String.init)
        let first = try sandbox.write("comite-mars.csv", lines.prefix(7).joined(separator: "\n") + "\n")
        let grown = try sandbox.write("comite-mai.csv", lines.joined(separator: "\n") + "\n")
        let applied = try sandbox.succeed("decisions", first)
        #expect(applied.contains("Applied as batch 2: 6 moves, 0 unchanged."))

        let again = try sandbox.succeed("decisions", grown, "--format", "json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.utf8)) as? [String: Any])
        #expect(report["moves"] as? Int == 4 && report["unchanged"] as? Int == 6)
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.filter { $0["changed"] as? Bool == true }.compactMap { $0["line"] as? Int } == [8, 9, 10, 11])

        let twice = try sandbox.succeed("decisions", grown)
        #expect(twice.contains("line 3: Atlas AI (2026-A) already reached mentored (now international): nothing to do"))
        #expect(twice.hasSuffix("Nothing changed: 0 moves, 10 unchanged.\n"))
        #expect(try sandbox.sqlite("SELECT COUNT(*) FROM batch WHERE kind = 'decisions'") == "2\n")
    }

    @Test("imports undo takes --actor, which the batch listing and the reversal's events keep")
    func undoActor() throws {
        try sandbox.succeed("decisions", Sandbox.sample("decisions-2026A.csv"))
        try sandbox.succeed("imports", "undo", "2", "--actor", "Direction")
        let listing = try sandbox.succeed("imports")
        #expect(listing.contains("(undone 2026-10-01 by") && listing.contains("Direction)"))
        let json = try sandbox.succeed("imports", "--format", "json")
        #expect(json.contains("\"undoneBy\" : \"Direction\""))
        #expect(try sandbox.sqlite("SELECT DISTINCT actor FROM stage_event WHERE note LIKE 'undo of decisions batch 2'") == "Direction\n")
    }
}
