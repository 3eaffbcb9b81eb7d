import AcceleratorDomain
import Testing

struct PercentileTests {
    @Test(
        "the median of sorted samples is the middle one, or the mean of the two middle ones",
        arguments: [
            ([7], 7.0),
            ([2, 4], 3.0),
            ([1, 2, 3], 2.0),
            ([5, 10, 10, 20, 20, 117], 15.0),
            ([30, 30, 60, 96], 45.0),
            ([0, 0, 0, 1], 0.0),
        ])
    func median(samples: [Int], expected: Double) {
        #expect(Percentile.median(ofSorted: samples) == expected)
    }

    @Test(
        "a percentile interpolates between the two nearest ranks, as Excel's PERCENTILE.INC does",
        arguments: [
            (0.9, Array(1...10), 9.1),
            (0.9, [5, 10, 10, 20, 20, 117], 68.5),
            (0.9, [30, 30, 60, 96], 85.2),
            (0.9, [30, 40], 39.0),
            (0.0, [3, 8, 9], 3.0),
            (1.0, [3, 8, 9], 9.0),
            (0.25, [1, 2, 3, 4, 5], 2.0),
            (0.5, [4], 4.0),
        ])
    func percentile(fraction: Double, samples: [Int], expected: Double) throws {
        let value = try #require(Percentile.value(fraction, ofSorted: samples))
        #expect(abs(value - expected) < 1e-9)
    }

    @Test("there is no percentile of no samples")
    func empty() {
        #expect(Percentile.median(ofSorted: [Int]()) == nil)
        #expect(Percentile.value(0.9, ofSorted: [Int]()) == nil)
        #expect(Percentile.medianMinorUnits(ofSorted: []) == nil)
    }

    @Test("a fraction outside 0…1 is read as its nearest bound")
    func clamped() {
        #expect(Percentile.value(1.5, ofSorted: [1, 2, 3]) == 3)
        #expect(Percentile.value(-1, ofSorted: [1, 2, 3]) == 1)
    }

    @Test(
        "the median of amounts stays a whole number of minor units, halves rounded away from zero",
        arguments: [
            ([50_000_000, 150_000_000], 100_000_000),
            ([100, 201], 151),
            ([-201, -100], -151),
            ([-3, 0], -2),
            ([1, 2, 3], 2),
            ([Int64.max - 1, Int64.max], Int64.max),
        ] as [([Int64], Int64)])
    func medianMinorUnits(amounts: [Int64], expected: Int64) {
        #expect(Percentile.medianMinorUnits(ofSorted: amounts) == expected)
    }

    @Test("counted values expand to the sorted samples they stand for")
    func samplesFromCounts() {
        let counts: [(value: Int, count: Int)] = [(value: 1, count: 2), (value: 4, count: 0), (value: 9, count: 3)]
        #expect(Percentile.samples(fromSortedCounts: counts) == [1, 1, 9, 9, 9])
    }
}
