import Foundation
import Testing

@testable import AcceleratorDomain

@Suite("Text folding, e-mail addresses, ICE and founders")
struct ValuesTextTests {
    // MARK: - Folding

    @Test("Folding lowercases, removes accents and collapses punctuation and spaces", arguments: [
        ("Nom de la startup", "nom de la startup"),
        ("  Côte d’Ivoire ", "cote d ivoire"),
        ("Émirats arabes unis", "emirats arabes unis"),
        ("E-mail", "e mail"),
        ("Téléphone (portable)", "telephone portable"),
        ("Date de création :", "date de creation"),
        ("Œuvre Cœur", "oeuvre coeur"),
        ("Ægir", "aegir"),
        ("Straße", "strasse"),
        ("ÇA ÊTRE À", "ca etre a"),
        ("Montant\u{00A0}\t(MAD)\n", "montant mad"),
        ("Nº de l'ICE", "no de l ice"),
        ("ﬁnancement", "financement"),
        ("Ｍａｒｏｃ", "maroc"),
        ("Søren Łukasz", "soren lukasz"),
        ("مَرْحَبًا بِكُم", "مرحبا بكم"),
        ("المـغـرب", "المغرب"),
        ("إسبانيا", "اسبانيا"),
        ("ⵜⴰⵎⴰⵣⵉⵖⵜ", "ⵜⴰⵎⴰⵣⵉⵖⵜ"),
        ("Startup ⵜⴰⵎⴰⵣⵉⵖⵜ-2026", "startup ⵜⴰⵎⴰⵣⵉⵖⵜ 2026"),
        ("", ""),
        (" -- ", ""),
    ])
    func folding(_ text: String, _ folded: String) {
        #expect(TextFolding.folded(text) == folded)
    }

    @Test("Compacting also removes the spaces", arguments: [
        ("Nom de la startup", "nomdelastartup"),
        ("E-mail", "email"),
        ("e_mail", "email"),
        ("Adresse e-mail du fondateur", "adresseemaildufondateur"),
        ("N° ICE", "nice"),
        ("Royaume du Maroc", "royaumedumaroc"),
        ("المملكة المغربية", "المملكةالمغربية"),
    ])
    func compacting(_ text: String, _ compact: String) {
        #expect(TextFolding.compact(text) == compact)
    }

