/// Which number comes first in a date written with slashes, dashes or dots, such as `3/5/2026`.
public enum DateOrder: String, Sendable, CaseIterable {
    /// Day, then month, then year, as in France and Morocco: `25/03/2026`.
    case dayFirst = "day-first"
    /// Month, then day, then year, as in the United States: `3/25/2026`.
    case monthFirst = "month-first"
}
