import AcceleratorCSV
import AcceleratorDomain
import AcceleratorFiles

// Every error a store operation throws says its kind and its stable code (`ClassifiedError`), so a
// front end maps kinds to its answers in one switch and never parses a message.

extension CSVError: ClassifiedError {
    public var kind: ErrorKind { isFileSystemFailure ? .storage : .invalidInput }
    public var facts: ErrorFacts { ErrorFacts(line: line, column: field) }
}

extension FileError: ClassifiedError {
    /// A path the command refused is invalid input; a file the system could not read, write or find
    /// is a storage failure (as it always exited 74).
    public var kind: ErrorKind { isRefusal ? .invalidInput : .storage }
    public var facts: ErrorFacts {
        switch self {
        case .missing(let path), .notRegularFile(let path, _), .protected(let path, _), .tooLarge(let path, _),
            .cannotCreate(let path, _), .cannotWrite(let path, _), .cannotRead(let path, _):
            ErrorFacts(file: path)
        case .terminalInput:
            ErrorFacts()
        }
    }
}

extension StoreError: ClassifiedError {
    public var kind: ErrorKind { .storage }

    public var code: String {
        switch self {
        case .newerDatabase: "storage.newer_database"
        case .notADatabase: "storage.not_a_database"
        case .missingDatabase: "storage.missing_database"
        case .foreignDatabase: "storage.foreign_database"
        case .damagedDatabase: "storage.damaged_database"
        case .cannotOpen: "storage.cannot_open"
        case .busy: "storage.busy"
        case .readOnly: "storage.read_only"
        case .diskFull: "storage.disk_full"
        case .database: "storage.database"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .newerDatabase(let path, _), .notADatabase(let path), .missingDatabase(let path), .foreignDatabase(let path),
            .damagedDatabase(let path, _), .cannotOpen(let path, _), .busy(let path), .readOnly(let path),
            .diskFull(let path), .database(let path, _):
            ErrorFacts(file: path)
        }
    }
}

extension OperationError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .unknownStartup, .noApplicationInCohort, .noApplication: .notFound
        case .ambiguousStartup, .cohortNeeded: .ambiguous
        case .referenceWithoutLetterOrDigit, .invalidCohortCode, .invalidCapacity, .invalidRules: .invalidInput
        case .moveRefused, .ineligible: .refused
        case .cohortExists, .alreadyApplied, .identityConflict: .conflict
        }
    }

    public var code: String {
        switch self {
        case .unknownStartup: "startup.not_found"
        case .referenceWithoutLetterOrDigit: "startup.reference_without_letter_or_digit"
        case .ambiguousStartup: "startup.ambiguous"
        case .cohortNeeded: "application.cohort_needed"
        case .noApplicationInCohort: "application.not_in_cohort"
        case .noApplication: "application.none"
        case .cohortExists: "cohort.exists"
        case .invalidCohortCode: "cohort.invalid_code"
        case .invalidCapacity: "cohort.invalid_capacity"
        // The first rule that refused names the refusal; every rule is in the error's refusals.
        case .moveRefused(_, _, _, let refusals): refusals.first?.code ?? "gate.refused"
        case .ineligible(_, let issues): issues.first { $0.severity == .error }?.code ?? "eligibility.refused"
        case .alreadyApplied: "application.already_applied"
        case .identityConflict: "startup.identity_conflict"
        case .invalidRules: "rules.invalid"
        }
    }
}

extension ImportError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .csv(_, let error): error.kind
        case .mapping, .noCohort: .invalidInput
        case .unreadable: .storage
        case .file(let error): error.kind
        }
    }

    public var code: String {
        switch self {
        case .csv(_, let error): error.code
        case .mapping(_, let error): error.code
        case .unreadable: "file.cannot_read"
        case .noCohort: "import.no_cohort"
        case .file(let error): error.code
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .csv(let path, let error): ErrorFacts(file: path).merging(error.facts)
        case .mapping(let path, let error): ErrorFacts(file: path).merging(error.facts)
        case .unreadable(let path): ErrorFacts(file: path)
        case .noCohort(let path): ErrorFacts(missing: [UserInput.cohort.fieldName], file: path)
        case .file(let error): error.facts
        }
    }
}

extension DecisionsError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .csv(_, let error): error.kind
        case .mapping: .invalidInput
        case .unreadable: .storage
        case .file(let error): error.kind
        }
    }

    public var code: String {
        switch self {
        case .csv(_, let error): error.code
        case .mapping(_, let error): error.code
        case .unreadable: "file.cannot_read"
        case .file(let error): error.code
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .csv(let path, let error): ErrorFacts(file: path).merging(error.facts)
        case .mapping(let path, let error): ErrorFacts(file: path).merging(error.facts)
        case .unreadable(let path): ErrorFacts(file: path)
        case .file(let error): error.facts
        }
    }
}

extension UndoError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .unknownBatch: .notFound
        case .alreadyUndone, .changedSince: .conflict
        }
    }

    public var code: String {
        switch self {
        case .unknownBatch: "batch.not_found"
        case .alreadyUndone: "batch.already_undone"
        case .changedSince: "batch.changed_since"
        }
    }

    public var facts: ErrorFacts {
        switch self {
        case .unknownBatch(let id), .alreadyUndone(let id, _): ErrorFacts(value: String(id))
        case .changedSince(let id, let rows): ErrorFacts(value: String(id), refusedCount: rows.count)
        }
    }
}

extension ReportError: ClassifiedError {
    public var kind: ErrorKind {
        switch self {
        case .unknownCohort: .notFound
        case .asOfInFuture, .fundingTotalTooLarge, .applicationFundingTotalTooLarge: .invalidInput
        }
    }

    public var code: String {
        switch self {
        case .unknownCohort: "cohort.not_found"
        case .asOfInFuture: "report.as_of_in_future"
        case .fundingTotalTooLarge: "report.funding_total_too_large"
        case .applicationFundingTotalTooLarge: "export.funding_total_too_large"
        }
    }
}

extension RecordRefused: ClassifiedError {
    public var kind: ErrorKind { .refused }
    public var code: String { stageNotAllowed != nil ? "record.stage_not_allowed" : refusals.first?.code ?? "record.refused" }
}
