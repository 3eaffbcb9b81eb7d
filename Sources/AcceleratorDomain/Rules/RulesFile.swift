import Foundation

/// Why a rules file was refused: the line and the reason.
public struct RulesFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 1-based line of the problem.
    public let line: Int
    /// What is wrong there and what is expected.
    public let reason: String

    /// Creates an error for a line.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// The human-editable rules file: a small subset of TOML.
///
/// ```
/// # comments start with a hash
/// default_capacity = 30
/// default_currency = "MAD"
/// sectors = [
///   "AI", "FinTech",
/// ]
/// ```
///
/// Keys may appear in any order and any key may be left out, which keeps its default.
/// Unknown keys are refused, so a typo never silently leaves a default in force.
public enum RulesFile {
    /// The keys of the file, in the order they are written.
    public enum Key: String, CaseIterable, Sendable {
        case defaultCapacity = "default_capacity"
        case defaultCurrency = "default_currency"
        case maximumCompanyAgeYears = "max_company_age_years"
        case dateOrder = "date_order"
        case sectors = "sectors"
        case networkCountries = "network_countries"
    }

    /// Parses a rules file, starting from the defaults.
    public static func parse(_ text: String) throws(RulesFileError) -> ProgramRules {
        var rules = ProgramRules.defaults
        var seen: Set<Key> = []
        var parser = Parser(lines: physicalLines(of: text))
        while let (line, keyText, value) = try parser.nextEntry() {
            guard let key = Key(rawValue: keyText) else {
                let known = Key.allCases.map(\.rawValue).joined(separator: ", ")
                throw RulesFileError(line: line, reason: "unknown setting “\(keyText)”; the settings are \(known)")
            }
            guard seen.insert(key).inserted else {
                throw RulesFileError(line: line, reason: "“\(keyText)” is set twice")
            }
            try apply(key, value: value, line: line, to: &rules)
        }
        return rules
    }

