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

    /// Opens the database, bringing its schema up to date; refuses a path where none is.
    func open() throws -> AppDatabase {
        try AppDatabase.open(path: path, clock: try Environment.clock())
    }

    /// Opens the database, creating it where none is (`init` only).
    func openOrCreate() throws -> AppDatabase {
        try AppDatabase.openOrCreate(path: path, clock: try Environment.clock())
    }
}

/// How data is printed by most commands (`list` adds csv, `report` csv and html, each its own).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

/// `--format table|json`.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table
}

/// The current day and who is acting.
enum Environment {
    /// The clock of every operation: the system's, or the day `ACCELERATOR_TODAY=YYYY-MM-DD` fixes
    /// (at the system's time of day), for reproducible demos and tests.
    static func clock() throws -> Clock {
        if let text = ProcessInfo.processInfo.environment["ACCELERATOR_TODAY"], !text.isEmpty {
            do {
                return Clock.on(try CalendarDate.parse(text))
            } catch {
                throw InputError(option: "ACCELERATOR_TODAY", reason: error.description)
            }
        }
        return .system
    }

    /// Today (UTC), from the same clock.
    static func today() throws -> CalendarDate {
        try clock().today
    }

    /// The default actor: the login name.
    static var actor: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["ACCELERATOR_ACTOR"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "staff"
    }
}
