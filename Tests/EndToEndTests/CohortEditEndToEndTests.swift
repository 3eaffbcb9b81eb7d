import Foundation
import Testing

@Suite("cohort edit and cohort list --format csv, end to end")
struct CohortEditEndToEndTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox.sampleProgram()
        try sandbox.succeed("decisions", Sandbox.sample("decisions-2026A.csv"))
    }

    @Test("a full cohort gets room: the capacity and the start change, recorded; below the places taken is refused with the count")
    func edit() throws {
        let below = try sandbox.run("cohort", "edit", "2026-a", "--capacity", "4")
        #expect(below.status == 1)
        #expect(below.stderr == "error: cohort 2026-A cannot have a capacity of 4: 5 of its applications already reached mentored (places taken are never given back); give at least 5\n")
        let changed = try sandbox.succeed("cohort", "edit", "2026-A", "--capacity", "5", "--starts", "09/03/2026", "--reason", "Comité")
        #expect(changed == "Cohort 2026-A: capacity 25 → 5; starts 2026-03-02 → 2026-03-09 (5 of 5 places taken).\n")
        let full = try sandbox.run("advance", "Tbib Connect", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        #expect(full.status == 1 && full.stderr.contains("capacity"))
        try sandbox.succeed("cohort", "edit", "2026-A", "--capacity", "6")
        try sandbox.succeed("advance", "Tbib Connect", "--to", "mentored", "--mentor", "Karim Alaoui", "--mentor-org", "Technopark")
        #expect(try sandbox.sqlite("SELECT field, old_value, new_value, reason FROM change_log WHERE entity = 'cohort' ORDER BY id")
            == "capacity|25|5|Comité\nstarts_on|2026-03-02|2026-03-09|Comité\ncapacity|5|6|\n")

        let nothing = try sandbox.run("cohort", "edit", "2026-A")
        #expect(nothing.status == 64 && nothing.stderr.contains("give --starts or --capacity"))
        let unknown = try sandbox.run("cohort", "edit", "2031-Z", "--capacity", "3")
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("error: no cohort 2031-Z"))
    }

    @Test("cohort list --format csv writes one record per cohort")
    func csv() throws {
        try sandbox.succeed("cohort", "add", "2026-B", "--starts", "01/09/2026", "--capacity", "20")
        #expect(try sandbox.succeed("cohort", "list", "--format", "csv")
            == "cohort,starts_on,capacity,applications,mentored_ever\r\n2026-A,2026-03-02,25,8,5\r\n2026-B,2026-09-01,20,0,0\r\n")
    }
}
