/// An output that could not be written (standard output or an `--output` file).
struct OutputError: Error, CustomStringConvertible {
    /// Where the output was going.
    var destination: String
    /// The operating system's explanation.
    var reason: String

    var description: String { "cannot write \(destination): \(reason)" }
}
