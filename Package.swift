// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Accelerator",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "accelerator", targets: ["accelerator"]),
        .library(name: "AcceleratorDomain", targets: ["AcceleratorDomain"]),
        .library(name: "AcceleratorCSV", targets: ["AcceleratorCSV"]),
        .library(name: "AcceleratorStore", targets: ["AcceleratorStore"]),
        .library(name: "AcceleratorFiles", targets: ["AcceleratorFiles"]),
        .library(name: "AcceleratorPresentation", targets: ["AcceleratorPresentation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .target(name: "AcceleratorDomain", exclude: ["README.md"], swiftSettings: strictSettings),
        .target(name: "AcceleratorCSV", exclude: ["README.md"], swiftSettings: strictSettings),
        // Files written whole or not at all, inputs read once, and what SIGINT and SIGTERM do.
        .target(name: "AcceleratorFiles", exclude: ["README.md"], swiftSettings: strictSettings),
        // One C function: SQLite's variadic sqlite3_config, which Swift cannot call.
        .target(name: "CSQLiteTuning"),
        // SHA-256 blocks in C, to use the CPU's SHA instructions (x86 SHA-NI) for the file digest.
        .target(name: "CSHA256"),
        .target(
            name: "AcceleratorStore",
            dependencies: [
                "AcceleratorDomain",
                "AcceleratorCSV",
                "AcceleratorFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The import's row loop binds and steps its statements through the SQLite C API.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CSQLiteTuning",
                "CSHA256",
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        // The renderers every front end shares: text tables, report text/CSV/HTML, outcome
        // summaries, the one JSON encoding. The HTML page is written from Mustache templates,
        // which escape every value unless told otherwise.
        .target(
            name: "AcceleratorPresentation",
            dependencies: [
                "AcceleratorStore", "AcceleratorDomain", "AcceleratorCSV",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "accelerator",
            dependencies: [
                "AcceleratorPresentation",
                "AcceleratorStore",
                "AcceleratorDomain",
                "AcceleratorCSV",
                "AcceleratorFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "AcceleratorDomainTests", dependencies: ["AcceleratorDomain"], swiftSettings: strictSettings),
        .testTarget(name: "AcceleratorCSVTests", dependencies: ["AcceleratorCSV"], swiftSettings: strictSettings),
        .testTarget(name: "AcceleratorFilesTests", dependencies: ["AcceleratorFiles"], swiftSettings: strictSettings),
        .testTarget(
            name: "AcceleratorStoreTests",
            dependencies: [
                "AcceleratorStore", "AcceleratorDomain", "AcceleratorCSV", "AcceleratorFiles", "CSHA256",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AcceleratorPresentationTests",
            dependencies: ["AcceleratorPresentation", "AcceleratorStore", "AcceleratorDomain"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["accelerator"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
