/// A bounded edit distance between folded names, to suggest the name a user probably meant.
public enum EditDistance {
    /// The optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two
    /// neighbouring bytes) between the UTF-8 bytes of `a` and `b`, or `nil` when it exceeds `limit`.
    /// Only the band of width `2 × limit + 1` around the diagonal is computed, and the computation
    /// stops as soon as a whole row exceeds the limit, so a far name costs little.
    public static func bounded(_ a: String, _ b: String, limit: Int) -> Int? {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard limit >= 0, abs(x.count - y.count) <= limit else { return nil }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        let infinity = limit + 1
        let width = y.count + 1
        var before = [Int](repeating: infinity, count: width)
        var previous = [Int](repeating: infinity, count: width)
        var current = [Int](repeating: infinity, count: width)
        for j in 0...min(limit, y.count) { previous[j] = j }
        for i in 1...x.count {
            let low = max(1, i - limit), high = min(y.count, i + limit)
            for j in 0..<width { current[j] = infinity }
            if i <= limit { current[0] = i }
            var rowMinimum = current[0]
            if low <= high {
                for j in low...high {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    var value = min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1)
                    if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                        value = min(value, before[j - 2] + 1)
                    }
                    current[j] = min(value, infinity)
                    rowMinimum = min(rowMinimum, current[j])
                }
            }
            if rowMinimum > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        let distance = previous[y.count]
        return distance <= limit ? distance : nil
    }

    /// How many edits a folded name of `length` bytes may be from another to be suggested: one per
    /// four bytes, at least one and at most three.
    public static func limit(forLength length: Int) -> Int {
        min(3, max(1, length / 4))
    }
}
