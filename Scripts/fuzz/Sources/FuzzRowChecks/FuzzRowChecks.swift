// libFuzzer target for the import's row checks: `RowReader.read` (every value parser: dates,
// money, phones, ICE, e-mails, countries, founders) followed by `Eligibility.check` and the
// placing of each finding in its column, exactly as the importer chains them.
//
// Input layout: byte 0 chooses the options (header row, date order, today); the rest is UTF-8
// (repaired where invalid, as the CSV reader's strings always are) holding the cells separated by
// U+001F. With bit 0 set, the cells before the first U+001E are the header row instead of the
// canonical field names, so the header mapping is fuzzed too.
//
// Properties checked (a trap keeps the input): every diagnostic names a column that exists and
// that column's header; a row with no error from the values has a form; the checks are
// deterministic.

import AcceleratorDomain

/// The canonical header row: every field, plus one column that maps to none (an extra attribute).
let canonicalHeaders = ApplicationField.allCases.map(\.rawValue) + ["pitch_deck_url"]

/// A few days to judge ages and future dates against.
let days: [CalendarDate] = [
    CalendarDate(year: 2026, month: 6, day: 1)!, CalendarDate(year: 2000, month: 2, day: 29)!,
    CalendarDate(year: 9999, month: 12, day: 31)!, CalendarDate(year: 1000, month: 1, day: 1)!,
]

func check(_ diagnostic: ImportDiagnostic, mapping: HeaderMapping, cellCount: Int) {
    guard let column = diagnostic.column else { return }
    if column < 1 || column > mapping.headers.count {
        fatalError("diagnostic in column \(column) of \(mapping.headers.count): \(diagnostic)")
    }
    if diagnostic.header != mapping.headers[column - 1] {
        fatalError("diagnostic names header \(diagnostic.header ?? "nil") for column \(column)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRowChecks(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size >= 1 else { return 0 }
    let options = data[0]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)

    var headers = canonicalHeaders
    var body = Substring(text)
    if options & 1 == 1, let end = text.firstIndex(of: "\u{1E}") {
        headers = text[..<end].split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        body = text[text.index(after: end)...]
    }
    let cells = body.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)

    let mapping: HeaderMapping
    do {
        mapping = try HeaderMapping(headers: headers)
    } catch {
        _ = error.description
        return 0
    }
    var rules = ProgramRules.defaults
    rules.dateOrder = options & 2 == 0 ? .dayFirst : .monthFirst
    let today = days[Int((options >> 2) & 3)]
    let reader = RowReader(
        mapping: mapping, dateOrder: rules.dateOrder, defaultCurrency: rules.defaultCurrency,
        defaultCohort: options & 16 == 0 ? "2026-A" : nil, today: today)

    let row = reader.read(cells, line: 2)
    for diagnostic in row.diagnostics { check(diagnostic, mapping: mapping, cellCount: cells.count) }
    let issues = Eligibility.check(row.form, openApplications: [("2025-B", .mentored)], rules: rules, today: today)
    for issue in issues {
        let diagnostic = reader.diagnostic(for: issue, line: 2, cells: cells)
        check(diagnostic, mapping: mapping, cellCount: cells.count)
        _ = diagnostic.description
    }
    let again = Eligibility.check(row.form, openApplications: [("2025-B", .mentored)], rules: rules, today: today)
    if again.map(\.description) != issues.map(\.description) {
        fatalError("the eligibility check is not deterministic")
    }
    return 0
}
