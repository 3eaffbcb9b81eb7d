import Foundation

/// Text normalisation for comparisons: lowercase, accents and diacritics removed (NFD then drop combining marks; also œ→oe, æ→ae, ß→ss), punctuation and any whitespace runs collapsed to a single space, trimmed. Arabic and Tifinagh letters are kept.
///
/// The decomposition used is the compatibility one (NFKD), which does everything NFD does and also
/// splits ligatures such as "ﬁ" and maps full-width letters and digits to their plain forms.
public enum TextFolding {
    /// Returns the text lowercased, without accents, with every run of punctuation, symbols and
    /// white space turned into one space, and trimmed: "  Côte d’Ivoire " → "cote d ivoire".
    public static func folded(_ text: String) -> String {
        if let ascii = foldedASCII(text) { return ascii }
        if let latin = foldedLatin(text) { return latin }
        return foldedByDecomposition(text)
    }

    /// The folding of text written in ASCII and the Latin-1 and Latin Extended-A letters (French,
    /// Spanish, …): each such letter folds alone, so its folding is looked up; `nil` for other text.
    private static func foldedLatin(_ text: String) -> String? {
        // Written in place: each letter's folding is at most twice its two bytes, each other byte
        // gives at most one.
        try? String(unsafeUninitializedCapacity: text.utf8.count * 2) { output in
            var count = 0
            var pendingSpace = false
            func append(_ byte: UInt8) {
                if pendingSpace, count > 0 {
                    output[count] = 0x20
                    count += 1
                }
                pendingSpace = false
                output[count] = byte
                count += 1
            }
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value < 0x80 {
                    let byte = UInt8(value)
                    let lower = byte | 0x20
                    let isLetter = lower >= 0x61 && lower <= 0x7A
                    if isLetter || (byte >= 0x30 && byte <= 0x39) {
                        append(isLetter ? lower : byte)
                    } else {
                        pendingSpace = true
                    }
                } else if value >= 0xC0 && value <= 0x17F {
                    guard let replacement = latinFoldings[Int(value - 0xC0)] else { throw NotLatin() }
                    if replacement.isEmpty {
                        pendingSpace = true
                    } else {
                        append(replacement[0])
                        for byte in replacement.dropFirst() {
                            output[count] = byte
                            count += 1
                        }
                    }
                } else {
                    throw NotLatin()
                }
            }
            return count
        }
    }

    private struct NotLatin: Error {}

    /// The folding (UTF-8) of each letter from U+00C0 to U+017F, computed once by the general method.
    /// `nil` for a folding longer than four bytes, which `foldedLatin` leaves to the general method.
    private static let latinFoldings: [[UInt8]?] = (UInt32(0xC0)...0x17F).map { value in
        let folding = UnicodeScalar(value).map { Array(foldedByDecomposition(String($0)).utf8) } ?? []
        return folding.count <= 4 ? folding : nil
    }

    /// The general folding: compatibility decomposition, then marks dropped and separators collapsed.
    private static func foldedByDecomposition(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        let decomposed = text.lowercased().decomposedStringWithCompatibilityMapping
        for scalar in decomposed.unicodeScalars {
            if isDropped(scalar) { continue }
            if let replacement = replacements[scalar] {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.append(contentsOf: replacement.unicodeScalars)
            } else if isKept(scalar) {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(output)
    }

    /// Returns the folded text with the spaces removed too: "Nom de la startup" → "nomdelastartup",
    /// "E-mail" → "email".
    public static func compact(_ text: String) -> String {
        String(folded(text).unicodeScalars.filter { $0 != " " })
    }

    /// The folding of plain ASCII text, done on bytes (most names and keys are ASCII); `nil` for
    /// any other text. ASCII letters and digits are kept, lowercased; every other byte separates.
    private static func foldedASCII(_ text: String) -> String? {
        let result: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            // Written in place: the folding is never longer than the text (a short one needs no heap).
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var pendingSpace = false
                for byte in bytes {
                    let lower = byte | 0x20
                    let isLetter = lower >= 0x61 && lower <= 0x7A
                    if isLetter || (byte >= 0x30 && byte <= 0x39) {
                        if pendingSpace, count > 0 {
                            output[count] = 0x20
                            count += 1
                        }
                        pendingSpace = false
                        output[count] = isLetter ? lower : byte
                        count += 1
                    } else {
                        pendingSpace = true
                    }
                }
                return count
            }
        }
        return result ?? nil
    }

    /// Letters that do not decompose into a base letter and a mark, spelled as their base letters.
    private static let replacements: [Unicode.Scalar: String] = [
        "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "þ": "th",
        "ł": "l", "ı": "i", "ħ": "h", "ŀ": "l",
    ]

    /// Combining marks (accents, Arabic vowel signs) and the Arabic tatweel, which only stretches a word.
    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format:
            return true
        default:
            return scalar == "\u{0640}"
        }
    }

    /// Letters and digits of any script are kept; everything else separates words.
    private static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        case .modifierLetter:
            // Spacing modifier letters (ʼ ʻ ˆ …) stand for apostrophes and accents: they separate.
            // Others, such as the Tifinagh labio-velarisation mark, belong to their word.
            return !(0x02B0...0x02FF).contains(scalar.value)
        default:
            return false
        }
    }
}
