// swift-tools-version:6.0
import PackageDescription

// Layers, each depending only on the ones below it (DESIGN §7):
//   keysmith (CLI) → REPL → Script → Store → Core
//   SQLite and Postgres stores → Store
//                          ↘ Syntax (lexer, parser, AST; depends on nothing)
let package = Package(
    name: "keysmith",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Keysmith", targets: ["KeysmithCore", "KeysmithStore", "KeysmithSyntax", "KeysmithScript", "KeysmithSQLite"]),
        .executable(name: "keysmith", targets: ["keysmith"]),
        .library(name: "KeysmithHTTP", targets: ["KeysmithHTTP"]),
        .library(name: "KeysmithPostgres", targets: ["KeysmithPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        .target(name: "KeysmithLineEditor", dependencies: ["CLibEdit"]),
        .target(name: "KeysmithCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "KeysmithStore", dependencies: ["KeysmithCore"]),
        .target(name: "KeysmithSyntax"),
        .target(name: "KeysmithSQLite", dependencies: ["KeysmithStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // A store on a PostgreSQL server shared by many hosts (postgres-nio, async all the way).
        .target(
            name: "KeysmithPostgres",
            dependencies: [
                "KeysmithStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "KeysmithScript", dependencies: ["KeysmithSyntax", "KeysmithStore"]),
        .target(name: "KeysmithREPL", dependencies: ["KeysmithScript", "KeysmithLineEditor"]),
        // The HTTP middleware and the serve application (DESIGN §8): Core and Store only.
        .target(
            name: "KeysmithHTTP",
            dependencies: [
                "KeysmithStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .executableTarget(
            name: "keysmith",
            dependencies: [
                "KeysmithScript",
                "KeysmithREPL",
                "KeysmithSQLite",
                "KeysmithPostgres",
                "KeysmithHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Test helpers shared by the targets that run programs: a pseudo-terminal, the built
        // keysmith binary, temporary directories.
        .target(name: "KeysmithTestSupport", path: "Tests/KeysmithTestSupport"),
        .testTarget(name: "KeysmithLineEditorTests", dependencies: ["KeysmithLineEditor", "KeysmithTestSupport"]),
        .testTarget(name: "KeysmithCoreTests", dependencies: ["KeysmithCore"], resources: [.copy("Fixtures")]),
        // The service tests run on every store (PostgreSQL when KEYSMITH_TEST_POSTGRES is set).
        .testTarget(name: "KeysmithStoreTests", dependencies: ["KeysmithStore", "KeysmithSQLite", "KeysmithPostgres"]),
        .testTarget(name: "KeysmithSyntaxTests", dependencies: ["KeysmithSyntax"]),
        .testTarget(name: "KeysmithScriptTests", dependencies: ["KeysmithScript"]),
        .testTarget(name: "KeysmithREPLTests", dependencies: ["KeysmithREPL", "keysmith", "KeysmithTestSupport"]),
        .testTarget(name: "KeysmithCLITests", dependencies: ["keysmith", "KeysmithTestSupport"]),
        // The invariants of DESIGN §1 as properties over random sessions, on every store.
        .testTarget(
            name: "KeysmithPropertyTests",
            dependencies: [
                "KeysmithScript", "KeysmithSQLite", "KeysmithPostgres", "KeysmithTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(
            name: "KeysmithHTTPTests",
            dependencies: [
                "KeysmithHTTP", "KeysmithSQLite", "keysmith", "KeysmithTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .testTarget(
            name: "KeysmithSQLiteTests",
            dependencies: [
                "KeysmithSQLite", "KeysmithScript", "keysmith", "KeysmithTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]),
        // Needs a server: KEYSMITH_TEST_POSTGRES (scripts/postgres-test-server -- swift test).
        .testTarget(
            name: "KeysmithPostgresTests",
            dependencies: [
                "KeysmithPostgres", "KeysmithScript", "keysmith", "KeysmithTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
