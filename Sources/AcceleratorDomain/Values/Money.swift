/// An exact amount of money as an integer number of minor units (centimes), never a floating-point number.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in the currency's smallest unit: centimes for MAD, cents for USD, yen for JPY.
    public let minorUnits: Int64
    /// The currency of the amount.
    public let currency: CurrencyCode

    /// Creates an amount from a number of minor units: `Money(minorUnits: 150, currency: .mad)` is 1.50 MAD.
    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Reads an amount as staff write it in spreadsheets, in French or English.
    ///
    /// Accepts `1500000`, `1500000.5`, `1 500 000,50` (space, no-break space or narrow no-break
    /// space between thousands), `1.500.000,50`, `1,500,000.50`, `1,500,000`, `12,5`, `-300`, with
    /// an optional currency before or after (`250000 DH`, `250 000 MAD`, `250000dhs`, `MAD 250000`,
    /// `€1,200.00`); a currency in the text wins over `defaultCurrency`.
    ///
    /// A lone comma followed by exactly three digits, with no space grouping elsewhere (`1,500`), is
    /// read as a thousands separator, because that is how an English export writes 1500; `12,5`
    /// and `1234,56` keep the comma as the decimal mark. A lone dot is always the decimal mark.
    /// More decimals than the currency has are refused (`12.345 MAD`, and `1.500 MAD`, which a
    /// French writer may mean as 1500); only the zeros of a two-decimal spreadsheet format on a
    /// currency with fewer decimals are dropped (`1500.00 JPY` is 1500 yen). Negative amounts are read; the caller decides whether they
    /// are allowed. An amount beyond `largestMinorUnits` either way (however many digits it has) throws
    /// `ValueError.amountTooLarge`; anything else that is not an amount throws `ValueError.invalidMoney`.
    public static func parse(_ text: String, defaultCurrency: CurrencyCode = .mad) throws(ValueError) -> Money {
        let money: Money
        if let plain = plainAmount(text, currency: defaultCurrency) {
            money = plain
        } else {
            switch MoneyReader.read(text.trimmedValue, defaultCurrency: defaultCurrency) {
            case .amount(let amount): money = amount
            case .tooLarge(let currency): throw .amountTooLarge(text, largest: largest(in: currency))
            case .invalid: throw .invalidMoney(text)
            }
        }
        guard money.minorUnits.magnitude <= UInt64(largestMinorUnits) else {
            throw .amountTooLarge(text, largest: largest(in: money.currency))
        }
        return money
    }

    /// The largest amount accepted as input, in minor units, either way: 10^15 (10,000,000,000,000.00
    /// in a currency of two decimals). Far above any funding, and low enough that totals of
    /// thousands of such amounts still add up exactly in 64 bits.
    public static let largestMinorUnits: Int64 = 1_000_000_000_000_000

    /// The largest amount accepted as input in `currency`.
    public static func largest(in currency: CurrencyCode) -> Money {
        Money(minorUnits: largestMinorUnits, currency: currency)
    }

    /// The common spellings read on bytes — `1500000`, `1500000.50`, `1,500,000.50` — with the
    /// same result as the general reader; `nil` for anything else, which the general reader decides.
    static func plainAmount(_ text: String, currency: CurrencyCode) -> Money? {
        var integer: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var digitCount = 0
        var groupLength = 0
        var sawComma = false
        var sawDot = false
        var firstDigit: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39:
                if digitCount == 0 { firstDigit = byte }
                digitCount += 1
                guard digitCount <= 15 else { return nil }
                if sawDot {
                    fraction = fraction * 10 + Int64(byte - 0x30)
                    fractionDigits += 1
                } else {
                    integer = integer * 10 + Int64(byte - 0x30)
                    groupLength += 1
                }
            case UInt8(ascii: ","):
                // A thousands separator: after a first group of 1 to 3 digits, then groups of 3.
                guard !sawDot, groupLength >= 1, groupLength <= 3, !sawComma || groupLength == 3 else { return nil }
                if !sawComma, groupLength > 3 { return nil }
                sawComma = true
                groupLength = 0
            case UInt8(ascii: "."):
                guard !sawDot, groupLength >= 1, !sawComma || groupLength == 3 else { return nil }
                sawDot = true
            default:
                return nil
            }
        }
        guard digitCount > 0, groupLength > 0 || sawDot else { return nil }
        if sawComma, !sawDot, groupLength != 3 { return nil }
        if sawDot, fractionDigits == 0 { return nil }
        // A leading zero (as in `0,500` or `012`) is left to the general reader's rules.
        let integerDigits = digitCount - fractionDigits
        if firstDigit == UInt8(ascii: "0"), integerDigits > 1 || sawComma { return nil }
        let digits = currency.minorUnitDigits
        guard fractionDigits <= digits else { return nil }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        var fractionScale: Int64 = 1
        for _ in 0..<(digits - fractionDigits) { fractionScale *= 10 }
        let (product, overflow) = integer.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        let (total, overflowSum) = product.addingReportingOverflow(fraction * fractionScale)
        guard !overflowSum else { return nil }
        return Money(minorUnits: total, currency: currency)
    }

    /// The amount with the currency's number of decimals, no thousands separator and a leading
    /// `-` when negative: `1500000.50`, or `1500000,50` with `decimalSeparator: ","`.
    public func formatted(decimalSeparator: Character = ".") -> String {
        let digits = currency.minorUnitDigits
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let fraction = String(magnitude % scale)
        let padding = String(repeating: "0", count: max(0, digits - fraction.count))
        return sign + String(magnitude / scale) + String(decimalSeparator) + padding + fraction
    }

    /// The amount and its currency, as `1500000.50 MAD`.
    public var description: String { "\(formatted()) \(currency.code)" }
}

