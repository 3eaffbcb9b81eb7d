import AcceleratorCSV
import AcceleratorDomain
@testable import AcceleratorStore
import GRDB
import Testing

@Suite("values packed for binding in place")
struct PackedValuesTests {
    @Test("each value comes back as it went in, empty texts and NULL kept apart")
    func roundTrip() {
        var values = PackedValues(capacity: 0)
        values.append("Atlas AI")
        values.append("")
        values.append(nil as String?)
        values.append(Int64(42))
        values.append("Données")
        values.append(nil as Int64?)
        let expected: [DatabaseValue] = ["Atlas AI".databaseValue, "".databaseValue, .null, Int64(42).databaseValue, "Données".databaseValue, .null]
        #expect((0..<expected.count).map { values.databaseValue($0) } == expected)
        #expect(values.slots.count == expected.count)
    }

    @Test("bound in place, the values are stored exactly, and a stored row matches them column by column")
    func bindAndMatch() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c INTEGER, d TEXT)")
            var values = PackedValues(capacity: 0)
            values.append("Données Sécurité")
            values.append("")
            values.append(Int64(12))
            values.append(nil as String?)
            let insert = try RawStatement(db, sql: "INSERT INTO t VALUES (?, ?, ?, ?)")
            try values.withBytes { base in
                insert.reset()
                insert.bind(values, 0..<4, from: 1, base: base)
                defer { insert.clearBindings() }
                try insert.execute()
            }
            let row = try #require(try Row.fetchOne(db, sql: "SELECT a, b, c, d FROM t"))
            #expect(row[0] as String? == "Données Sécurité")
            #expect(row[1] as String? == "")
            #expect(row[2] as Int? == 12)
            #expect(row[3] as String? == nil)

            let select = try RawStatement(db, sql: "SELECT a, b, c, d FROM t")
            select.reset()
            #expect(try select.step())
            #expect((0..<4).allSatisfy { select.matches(Int32($0), values.slots[$0], in: values) })
            #expect(!select.matches(0, values.slots[1], in: values))
            #expect(!select.matches(1, values.slots[3], in: values))
            #expect(!select.matches(3, values.slots[1], in: values))
        }
    }

    /// The packed startup columns of one row of `csv` (a header line, then the row).
    static func packedStartup(_ csv: String) throws -> [String: DatabaseValue] {
        var reader = try CSVReader(bytes: Array(csv.utf8))
        let headers = try #require(try reader.next()).fields
        var record = CSVRecordBytes()
        let line = try #require(try reader.nextRecord(into: &record))
        let rowReader = RowReader(
            mapping: try HeaderMapping(headers: headers), dateOrder: .dayFirst, defaultCurrency: .mad,
            defaultCohort: "2026-A", today: CalendarDate(year: 2026, month: 3, day: 1)!, leavingOut: RowReader.textFields)
        let preparer = RowPreparer(rowReader: rowReader, rules: .defaults, fingerprintSeed: 0)
        let prepared = preparer.prepare(record, line: line)
        #expect(prepared.row.diagnostics.isEmpty, "\(prepared.row.diagnostics)")
        let values = prepared.values
        #expect(values.slots.count == PreparedRow.Slots.count)
        return Dictionary(uniqueKeysWithValues: StartupColumn.all.indices.map { (StartupColumn.all[$0].name, values.databaseValue($0)) })
    }

    /// A value to pack.
    enum Value: Sendable {
        case text(String)
        case number(Int64)
        case null
    }

    /// A description-like text of 99 bytes.
    static let long = String(String(repeating: "donnees, plateforme ", count: 5).prefix(98)) + "."

    static func packed(_ values: [Value]) -> PackedValues {
        var packed = PackedValues(capacity: 64)
        for value in values {
            switch value {
            case .text(let text): packed.append(text)
            case .number(let number): packed.append(number)
            case .null: packed.append(nil as String?)
            }
        }
        return packed
    }

    @Test(
        "a fingerprint changes with any value, its kind, its place or the seed",
        arguments: [
            ([.null, .text("ab"), .number(3)], [.text(""), .text("ab"), .number(3)], 1),
            ([.text("a"), .text("bc"), .number(3)], [.text("ab"), .text("c"), .number(3)], 1),
            ([.text("12"), .text("x"), .null], [.number(12), .text("x"), .null], 1),
            ([.text("Atlas"), .text("x"), .number(1)], [.text("Atlas"), .text("x"), .number(2)], 1),
            ([.text("Atlas"), .text("x"), .number(1)], [.text("x"), .text("Atlas"), .number(1)], 1),
            ([.text("Atlas"), .text("x"), .number(1)], [.text("Atlas"), .text("x"), .number(1)], 2),
            // Long texts are hashed 32 bytes at a time in four lanes: a change in any lane, or in the tail.
            ([.text(Self.long), .null, .null], [.text(Self.long.replacingCharacters(at: 3)), .null, .null], 1),
            ([.text(Self.long), .null, .null], [.text(Self.long.replacingCharacters(at: 45)), .null, .null], 1),
            ([.text(Self.long), .null, .null], [.text(Self.long.replacingCharacters(at: 90)), .null, .null], 1),
            ([.text(Self.long), .null, .null], [.text(Self.long.replacingCharacters(at: 98)), .null, .null], 1),
        ] as [([Value], [Value], UInt64)])
    func fingerprints(first: [Value], second: [Value], otherSeed: UInt64) {
        let slots = 0..<3
        let fingerprint = Self.packed(first).fingerprint(of: slots, seed: 1)
        #expect(fingerprint == Self.packed(first).fingerprint(of: slots, seed: 1))
        #expect(fingerprint != Self.packed(second).fingerprint(of: slots, seed: otherSeed))
    }

    @Test(
        "extra columns are packed from the cells' bytes exactly as the form's extras are stored",
        arguments: [
            ["Plug and Play", "LinkedIn"], ["", "x"], ["   ", "\u{A0}"], ["'=SUM(A1)", "'abc"], ["' =x", "'"],
            [" padded ", "é"], ["say \"hi\"\\", "line\nbreak\ttab"], ["Élan", "café"], ["\u{FEFF}bom", "ⵜⴰⵎⴰⵣⵉⵖⵜ"],
        ])
    func extras(cells: [String]) throws {
        let headers = ["name", "founder", "email", "city", "sector", "source", "note"]
        let row = ["Atlas", "Salma Bennani", "salma@atlas.ma", "Rabat", "AI"] + cells
        let csv = headers.joined(separator: ",") + "\n" + row.map(ImportFixture.csvField).joined(separator: ",") + "\n"
        var reader = try CSVReader(bytes: Array(csv.utf8))
        _ = try reader.next()
        var record = CSVRecordBytes()
        let line = try #require(try reader.nextRecord(into: &record))
        let mapping = try HeaderMapping(headers: headers)
        let rowReader = RowReader(
            mapping: mapping, dateOrder: .dayFirst, defaultCurrency: .mad, defaultCohort: "2026-A",
            today: CalendarDate(year: 2026, month: 3, day: 1)!)
        let expected = JSONText.encode(pairs: rowReader.read(record, line: line).extras)
        var packed = PackedValues(capacity: 64)
        packed.appendExtras(record, mapping.extraColumns)
        #expect(packed.text(0) == expected)
    }

    @Test("a row packs one value per startup column, in the columns' order: parsed from the form, or as typed")
    func startupColumns() throws {
        let packed = try Self.packedStartup("""
            name,legal_name,ice,city,region,country,sector,founded_on,founder,email,phone,website,product_stage,employees,monthly_revenue,funding_sought,description
            Données Sécurité,Données Sécurité SARL,001525874000088,Rabat,Rabat-Salé-Kénitra,France,fintech,12/09/2022,Salma Bennani,salma@ds.ma,06 12 34 56 78,https://ds.ma,MVP,12,"45 000,00","1 500 000,50 USD",Vision
            """)
        let expected: [String: DatabaseValue] = [
            "name": "Données Sécurité".databaseValue, "legal_name": "Données Sécurité SARL".databaseValue,
            "ice": "001525874000088".databaseValue, "city": "Rabat".databaseValue, "region": "Rabat-Salé-Kénitra".databaseValue,
            "country": "FR".databaseValue, "sector": "FinTech".databaseValue, "founded_on": "2022-09-12".databaseValue,
            "phone": "+212612345678".databaseValue, "website": "https://ds.ma".databaseValue, "product_stage": "MVP".databaseValue,
            "employees": Int64(12).databaseValue, "monthly_revenue_minor": Int64(4_500_000).databaseValue,
            "monthly_revenue_currency": "MAD".databaseValue, "funding_sought_minor": Int64(150_000_050).databaseValue,
            "funding_sought_currency": "USD".databaseValue, "description": "Vision".databaseValue,
        ]
        #expect(packed == expected)
    }

    @Test("cells taken as typed are trimmed, lose the formula guard and are NULL when empty, as the form's texts")
    func cellsAsTyped() throws {
        let packed = try Self.packedStartup("""
            name,city,sector,founder,email,legal_name,region,website,product_stage,description
            Atlas,Rabat,AI,Salma Bennani,salma@atlas.ma,,"  Fès-Meknès\u{00A0}",'=HYPERLINK(x),Élan ,"\nVision
            sur deux lignes\u{FEFF} "
            """)
        #expect(packed["legal_name"] == .null)
        #expect(packed["region"] == "Fès-Meknès".databaseValue)
        #expect(packed["website"] == "=HYPERLINK(x)".databaseValue)
        #expect(packed["product_stage"] == "Élan".databaseValue)
        #expect(packed["description"] == "Vision\nsur deux lignes".databaseValue)
        // A file without these columns packs NULL for each.
        let bare = try Self.packedStartup("name,city,sector,founder,email\nAtlas,Rabat,AI,Salma Bennani,salma@atlas.ma\n")
        for name in ["legal_name", "region", "website", "product_stage", "description"] { #expect(bare[name] == .null, "\(name)") }
    }
}

extension String {
    /// The text with the character at `offset` replaced by `#`.
    func replacingCharacters(at offset: Int) -> String {
        var characters = Array(self)
        characters[offset] = "#"
        return String(characters)
    }
}
