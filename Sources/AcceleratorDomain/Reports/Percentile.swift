/// Percentiles of samples already sorted in ascending order, computed as spreadsheets do.
///
/// The definition is Excel's `PERCENTILE.INC` (also R's type 7 and NumPy's default): the value at
/// rank `p × (n − 1)` of the sorted samples, interpolated linearly between the two nearest ranks.
/// So the median of `[2, 4]` is 3 and the 90th percentile of `1...10` is 9.1. A program manager
/// can check every figure of a report with the same spreadsheet function.
public enum Percentile {
    /// The `fraction` percentile (from 0 to 1) of samples sorted in ascending order; `nil` when
    /// there are none. One look at the array: the caller sorts once and asks for several percentiles.
    @inlinable
    public static func value<Sample: BinaryInteger>(_ fraction: Double, ofSorted samples: [Sample]) -> Double? {
        guard let first = samples.first else { return nil }
        guard samples.count > 1 else { return Double(first) }
        let clamped = min(max(fraction, 0), 1)
        let rank = clamped * Double(samples.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, samples.count - 1)
        let weight = rank - Double(lower)
        let low = Double(samples[lower])
        return low + (Double(samples[upper]) - low) * weight
    }

    /// The median of samples sorted in ascending order; `nil` when there are none.
    @inlinable
    public static func median<Sample: BinaryInteger>(ofSorted samples: [Sample]) -> Double? {
        value(0.5, ofSorted: samples)
    }

    /// The median of amounts in minor units sorted in ascending order, exact: the middle amount, or
    /// for an even count the mean of the two middle ones rounded half away from zero to a whole
    /// minor unit (money stays an integer number of centimes, never a floating-point number).
    public static func medianMinorUnits(ofSorted amounts: [Int64]) -> Int64? {
        guard !amounts.isEmpty else { return nil }
        let middle = amounts.count / 2
        if amounts.count % 2 == 1 { return amounts[middle] }
        let low = amounts[middle - 1], high = amounts[middle]
        // low + (high − low) / 2 cannot overflow where (low + high) / 2 could.
        let difference = high - low
        var half = difference / 2
        if difference % 2 != 0 {
            // The exact mean ends in .5: round away from zero.
            let mean = Double(low) + Double(difference) / 2
            half += mean >= 0 ? 1 : 0
        }
        return low + half
    }

    /// Expands counted values (`value` seen `count` times), given in ascending order of value, into
    /// the sorted samples they stand for: how a histogram computed by SQL becomes a sorted array.
    @inlinable
    public static func samples<Sample: BinaryInteger>(fromSortedCounts counts: [(value: Sample, count: Int)]) -> [Sample] {
        var samples: [Sample] = []
        samples.reserveCapacity(counts.reduce(0) { $0 + max(0, $1.count) })
        for (value, count) in counts where count > 0 {
            samples.append(contentsOf: repeatElement(value, count: count))
        }
        return samples
    }
}
