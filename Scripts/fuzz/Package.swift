// swift-tools-version: 6.1
// The fuzzing harness of Accelerator: kept out of the product's package so that `swift build` and
// `swift test` never see it. Its two library targets are symbolic links to the project's own
// sources (Sources/AcceleratorCSV and Sources/AcceleratorDomain), which depend on nothing, so this
// package needs no dependency resolution. Build and run it with `Scripts/fuzz.sh SECONDS`.
import PackageDescription

let package = Package(
    name: "AcceleratorFuzz",
    targets: [
        .target(name: "AcceleratorCSV", exclude: ["README.md"]),
        .target(name: "AcceleratorDomain", exclude: ["README.md"]),
        // libFuzzer targets: no `main` of their own; built with `-sanitize=fuzzer,address`, which
        // links libFuzzer's driver (see Scripts/fuzz.sh).
        .executableTarget(
            name: "FuzzCSVReader", dependencies: ["AcceleratorCSV"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(
            name: "FuzzRowChecks", dependencies: ["AcceleratorDomain"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        // Prints the records of a CSV file as JSON lines, for Scripts/differential_csv.py. Built
        // without the fuzzer sanitizer.
        .executableTarget(name: "csv-dump", dependencies: ["AcceleratorCSV"]),
    ],
    swiftLanguageModes: [.v6]
)
