import Foundation
import Testing

@Suite("duplicates, end to end")
struct DuplicatesEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox.sampleProgram()
        try sandbox.succeed("cohort", "add", "2026-B", "--starts", "01/09/2026", "--capacity", "25")
    }

    @Test("the same name set apart from its legal form and punctuation, and a swapped letter, are listed with their reasons")
    func listed() throws {
        #expect(try sandbox.succeed("duplicates").hasPrefix("No likely duplicates among "))
        try sandbox.succeed(
            "apply", "--cohort", "2026-B", "--name", "Atlas A.I. SARL", "--city", "Casablanca", "--sector", "AI",
            "--founder", "Salma Bennani <s.bennani@gmail.com>", "--applied-on", "2026-09-02")
        try sandbox.succeed(
            "apply", "--cohort", "2026-B", "--name", "Argan Pya", "--city", "Agadir", "--sector", "FinTech",
            "--founder", "Youssef Amrani <youssef@arganpay.ma>", "--applied-on", "2026-09-03")
        let table = try sandbox.succeed("duplicates")
        #expect(table == """
            startup             city        cohorts  why
            ------------------  ----------  -------  ----------------------
            #2 Argan Pay        Agadir      2026-A   same lead e-mail
            #10 Argan Pya       Agadir      2026-B   names one letter apart

            #1 Atlas AI         Casablanca  2026-A   same name
            #9 Atlas A.I. SARL  Casablanca  2026-B
            2 likely duplicate pairs among 10 startups.

            """)

        let json = try sandbox.succeed("duplicates", "--cohort", "2026-b", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["cohort"] as? String == "2026-B")
        let pairs = try #require(object["pairs"] as? [[String: Any]])
        #expect(pairs.count == 2)
        let argan = try #require(pairs.first { ($0["second"] as? [String: Any])?["startupName"] as? String == "Argan Pya" })
        let codes = (argan["reasons"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["same_lead_email", "near_name"])
        #expect((argan["first"] as? [String: Any])?["cohorts"] as? [String] == ["2026-A"])
        #expect(try sandbox.sqlite("SELECT COUNT(*) FROM batch") == "1\n")
    }

    @Test("an unknown cohort is refused")
    func unknownCohort() throws {
        let result = try sandbox.run("duplicates", "--cohort", "2031-Z")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("2031-Z"))
    }
}
