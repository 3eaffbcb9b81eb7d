import AcceleratorDomain
import GRDB

extension AppDatabase {
    /// The rules in force: those last set, or the program's defaults.
    public func rules() throws -> ProgramRules {
        try read { db in try Self.rules(db) }
    }

    /// Replaces the rules with the file's text; a bad file is refused and the old rules stay.
    @discardableResult
    public func setRules(text: String, path: String) throws -> ProgramRules {
        let rules: ProgramRules
        do {
            rules = try RulesFile.parse(text)
        } catch {
            throw OperationError.invalidRules(path: path, error: error)
        }
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO program_rules (id, text, updated_at) VALUES (1, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
                    """,
                arguments: [text, clock.timestamp]
            )
        }
        return rules
    }

    static func rules(_ db: Database) throws -> ProgramRules {
        guard let text = try String.fetchOne(db, sql: "SELECT text FROM program_rules WHERE id = 1") else {
            return .defaults
        }
        // The text was checked when it was set; a file that no longer parses is a bug, not user input.
        do {
            return try RulesFile.parse(text)
        } catch {
            throw StoreError.database(path: db.description, message: "the stored rules no longer parse: \(error)")
        }
    }
}
