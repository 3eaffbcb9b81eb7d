import Foundation
import Testing

@testable import AcceleratorDomain

@Suite("Countries")
struct ValuesCountryTests {
    @Test("Codes, English and French names, Arabic names and common variants are read", arguments: [
        ("MA", "MA"), ("ma", "MA"), ("MAR", "MA"), ("Maroc", "MA"), ("MAROC", "MA"), ("maroc ", "MA"),
        ("Morocco", "MA"), ("Royaume du Maroc", "MA"), ("Kingdom of Morocco", "MA"), ("le Maroc", "MA"),
        ("المغرب", "MA"), ("المملكة المغربية", "MA"), ("ⵍⵎⵖⵔⵉⴱ", "MA"),
        ("Espagne", "ES"), ("Spain", "ES"), ("España", "ES"), ("ESP", "ES"), ("l'Espagne", "ES"),
        ("Émirats arabes unis", "AE"), ("Emirats Arabes Unis", "AE"), ("United Arab Emirates", "AE"),
        ("UAE", "AE"), ("EAU", "AE"), ("U.A.E.", "AE"),
        ("États-Unis", "US"), ("Etats Unis", "US"), ("USA", "US"), ("U.S.A.", "US"), ("United States", "US"),
        ("United States of America", "US"), ("us", "US"), ("les États-Unis", "US"),
        ("Royaume-Uni", "GB"), ("Royaume Uni", "GB"), ("UK", "GB"), ("United Kingdom", "GB"),
        ("Great Britain", "GB"), ("Grande-Bretagne", "GB"), ("GBR", "GB"), ("the United Kingdom", "GB"),
        ("Côte d'Ivoire", "CI"), ("Cote d’Ivoire", "CI"), ("COTE D IVOIRE", "CI"), ("Ivory Coast", "CI"),
        ("Allemagne", "DE"), ("Germany", "DE"), ("Deutschland", "DE"),
        ("France", "FR"), ("la France", "FR"), ("Sénégal", "SN"), ("Senegal", "SN"), ("Tunisie", "TN"),
        ("Algérie", "DZ"), ("Égypte", "EG"), ("Egypt", "EG"), ("Arabie saoudite", "SA"), ("KSA", "SA"),
        ("Pays-Bas", "NL"), ("Netherlands", "NL"), ("the Netherlands", "NL"), ("Holland", "NL"),
        ("Corée du Sud", "KR"), ("South Korea", "KR"), ("Korea, Republic of", "KR"), ("Corée, République de", "KR"),
        ("Turquie", "TR"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Russie", "RU"), ("Russian Federation", "RU"),
        ("Viêt Nam", "VN"), ("Vietnam", "VN"), ("Suisse", "CH"), ("Switzerland", "CH"), ("Belgique", "BE"),
        ("Chine", "CN"), ("Japon", "JP"), ("Inde", "IN"), ("Brésil", "BR"), ("Mexique", "MX"),
        ("Afrique du Sud", "ZA"), ("South Africa", "ZA"), ("RDC", "CD"), ("République démocratique du Congo", "CD"),
        ("Congo", "CG"), ("Tchéquie", "CZ"), ("Czech Republic", "CZ"), ("Åland Islands", "AX"), ("Îles Åland", "AX"),
        ("Curaçao", "CW"), ("Réunion", "RE"), ("La Réunion", "RE"), ("Mauritanie", "MR"), ("Qatar", "QA"),
        ("  Royaume   du  Maroc  ", "MA"), ("royaume-du-maroc", "MA"),
    ])
    func acceptedCountry(_ text: String, _ code: String) throws {
        #expect(try CountryCode(text).code == code)
    }

    @Test("Unknown names and codes are refused with the text as given", arguments: [
        "", "  ", "XX", "ZZZ", "Narnia", "M", "Maroco", "Europe", "Afrique", "EU", "Dubai", "Casablanca",
        "le", "the", "12", "Maroc Espagne", String(repeating: "a", count: 10_000),
    ])
    func refusedCountry(_ text: String) {
        #expect(throws: ValueError.invalidCountry(text)) { try CountryCode(text) }
    }

    @Test("Every ISO 3166-1 country is listed once, with its codes and names")
    func completeTable() throws {
        let all = CountryCode.all
        #expect(all.count == 249)
        #expect(Set(all).count == all.count)
        #expect(all == all.sorted())
        for country in all {
            #expect(country.code.count == 2 && country.code.allSatisfy { $0.isASCII && $0.isUppercase })
            #expect(country.alpha3Code.count == 3)
            #expect(!country.englishName.isEmpty && !country.frenchName.isEmpty)
            #expect(try CountryCode(country.code) == country)
            #expect(try CountryCode(country.code.lowercased()) == country)
            #expect(try CountryCode(country.alpha3Code) == country)
            #expect(try CountryCode(country.englishName) == country)
            #expect(try CountryCode(country.frenchName) == country)
        }
    }

    @Test("No code or name leads to two different countries")
    func namesAreUnambiguous() {
        var owners: [String: String] = [:]
        for record in CountryCode.records {
            for name in [record.alpha2, record.alpha3, record.englishName, record.frenchName] + record.aliases {
                let key = TextFolding.compact(name)
                #expect(owners[key, default: record.alpha2] == record.alpha2, "\(name) names two countries")
                owners[key] = record.alpha2
            }
        }
    }

    @Test("Morocco has its English, French and Arabic names")
    func morocco() throws {
        #expect(CountryCode.morocco.code == "MA")
        #expect(CountryCode.morocco.englishName == "Morocco")
        #expect(CountryCode.morocco.frenchName == "Maroc")
        #expect(CountryCode.morocco.alpha3Code == "MAR")
        #expect(try CountryCode("المغرب") == .morocco)
        #expect(try CountryCode("AE").frenchName == "Émirats arabes unis")
        #expect(try CountryCode("CI").englishName == "Côte d'Ivoire")
    }

    @Test("The default network has at least 60 distinct ISO countries and leaves Morocco out")
    func defaultNetwork() {
        let network = CountryCode.defaultNetwork
        #expect(network.count >= 60)
        #expect(Set(network).count == network.count)
        #expect(!network.contains(.morocco))
        #expect(Set(network).isSubset(of: Set(CountryCode.all)))
        for code in ["US", "CA", "MX", "BR", "FR", "DE", "ES", "GB", "AE", "SA", "EG", "TN", "SN", "CI", "NG",
            "KE", "ZA", "IN", "SG", "JP", "KR", "CN", "AU"]
        {
            #expect(network.contains { $0.code == code }, "\(code) is in the network")
        }
    }

    @Test("Countries compare, describe and encode themselves by code")
    func codable() throws {
        let spain = try CountryCode("Espagne")
        #expect(spain.description == "ES")
        #expect(spain < CountryCode.morocco)
        let data = try JSONEncoder().encode([spain])
        #expect(String(decoding: data, as: UTF8.self) == #"["ES"]"#)
        #expect(try JSONDecoder().decode([CountryCode].self, from: data) == [spain])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CountryCode].self, from: Data(#"["Spain"]"#.utf8)) }
        #expect(ValueError.invalidCountry("Narnia").description.hasPrefix("“Narnia” is not a country"))
    }
}