    @Test("Every letter from U+00C0 to U+017F folds as the general method folds it (the Latin fast path agrees)")
    func latinFastPathAgrees() {
        // Ŀ and ŀ decompose to L and a middle dot (a separator); composed, they fold to "l".
        for value in UInt32(0xC0)...0x17F where value != 0x13F && value != 0x140 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "Ab \(Character(scalar))x, \(Character(scalar))"
            // Decomposed, the text holds combining marks, which only the general method reads.
            let decomposed = text.decomposedStringWithCompatibilityMapping
            #expect(TextFolding.folded(text) == TextFolding.folded(decomposed), "U+\(String(value, radix: 16))")
        }
    }

    // MARK: - E-mail

    @Test("Bare addresses are accepted and their domain lowercased", arguments: [
        ("amina@startup.ma", "amina@startup.ma"),
        ("  Amina.El-Idrissi@Technopark.MA ", "Amina.El-Idrissi@technopark.ma"),
        ("first+tag@sub.example.co.ma", "first+tag@sub.example.co.ma"),
        ("o'neil@example.com", "o'neil@example.com"),
        ("x@a.io", "x@a.io"),
        ("contact@xn--80ak6aa92e.com", "contact@xn--80ak6aa92e.com"),
        ("karim@société.ma", "karim@société.ma"),
        ("info@startup-2026.ma", "info@startup-2026.ma"),
    ])
    func acceptedEmail(_ text: String, _ stored: String) throws {
        let email = try EmailAddress(text)
        #expect(email.text == stored)
        #expect(email.description == stored)
    }

    @Test("Anything but a bare address is refused", arguments: [
        "", "  ", "amina", "amina@", "@startup.ma", "amina@startup", "amina@@startup.ma", "amina@startup@ma",
        "amina el@startup.ma", "amina@start up.ma", "Amina <amina@startup.ma>", "amina@.startup.ma",
        "amina@startup..ma", "amina@startup.ma.", "amina@-startup.ma", "amina@startup-.ma", "amina@startup.m",
        "amina@startup.123", ".amina@startup.ma", "amina.@startup.ma", "ami..na@startup.ma", "amina@startup_x.ma",
        "amina,b@startup.ma", "amina;b@startup.ma", "\"amina\"@startup.ma", "mailto:amina@startup.ma",
        String(repeating: "a", count: 65) + "@startup.ma", "amina@" + String(repeating: "a", count: 64) + ".ma",
    ])
    func refusedEmail(_ text: String) {
        #expect(throws: ValueError.invalidEmail(text)) { try EmailAddress(text) }
    }

    @Test("Addresses encode as their text and expose their domain")
    func emailCodable() throws {
        let email = try EmailAddress("Amina@Startup.MA")
        #expect(email.domain == "startup.ma")
        let data = try JSONEncoder().encode([email])
        #expect(try JSONDecoder().decode([EmailAddress].self, from: data) == [email])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([EmailAddress].self, from: Data(#"["nope"]"#.utf8)) }
    }

    @Test("Mixed-case ASCII addresses and their general check agree", arguments: [
        ("Amina.B@Startup.Co.MA", "Amina.B@startup.co.ma"),
        ("A@B.CD", "A@b.cd"),
        ("x-y_z@A-1.B2", "x-y_z@a-1.b2"),
    ])
    func mixedCaseEmail(_ text: String, _ stored: String) throws {
        #expect(try EmailAddress(text).text == stored)
        // The same address with a non-ASCII local part takes the general check: same domain.
        #expect(try EmailAddress("é" + text).text == "é" + stored)
    }

    // MARK: - Trimming

    @Test("Values lose the spaces, no-break spaces and byte order marks around them, and only those", arguments: [
        ("", ""), ("  ", ""), ("abc", "abc"), (" abc ", "abc"), ("\tabc\r\n", "abc"), ("café", "café"),
        ("Élan", "Élan"), ("Élan ", "Élan"), (" ça", "ça"), ("à\n", "à"), ("\u{00A0}x\u{00A0}", "x"),
        ("\u{FEFF}abc", "abc"), ("abc\u{200B}", "abc"), ("e\u{301}", "e\u{301}"), ("e\u{301} ", "e\u{301}"),
        ("Ÿ", "Ÿ"), ("ɐ ", "ɐ"), ("x\u{2003}", "x"), ("\u{2003}", ""), ("ف", "ف"),
    ])
    func trimmed(_ text: String, _ expected: String) {
        #expect(text.trimmedText == expected)
        #expect(text.trimmedText == String(text.trimmedValue))
    }

    // MARK: - ICE

    @Test("An ICE is fifteen digits once spaces, dots and dashes are removed", arguments: [
        ("001234567000089", "001234567000089"),
        (" 001 234 567 000 089 ", "001234567000089"),
        ("001.234.567.000.089", "001234567000089"),
        ("001-234567-000089", "001234567000089"),
        ("001\u{00A0}234\u{00A0}567\u{00A0}000\u{00A0}089", "001234567000089"),
        ("123456789012345", "123456789012345"),
    ])
    func acceptedICE(_ text: String, _ digits: String) throws {
        let ice = try ICE(text)
        #expect(ice.digits == digits)
        #expect(ice.description == digits)
    }

    @Test("Anything but fifteen digits is refused", arguments: [
        "", "  ", "1234567000089", "12345678901234", "1234567890123456", "00123456700008A", "1,23457E+14",
        "1.23457E+14", "001234567000089/1", "ICE 001234567000089", "٠٠١٢٣٤٥٦٧٠٠٠٠٨٩", String(repeating: "1", count: 1000),
    ])
    func refusedICE(_ text: String) {
        #expect(throws: ValueError.invalidICE(text)) { try ICE(text) }
    }

    @Test("An ICE encodes as its digits")
    func iceCodable() throws {
        let ice = try ICE("001 234 567 000 089")
        let data = try JSONEncoder().encode([ice])
        #expect(String(decoding: data, as: UTF8.self) == #"["001234567000089"]"#)
        #expect(try JSONDecoder().decode([ICE].self, from: data) == [ice])
        #expect(ValueError.invalidICE("123").description.contains("15 digits"))
    }

    // MARK: - Founders

    @Test("A founder is read from \"Full Name <email>\"", arguments: [
        ("Amina El Idrissi <amina@startup.ma>", "Amina El Idrissi", "amina@startup.ma"),
        ("  Amina   El Idrissi<Amina@Startup.MA>  ", "Amina El Idrissi", "Amina@startup.ma"),
        ("\"Karim Benjelloun\" <karim@example.ma>", "Karim Benjelloun", "karim@example.ma"),
        ("Zineb Aït Lahcen < zineb@x.ma >", "Zineb Aït Lahcen", "zineb@x.ma"),
        ("Hamza \"Zizo\" Tazi <hamza@x.ma>", "Hamza \"Zizo\" Tazi", "hamza@x.ma"),
        ("يوسف العلوي <youssef@x.ma>", "يوسف العلوي", "youssef@x.ma"),
    ])
    func acceptedFounder(_ text: String, _ name: String, _ email: String) throws {
        let founder = try FounderSpec.parse(text)
        #expect(founder.fullName == name)
        #expect(founder.email.text == email)
    }

    @Test("Text that is not of the form \"Full Name <email>\" is refused as a founder", arguments: [
        "", "amina@startup.ma", "Amina El Idrissi", "<amina@startup.ma>", "  <amina@startup.ma>",
        "Amina El Idrissi amina@startup.ma", "Amina <amina@startup.ma", "Amina amina@startup.ma>",
        "Amina <amina@startup.ma> extra", "123 <amina@startup.ma>", "\"\" <amina@startup.ma>",
        "Amina <b> <amina@startup.ma>", "amina@startup.ma <amina@startup.ma>",
    ])
    func refusedFounder(_ text: String) {
        #expect(throws: ValueError.invalidFounder(text)) { try FounderSpec.parse(text) }
    }

    @Test("A founder with a bad address inside the brackets is refused for the address")
    func founderWithBadAddress() {
        #expect(throws: ValueError.invalidEmail("amina@startup")) { try FounderSpec.parse("Amina <amina@startup>") }
        #expect(throws: ValueError.invalidEmail("")) { try FounderSpec.parse("Amina <>") }
        #expect(ValueError.invalidFounder("x").description == "“x” is not a founder: write it as \"Full Name <name@example.ma>\"")
    }

    @Test("A founder describes itself as it is typed")
    func founderDescription() throws {
        #expect(try FounderSpec.parse(" Amina  B <amina@x.ma>").description == "Amina B <amina@x.ma>")
    }
}
