// Prints what Accelerator's CSV reader reads from files, one JSON line per step, for
// Scripts/differential_csv.py:
//   {"file": "a.csv"}                              before the steps of each file
//   {"line": 3, "fields": ["a", "b"]}              a record and the physical line where it starts
//   {"error": "unterminatedQuote", "message": "…"} an error (the reader may go on after some)
// Usage: csv-dump [--delimiter C|tab] [--encoding utf-8|windows-1252] FILE...

import AcceleratorCSV
import Foundation

func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// The error's case name, without its values, for the script to compare kinds.
func kind(_ error: CSVError) -> String {
    switch error {
    case .emptyFile: "emptyFile"
    case .noRecords: "noRecords"
    default: Mirror(reflecting: error).children.first?.label ?? "unknown"
    }
}

var delimiter: UInt8?
var encoding: CSVEncoding?
var files: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--delimiter":
        let value = arguments.popFirst() ?? ","
        delimiter = value == "tab" ? 9 : value.utf8.first
    case "--encoding":
        encoding = arguments.popFirst().flatMap(CSVEncoding.init(rawValue:))
    default:
        files.append(argument)
    }
}
guard !files.isEmpty else {
    FileHandle.standardError.write(Data("usage: csv-dump [--delimiter C|tab] [--encoding utf-8|windows-1252] FILE...\n".utf8))
    exit(64)
}

var output = ""
for file in files {
    output += "{\"file\": \(quoted(file))}\n"
    do {
        var reader = try CSVReader(path: file, delimiter: delimiter, encoding: encoding)
        while true {
            do {
                guard let record = try reader.next() else { break }
                output += "{\"line\": \(record.line), \"fields\": [\(record.fields.map(quoted).joined(separator: ", "))]}\n"
            } catch {
                output += "{\"error\": \(quoted(kind(error))), \"message\": \(quoted(error.description))}\n"
            }
        }
    } catch {
        output += "{\"error\": \(quoted(kind(error))), \"message\": \(quoted(error.description))}\n"
    }
    if output.utf8.count > 1 << 20 {
        FileHandle.standardOutput.write(Data(output.utf8))
        output = ""
    }
}
FileHandle.standardOutput.write(Data(output.utf8))
