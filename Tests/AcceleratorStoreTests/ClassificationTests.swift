import AcceleratorCSV
import AcceleratorDomain
import AcceleratorFiles
import AcceleratorStore
import Foundation
import Testing

@Suite("errors that classify themselves: a kind and a stable code")
struct ClassificationTests {
    static let day = CalendarDate(year: 2026, month: 6, day: 1)!
    static let money = Money(minorUnits: 0, currency: .mad)

    /// Every refusal of the stage rules, once.
    static let refusals: [Refusal] = [
        .fromExit(.rejected), .pastLastStage(.international), .skipsStages(from: .applied, to: .funded, next: .mentored),
        .backwards(from: .funded, to: .mentored), .reasonRequired(.rejected), .noMentor,
        .mentorIncomplete(missing: [.mentorOrganisation]), .capacityReached(capacity: 3), .noFunding,
        .fundingIncomplete(missing: [.investor]), .fundingNotPositive(money), .fundingInFuture(day),
        .fundingAfterMove(funding: day, move: day), .noMarket, .marketIncomplete, .marketIsHome,
        .marketOutsideNetwork(.morocco), .unexpectedDetails([.amount], target: .mentored),
        .alreadyAtStage(.funded, details: [.amount]), .dateInFuture(day), .dateBeforeLastMove(day, last: day),
    ]

    /// One value of each case of the errors a front end meets, with the kind it must have.
    static let errors: [(any ClassifiedError, ErrorKind)] = [
        (ValueError.invalidDate("x"), .invalidInput),
        (ValueError.amountTooLarge("x", largest: money), .invalidInput),
        (CSVError.unterminatedQuote(line: 3, field: 4), .invalidInput),
        (CSVError.cannotOpen(path: "a", reason: "b"), .storage),
        (FileError.protected(path: "a", role: "the database"), .invalidInput),
        (FileError.cannotWrite(path: "a", reason: "b"), .storage),
        (StoreError.busy(path: "a"), .storage),
        (OperationError.unknownStartup("x"), .notFound),
        (OperationError.ambiguousStartup("x", candidates: []), .ambiguous),
        (OperationError.cohortNeeded(startup: "x", cohorts: ["2026-A", "2026-B"]), .ambiguous),
        (OperationError.moveRefused(startup: "x", cohort: "2026-A", target: .mentored, refusals: [.noMentor]), .refused),
        (OperationError.cohortExists("2026-A"), .conflict),
        (UndoError.unknownBatch(9), .notFound),
        (UndoError.changedSince(9, ["line 2"]), .conflict),
        (ReportError.unknownCohort("2026-Z", known: []), .notFound),
        (ImportError.csv(path: "a", .noRecords), .invalidInput),
        (ImportError.file(.missing(path: "a")), .storage),
        (DecisionsError.file(.terminalInput), .invalidInput),
    ]

    @Test("every rule of the stage gates has its own code, family gate")
    func refusalCodes() {
        let codes = Self.refusals.map(\.code)
        #expect(Set(codes).count == codes.count)
        for code in codes { #expect(code.hasPrefix("gate.") && Self.isWellFormed(code), "\(code)") }
    }

    @Test("each error has its kind and a well-formed code", arguments: errors.indices)
    func kinds(_ index: Int) {
        let (error, kind) = Self.errors[index]
        #expect(error.kind == kind, "\(error.code)")
        #expect(Self.isWellFormed(error.code), "\(error.code)")
    }

    @Test("a refused move's code is its first rule's, and the message is unchanged")
    func moveRefusedCode() {
        let error = OperationError.moveRefused(startup: "Atlas AI", cohort: "2026-A", target: .funded, refusals: [.noFunding, .dateInFuture(Self.day)])
        #expect(error.code == "gate.funding_missing")
        #expect(error.description.hasPrefix("cannot advance Atlas AI (2026-A) to funded: no funding recorded — give --amount"))
    }

    /// `family.case`, lowercase letters, digits and underscores.
    static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        }
    }
}
