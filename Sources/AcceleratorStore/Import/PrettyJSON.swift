import AcceleratorDomain

/// JSON exactly as `JSONEncoder` writes it with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes` (what `--format json` prints), written by hand for the import report:
/// JSONEncoder spent some 30,000 instructions on each of the report's diagnostics, up to 20,000 of
/// them, a tenth of a second at the end of a large import.
public enum PrettyJSON {
    /// A JSON value. No `null`: JSONEncoder leaves out the keys of `nil` values, and so do the
    /// objects built here.
    public enum Value {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case array([Value])
        /// Keys in any order: they are written sorted.
        case object([(String, Value)])
    }

    /// The text of `value`, with no final line end.
    public static func text(_ value: Value) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4_096)
        write(value, indent: 0, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: Value, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .string(let text):
            JSONText.appendQuoted(text, to: &output, shortControlEscapes: true)
        case .integer(let number):
            output.append(contentsOf: String(number).utf8)
        case .bool(let flag):
            output.append(contentsOf: flag ? Self.true : Self.false)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            writeElements(elements.count, indent: indent, to: &output) { index, output in
                write(elements[index], indent: indent + 2, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            // Built in order nearly always: sorted only when needed.
            let sorted = zip(members, members.dropFirst()).allSatisfy { $0.0 < $1.0 } ? members : members.sorted { $0.0 < $1.0 }
            output.append(UInt8(ascii: "{"))
            writeElements(sorted.count, indent: indent, to: &output) { index, output in
                JSONText.appendQuoted(sorted[index].0, to: &output, shortControlEscapes: true)
                output.append(contentsOf: Self.colon)
                write(sorted[index].1, indent: indent + 2, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let `true` = Array("true".utf8)
    private static let `false` = Array("false".utf8)
    private static let colon = Array(" : ".utf8)

    /// A container's elements, one per line, indented by two more spaces; an empty container is
    /// an empty line, as JSONEncoder writes it.
    private static func writeElements(
        _ count: Int, indent: Int, to output: inout [UInt8], _ element: (Int, inout [UInt8]) -> Void
    ) {
        output.append(UInt8(ascii: "\n"))
        for index in 0..<count {
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
            element(index, &output)
            if index < count - 1 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\n"))
        }
        if count == 0 { output.append(UInt8(ascii: "\n")) }
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }
}

extension ImportReport {
    /// The report as `--format json` prints it: the JSON of its `Codable` conformance.
    public var prettyJSON: String {
        PrettyJSON.text(json)
    }

    var json: PrettyJSON.Value {
        // In key order (`PrettyJSON` sorts them otherwise).
        var members: [(String, PrettyJSON.Value)] = [("alreadyImported", .array(alreadyImported.map { .integer($0) }))]
        if let batchId { members.append(("batchId", .integer(batchId))) }
        members += [
            ("committed", .bool(committed)),
            ("createdCohorts", .array(createdCohorts.map { cohort in
                .object([
                    ("capacity", .integer(Int64(cohort.capacity))), ("code", .string(cohort.code)),
                    ("startsOn", .string(cohort.startsOn)),
                ])
            })),
            ("dialect", .object([
                ("byteOrderMark", .bool(dialect.byteOrderMark)), ("delimiter", .string(dialect.delimiter)),
                ("encoding", .string(dialect.encoding)), ("lineEnding", .string(dialect.lineEnding)),
            ])),
            ("dryRun", .bool(dryRun)),
            ("duplicates", .array(duplicates.map { duplicate in
                .object([
                    ("earlierLine", .integer(Int64(duplicate.earlierLine))), ("line", .integer(Int64(duplicate.line))),
                    ("startupName", .string(duplicate.startup)),
                ])
            })),
            ("errors", .array(errors.map(Self.json))),
            ("extraColumns", .array(extraColumns.map { .string($0) })),
            ("file", .string(file)),
            ("flagged", .array(flagged.map(Self.json))),
            ("inserted", .integer(Int64(inserted))),
            ("rejected", .integer(Int64(rejected))),
        ]
        if let rejectsFile { members.append(("rejectsFile", .string(rejectsFile))) }
        members += [
            ("sha256", .string(sha256)),
            ("unchanged", .integer(Int64(unchanged))),
            ("updated", .integer(Int64(updated))),
            ("usedRememberedMapping", .bool(usedRememberedMapping)),
            ("warnings", .integer(Int64(warnings))),
        ]
        return .object(members)
    }

    static func json(_ diagnostic: ImportDiagnostic) -> PrettyJSON.Value {
        // In key order.
        var members: [(String, PrettyJSON.Value)] = []
        members.reserveCapacity(6)
        if let column = diagnostic.column { members.append(("column", .integer(Int64(column)))) }
        if let header = diagnostic.header { members.append(("header", .string(header))) }
        members.append(("line", .integer(Int64(diagnostic.line))))
        members.append(("message", .string(diagnostic.message)))
        members.append(("severity", .string(diagnostic.severity.rawValue)))
        if let value = diagnostic.value { members.append(("value", .string(value))) }
        return .object(members)
    }
}
