import Foundation

/// Text normalisation for comparisons: lowercase, accents and diacritics removed (NFD then drop combining marks; also œ→oe, æ→ae, ß→ss), punctuation and any whitespace runs collapsed to a single space, trimmed. Arabic and Tifinagh letters are kept.
///
/// The decomposition used is the compatibility one (NFKD), which does everything NFD does and also
/// splits ligatures such as "ﬁ" and maps full-width letters and digits to their plain forms.
public enum TextFolding {
    /// Returns the text lowercased, without accents, with every run of punctuation, symbols and
    /// white space turned into one space, and trimmed: "  Côte d’Ivoire " → "cote d ivoire".
    public static func folded(_ text: String) -> String {
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
