import Foundation
import Testing

@Suite("edit and founder, end to end")
struct EditEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox.sampleProgram()
    }

    func report(_ arguments: String...) throws -> [String: Any] {
        let json = try sandbox.run(arguments: ["report", "--cohort", "2026-A", "--format", "json"] + arguments).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require((object["cohorts"] as? [[String: Any]])?.first)
    }

    func values(_ cohort: [String: Any], _ key: String) -> [String] {
        ((cohort[key] as? [[String: Any]]) ?? []).compactMap { $0["value"] as? String }.sorted()
    }

    @Test("an edit is checked, recorded, shown by history, and left out of a report as of the day before")
    func editAndAsOf() throws {
        let before = try report("--as-of", "2026-09-30")
        #expect(values(before, "cities").contains("Casablanca"))

        let edited = try sandbox.succeed(
            "edit", "Atlas AI", "--city", "Rabat", "--sector", "fintech", "--region", "", "--website", "https://atlas.ma",
            "--reason", "Déménagement", "--actor", "Programme")
        #expect(edited == "Atlas AI: changed city Casablanca → Rabat; sector AI → FinTech; region Casablanca-Settat → none; website https://atlas-ai.ma → https://atlas.ma.\n")
        #expect(try sandbox.succeed("edit", "Atlas AI", "--city", " Rabat ") == "Atlas AI: every value given is already so; nothing changed.\n")

        let history = try sandbox.succeed("history", "Atlas AI", "--format", "json")
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]])
        let changes = lines.filter { $0["kind"] as? String == "change" }
        #expect(changes.map { $0["field"] as? String } == ["city", "sector", "region", "website"])
        #expect(changes.first?["oldValue"] as? String == "Casablanca" && changes.first?["newValue"] as? String == "Rabat")
        #expect(changes.first?["actor"] as? String == "Programme" && changes.first?["reason"] as? String == "Déménagement")

        let now = try report()
        #expect(values(now, "cities").contains("Rabat") && !values(now, "cities").contains("Casablanca"))
        #expect(values(now, "sectors").contains("FinTech") && !values(now, "sectors").contains("AI"))
        let then = try report("--as-of", "2026-09-30")
        #expect(NSDictionary(dictionary: then).isEqual(to: before))
        #expect(try sandbox.succeed("show", "Atlas AI").contains("  Location:       Rabat, MA\n"))
    }

    @Test("an edit that breaks a check, takes another's ICE, or gives nothing is refused and writes nothing")
    func refusals() throws {
        let phone = try sandbox.run("edit", "Atlas AI", "--phone", "12")
        #expect(phone.status == 1 && phone.stderr.hasPrefix("error: --phone: “12” is not a phone number"))
        let ice = try sandbox.run("edit", "Atlas AI", "--ice", "001987654000034")
        #expect(ice.status == 1)
        #expect(ice.stderr.hasPrefix("error: ICE 001987654000034 is that of startup #2 “Argan Pay”, not Atlas AI; nothing was changed."))
        let empty = try sandbox.run("edit", "Atlas AI", "--city", " ")
        #expect(empty.status == 1 && empty.stderr == "error: the city of Atlas AI cannot be empty; nothing was changed\n")
        let nothing = try sandbox.run("edit", "Atlas AI")
        #expect(nothing.status == 1 && nothing.stderr.contains("give at least one field"))
        let date = try sandbox.run("edit", "Atlas AI", "--founded", "31/02/2020")
        #expect(date.status == 1 && date.stderr.hasPrefix("error: --founded: "))
        #expect(try sandbox.sqlite("SELECT COUNT(*) FROM change_log") == "0\n")
    }

    @Test("founders are added, corrected and removed, the lead changed only when asked, each recorded; forget erases the log's names")
    func founders() throws {
        #expect(try sandbox.succeed("founder", "add", "Atlas AI", "--founder", "Karim Tazi <karim@atlas-ai.ma>")
            == "Atlas AI: changed founder none → Karim Tazi <karim@atlas-ai.ma>.\n")
        #expect(try sandbox.sqlite("SELECT full_name FROM founder WHERE is_lead = 1 AND startup_id = 1") == "Salma Bennani\n")
        #expect(try sandbox.succeed("founder", "edit", "Atlas AI", "karim", "--lead", "--email", "k.tazi@atlas-ai.ma")
            .contains("founder.lead Salma Bennani → Karim Tazi"))
        #expect(try sandbox.sqlite("SELECT lead_email_key FROM startup WHERE id = 1") == "k.tazi@atlas-ai.ma\n")
        let lead = try sandbox.run("founder", "remove", "Atlas AI", "k.tazi@atlas-ai.ma")
        #expect(lead.status == 1 && lead.stderr.contains("is the lead founder of Atlas AI and cannot be removed"))
        try sandbox.succeed("founder", "remove", "Atlas AI", "Salma Bennani", "--reason", "a quitté la société")
        let show = try sandbox.succeed("show", "Atlas AI")
        #expect(show.contains("Founders\n  Karim Tazi <k.tazi@atlas-ai.ma> (lead)\nApplications"))
        let unknown = try sandbox.run("founder", "edit", "Atlas AI", "Nobody", "--name", "X")
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("error: no founder of Atlas AI is “Nobody”"))

        try sandbox.succeed("forget", "Atlas AI")
        let logged = try sandbox.sqlite("SELECT field, old_value IS NULL AND new_value IS NULL, erased FROM change_log ORDER BY id")
        #expect(logged == "founder|1|1\nfounder.email|1|1\nfounder.lead|1|1\nfounder|1|1\n")
        #expect(!(try sandbox.succeed("history", "Atlas AI")).contains("Salma"))
    }
}
