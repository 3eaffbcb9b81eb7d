import AcceleratorDomain
@testable import AcceleratorStore
import GRDB
import Testing

@Suite("values packed for binding in place")
struct PackedValuesTests {
    @Test("each value comes back as it went in, empty texts and NULL kept apart")
    func roundTrip() {
        var values = PackedValues(capacity: 0)
        let inputs: [DatabaseValue] = ["Atlas AI".databaseValue, "".databaseValue, .null, 42.databaseValue, "Données".databaseValue]
        for input in inputs { values.append(input) }
        values.append(nil as String?)
        #expect((0..<inputs.count).map { values.databaseValue($0) } == inputs)
        #expect(values.databaseValue(inputs.count) == .null)
    }

    @Test("bound in place, the values are stored exactly, and a stored row matches them column by column")
    func bindAndMatch() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c INTEGER, d TEXT)")
            var values = PackedValues(capacity: 0)
            values.append("Données Sécurité")
            values.append("")
            values.append(12.databaseValue)
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

    @Test("the startup columns packed directly are those StartupColumn gives, in its order", arguments: [
        StoreFixture.form("Atlas AI"),
        ApplicationForm(
            name: "Données Sécurité", legalName: "Données Sécurité SARL", ice: try? ICE("001525874000088"), city: "Rabat",
            region: "Rabat-Salé-Kénitra", country: try? CountryCode("France"), sector: "fintech",
            foundedOn: CalendarDate(year: 2022, month: 9, day: 12), phone: try? PhoneNumber.parse("06 12 34 56 78"),
            website: "https://ds.ma", productStage: "MVP", employees: 12,
            monthlyRevenue: Money(minorUnits: 4_500_000, currency: .mad), fundingSought: Money(minorUnits: 150_000_050, currency: .mad),
            description: "Vision, \"qualité\"", appliedOn: CalendarDate(year: 2026, month: 2, day: 15)!, cohort: "2026-A"),
        ApplicationForm(appliedOn: CalendarDate(year: 2026, month: 2, day: 15)!, cohort: "2026-A"),
    ])
    func directPackingAgrees(_ form: ApplicationForm) {
        let rules = ProgramRules.defaults
        var direct = PackedValues(capacity: 0)
        RowPreparer.appendStartupColumns(form, rules: rules, to: &direct)
        let boxed = StartupColumn.all.map { $0.value(form, rules) }
        #expect((0..<direct.slots.count).map { direct.databaseValue($0) } == boxed)
    }
}
