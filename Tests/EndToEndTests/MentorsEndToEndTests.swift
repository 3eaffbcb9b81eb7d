import Foundation
import Testing

@Suite("mentor add and end, end to end")
struct MentorsEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        sandbox.today = "2026-10-01"
        try sandbox.succeed("init", "--rules", Sandbox.sample("rules.toml"))
        try sandbox.succeed("cohort", "add", "2026-A", "--starts", "02/03/2026", "--capacity", "25")
        try sandbox.succeed("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A")
        try sandbox.succeed("decisions", Sandbox.sample("decisions-2026A.csv"))
    }

    func mentors() throws -> [[String: Any]] {
        let json = try sandbox.succeed("mentors", "--format", "json")
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    func load(of name: String) throws -> Int? {
        try mentors().first { $0["name"] as? String == name }?["load"] as? Int
    }

    @Test("a second mentor is assigned to a mentored application, shown by show, mentors (with the load) and history")
    func add() throws {
        #expect(try load(of: "Leila Haddad") == 2)
        let added = try sandbox.succeed(
            "mentor", "add", "Sahara H2", "--mentor", "Leila Haddad", "--mentor-org", "Plug and Play", "--on", "2026-09-15",
            "--actor", "Programme")
        #expect(added == "Sahara H2 (2026-A, mentored): recorded mentor Leila Haddad (Plug and Play) since 2026-09-15.\n")
        #expect(try load(of: "Leila Haddad") == 3)
        #expect(try sandbox.succeed("show", "Sahara H2").contains("mentor:   Leila Haddad (Plug and Play) since 2026-09-15"))
        let table = try sandbox.succeed("mentors")
        #expect(table.split(separator: "\n").first?.hasSuffix("  #") == true)
        #expect(table.contains("Leila Haddad    Plug and Play  Argan Pay   2026-A  funded         2026-03-10  3\n"))
        let logged = try sandbox.sqlite("SELECT field, new_value, actor FROM change_log")
        #expect(logged == "mentor|Leila Haddad (Plug and Play)|Programme\n")

        let json = try sandbox.succeed(
            "mentor", "add", "Atlas AI", "--mentor", "Nadia Benali", "--mentor-org", "UM6P", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let mentor = try #require(object["mentor"] as? [String: Any])
        #expect(object["record"] as? String == "mentor")
        #expect(mentor["name"] as? String == "Nadia Benali" && mentor["assignedOn"] as? String == "2026-10-01")
    }

    @Test("a mentor is refused before mentored, twice at once, incomplete, or in the future")
    func addRefused() throws {
        let applied = try sandbox.run("mentor", "add", "Tbib Connect", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        #expect(applied.status == 1)
        #expect(applied.stderr == "error: cannot record a mentor for Tbib Connect (2026-A): the application is applied; a further mentor is recorded only once it is mentored or funded or international (the first is recorded by `accelerator advance --to mentored`)\n")
        let twice = try sandbox.run("mentor", "add", "atlas ai", "--mentor", "karim alaoui", "--mentor-org", "TECHNOPARK")
        #expect(twice.status == 1)
        #expect(twice.stderr == "error: karim alaoui (TECHNOPARK) already mentors Atlas AI (2026-A); nothing was recorded\n")
        let incomplete = try sandbox.run("mentor", "add", "Atlas AI", "--mentor", "Nadia Benali")
        #expect(incomplete.status == 1)
        #expect(incomplete.stderr.contains("--mentor-org"))
        let future = try sandbox.run("mentor", "add", "Atlas AI", "--mentor", "Nadia Benali", "--mentor-org", "UM6P", "--on", "2026-10-02")
        #expect(future.status == 1)
        #expect(future.stderr == "error: the day 2026-10-02 is in the future: a mentor is assigned or leaves on a day that has come\n")
        #expect(try sandbox.sqlite("SELECT COUNT(*) FROM change_log") == "0\n")
    }

    @Test("an assignment ends, stays on the record and leaves the mentor's load; the last mentor of a mentored application cannot leave")
    func end() throws {
        let last = try sandbox.run("mentor", "end", "Sahara H2", "--mentor", "Hicham Berrada")
        #expect(last.status == 1)
        #expect(last.stderr == "error: Hicham Berrada (Technopark) is the only mentor of Sahara H2 (2026-A), which is mentored: assign the next mentor with `accelerator mentor add` first, then end this assignment\n")

        try sandbox.succeed("mentor", "add", "Sahara H2", "--mentor", "Leila Haddad", "--mentor-org", "Plug and Play")
        let ended = try sandbox.succeed(
            "mentor", "end", "sahara h2", "--mentor", "hicham berrada", "--on", "2026-09-30", "--reason", "A quitté Technopark")
        #expect(ended == "Sahara H2 (2026-A, mentored): Hicham Berrada (Technopark) no longer mentors it, from 2026-03-10 to 2026-09-30; still mentoring: Leila Haddad (Plug and Play).\n")
        #expect(try load(of: "Hicham Berrada") == 0)
        #expect(try sandbox.succeed("show", "Sahara H2").contains("mentor:   Hicham Berrada (Technopark) from 2026-03-10 to 2026-09-30"))
        #expect(try sandbox.sqlite("SELECT old_value, new_value IS NULL, reason FROM change_log WHERE id = 2")
            == "Hicham Berrada (Technopark)|1|A quitté Technopark\n")

        // A funded application's only mentor may leave: its mentoring is over.
        try sandbox.succeed("mentor", "end", "Argan Pay", "--mentor", "Leila Haddad")
        let unknown = try sandbox.run("mentor", "end", "Argan Pay", "--mentor", "Leila Haddad")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: Leila Haddad does not mentor Argan Pay (2026-A): no mentor follows it now\n")
        let early = try sandbox.run("mentor", "end", "Atlas AI", "--mentor", "Karim Alaoui", "--on", "2026-03-01")
        #expect(early.stderr == "error: the assignment cannot end on 2026-03-01, before it began (2026-03-10)\n")
    }
}
