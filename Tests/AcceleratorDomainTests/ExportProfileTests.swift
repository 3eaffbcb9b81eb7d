import AcceleratorDomain
import Testing

struct ExportProfileTests {
    @Test(
        "each profile writes dates as its spreadsheet reads them",
        arguments: [
            (ExportProfile.rfc4180, "2026-03-05", "2026-03-05"),
            (.rfc4180, "2026-03-05T14:03:11Z", "2026-03-05"),
            (.excelFrench, "2026-03-05", "05/03/2026"),
            (.excelFrench, "2026-12-31T00:00:00Z", "31/12/2026"),
            (.excelFrench, "not a date", "not a date"),
        ])
    func dates(profile: ExportProfile, stored: String, written: String) {
        #expect(profile.date(iso: stored) == written)
    }

    @Test("a calendar date is written ISO or day-first")
    func calendarDate() throws {
        let date = try #require(CalendarDate(year: 2026, month: 3, day: 25))
        #expect(ExportProfile.rfc4180.date(date) == "2026-03-25")
        #expect(ExportProfile.excelFrench.date(date) == "25/03/2026")
    }

    @Test(
        "amounts are plain numbers with the profile's decimal mark, the sign of a negative one kept",
        arguments: [
            (ExportProfile.rfc4180, Int64(150_000_050), "1500000.50"),
            (.excelFrench, 150_000_050, "1500000,50"),
            (.rfc4180, -30_000, "-300.00"),
            (.excelFrench, -30_000, "-300,00"),
            (.excelFrench, 5, "0,05"),
        ])
    func amounts(profile: ExportProfile, minorUnits: Int64, written: String) {
        #expect(profile.amount(Money(minorUnits: minorUnits, currency: .mad)) == written)
    }

    @Test("an amount in another currency than the column's carries its code, which the import reads back")
    func otherCurrency() throws {
        let euros = Money(minorUnits: 120_000, currency: .eur)
        let written = ExportProfile.excelFrench.amount(euros, impliedCurrency: .mad)
        #expect(written == "1200,00 EUR")
        #expect(try Money.parse(written, defaultCurrency: .mad) == euros)
        #expect(ExportProfile.rfc4180.amount(Money(minorUnits: 120_000, currency: .mad), impliedCurrency: .mad) == "1200.00")
    }

    @Test(
        "what an export writes, the import reads back exactly, in both profiles",
        arguments: ExportProfile.allCases)
    func valuesReadBack(profile: ExportProfile) throws {
        for minorUnits: Int64 in [0, 5, 150_000_050, -30_000, 99_999_999_999] {
            let money = Money(minorUnits: minorUnits, currency: .mad)
            #expect(try Money.parse(profile.amount(money), defaultCurrency: .mad) == money)
        }
        let date = try #require(CalendarDate(year: 2026, month: 1, day: 2))
        #expect(try CalendarDate.parse(profile.date(date), order: .dayFirst) == date)
    }
}

struct ExportColumnsTests {
    @Test(
        "the import recognises the export's header of every field",
        arguments: ExportColumns.fields.map { $0 })
    func fieldHeadersAreRecognised(entry: (field: ApplicationField, header: String)) throws {
        var headers = ["Name", "Founder", "Email", "City", "Sector"]
        let required: [ApplicationField] = [.name, .founder, .email, .city, .sector]
        if let index = required.firstIndex(of: entry.field) {
            headers[index] = entry.header
        } else {
            headers.append(entry.header)
        }
        let mapping = try HeaderMapping(headers: headers)
        #expect(mapping.fieldColumns[entry.field] == headers.firstIndex(of: entry.header))
    }

    @Test(
        "the import ignores the columns only an export writes, instead of keeping them as extras",
        arguments: [
            "program_stage", "program_mentored_on", "program_funded_on", "program_international_on",
            "program_rejected_on", "program_withdrawn_on", "program_exit_reason", "program_mentors",
            "program_funding_MAD", "program_funding_EUR", "program_markets", "program_warnings", "Program Stage",
        ])
    func exportOnlyHeadersAreIgnored(header: String) throws {
        let mapping = try HeaderMapping(headers: ["Name", "Founder", "Email", "City", "Sector", header])
        #expect(mapping.columns[5] == .ignored)
        #expect(mapping.extraHeaders.isEmpty)
    }

    @Test(
        "headers that only look like the export's are still kept as extras",
        arguments: ["program", "stage", "program_funding", "program_funding_euros", "Programme"])
    func lookalikesStayExtra(header: String) throws {
        let mapping = try HeaderMapping(headers: ["Name", "Founder", "Email", "City", "Sector", header])
        #expect(mapping.extraHeaders == [header])
    }
}
