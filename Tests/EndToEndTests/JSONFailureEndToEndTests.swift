import Foundation
import Testing

/// With `--format json`, a failure is a JSON object on standard error (kind, code, facts, message,
/// exit code), so that a script never parses English.
@Suite("failures as JSON objects under --format json")
struct JSONFailureEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.succeed("cohort", "add", "2026-A", "--starts", "01/03/2026", "--capacity", "25")
        try sandbox.succeed(
            "apply", "--cohort", "2026-A", "--name", "Atlas AI", "--city", "Casablanca", "--sector", "AI",
            "--founder", "Salma Bennani <salma@atlas.ma>", "--ice", "001234567000089", "--founded", "01/05/2023",
            "--applied-on", "2026-03-25")
    }

    /// Standard error read as one JSON object.
    func failure(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8))
        let failure = try #require(object as? [String: Any], sourceLocation: sourceLocation)
        #expect(failure["exitCode"] as? Int == Int(result.status), sourceLocation: sourceLocation)
        return failure
    }

    @Test("a refused move: its rules and the missing inputs as field names, and the command line's sentence")
    func refusedMove() throws {
        let result = try sandbox.run("advance", "Atlas AI", "--to", "mentored", "--format", "json")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let failure = try failure(result)
        #expect(failure["kind"] as? String == "refused")
        #expect(failure["code"] as? String == "gate.mentor_missing")
        let facts = try #require(failure["facts"] as? [String: Any])
        #expect(facts["rules"] as? [String] == ["gate.mentor_missing"])
        #expect(facts["missing"] as? [String] == ["mentor", "mentorOrganisation"])
        #expect(facts["startup"] as? String == "Atlas AI")
        #expect(failure["message"] as? String
            == "cannot advance Atlas AI (2026-A) to mentored: no mentor assigned — give --mentor and --mentor-org")

        // Without --format json, the same failure is the one `error:` line it always was.
        let text = try sandbox.run("advance", "Atlas AI", "--to", "mentored")
        #expect(text.stderr == "error: cannot advance Atlas AI (2026-A) to mentored: no mentor assigned — give --mentor and --mentor-org\n")
    }

    @Test("an unknown startup, a database missing, a usage error: each its kind and code")
    func kinds() throws {
        let unknown = try failure(try sandbox.run("show", "Nope", "--format", "json"))
        #expect(unknown["kind"] as? String == "notFound")
        #expect(unknown["code"] as? String == "startup.not_found")
        #expect((unknown["facts"] as? [String: Any])?["value"] as? String == "Nope")

        let missing = try sandbox.run("list", "--format", "json", environment: ["ACCELERATOR_DB": sandbox.path("none.sqlite")])
        #expect(missing.status == 74)
        let storage = try failure(missing)
        #expect(storage["kind"] as? String == "storage")
        #expect(storage["code"] as? String == "storage.missing_database")

        let usage = try sandbox.run("list", "--format=json", "--bogus")
        #expect(usage.status == 64)
        #expect(try failure(usage)["code"] as? String == "usage.invalid")
    }

    @Test("a refused import: the report on standard output, the refusal with its count on standard error")
    func refusedImport() throws {
        let file = try sandbox.write("bad.csv", "name,city,sector,founder,email,founded_on\nNoor,Rabat,AI,Noor Alami,noor@x.ma,32/13/2020\n")
        let result = try sandbox.run("import", file, "--cohort", "2026-A", "--format", "json")
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["rejected"] as? Int == 1)
        let failure = try failure(result)
        #expect(failure["code"] as? String == "import.rows_refused")
        #expect((failure["facts"] as? [String: Any])?["refusedCount"] as? Int == 1)
    }
}
