import AcceleratorPresentation
import AcceleratorStore
import ArgumentParser
import Foundation

struct Imports: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List import batches, or undo one.",
        subcommands: [ListBatches.self, Undo.self],
        defaultSubcommand: ListBatches.self
    )

    struct ListBatches: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the batches, newest first.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let batches = try database.open().batches()
                switch output.format {
                case .json:
                    try printJSON(batches.map(BatchJSON.init))
                case .table: print(BatchTable.text(batches))
                }
            }
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revert a batch: an import's inserted rows removed and updated rows restored; a decisions batch's moves reversed by compensating events. Refused if anything changed since."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The batch id (see `accelerator imports`).")
        var id: Int64

        @Option(name: .long, help: "Who undoes it (default: your login name).")
        var actor: String?

        @OptionGroup var output: FormatOptions

        func run() throws {
            try reportingFailures {
                let outcome = try database.open().undoBatch(id, actor: actor ?? Environment.actor)
                switch (output.format, outcome) {
                case (.json, _): try printJSON(outcome)
                case (.table, .importBatch(let outcome)): print(UndoSummary.text(outcome))
                case (.table, .decisions(let outcome)): print(UndoSummary.text(outcome))
                }
            }
        }
    }
}
