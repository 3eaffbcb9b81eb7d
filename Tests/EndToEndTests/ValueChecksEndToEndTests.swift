import Foundation
import Testing

/// No value silently stored wrong, through the real binary: details never dropped by a move to the
/// current stage, dates checked against the move and today, names that can be looked up, money
/// exact or refused.
@Suite("value checks, end to end")
struct ValueChecksEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    /// A database with Atlas AI in 2026-A, applied on 2026-03-25.
    func applyAtlas() throws {
        try sandbox.succeed("init")
        try sandbox.succeed(
            "apply", "--cohort", "2026-A", "--name", "Atlas AI", "--city", "Casablanca", "--sector", "AI",
            "--founder", "Salma Bennani <salma@atlas.ma>", "--ice", "001234567000089", "--applied-on", "2026-03-25")
    }

    /// Atlas AI mentored on 2026-04-01 and funded with 400000 MAD on 2026-05-20.
    func fundAtlas() throws {
        try applyAtlas()
        try sandbox.succeed(
            "advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark", "--at", "2026-04-01")
        try sandbox.succeed(
            "advance", "Atlas AI", "--to", "funded", "--amount", "400 000", "--funding-kind", "grant", "--investor", "Innov Invest",
            "--funded-on", "2026-05-20", "--at", "2026-05-20")
    }

    func count(_ table: String) throws -> String {
        try sandbox.sqlite("SELECT COUNT(*) FROM \(table);").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("new funding on an application already funded is refused, exits 1 and records nothing; the same funding changes nothing")
    func fundingAtCurrentStage() throws {
        try fundAtlas()
        let result = try sandbox.run(
            "advance", "Atlas AI", "--to", "funded", "--amount", "500000", "--funding-kind", "grant", "--investor", "I",
            "--funded-on", "2026-05-01")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot advance Atlas AI (2026-A) to funded: the application is already funded, so nothing "
            + "was recorded (--amount, --funding-kind, --investor and --funded-on): record a further funding round with "
            + "`accelerator fund`\n")
        #expect(try count("funding") == "1")
        #expect(try count("stage_event") == "2")
        let same = try sandbox.succeed(
            "advance", "Atlas AI", "--to", "funded", "--amount", "400 000", "--funding-kind", "grant", "--investor", "Innov Invest",
            "--funded-on", "2026-05-20")
        #expect(same == "Atlas AI (2026-A) is already funded: nothing changed.\n")
        #expect(try sandbox.succeed("advance", "Atlas AI", "--to", "funded") == "Atlas AI (2026-A) is already funded: nothing changed.\n")
        #expect(try count("funding") == "1")
    }

    @Test("another mentor on an application already mentored is refused, saying the mentor was not recorded")
    func mentorAtCurrentStage() throws {
        try applyAtlas()
        try sandbox.succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        let result = try sandbox.run("advance", "Atlas AI", "--to", "mentored", "--mentor", "Leila Haddad", "--mentor-org", "Plug and Play")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot advance Atlas AI (2026-A) to mentored: the application is already mentored, so the "
            + "mentor was not recorded (--mentor and --mentor-org): assign a further mentor with `accelerator mentor add`\n")
        #expect(try count("mentor_assignment") == "1")
    }

    @Test("an exit asked again with its reason changes nothing, and with another reason is refused")
    func exitAtCurrentStage() throws {
        try applyAtlas()
        try sandbox.succeed("reject", "Atlas AI", "--reason", "Not innovative enough")
        #expect(try sandbox.succeed("reject", "Atlas AI", "--reason", "Not innovative enough")
            == "Atlas AI (2026-A) is already rejected: nothing changed.\n")
        let other = try sandbox.run("reject", "Atlas AI", "--reason", "No traction")
        #expect(other.status == 1)
        #expect(other.stderr == "error: cannot reject Atlas AI (2026-A): the application is already rejected for another reason, so "
            + "nothing was recorded (--reason): an exit's reason is not changed\n")
        #expect(try sandbox.sqlite("SELECT exit_reason FROM application;") == "Not innovative enough\n")
    }

    @Test("a decisions file applied twice changes nothing the second time; a row with other funding is refused by column")
    func decisionsAgain() throws {
        try fundAtlas()
        let file = try sandbox.write("committee.csv", """
            startup,decision,date,amount,funding_kind,investor
            Atlas AI,funded,2026-05-20,400 000,grant,Innov Invest

            """)
        let again = try sandbox.succeed("decisions", file)
        #expect(again.contains("line 2: Atlas AI (2026-A) is already funded: nothing to do"))
        #expect(again.hasSuffix("Nothing changed: 0 moves, 1 unchanged.\n"))
        let other = try sandbox.write("other.csv", """
            startup,decision,date,amount,funding_kind,investor
            Atlas AI,funded,2026-05-21,250 000,equity,UM6P Ventures

            """)
        let refused = try sandbox.run("decisions", other)
        #expect(refused.status == 1)
        #expect(Sandbox.errorLines(refused).first == "error: line 2: cannot advance Atlas AI (2026-A) to funded: the application is "
            + "already funded, so nothing was recorded (the amount, funding_kind, investor and date columns): record a further "
            + "funding round with `accelerator fund`")
        #expect(try count("funding") == "1")
        #expect(try count("stage_event") == "2")
    }

    @Test("a funding dated after the day of the move that records it is refused, naming --at")
    func fundingAfterMove() throws {
        try applyAtlas()
        try sandbox.succeed(
            "advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark", "--at", "2026-04-01")
        let result = try sandbox.run(
            "advance", "Atlas AI", "--to", "funded", "--amount", "400 000", "--funding-kind", "grant", "--investor", "Innov Invest",
            "--funded-on", "2026-05-20", "--at", "2026-05-10")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot advance Atlas AI (2026-A) to funded: the funding is dated 2026-05-20, after the move "
            + "that records it (2026-05-10): date the move (--at) on or after the funding's day\n")
        #expect(try count("funding") == "0")
    }

    @Test("apply with an application date after today is refused and writes nothing")
    func appliedInFuture() throws {
        try sandbox.succeed("init")
        let result = try sandbox.run(
            "apply", "--cohort", "2026-A", "--name", "Atlas AI", "--city", "Casablanca", "--sector", "AI",
            "--founder", "Salma Bennani <salma@atlas.ma>", "--applied-on", "2026-06-02")
        #expect(result.status == 1)
        #expect(result.stderr == "error: Atlas AI cannot apply: the application date 2026-06-02 is in the future\n")
        #expect(try count("application") == "0")
    }

    @Test("an imported row dated after today is refused at its line and in the applied_at column")
    func importAppliedInFuture() throws {
        try sandbox.succeed("init")
        let file = try sandbox.write("applicants.csv", """
            name,city,sector,founder,email,applied_at
            Atlas AI,Casablanca,AI,Salma Bennani,salma@atlas.ma,2026-03-25
            Argan Pay,Rabat,FinTech,Youssef Amrani,youssef@arganpay.ma,15/07/2026

            """)
        let result = try sandbox.run("import", file, "--cohort", "2026-A")
        #expect(result.status == 1)
        #expect(Sandbox.errorLines(result).contains("error: line 3, column 6 (applied_at) “15/07/2026”: the application date 2026-07-15 is in the future"),
                "\(result.stderr)")
        #expect(try count("application") == "0")
    }

    @Test("a startup name of symbols only is refused, and a reference of symbols only finds no startup by name")
    func symbolNames() throws {
        try applyAtlas()
        let apply = try sandbox.run(
            "apply", "--cohort", "2026-A", "--name", "🚀", "--city", "Rabat", "--sector", "AI", "--founder", "Omar Idrissi <omar@rocket.ma>")
        #expect(apply.status == 1)
        #expect(apply.stderr == "error: 🚀 cannot apply: the startup name has no letter or digit: “🚀”\n")
        // Startups stored with an empty key before names were checked.
        _ = try sandbox.sqlite("""
            INSERT INTO startup (name, name_key, city, country, sector, created_at, updated_at)
            VALUES ('‽‽', '', 'Rabat', 'MA', 'AI', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                   ('***', '', 'Fès', 'MA', 'AI', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
            """)
        let show = try sandbox.run("show", "‽‽")
        #expect(show.status == 1)
        #expect(show.stderr == "error: “‽‽” has no letter or digit to look up a startup by: give its id or its ICE (see `accelerator list`)\n")
        #expect(show.stdout.isEmpty)
        let id = try sandbox.sqlite("SELECT id FROM startup WHERE name = '‽‽';").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try sandbox.succeed("show", id).contains("‽‽"))
    }

    @Test("an amount beyond the largest accepted is refused, naming the option and the largest amount")
    func amountTooLarge() throws {
        try applyAtlas()
        try sandbox.succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        let result = try sandbox.run(
            "advance", "Atlas AI", "--to", "funded", "--amount", "10 000 000 000 000,01", "--funding-kind", "grant",
            "--investor", "Innov Invest", "--funded-on", "2026-05-20")
        #expect(result.status == 1)
        #expect(result.stderr == "error: --amount: “10 000 000 000 000,01” is beyond the largest amount accepted (10000000000000.00 MAD)\n")
        #expect(try count("funding") == "0")
    }

    @Test("funding totals beyond what can be added up exactly refuse the report and stop the export, which leaves no file")
    func totalsBeyondExact() throws {
        try fundAtlas()
        // Two rounds stored before amounts were capped, together beyond 64 bits of centimes.
        _ = try sandbox.sqlite("""
            INSERT INTO funding (application_id, amount_minor, currency, kind, investor, funded_on)
            SELECT id, 9223372036854775000, 'MAD', 'equity', 'Big Fund', '2026-05-21' FROM application;
            """)
        let report = try sandbox.run("report", "--cohort", "2026-A")
        #expect(report.status == 1)
        #expect(report.stderr == "error: the total funding in MAD of cohort 2026-A is beyond what Accelerator can add up exactly; "
            + "no report was made\n")
        let output = sandbox.path("export.csv")
        let export = try sandbox.run("export", "--output", output)
        #expect(export.status == 1)
        #expect(export.stderr == "error: the total funding in MAD of Atlas AI (2026-A) is beyond what Accelerator can add up exactly; "
            + "the export stopped at that application\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