/// The steps of `Money.parse`, on the characters of the trimmed text.
private enum MoneyReader {
    /// What the text says.
    enum Reading {
        /// An amount within `Money.largestMinorUnits`.
        case amount(Money)
        /// A well-formed amount beyond `Money.largestMinorUnits`, in this currency.
        case tooLarge(CurrencyCode)
        /// Not an amount.
        case invalid
    }

    static func read(_ text: Substring, defaultCurrency: CurrencyCode) -> Reading {
        guard let (number, currency, isNegative) = parts(text, defaultCurrency: defaultCurrency) else { return .invalid }
        switch number.minorUnits(digits: currency.minorUnitDigits) {
        case .value(let magnitude): return .amount(Money(minorUnits: isNegative ? -magnitude : magnitude, currency: currency))
        case .tooLarge: return .tooLarge(currency)
        case .tooManyDecimals: return .invalid
        }
    }

    /// The number, its currency and its sign, or `nil` when the text is not an amount.
    private static func parts(_ text: Substring, defaultCurrency: CurrencyCode) -> (DecimalNumber, CurrencyCode, Bool)? {
        let characters = Array(text)
        var start = 0
        var isNegative = false
        var hasSign = false

        func skipSpaces() {
            while start < characters.count, characters[start].isValueSpace { start += 1 }
        }
        func readSign() {
            guard !hasSign, start < characters.count, let sign = signValue(characters[start]) else { return }
            hasSign = true
            isNegative = sign
            start += 1
            skipSpaces()
        }

        readSign()
        // A currency before the number: everything up to the first digit, sign or decimal mark.
        let prefixStart = start
        while start < characters.count, !startsNumber(characters, at: start) { start += 1 }
        let prefix = characters[prefixStart..<start]
        readSign()

        // A currency after the number: everything after the last digit.
        var end = characters.count
        while end > start, !characters[end - 1].isASCIIDigit { end -= 1 }
        let suffix = characters[end...]
        guard end > start else { return nil }

        let prefixCurrency = currency(prefix)
        let suffixCurrency = currency(suffix)
        guard let prefixCurrency, let suffixCurrency else { return nil }
        if case .some(let before) = prefixCurrency, case .some(let after) = suffixCurrency, before != after {
            return nil
        }
        let currency = prefixCurrency ?? suffixCurrency ?? defaultCurrency

        guard let number = DecimalNumber(characters[start..<end]) else { return nil }
        return (number, currency, isNegative)
    }

    /// `true` for a minus sign, `false` for a plus sign, `nil` for anything else.
    private static func signValue(_ character: Character) -> Bool? {
        switch character {
        case "-", "\u{2212}", "\u{2013}": return true
        case "+": return false
        default: return nil
        }
    }

    private static func startsNumber(_ characters: [Character], at index: Int) -> Bool {
        let character = characters[index]
        if character.isASCIIDigit || signValue(character) != nil { return true }
        if character == "." || character == "," {
            return index + 1 < characters.count && characters[index + 1].isASCIIDigit
        }
        return false
    }

    /// `.some(nil)` when the text is empty, `.some(currency)` when it names one, `nil` otherwise.
    private static func currency(_ characters: ArraySlice<Character>) -> CurrencyCode?? {
        let text = String(characters).trimmedValue
        if text.isEmpty { return .some(nil) }
        guard let currency = CurrencyCode.currency(named: text) else { return nil }
        return .some(currency)
    }
}

/// The digits of an amount split at its decimal mark, once the marks have been understood.
private struct DecimalNumber {
    var integerDigits: [UInt8] = []
    var fractionDigits: [UInt8] = []

    /// The kinds of character allowed between digits.
    private enum Mark: Equatable {
        case dot, comma, space, apostrophe
    }

