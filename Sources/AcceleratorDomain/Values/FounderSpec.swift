/// A founder as typed on the command line: "Full Name <email>".
public struct FounderSpec: Hashable, Sendable {
    /// The founder's name, with its white space runs collapsed: `Amina El Idrissi`.
    public let fullName: String
    /// The founder's e-mail address.
    public let email: EmailAddress

    /// Creates a founder from a name and an address already checked.
    public init(fullName: String, email: EmailAddress) {
        self.fullName = fullName
        self.email = email
    }

    /// Reads `Full Name <name@example.ma>`; quotes around the name are dropped
    /// (`"Amina El Idrissi" <amina@startup.ma>`).
    ///
    /// Throws `ValueError.invalidFounder` when the text is not of that form or the name has no
    /// letter, and `ValueError.invalidEmail` (with the address as written) when the form is right
    /// but the address between the angle brackets is not an e-mail address.
    public static func parse(_ text: String) throws(ValueError) -> FounderSpec {
        let trimmed = text.trimmedValue
        guard trimmed.last == ">", let open = trimmed.lastIndex(of: "<") else { throw .invalidFounder(text) }
        let address = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        var name = trimmed[..<open].trimmedValue
        if name.count >= 2, let first = name.first, let last = name.last,
            (first == "\"" && last == "\"") || (first == "“" && last == "”")
        {
            name = name.dropFirst().dropLast().trimmedValue
        }
        guard name.contains(where: \.isLetter), !name.contains(where: { "<>@".contains($0) }) else {
            throw .invalidFounder(text)
        }
        let fullName = name.split(whereSeparator: \.isValueSpace).joined(separator: " ")
        return FounderSpec(fullName: fullName, email: try EmailAddress(String(address)))
    }
}

extension FounderSpec: CustomStringConvertible {
    /// The founder as it is typed: `Amina El Idrissi <amina@startup.ma>`.
    public var description: String { "\(fullName) <\(email)>" }
}
