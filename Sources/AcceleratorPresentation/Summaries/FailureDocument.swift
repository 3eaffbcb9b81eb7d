import AcceleratorDomain

/// A failure as a program reads it, so that a script never parses English: the kind, the stable
/// code, the facts, and the sentence a person would read. With `--format json`, the command writes
/// it on standard error in place of the `error:` line.
public struct FailureDocument: Sendable, Equatable, Encodable {
    /// The kind of failure (`refused`, `notFound`, `ambiguous`, `invalidInput`, `conflict`, `storage`).
    public var kind: ErrorKind
    /// The stable code (`gate.mentor_missing`).
    public var code: String
    /// The facts that apply (only their keys are written).
    public var facts: ErrorFacts
    /// The message, worded for the front end that wrote the document.
    public var message: String
    /// The exit code the command ends with.
    public var exitCode: Int32

    /// A document for a failure with its parts.
    public init(kind: ErrorKind, code: String, facts: ErrorFacts = ErrorFacts(), message: String, exitCode: Int32) {
        self.kind = kind
        self.code = code
        self.facts = facts
        self.message = message
        self.exitCode = exitCode
    }

    /// The document of a classified error, its message in `wording`.
    public init(_ error: any ClassifiedError, wording: some Wording, exitCode: Int32) {
        self.init(kind: error.kind, code: error.code, facts: error.facts, message: error.message(wording), exitCode: exitCode)
    }
}
