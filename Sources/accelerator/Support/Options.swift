import AcceleratorDomain
import AcceleratorStore
import ArgumentParser
import Foundation

/// Where the database is.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $ACCELERATOR_DB, else ./accelerator.sqlite).", valueName: "path"))
    var db: String?

    /// The path in force.
    var path: String {
        if let db { return db }
        if let path = ProcessInfo.processInfo.environment["ACCELERATOR_DB"], !path.isEmpty { return path }
        return "accelerator.sqlite"
    }

    /// Opens (creating and migrating on first use) the database.
    func open() throws -> AppDatabase {
        try AppDatabase.open(path: path)
    }
}

/// How data is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case csv
}

/// `--format table|json`.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        if format == .csv {
            throw ValidationError("--format csv is only offered by `accelerator list`; use table or json")
        }
    }
}

/// The current day and who is acting.
enum Environment {
    /// Today (UTC); `ACCELERATOR_TODAY=YYYY-MM-DD` fixes it, for reproducible demos and tests.
    static func today() throws -> CalendarDate {
        if let text = ProcessInfo.processInfo.environment["ACCELERATOR_TODAY"], !text.isEmpty {
            return try CalendarDate.parse(text)
        }
        return CalendarDate.today()
    }

    /// The default actor: the login name.
    static var actor: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["ACCELERATOR_ACTOR"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "staff"
    }
}