    /// The text's lines, ended by LF, CRLF or a lone CR alike (a file saved by Notepad or an old
    /// Mac), without a leading byte order mark: line numbers are those an editor shows.
    static func physicalLines(of text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var afterCarriageReturn = false
        for scalar in scalars {
            if scalar == "\n" && afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }

    private static func apply(_ key: Key, value: Value, line: Int, to rules: inout ProgramRules) throws(RulesFileError) {
        switch key {
        case .defaultCapacity:
            let capacity = try value.integer(key, line: line)
            guard capacity >= 1 else {
                throw RulesFileError(line: line, reason: "default_capacity must be at least 1, not \(capacity)")
            }
            rules.defaultCapacity = capacity
        case .defaultCurrency:
            let text = try value.string(key, line: line)
            do {
                rules.defaultCurrency = try CurrencyCode(text)
            } catch {
                throw RulesFileError(line: line, reason: error.description)
            }
        case .maximumCompanyAgeYears:
            let years = try value.integer(key, line: line)
            guard years >= 0 else {
                throw RulesFileError(line: line, reason: "max_company_age_years cannot be negative")
            }
            rules.maximumCompanyAgeYears = years
        case .dateOrder:
            let text = try value.string(key, line: line)
            guard let order = DateOrder(rawValue: text) else {
                throw RulesFileError(line: line, reason: "date_order is “day-first” or “month-first”, not “\(text)”")
            }
            rules.dateOrder = order
        case .sectors:
            let sectors = try value.strings(key, line: line)
            guard !sectors.isEmpty else {
                throw RulesFileError(line: line, reason: "sectors cannot be empty")
            }
            rules.sectors = sectors
        case .networkCountries:
            var countries: [CountryCode] = []
            for text in try value.strings(key, line: line) {
                let country: CountryCode
                do {
                    country = try CountryCode(text)
                } catch {
                    throw RulesFileError(line: line, reason: error.description)
                }
                guard country != .morocco else {
                    throw RulesFileError(line: line, reason: "network_countries cannot hold MA: a market is a country abroad")
                }
                if !countries.contains(country) { countries.append(country) }
            }
            guard !countries.isEmpty else {
                throw RulesFileError(line: line, reason: "network_countries cannot be empty")
            }
            rules.networkCountries = countries
        }
    }

    /// Writes rules as a rules file that parses back to the same rules.
    public static func render(_ rules: ProgramRules) -> String {
        var out = """
        # Accelerator program rules (Technopark Morocco × Plug and Play).
        # Edit, then load with: accelerator rules set FILE
        # A setting left out keeps its default.

        # Capacity of a cohort created without --capacity: how many of its applications may
        # ever reach "mentored".
        default_capacity = \(rules.defaultCapacity)

        # Currency (ISO 4217) of an amount written without one.
        default_currency = "\(rules.defaultCurrency.code)"

        # A company older than this many years at its application date is flagged (a warning).
        max_company_age_years = \(rules.maximumCompanyAgeYears)

        # How a date written a/b/yyyy is read: "day-first" (25/03/2026) or "month-first".
        date_order = "\(rules.dateOrder.rawValue)"

        # The program's emerging-technology sectors; any other sector is flagged (a warning).
        sectors = [\n
        """
        out += wrappedList(rules.sectors.map { "\"\($0)\"" })
        out += """
        ]

        # The network's countries (ISO 3166-1 alpha-2): a startup goes "international" by
        # entering a market in one of them. Morocco (MA) is home, never a market.
        network_countries = [\n
        """
        out += wrappedList(rules.networkCountries.map { "\"\($0.code)\"" })
        out += "]\n"
        return out
    }

    private static func wrappedList(_ items: [String]) -> String {
        var lines: [String] = []
        var current = " "
        for item in items {
            if current.count + item.count + 2 > 78 {
                lines.append(current)
                current = " "
            }
            current += " \(item),"
        }
        if current != " " { lines.append(current) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Parsing

    enum Value {
        case integer(Int)
        case string(String)
        case list([String])

        func integer(_ key: Key, line: Int) throws(RulesFileError) -> Int {
            guard case .integer(let value) = self else {
                throw RulesFileError(line: line, reason: "\(key.rawValue) must be a whole number, e.g. \(key.rawValue) = 30")
            }
            return value
        }

        func string(_ key: Key, line: Int) throws(RulesFileError) -> String {
            guard case .string(let value) = self else {
                throw RulesFileError(line: line, reason: "\(key.rawValue) must be a quoted text, e.g. \(key.rawValue) = \"…\"")
            }
            return value
        }

        func strings(_ key: Key, line: Int) throws(RulesFileError) -> [String] {
            guard case .list(let values) = self else {
                throw RulesFileError(line: line, reason: "\(key.rawValue) must be a list, e.g. \(key.rawValue) = [\"…\", \"…\"]")
            }
            return values
        }
    }

    struct Parser {
        let lines: [String]
        var index = 0

        init(lines: [String]) {
            self.lines = lines
        }

        /// The next `key = value` entry, with the line where it starts.
        mutating func nextEntry() throws(RulesFileError) -> (Int, String, Value)? {
            while index < lines.count {
                let lineNumber = index + 1
                let text = Self.strippingComment(lines[index]).trimmingCharacters(in: .whitespaces)
                index += 1
                if text.isEmpty { continue }
                guard let equals = text.firstIndex(of: "=") else {
                    throw RulesFileError(line: lineNumber, reason: "expected “setting = value”, found “\(text)”")
                }
                let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
                var rest = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty else {
                    throw RulesFileError(line: lineNumber, reason: "a setting name is missing before “=”")
                }
                if rest.hasPrefix("[") {
                    // A list may run over several lines until its closing bracket.
                    while !rest.hasSuffix("]") {
                        guard index < lines.count else {
                            throw RulesFileError(line: lineNumber, reason: "the list of \(key) is never closed with “]”")
                        }
                        rest += " " + Self.strippingComment(lines[index]).trimmingCharacters(in: .whitespaces)
                        index += 1
                    }
                    return (lineNumber, key, .list(try Self.parseList(rest, line: lineNumber)))
                }
                return (lineNumber, key, try Self.parseScalar(rest, line: lineNumber))
            }
            return nil
        }

        static func parseScalar(_ text: String, line: Int) throws(RulesFileError) -> Value {
            if text.hasPrefix("\"") {
                return .string(try parseString(text, line: line))
            }
            if let value = Int(text.replacingUnderscores) {
                return .integer(value)
            }
            throw RulesFileError(line: line, reason: "“\(text)” is neither a whole number nor a quoted text")
        }

        static func parseString(_ text: String, line: Int) throws(RulesFileError) -> String {
            guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
                throw RulesFileError(line: line, reason: "the text \(text) is not closed with a quote")
            }
            let inner = String(text.dropFirst().dropLast())
            guard !inner.contains("\"") else {
                throw RulesFileError(line: line, reason: "a text cannot hold a quote: \(text)")
            }
            return inner
        }

        static func parseList(_ text: String, line: Int) throws(RulesFileError) -> [String] {
            let inner = text.dropFirst().dropLast()
            var items: [String] = []
            for piece in inner.split(separator: ",") {
                let item = String(piece).trimmingCharacters(in: .whitespaces)
                if item.isEmpty { continue }
                items.append(try parseString(item, line: line))
            }
            return items
        }

        /// The line without a `#` comment; a `#` inside a quoted text is kept.
        static func strippingComment(_ line: String) -> String {
            var inQuotes = false
            for index in line.indices {
                switch line[index] {
                case "\"": inQuotes.toggle()
                case "#" where !inQuotes: return String(line[..<index])
                default: break
                }
            }
            return line
        }
    }
}

extension String {
    fileprivate var replacingUnderscores: String {
        String(filter { $0 != "_" })
    }
}
