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

    @Test("a form packs one value per startup column, in the columns' order")
    func startupColumns() throws {
        let form = ApplicationForm(
            name: "Données Sécurité", legalName: "Données Sécurité SARL", ice: try ICE("001525874000088"), city: "Rabat",
            region: "Rabat-Salé-Kénitra", country: try CountryCode("France"), sector: "fintech",
            foundedOn: CalendarDate(year: 2022, month: 9, day: 12), phone: try PhoneNumber.parse("06 12 34 56 78"),
            website: "https://ds.ma", productStage: "MVP", employees: 12,
            monthlyRevenue: Money(minorUnits: 4_500_000, currency: .mad), fundingSought: Money(minorUnits: 150_000_050, currency: .usd),
            description: "Vision", appliedOn: CalendarDate(year: 2026, month: 2, day: 15)!, cohort: "2026-A")
        var values = PackedValues(capacity: 0)
        for column in StartupColumn.all { column.append(form, .defaults, &values) }
        let packed = Dictionary(uniqueKeysWithValues: StartupColumn.all.indices.map { (StartupColumn.all[$0].name, values.databaseValue($0)) })
        #expect(values.slots.count == StartupColumn.all.count)
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

        var empty = PackedValues(capacity: 0)
        let blank = ApplicationForm(appliedOn: CalendarDate(year: 2026, month: 2, day: 15)!, cohort: "2026-A")
        for column in StartupColumn.all { column.append(blank, .defaults, &empty) }
        let kept = StartupColumn.all.indices.filter { empty.databaseValue($0) != .null }.map { StartupColumn.all[$0].name }
        #expect(kept == ["name", "city", "country"])
        #expect(empty.databaseValue(5) == "MA".databaseValue)
    }
}
