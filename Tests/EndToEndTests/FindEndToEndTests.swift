import Foundation
import Testing

@Suite("finding a startup by a fragment, end to end")
struct FindEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        sandbox.today = "2026-10-01"
        try sandbox.succeed("init", "--rules", Sandbox.sample("rules.toml"))
        try sandbox.succeed("cohort", "add", "2026-A", "--starts", "02/03/2026", "--capacity", "25")
        try sandbox.succeed("import", Sandbox.sample("applicants-2026A.en.csv"), "--cohort", "2026-A")
    }

    @Test("show finds a startup by a prefix or a substring of its name")
    func fragments() throws {
        #expect(try sandbox.succeed("show", "atlas").contains("Atlas AI"))
        #expect(try sandbox.succeed("show", "connect").contains("Tbib Connect"))
    }

    @Test("a misspelt name is refused with the closest name suggested")
    func misspelt() throws {
        let result = try sandbox.run("show", "Argan Pya")
        #expect(result.status == 1)
        #expect(result.stderr.contains("did you mean “Argan Pay”"))
        let json = try sandbox.run("show", "Argan Pya", "--format", "json")
        #expect(json.status == 1)
        #expect((json.stdout + json.stderr).contains("Argan Pay"))
    }

    @Test("an ambiguous prefix lists the candidates and changes nothing")
    func ambiguous() throws {
        let result = try sandbox.run("show", "s")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Sahara H2"))
        #expect(result.stderr.contains("Souk Cloud"))
    }

    @Test("a decisions file's misspelt startup names the suggestion on its row")
    func decisions() throws {
        let file = try sandbox.write("committee.csv", """
            startup,decision,date,mentor,mentor_org,amount,funding_kind,investor,reason
            Argan Pya,mentored,2026-03-10,Leila Haddad,Plug and Play,,,,

            """)
        let result = try sandbox.run("decisions", file)
        #expect(result.status == 1)
        #expect((result.stdout + result.stderr).contains("did you mean “Argan Pay”"))
    }
}
