import AcceleratorDomain
import AcceleratorPresentation
import AcceleratorFiles
import AcceleratorStore
import ArgumentParser
import Foundation

/// The documented exit codes.
enum ExitStatus {
    /// Refused by a rule or invalid input; nothing changed.
    static let refused: Int32 = 1
    /// A usage error (swift-argument-parser's code).
    static let usage: Int32 = 64
    /// The database or a file could not be read or written.
    static let storage: Int32 = 74
}

/// A problem with a value typed on the command line, named by its option.
struct InputError: Error, CustomStringConvertible {
    /// The option, e.g. `--founded`.
    var option: String
    /// Why the value was refused.
    var reason: String

    var description: String { "\(option): \(reason)" }
}

extension ErrorKind {
    /// The command line's exit code for a kind of failure: the one place that decides it.
    var exitStatus: Int32 {
        switch self {
        case .refused, .notFound, .ambiguous, .invalidInput, .conflict: ExitStatus.refused
        case .storage: ExitStatus.storage
        // 128 + the signal's number; SIGINT's by default.
        case .interrupted: 130
        }
    }
}

/// Runs a command's work, turning every failure into one readable message on stderr and the exit
/// code of its kind: never a stack trace.
func reportingFailures(_ work: () throws -> Void) throws {
    do {
        try work()
    } catch let error as ExitCode {
        throw error
    } catch let error as any ClassifiedError {
        throw fail(FailureDocument(error, wording: .commandLine, exitCode: error.kind.exitStatus))
    } catch let error as InputError {
        throw fail(FailureDocument(
            kind: .invalidInput, code: "input.invalid_option", facts: ErrorFacts(value: error.option),
            message: error.description, exitCode: ErrorKind.invalidInput.exitStatus))
    } catch let error as OutputError {
        throw fail(FailureDocument(
            kind: .storage, code: "output.cannot_write", message: error.description, exitCode: ErrorKind.storage.exitStatus))
    } catch {
        throw fail(FailureDocument(kind: .storage, code: "storage.unexpected", message: "\(error)", exitCode: ErrorKind.storage.exitStatus))
    }
}

/// Whether failures are written as JSON objects: the command was given `--format json`.
enum FailureFormat {
    static let isJSON: Bool = {
        let arguments = CommandLine.arguments.dropFirst().prefix { $0 != "--" }
        return zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" }
            || arguments.contains("--format=json")
    }()
}

/// Writes a failure on stderr (`error: message`, or its JSON object under `--format json`) and
/// returns the exit code to throw.
func fail(_ failure: FailureDocument) -> ExitCode {
    if FailureFormat.isJSON, let bytes = try? JSONOutput.encode(failure) {
        FileHandle.standardError.write(Data(bytes))
    } else {
        printError("error: \(failure.message)")
    }
    return ExitCode(failure.exitCode)
}

/// Writes a line on stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Reads a whole text file given on the command line (`-` for standard input), at most `limit` bytes.
func readTextFile(_ path: String, limit: Int = 16 << 20) throws -> String {
    let input = try InputFile(path, limit: limit)
    let bytes = try input.bytes()
    guard let text = String(validating: bytes, as: UTF8.self) else {
        throw InputError(option: input.name, reason: "it is not UTF-8 text; save it again as UTF-8")
    }
    return text
}

/// Parsers for values typed as options, naming the option when they refuse one.
enum Parse {
    /// A date as the rules read dates (`date_order`), like the imports do.
    static func date(_ text: String, option: String, rules: ProgramRules) throws -> CalendarDate {
        try date(text, option: option, order: rules.dateOrder)
    }

    static func date(_ text: String, option: String, order: DateOrder) throws -> CalendarDate {
        do { return try CalendarDate.parse(text, order: order) } catch { throw InputError(option: option, reason: error.description) }
    }

    static func money(_ text: String, option: String, currency: CurrencyCode) throws -> Money {
        do { return try Money.parse(text, defaultCurrency: currency) } catch { throw InputError(option: option, reason: error.description) }
    }

    static func currency(_ text: String, option: String) throws -> CurrencyCode {
        do { return try CurrencyCode(text) } catch { throw InputError(option: option, reason: error.description) }
    }

    static func country(_ text: String, option: String) throws -> CountryCode {
        do { return try CountryCode(text) } catch { throw InputError(option: option, reason: error.description) }
    }

    static func phone(_ text: String, option: String) throws -> PhoneNumber {
        do { return try PhoneNumber.parse(text) } catch { throw InputError(option: option, reason: error.description) }
    }

    static func ice(_ text: String, option: String) throws -> ICE {
        do { return try ICE(text) } catch { throw InputError(option: option, reason: error.description) }
    }

    static func founder(_ text: String, option: String) throws -> FounderSpec {
        do { return try FounderSpec.parse(text) } catch { throw InputError(option: option, reason: error.description) }
    }

    static func stage(_ text: String, option: String) throws -> Stage {
        guard let stage = Stage(parsing: text) else {
            let stages = Stage.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(option: option, reason: "“\(text)” is not a stage; the stages are \(stages)")
        }
        return stage
    }

    static func fundingKind(_ text: String, option: String) throws -> FundingKind {
        guard let kind = FundingKind(parsing: text) else {
            let kinds = FundingKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(option: option, reason: "“\(text)” is not a funding kind; the kinds are \(kinds)")
        }
        return kind
    }
}

/// Prints a value as the one JSON encoding (`JSONOutput`), through `print` like every other line
/// of the command (one buffer, so the order holds).
func printJSON(_ value: some Encodable) throws {
    print(String(decoding: try JSONOutput.encode(value), as: UTF8.self), terminator: "")
}
