import AcceleratorDomain
import AcceleratorFiles
import AcceleratorPresentation
import ArgumentParser
import Foundation

/// The `accelerator` command: the system of record of the acceleration program.
@main
struct Accelerator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accelerator",
        abstract: "The system of record of the Technopark Morocco × Plug and Play acceleration program.",
        discussion: """
            Applications move applied → mentored → funded → international under the program's rules, \
            with an append-only history. The database is ./accelerator.sqlite unless --db or \
            ACCELERATOR_DB says otherwise; `accelerator init` creates it, and no other command does.

            Exit codes: 0 done; 1 refused by a rule or invalid input (nothing changed); \
            64 usage error; 74 database or file failure; 130 and 143 stopped by SIGINT or SIGTERM \
            (nothing changed).
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, RulesCommand.self, CohortCommand.self, Apply.self, List.self, Show.self,
            Advance.self, Reject.self, Withdraw.self, History.self, Import.self, Imports.self, Decisions.self, Fund.self, Market.self, Mentors.self, MentorCommand.self, Duplicates.self, VoidCommand.self, NoteCommand.self, Edit.self, FounderCommand.self,
            Export.self, Report.self, Forget.self,
        ]
    )

    /// Parses and runs the command. Every failure is one `error:` line on standard error (usage
    /// errors too, with their usage lines, exit 64); help and the version go to standard output.
    static func main() {
        Interruption.install { signal, message, exitCode in
            let document = FailureDocument(
                kind: .interrupted, code: "process.interrupted", facts: ErrorFacts(value: signal), message: message, exitCode: exitCode)
            guard FailureFormat.isJSON, let bytes = try? JSONOutput.encode(document) else { return Array("error: \(message)\n".utf8) }
            return bytes
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if error is ExitCode { Foundation.exit(code.rawValue) }
            var message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
            if FailureFormat.isJSON {
                let text = message.hasPrefix("error: ") ? String(message.dropFirst("error: ".count)) : message
                _ = fail(FailureDocument(kind: .invalidInput, code: "usage.invalid", message: text, exitCode: code.rawValue))
            } else if !message.isEmpty {
                printError(message)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