    /// Understands the marks of a run that starts with a digit or a decimal mark and ends with a digit.
    init?(_ characters: ArraySlice<Character>) {
        var runs: [[UInt8]] = [[]]
        var marks: [Mark] = []
        for character in characters {
            if let digit = character.asciiDigitValue {
                runs[runs.count - 1].append(digit)
                continue
            }
            let mark: Mark
            switch character {
            case ".": mark = .dot
            case ",": mark = .comma
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}": mark = .space
            case "'", "\u{2019}": mark = .apostrophe
            default: return nil
            }
            marks.append(mark)
            runs.append([])
        }
        // Every mark sits between two digits, except a decimal mark that may open the number (",5").
        guard runs.dropFirst().allSatisfy({ !$0.isEmpty }) else { return nil }

        guard let decimalIndex = Self.decimalMarkIndex(marks: marks, runs: runs) else { return nil }
        let groupMarks = decimalIndex.map { Array(marks[..<$0]) } ?? marks
        let integerRuns = decimalIndex.map { Array(runs[...$0]) } ?? runs
        if let decimalIndex {
            guard decimalIndex == marks.count - 1 else { return nil }
            fractionDigits = runs[decimalIndex + 1]
        }
        // Thousands separators: one kind only, groups of three after a first group of one to three.
        if let first = groupMarks.first {
            guard groupMarks.allSatisfy({ $0 == first }), let head = integerRuns.first,
                (1...3).contains(head.count), integerRuns.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        integerDigits = integerRuns.flatMap { $0 }
    }

    /// Which mark is the decimal mark: `.some(nil)` when there is none, `nil` when the marks make no sense.
    private static func decimalMarkIndex(marks: [Mark], runs: [[UInt8]]) -> Int?? {
        let dots = marks.indices.filter { marks[$0] == .dot }
        let commas = marks.indices.filter { marks[$0] == .comma }
        let hasSpaceGroups = marks.contains(.space) || marks.contains(.apostrophe)
        switch (dots.count, commas.count) {
        case (0, 0):
            return .some(nil)
        case (_, 0), (0, _):
            let positions = dots.isEmpty ? commas : dots
            if positions.count > 1 { return .some(nil) }  // "1.500.000" or "1,500,000"
            let index = positions[0]
            if marks[index] == .dot || hasSpaceGroups { return .some(index) }
            // A lone comma: "1,500" is an English thousands separator (an ambiguous spelling, read
            // the way English exports write it); "12,5", "1234,56" and "0,500" are decimal commas.
            let before = runs[index], after = runs[index + 1]
            let looksLikeThousands = after.count == 3 && (1...3).contains(before.count) && before.first != 0
            return .some(looksLikeThousands ? nil : index)
        default:
            // Both kinds: the last mark is the decimal mark, it appears once, and the other kind
            // only appears before it ("1.500.000,50", "1,500,000.50").
            guard let last = marks.lastIndex(where: { $0 == .dot || $0 == .comma }) else { return nil }
            let decimalPositions = marks[last] == .dot ? dots : commas
            return decimalPositions.count == 1 ? .some(last) : nil
        }
    }

    /// The magnitude of an amount in minor units.
    enum MinorUnits {
        /// The magnitude, at most `Money.largestMinorUnits`.
        case value(Int64)
        /// More than `Money.largestMinorUnits`, however many digits.
        case tooLarge
        /// More significant decimals than the currency has.
        case tooManyDecimals
    }

    /// The amount in minor units for a currency with `digits` decimals.
    func minorUnits(digits: Int) -> MinorUnits {
        var fraction = fractionDigits
        if fraction.count > digits {
            // Only the ".00" of a two-decimal cell format is dropped: "1.500" stays ambiguous.
            guard fraction.count <= 2, fraction[digits...].allSatisfy({ $0 == 0 }) else { return .tooManyDecimals }
            fraction.removeLast(fraction.count - digits)
        }
        fraction += Array(repeating: 0, count: digits - fraction.count)
        var value: Int64 = 0
        for digit in integerDigits + fraction {
            // Stopping at the limit keeps every step far from overflow: 10 × 10^15 + 9 fits in 64 bits.
            value = value * 10 + Int64(digit)
            if value > Money.largestMinorUnits { return .tooLarge }
        }
        return .value(value)
    }
}

extension Character {
    /// Whether the character is one of the ASCII digits 0 to 9.
    var isASCIIDigit: Bool { asciiDigitValue != nil }

    /// The value of an ASCII digit, or `nil`.
    var asciiDigitValue: UInt8? {
        guard let ascii = asciiValue, ascii >= 0x30, ascii <= 0x39 else { return nil }
        return ascii - 0x30
    }
}
