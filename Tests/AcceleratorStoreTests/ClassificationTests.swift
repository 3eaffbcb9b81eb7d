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

    @Test("each front end words the inputs a message points to: flags, a file's columns, a server's fields")
    func wordings() throws {
        let needed = OperationError.cohortNeeded(startup: "Argan Pay", cohorts: ["2026-A", "2026-B"])
        #expect(needed.message(.commandLine) == "Argan Pay has applications in 2026-A, 2026-B; say which with --cohort")
        #expect(needed.message(.fields) == "Argan Pay has applications in 2026-A, 2026-B; say which in the “cohort” field")
        let mapping = try DecisionMapping(headers: ["Startup", "Cohorte", "Décision", "Date"])
        #expect(needed.message(mapping) == "Argan Pay has applications in 2026-A, 2026-B; say which in the Cohorte column")

        let refused = OperationError.moveRefused(startup: "Atlas AI", cohort: "2026-A", target: .mentored, refusals: [.noMentor])
        #expect(refused.message(.commandLine) == "cannot advance Atlas AI (2026-A) to mentored: no mentor assigned — give --mentor and --mentor-org")
        #expect(refused.message(.fields)
            == "cannot advance Atlas AI (2026-A) to mentored: no mentor assigned — give the “mentor” and “mentorOrganisation” fields")

        let asOf = ReportError.asOfInFuture(Self.day, today: Self.day)
        #expect(asOf.message(.fields).hasPrefix("the “asOf” field (2026-06-01) is after today"))
        #expect(ImportError.noCohort(path: "a.csv").message(.commandLine) == "a.csv: no cohort column; say which cohort with --cohort CODE")
        #expect(MappingError.malformedMapping("x").message(.fields) == "the “mappings” field (\"x\"): write it as \"Header text=field\"")
        #expect(StoreError.missingDatabase(path: "a").message(.commandLine).hasSuffix("or give the right path with --db or ACCELERATOR_DB"))
    }

    @Test(
        "what a message sends its user to do elsewhere is a command at the command line and no command for a server",
        arguments: [
            (OperationError.unknownStartup("Nope") as any ClassifiedError, "`accelerator list`", "the startup listing"),
            (OperationError.referenceWithoutLetterOrDigit("--") as any ClassifiedError, "`accelerator list`", "the startup listing"),
            (OperationError.cohortExists("2026-A") as any ClassifiedError, "`accelerator cohort list`", "the cohort listing"),
            (OperationError.alreadyApplied(startup: "Atlas AI", cohort: "2026-A", stage: .applied), "`accelerator show`", "the startup's record"),
            (ReportError.unknownCohort("2026-Z", known: ["2026-A"]), "`accelerator cohort list`", "the cohort listing"),
            (UndoError.unknownBatch(9), "`accelerator imports`", "the batch listing"),
            (StoreError.missingDatabase(path: "a.sqlite"), "`accelerator init --db a.sqlite`", "a new database"),
            (OperationError.moveRefused(startup: "Atlas AI", cohort: "2026-A", target: .international, refusals: [.marketOutsideNetwork(try! CountryCode("JP"))]),
             "`accelerator rules show`", "the rules in force"),
            (OperationError.moveRefused(startup: "Atlas AI", cohort: "2026-A", target: .funded, refusals: [.alreadyAtStage(.funded, details: [.amount])]),
             "`accelerator fund`", "a funding record"),
        ])
    func actions(error: any ClassifiedError, command: String, field: String) {
        #expect(error.message(.commandLine).contains(command))
        #expect(error.description == error.message(.commandLine))
        let served = error.message(.fields)
        #expect(served.contains(field), "\(served)")
        #expect(!served.contains("accelerator"), "\(served)")
    }

    @Test("an ambiguous name lists its candidates one per line at a terminal, on one line elsewhere")
    func candidatesLayout() {
        let error = OperationError.ambiguousStartup("Atlas", candidates: [
            StartupCandidate(id: 1, name: "Atlas AI", city: "Rabat", ice: nil),
            StartupCandidate(id: 2, name: "Atlas Pay", city: "Fès", ice: "001234567000089"),
        ])
        let head = "“Atlas” matches 2 startups; nothing was changed. Give the id or the ICE of one of them"
        #expect(error.description == head + ":\n  #1 Atlas AI (Rabat)\n  #2 Atlas Pay (Fès, ICE 001234567000089)")
        #expect(error.message(.fields) == head + ": #1 Atlas AI (Rabat); #2 Atlas Pay (Fès, ICE 001234567000089)")
        #expect(error.facts.candidates == [.init(id: 1, name: "Atlas AI"), .init(id: 2, name: "Atlas Pay")])
    }

    @Test("the facts of a failure: the rules, the missing inputs as field names, the place in the file, the value")
    func facts() {
        let refused = OperationError.moveRefused(
            startup: "Atlas AI", cohort: "2026-A", target: .funded, refusals: [.noFunding, .dateInFuture(Self.day)])
        #expect(refused.facts == ErrorFacts(
            rules: ["gate.funding_missing", "gate.date_in_future"], missing: ["amount", "fundingKind", "investor", "fundedOn"],
            startup: "Atlas AI", cohort: "2026-A"))
        let csv = ImportError.csv(path: "a.csv", .nulByte(line: 7, field: 3))
        #expect(csv.facts == ErrorFacts(file: "a.csv", line: 7, column: 3))
        #expect(CSVError.nulByte(line: 7, field: 3).reason == "NUL byte (0x00) in the data; the file looks binary, not like CSV text")
        #expect(CSVError.nulByte(line: 7, field: 3).description.hasPrefix("line 7, field 3: NUL byte"))
        #expect(ValueError.invalidPhone("06 12").facts == ErrorFacts(value: "06 12"))
        #expect(ImportError.noCohort(path: "a.csv").facts == ErrorFacts(missing: ["cohort"], file: "a.csv"))
    }

    /// `family.case`, lowercase letters, digits and underscores.
    static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        }
    }
}
