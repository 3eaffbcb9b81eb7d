import AcceleratorDomain
import Foundation
import GRDB

/// A failure of the database or of the file system: not the user's input, but the place it is kept.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The database was written by a newer version of Accelerator.
    case newerDatabase(path: String, unknownMigrations: [String])
    /// The file is not an SQLite database.
    case notADatabase(path: String)
    /// No database is there yet (or the file is empty): `accelerator init` creates one.
    case missingDatabase(path: String)
    /// The file is an SQLite database of another application.
    case foreignDatabase(path: String)
    /// The file records Accelerator's migrations but lacks tables they create.
    case damagedDatabase(path: String, missingTables: [String])
    /// The file or its folder cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// Another process held the database longer than the busy timeout.
    case busy(path: String)
    /// The database or its folder is read-only.
    case readOnly(path: String)
    /// The disk is full.
    case diskFull(path: String)
    /// Any other database failure, with SQLite's message.
    case database(path: String, message: String)

    public var description: String { message(.commandLine) }

    /// The message, with where the database is given worded by the front end.
    public func message(_ wording: some Wording) -> String {
        let where_ = "Give the database's path \(wording.pointing(to: .database, value: nil))"
        return switch self {
        case .newerDatabase(let path, let unknown):
            "\(path) was written by a newer version of Accelerator (it has migrations this version does not know: \(unknown.joined(separator: ", "))); upgrade accelerator to use it. The file was left untouched."
        case .notADatabase(let path):
            "\(path) is not an Accelerator database (not an SQLite file); it was left untouched. \(where_)"
        case .missingDatabase(let path):
            "no Accelerator database at \(path): create it with \(wording.name(.createDatabase(path: path))), or give the right path \(wording.pointing(to: .database, value: nil))"
        case .foreignDatabase(let path):
            "\(path) is an SQLite database of another application, not Accelerator's; it was left untouched. \(where_)"
        case .damagedDatabase(let path, let tables):
            "\(path) records Accelerator's schema but lacks the tables \(tables.joined(separator: ", ")); it was left untouched. Restore it from a backup"
        case .cannotOpen(let path, let reason):
            "cannot open the database \(path): \(reason)"
        case .busy(let path):
            "the database \(path) stayed locked by another accelerator process for too long; try again when it has finished"
        case .readOnly(let path):
            "the database \(path) is read-only; check the permissions of the file and of its folder"
        case .diskFull(let path):
            "the disk holding \(path) is full; nothing was written. Free some space and try again"
        case .database(let path, let message):
            "database error in \(path): \(message)"
        }
    }

    /// Translates an SQLite error into a readable store error.
    static func from(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB: .notADatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy(path: path)
        case .SQLITE_READONLY: .readOnly(path: path)
        case .SQLITE_FULL: .diskFull(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            .cannotOpen(path: path, reason: error.message ?? "permission denied or missing folder")
        case .SQLITE_IOERR:
            .cannotOpen(path: path, reason: "input/output error (\(error.message ?? "disk"))")
        default: .database(path: path, message: error.message ?? "\(error.resultCode)")
        }
    }
}
