import AcceleratorCSV
import AcceleratorStore
import ArgumentParser

/// An output that could not be written (standard output or an `--output` file).
struct OutputError: Error, CustomStringConvertible {
    /// Where the output was going.
    var destination: String
    /// The operating system's explanation.
    var reason: String

    var description: String { "cannot write \(destination): \(reason)" }
}

/// `reportingFailures` for the commands that write exports and reports: a refused request
/// (unknown cohort, a day after today) exits 1, an output that cannot be written exits 74.
func reportingOutputFailures(_ work: () throws -> Void) throws {
    try reportingFailures {
        do {
            try work()
        } catch let error as ReportError {
            throw fail(error.description, status: ExitStatus.refused)
        } catch let error as CSVError {
            throw fail(error.description, status: ExitStatus.storage)
        } catch let error as OutputError {
            throw fail(error.description, status: ExitStatus.storage)
        }
    }
}
