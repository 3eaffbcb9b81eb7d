import Foundation
import Testing

@Suite("void and note, end to end")
struct VoidsNotesEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox.sampleProgram()
    }

    @Test("a void leaves the report's figures as if the application had never been made, and an earlier day's report as it was")
    func reportAsIfNever() throws {
        let before = try sandbox.succeed("report", "--as-of", "2026-09-30", "--format", "json")
        let voided = try sandbox.succeed("void", "Tbib Connect", "--reason", "Saisie en double", "--actor", "Programme")
        #expect(voided.hasPrefix("Tbib Connect (2026-A): application #4 voided as entered in error (Saisie en double)"))

        let sample = try String(contentsOfFile: Sandbox.sample("applicants-2026A.en.csv"), encoding: .utf8)
        let without = sample.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Tbib Connect,") }
        let never = try Sandbox.sampleProgram(importing: try sandbox.write("without-tbib.csv", without.joined(separator: "\n")))
        for format in ["json", "csv", "table"] {
            #expect(try sandbox.succeed("report", "--format", format) == (try never.succeed("report", "--format", format)))
        }
        #expect(try sandbox.succeed("report", "--as-of", "2026-09-30", "--format", "json") == before)
        #expect(try sandbox.succeed("cohort", "list").contains("2026-A  2026-03-02  25        7 "))

        let listed = try sandbox.succeed("list")
        #expect(!listed.contains("Tbib"))
        #expect(try sandbox.succeed("list", "--include-void").contains("Tbib Connect  2026-A  void"))
        let json = try sandbox.succeed("list", "--include-void", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect((rows.first { $0["startupName"] as? String == "Tbib Connect" }?["voidedAt"] as? String)?.hasPrefix("2026-10-01T") == true)
        #expect(!(try sandbox.succeed("export")).contains("Tbib"))
    }

    @Test("a voided application keeps its history, cannot move, and cannot be voided twice; one past applied is refused")
    func refusals() throws {
        try sandbox.succeed("void", "Tbib Connect", "--reason", "Saisie en double")
        let history = try sandbox.succeed("history", "tbib connect")
        #expect(history.contains("  2026-A  applied  void  e2e    voided (entered in error):\n" + String(repeating: " ", count: 48) + "Saisie en double\n"))
        let show = try sandbox.succeed("show", "Tbib Connect")
        #expect(show.contains(" by e2e: Saisie en double (counted nowhere since)\n"))
        #expect(show.contains("    VOIDED:   2026-10-01 "))

        let again = try sandbox.run("void", "Tbib Connect", "--reason", "encore")
        #expect(again.status == 1)
        #expect(again.stderr == "error: the application of Tbib Connect (2026-A) was voided on 2026-10-01; nothing was changed\n")
        let move = try sandbox.run("advance", "Tbib Connect", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        #expect(move.status == 1)
        #expect(move.stderr.hasPrefix("error: the application of Tbib Connect (2026-A) was voided on 2026-10-01 (entered in error)"))
        let withdraw = try sandbox.run("withdraw", "Tbib Connect", "--reason", "x")
        #expect(withdraw.status == 1)

        let decisions = try sandbox.write("decisions.csv", "startup,decision,date,mentor,mentor_org\nTbib Connect,mentored,2026-09-01,Karim Alaoui,Technopark\n")
        let refused = try sandbox.run("decisions", decisions)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 2: the application of Tbib Connect (2026-A) was voided on 2026-10-01"))

        try sandbox.succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        let past = try sandbox.run("void", "Atlas AI", "--reason", "erreur")
        #expect(past.status == 1)
        #expect(past.stderr == "error: cannot void Atlas AI (2026-A): the application is mentored, so it was not entered in error; end it with `accelerator withdraw` or `accelerator reject` (an exit counts in the reports)\n")
        let blank = try sandbox.run("void", "Sahara H2", "--reason", "  ")
        #expect(blank.status == 1)
        #expect(blank.stderr.contains("without a reason"))
        #expect(try sandbox.sqlite("SELECT COUNT(*) FROM application_void") == "1\n")
    }

    @Test("history shows its times in UTC, or in the zone TZ names, and says which")
    func zones() throws {
        try sandbox.succeed("note", "Atlas AI", "Appel")
        let utc = try sandbox.succeed("history", "Atlas AI").split(separator: "\n").map(String.init)
        #expect(utc.first?.hasPrefix("time (UTC)  ") == true)
        let stored = try sandbox.sqlite("SELECT recorded_at FROM note").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(utc.last?.hasPrefix(stored.prefix(16).replacingOccurrences(of: "T", with: " ")) == true)
        let local = try sandbox.run(arguments: ["history", "Atlas AI"], environment: ["TZ": "Asia/Tokyo"]).stdout
            .split(separator: "\n").map(String.init)
        #expect(local.first?.hasPrefix("time (GMT+9)  ") == true)
        let hour = Int(stored.dropFirst(11).prefix(2)) ?? 0
        let expected = (hour + 9) % 24
        #expect(local.last?.dropFirst(11).prefix(2) == Substring(expected < 10 ? "0\(expected)" : "\(expected)"))
    }

    @Test("a startup whose only open application was voided may apply to another cohort")
    func applyAfterVoid() throws {
        try sandbox.succeed("void", "Tbib Connect", "--reason", "mauvaise cohorte")
        let applied = try sandbox.succeed(
            "apply", "--cohort", "2026-B", "--name", "Tbib Connect", "--ice", "003456789000056", "--city", "Rabat",
            "--sector", "HealthTech", "--founder", "Omar Benjelloun <omar@tbibconnect.ma>", "--applied-on", "2026-09-20")
        #expect(applied.contains("Tbib Connect (a startup already known) applied to 2026-B"))
        #expect(try sandbox.succeed("advance", "Tbib Connect", "--to", "rejected", "--reason", "hors délai") == "Tbib Connect (2026-B): applied → rejected.\n")
    }

    @Test("a void is refused as JSON with its code")
    func jsonRefusal() throws {
        try sandbox.succeed("advance", "Atlas AI", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        let past = try sandbox.run("void", "Atlas AI", "--reason", "erreur", "--format", "json")
        #expect(past.status == 1)
        #expect(past.stderr.contains("\"code\" : \"void.past_applied\""))
    }

    @Test("notes are shown by show and history, kept out of exports, and erased by forget")
    func notes() throws {
        let added = try sandbox.succeed("note", "Atlas AI", "Appel avec Salma : levée prévue en juin", "--actor", "Nadia")
        #expect(added == "Atlas AI: note #1 recorded.\n")
        try sandbox.succeed("note", "Atlas AI", "Pitch au comité", "--cohort", "2026-A")
        let show = try sandbox.succeed("show", "Atlas AI")
        let notes = show.split(separator: "\n").drop { $0 != "Notes" }.map(String.init)
        #expect(notes.count == 3)
        #expect(notes.last?.hasSuffix("  e2e (2026-A): Pitch au comité") == true)
        #expect(notes.dropFirst().first?.hasSuffix("  Nadia: Appel avec Salma : levée prévue en juin") == true)
        let history = try sandbox.succeed("history", "Atlas AI", "--format", "json")
        #expect(history.contains("\"kind\" : \"note\"") && history.contains("Pitch au comité"))
        #expect(!(try sandbox.succeed("export")).contains("Pitch au comité"))
        let empty = try sandbox.run("note", "Atlas AI", "   ")
        #expect(empty.status == 1)
        #expect(empty.stderr == "error: a note on Atlas AI needs a text; nothing was recorded\n")

        let forgotten = try sandbox.succeed("forget", "Atlas AI", "--reason", "demande du fondateur")
        #expect(forgotten.contains("the notes"))
        #expect(try sandbox.sqlite("SELECT DISTINCT text, erased FROM note") == "[erased]|1\n")
        let tampered = try sandbox.run("show", "Atlas AI")
        #expect(!tampered.stdout.contains("Pitch"))
    }

    @Test("a note keeps the import that created the startup from being undone")
    func noteBlocksUndo() throws {
        try sandbox.succeed("note", "Sahara H2", "À rappeler")
        let undo = try sandbox.run("imports", "undo", "1")
        #expect(undo.status == 1)
        #expect(undo.stderr.contains("startup Sahara H2 (#3) was changed after this import"))
    }
}
