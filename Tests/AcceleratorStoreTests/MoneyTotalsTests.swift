import AcceleratorDomain
import AcceleratorStore
import Foundation
import Testing

/// Funding totals are exact to the last minor unit, or refused: never clamped to a wrong figure.
@Suite("money totals")
struct MoneyTotalsTests {
    let store: AppDatabase

    /// The report fixture: Atlas AI funded 500000.00 MAD (grant), Argan Pay 1500000.00 MAD (equity).
    init() throws {
        store = try ReportFixture.makeStore()
    }

    /// Records a further round on Argan Pay (already funded) of `minorUnits` MAD in equity.
    func fundArganPay(_ minorUnits: Int64) throws {
        _ = try store.recordFunding(
            startup: "Argan Pay", cohort: nil,
            draft: FundingDraft(
                amount: Money(minorUnits: minorUnits, currency: .mad), kind: .equity, investor: "UM6P Ventures",
                fundedOn: ReportFixture.day(6, 1)),
            today: ReportFixture.today)
    }

    func report(cohort: String?) throws -> ProgramReport {
        try store.report(cohort: cohort, asOf: ReportFixture.day(6, 30), today: ReportFixture.today)
    }

    @Test("a cohort's funding that adds up to exactly the largest 64-bit total is reported exactly")
    func largestTotalIsExact() throws {
        try fundArganPay(Int64.max - 200_000_000)
        let funding = try #require(try report(cohort: "2026-A").cohorts.first?.funding.first)
        #expect(funding.totalMinor == Int64.max)
        #expect(funding.total == "92233720368547758.07")
    }

    @Test("a cohort's funding in one currency beyond what 64 bits hold refuses the report, naming the currency and the cohort")
    func cohortTotalRefused() throws {
        // Each kind's total still fits (equity is exactly Int64.max); the currency's total does not.
        try fundArganPay(Int64.max - 150_000_000)
        #expect(throws: ReportError.fundingTotalTooLarge(currency: "MAD", cohort: "2026-A")) {
            try report(cohort: "2026-A")
        }
        #expect(throws: ReportError.fundingTotalTooLarge(currency: "MAD", cohort: "2026-A")) {
            try report(cohort: nil)
        }
    }

    @Test("cohorts whose totals each fit but not together refuse the program's report, and each cohort's report is still made")
    func programTotalRefused() throws {
        _ = try store.apply(
            ReportFixture.form("Nour", sector: "AI", city: "Oujda", appliedOn: ReportFixture.day(6, 1), cohort: "2026-B"),
            today: ReportFixture.today)
        try ReportFixture.move(store, "Nour", to: .mentored, on: ReportFixture.day(6, 2))
        try ReportFixture.move(
            store, "Nour", to: .funded, on: ReportFixture.day(6, 3), amount: Int64.max - 100, investor: "Tamwilcom")
        #expect(throws: ReportError.fundingTotalTooLarge(currency: "MAD", cohort: nil)) {
            try report(cohort: nil)
        }
        #expect(try report(cohort: "2026-B").cohorts.first?.funding.first?.totalMinor == Int64.max - 100)
        #expect(try report(cohort: "2026-A").cohorts.first?.funding.first?.totalMinor == 200_000_000)
    }

    @Test("an application's funding that adds up to exactly the largest 64-bit total is exported exactly")
    func largestExportTotalIsExact() throws {
        try fundArganPay(Int64.max - 150_000_000)
        let records = try exportRecords(store, ExportRequest(cohort: "2026-A", stage: .funded))
        #expect(cell(records, "Argan Pay", "program_funding_MAD") == "92233720368547758.07")
    }

    @Test("an application's funding in one currency beyond what 64 bits hold stops the export, naming the currency and the application")
    func applicationTotalRefused() throws {
        try fundArganPay(Int64.max - 150_000_000 + 1)
        #expect(throws: ReportError.applicationFundingTotalTooLarge(currency: "MAD", startup: "Argan Pay", cohort: "2026-A")) {
            try exportRecords(store)
        }
    }

    @Test("the refusals say what cannot be added up and whose it is")
    func messages() {
        #expect(ReportError.fundingTotalTooLarge(currency: "MAD", cohort: "2026-A").description
            == "the total funding in MAD of cohort 2026-A is beyond what Accelerator can add up exactly; no report was made")
        #expect(ReportError.fundingTotalTooLarge(currency: "EUR", cohort: nil).description
            == "the total funding in EUR of every cohort together is beyond what Accelerator can add up exactly; no report was made")
        #expect(ReportError.applicationFundingTotalTooLarge(currency: "MAD", startup: "Argan Pay", cohort: "2026-A").description
            == "the total funding in MAD of Argan Pay (2026-A) is beyond what Accelerator can add up exactly; the export stopped at that application")
    }
}
