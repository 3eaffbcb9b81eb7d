import AcceleratorDomain
import AcceleratorStore
import Foundation
import GRDB
import Testing

/// No value silently stored wrong: the application's date, the startup's name and the look-up by name.
@Suite("value checks on applications and look-ups")
struct ApplicationValueChecksTests {
    @Test("an application dated after today is refused by apply, and nothing is written")
    func appliedInFuture() throws {
        let store = try AppDatabase.makeInMemory()
        var form = StoreFixture.form("Atlas AI")
        form.appliedOn = CalendarDate(year: 2026, month: 6, day: 2)!
        #expect(throws: OperationError.ineligible(startup: "Atlas AI", issues: [.appliedInFuture(form.appliedOn)])) {
            try store.apply(form, today: StoreFixture.today)
        }
        #expect(try store.list(ListFilter()).isEmpty)
        let message = OperationError.ineligible(startup: "Atlas AI", issues: [.appliedInFuture(form.appliedOn)]).description
        #expect(message == "Atlas AI cannot apply: the application date 2026-06-02 is in the future")
    }

    @Test("an application dated today is accepted")
    func appliedToday() throws {
        let store = try AppDatabase.makeInMemory()
        var form = StoreFixture.form("Atlas AI")
        form.appliedOn = StoreFixture.today
        _ = try store.apply(form, today: StoreFixture.today)
        #expect(try store.list(ListFilter()).count == 1)
    }

    @Test("a startup name with no letter or digit is refused by apply")
    func nameWithoutLetterOrDigit() throws {
        let store = try AppDatabase.makeInMemory()
        #expect(throws: OperationError.ineligible(startup: "🚀", issues: [.nameWithoutLetterOrDigit("🚀")])) {
            try store.apply(StoreFixture.form("🚀", email: "salma@rocket.ma"), today: StoreFixture.today)
        }
    }

    @Test("a reference with no letter or digit is refused, never looked up by its empty key")
    func referenceWithoutLetterOrDigit() throws {
        let store = try AppDatabase.makeInMemory()
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        for reference in ["‽‽", "🚀", "***", " - "] {
            #expect(throws: OperationError.referenceWithoutLetterOrDigit(reference)) { try store.details(of: reference) }
        }
        #expect(OperationError.referenceWithoutLetterOrDigit("‽‽").description
            == "“‽‽” has no letter or digit to look up a startup by: give its id or its ICE (see `accelerator list`)")
    }

    /// A database holding two startups stored, before names were checked, with names of symbols only.
    func storeWithSymbolNames(_ folder: TemporaryFolder) throws -> AppDatabase {
        let store = try AppDatabase.open(path: folder.file("legacy.sqlite"))
        _ = try store.apply(StoreFixture.form("Atlas AI", ice: "001234567000089"), today: StoreFixture.today)
        _ = try store.apply(StoreFixture.form("Argan Pay", email: "salma@rocket.ma"), today: StoreFixture.today)
        let queue = try DatabaseQueue(path: store.path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "UPDATE startup SET name = '🚀', name_key = '' WHERE name = 'Atlas AI'")
            try db.execute(sql: "UPDATE startup SET name = '‽‽', name_key = '' WHERE name = 'Argan Pay'")
        }
        return store
    }

    @Test("startups stored with an empty key are never matched by a name, only by their id or ICE")
    func storedEmptyKeysNeverMatch() throws {
        let folder = try TemporaryFolder()
        let store = try storeWithSymbolNames(folder)
        #expect(throws: OperationError.referenceWithoutLetterOrDigit("‽‽")) { try store.details(of: "‽‽") }
        #expect(try store.details(of: "001234567000089").name == "🚀")
        let id = try #require(try store.list(ListFilter()).first { $0.name == "‽‽" }?.startupId)
        #expect(try store.details(of: "\(id)").name == "‽‽")
    }

    @Test("a new application is never taken for a stored startup with an empty key and the same e-mail")
    func applyNeverMatchesEmptyKey() throws {
        let folder = try TemporaryFolder()
        let store = try storeWithSymbolNames(folder)
        // Same lead e-mail as the stored "‽‽", same cohort: refused for its name, not as "already applied".
        #expect(throws: OperationError.ineligible(startup: "***", issues: [.nameWithoutLetterOrDigit("***")])) {
            try store.apply(StoreFixture.form("***", email: "salma@rocket.ma"), today: StoreFixture.today)
        }
    }
}
