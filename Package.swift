// swift-tools-version:6.0
import PackageDescription

// One library per layer; lower layers never import higher ones:
//   MailParsing → MailClassification → Engagement → EngagementStore → Ingestion (+ IMAPClient over CCurl) → leadfwd
let package = Package(
    name: "leadfwd",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "leadfwd", targets: ["leadfwd"]),
        .library(name: "MailParsing", targets: ["MailParsing"]),
        .library(name: "MailClassification", targets: ["MailClassification"]),
        .library(name: "Engagement", targets: ["Engagement"]),
        .library(name: "EngagementStore", targets: ["EngagementStore"]),
        .library(name: "IMAPClient", targets: ["IMAPClient"]),
        .library(name: "Ingestion", targets: ["Ingestion"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // RFC 5322 / MIME / RFC 2047 / RFC 2231 / RFC 3464 / RFC 5965 parsing and message sources.
        .target(name: "MailParsing"),
        // Verdicts: reply, auto-reply, hard/soft bounce, opt-out, with evidence.
        .target(name: "MailClassification", dependencies: ["MailParsing"]),
        // Engagement Status rules, contacts, events. Knows nothing of mail transport or files.
        .target(name: "Engagement"),
        // Flat-JSON store on disk for the engagement domain.
        .target(name: "EngagementStore", dependencies: ["Engagement"]),
        // libcurl, through typed wrappers over its variadic setopt/getinfo.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // IMAP over a libcurl CONNECT_ONLY connection with our own protocol layer.
        .target(name: "IMAPClient", dependencies: ["CCurl"]),
        // The worker: config, mailbox checkpoints, classify and apply events to the store.
        .target(
            name: "Ingestion",
            dependencies: [
                "MailParsing", "MailClassification", "Engagement", "EngagementStore", "IMAPClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "leadfwd",
            dependencies: [
                "MailParsing", "MailClassification", "Engagement", "EngagementStore", "IMAPClient", "Ingestion",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // mimalloc (Debian's libmimalloc2.0) serves every malloc and free in the process: parsing and classifying
            // a message makes about 60 small allocations, which cost a third of glibc's instructions there.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),

        // Shared test helpers: temporary directories, a private Dovecot, running the built CLI.
        .target(name: "TestSupport", dependencies: ["MailParsing"], path: "Tests/TestSupport"),
        .testTarget(name: "MailParsingTests", dependencies: ["MailParsing", "TestSupport"]),
        .testTarget(name: "MailClassificationTests", dependencies: ["MailClassification", "TestSupport"]),
        .testTarget(name: "EngagementTests", dependencies: ["Engagement"]),
        .testTarget(name: "EngagementStoreTests", dependencies: ["EngagementStore", "TestSupport"]),
        .testTarget(name: "IMAPClientTests", dependencies: ["IMAPClient", "TestSupport"]),
        .testTarget(name: "IngestionTests", dependencies: ["Ingestion", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
