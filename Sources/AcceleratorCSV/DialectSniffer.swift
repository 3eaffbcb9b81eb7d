/// Guesses the delimiter and line ending of a CSV file from its first records.
enum DialectSniffer {
    /// The delimiters tried, in order of preference when the evidence is even.
    static let candidates: [UInt8] = [ASCII.comma, ASCII.semicolon, ASCII.tab]
    /// How many records (the header included) are looked at.
    static let sampledRecords = 12

    /// What one candidate delimiter makes of the sample.
    struct Sample {
        /// Delimiters outside quotes in each sampled record, the header first.
        var delimiterCounts: [Int] = []
        /// How the first record ends, if it ends within the sample.
        var firstLineEnding: CSVDialect.LineEnding?
    }

    /// Picks the delimiter among `,` `;` and tab whose count in the header is positive, that no record
    /// exceeds, and that the most records match exactly (then the one giving the most fields); falls
    /// back to the most frequent one in the header, then to `,`.
    static func delimiter(in start: UnsafePointer<UInt8>, count: Int, isComplete: Bool) -> UInt8 {
        var best: (delimiter: UInt8, matches: Int, header: Int)? = nil
        var fallback: (delimiter: UInt8, header: Int)? = nil
        for candidate in candidates {
            let counts = sample(start, count: count, isComplete: isComplete, delimiter: candidate).delimiterCounts
            guard let header = counts.first, header > 0 else { continue }
            if fallback.map({ header > $0.header }) ?? true { fallback = (candidate, header) }
            let rest = counts.dropFirst()
            if rest.contains(where: { $0 > header }) { continue }
            let matches = rest.reduce(0) { $0 + ($1 == header ? 1 : 0) }
            if let current = best, (current.matches, current.header) >= (matches, header) { continue }
            best = (candidate, matches, header)
        }
        return best?.delimiter ?? fallback?.delimiter ?? ASCII.comma
    }

    /// Reads up to `sampledRecords` records with the same quoting rules as the reader, counting the
    /// delimiters outside quotes. A record cut off by the end of the sample counts only when it is the
    /// header or the input is complete.
    static func sample(_ start: UnsafePointer<UInt8>, count: Int, isComplete: Bool, delimiter: UInt8) -> Sample {
        var result = Sample()
        var current = 0
        var recordHasBytes = false
        var atFieldStart = true
        var inQuotes = false
        var i = 0
        while i < count && result.delimiterCounts.count < sampledRecords {
            let byte = start[i]
            if inQuotes {
                if byte == ASCII.quote {
                    if i + 1 < count && start[i + 1] == ASCII.quote {
                        i += 2
                        continue
                    }
                    inQuotes = false
                }
                i += 1
                continue
            }
            if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                if recordHasBytes {
                    if result.firstLineEnding == nil {
                        if byte == ASCII.lineFeed {
                            result.firstLineEnding = .lf
                        } else {
                            result.firstLineEnding = i + 1 < count && start[i + 1] == ASCII.lineFeed ? .crlf : .cr
                        }
                    }
                    result.delimiterCounts.append(current)
                }
                current = 0
                recordHasBytes = false
                atFieldStart = true
                i += 1
                continue
            }
            recordHasBytes = true
            if byte == delimiter {
                current += 1
                atFieldStart = true
            } else if byte == ASCII.quote && atFieldStart {
                inQuotes = true
                atFieldStart = false
            } else {
                atFieldStart = false
            }
            i += 1
        }
        if recordHasBytes && i >= count && (isComplete || result.delimiterCounts.isEmpty)
            && result.delimiterCounts.count < sampledRecords
        {
            result.delimiterCounts.append(current)
        }
        return result
    }
}
