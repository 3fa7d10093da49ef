// swift-tools-version:6.2
import PackageDescription

// Layers, each depending only on the ones below it (README: Layout):
//   keysmith (CLI) → REPL → Script → Keysmith (Store → Core)
//                          ↘ Syntax (lexer, parser, AST; depends on nothing)
//                   HTTP, SQLite, Postgres → Keysmith
// One import per product: each library product's module re-exports what its users need
// (`import KeysmithScript` brings the model, the store, the service and the syntax too).
let package = Package(
    name: "keysmith",
    platforms: [.macOS(.v26)],
    products: [
        // The key model, the memory store and the service: `import Keysmith`.
        .library(name: "Keysmith", targets: ["Keysmith"]),
        // The KeyScript interpreter, its commands and the scenario runner (re-exports Keysmith).
        .library(name: "KeysmithScript", targets: ["KeysmithScript"]),
        // The SQLite store (GRDB), for those who want it (re-exports Keysmith).
        .library(name: "KeysmithSQLite", targets: ["KeysmithSQLite"]),
        // The PostgreSQL store (postgres-nio), one store shared by many hosts (re-exports Keysmith).
        .library(name: "KeysmithPostgres", targets: ["KeysmithPostgres"]),
        // The Hummingbird 2 middleware that verifies keys (re-exports Keysmith).
        .library(name: "KeysmithHTTP", targets: ["KeysmithHTTP"]),
        // The libedit REPL, for a host program that opens it with its own commands (re-exports
        // KeysmithScript; needs libedit).
        .library(name: "KeysmithREPL", targets: ["KeysmithREPL"]),
        .executable(name: "keysmith", targets: ["KeysmithCLI"]),
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
        // OpenAPI descriptions as catalogs (KeysmithOpenAPI): no ExternalLoading trait (no network).
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `keysmith serve`'s metrics: the API (swift-metrics) and its Prometheus text (swift-prometheus).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // `swift package generate-documentation` (scripts/docs); a plugin only, nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        .target(name: "KeysmithLineEditor", dependencies: ["CLibEdit"]),
        // The few C library calls (write, read, exit) and terminal display widths, for
        // keysmith's own front ends (package level, not a product): the model needs neither.
        .target(name: "KeysmithPlatform"),
        .target(name: "KeysmithCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "KeysmithStore", dependencies: ["KeysmithCore"]),
        // The umbrella of the two: one file of re-exports, and the documentation catalog.
        .target(name: "Keysmith", dependencies: ["KeysmithCore", "KeysmithStore"]),
        .target(name: "KeysmithSyntax"),
        .target(name: "KeysmithSQLite", dependencies: ["Keysmith", .product(name: "GRDB", package: "GRDB.swift")]),
        // A store on a PostgreSQL server shared by many hosts (postgres-nio, async all the way).
        .target(
            name: "KeysmithPostgres",
            dependencies: [
                "Keysmith",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // An OpenAPI 3.0/3.1 description as a catalog and back (DESIGN §9); the core model does
        // not depend on OpenAPIKit.
        .target(
            name: "KeysmithOpenAPI",
            dependencies: [
                "Keysmith",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(name: "KeysmithScript", dependencies: ["KeysmithSyntax", "Keysmith", "KeysmithPlatform", "KeysmithOpenAPI"]),
        .target(name: "KeysmithREPL", dependencies: ["KeysmithScript", "KeysmithLineEditor", "KeysmithPlatform"]),
        // The HTTP middleware (Docs: Verifying keys in your server): the identity, the denial, the
        // group commit. Core and Store only.
        .target(
            name: "KeysmithHTTP",
            dependencies: [
                "Keysmith",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        // The `keysmith serve` application above the middleware: its routes and bodies, the
        // request log, the HTTP/1 channel that answers parser refusals. Not a product: the
        // executable and the tests use it.
        .target(
            name: "KeysmithServe",
            dependencies: [
                "KeysmithHTTP", "KeysmithPlatform", "KeysmithOpenAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        // The `keysmith` executable. Its target is not called `keysmith`, which would share a
        // folder and a module name with `Keysmith` on a case-insensitive file system (macOS).
        .executableTarget(
            name: "KeysmithCLI",
            dependencies: [
                "KeysmithScript",
                "KeysmithREPL",
                "KeysmithSQLite",
                "KeysmithPostgres",
                "KeysmithServe",
                "KeysmithPlatform",
                "KeysmithOpenAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Test helpers shared by the test targets: the one way to run a program (to its end, or
        // left running, a server among them), the built executables, a pseudo-terminal,
        // temporary directories and files, the source tree, the test environment, and the test
        // world (a service over a store, with a manual clock).
        .target(name: "KeysmithTestSupport", dependencies: ["KeysmithCore", "KeysmithStore"], path: "Tests/KeysmithTestSupport"),
        // Example programs an embedder would write, built with the package and run by
        // KeysmithExamplesTests; the README and the documentation show their code.
        .executableTarget(name: "FirstKey", dependencies: ["Keysmith"], path: "Tests/Examples/FirstKey"),
        .executableTarget(name: "DeployTokens", dependencies: ["KeysmithScript"], path: "Tests/Examples/DeployTokens"),
        .executableTarget(
            name: "ReportsServer",
            dependencies: ["KeysmithHTTP", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/Examples/ReportsServer"),
        // How an embedder replays its own scenarios from `swift test` (Tests/Examples/ScenarioTests).
        .testTarget(
            name: "ExampleScenarioTests", dependencies: ["KeysmithScript"], path: "Tests/Examples/ScenarioTests",
            exclude: ["Scenarios"]),
        .testTarget(
            name: "KeysmithExamplesTests",
            dependencies: ["FirstKey", "DeployTokens", "ReportsServer", "KeysmithScript", "KeysmithTestSupport"]),
        .testTarget(name: "KeysmithLineEditorTests", dependencies: ["KeysmithLineEditor", "KeysmithTestSupport"]),
        .testTarget(name: "KeysmithCoreTests", dependencies: ["KeysmithCore"], resources: [.copy("Fixtures")]),
        // The service tests run on every store (PostgreSQL when KEYSMITH_TEST_POSTGRES is set).
        .testTarget(
            name: "KeysmithStoreTests", dependencies: ["KeysmithStore", "KeysmithSQLite", "KeysmithPostgres", "KeysmithTestSupport"]),
        .testTarget(name: "KeysmithSyntaxTests", dependencies: ["KeysmithSyntax"]),
        // The OpenAPI mapping: conformance to Lucid's traits, bad input, export-then-import.
        .testTarget(
            name: "KeysmithOpenAPITests",
            dependencies: ["KeysmithOpenAPI", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"]),
        .testTarget(name: "KeysmithPlatformTests", dependencies: ["KeysmithPlatform"]),
        .testTarget(name: "KeysmithScriptTests", dependencies: ["KeysmithScript", "KeysmithPlatform", "KeysmithTestSupport"]),
        .testTarget(name: "KeysmithREPLTests", dependencies: ["KeysmithREPL", "KeysmithCLI", "KeysmithTestSupport"]),
        .testTarget(name: "KeysmithCLITests", dependencies: ["KeysmithCLI", "KeysmithTestSupport"]),
        // The invariants of the key model (Docs: The key model) as properties over random sessions, on every store.
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
                "KeysmithHTTP", "KeysmithServe", "KeysmithScript", "KeysmithSQLite", "KeysmithCLI", "KeysmithTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // The Prometheus text parser (prometheus_client, in scripts/python-tools' venv), run by path.
            exclude: ["Support/parse-metrics.py"]),
        .testTarget(
            name: "KeysmithSQLiteTests",
            dependencies: [
                "KeysmithSQLite", "KeysmithScript", "KeysmithCLI", "KeysmithTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]),
        // Needs a server: KEYSMITH_TEST_POSTGRES (scripts/postgres-test-server -- swift test).
        .testTarget(
            name: "KeysmithPostgresTests",
            dependencies: [
                "KeysmithPostgres", "KeysmithScript", "KeysmithCLI", "KeysmithTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            // The fault tests' TCP proxy, run by path with python3.
            exclude: ["Support/blackhole-proxy.py"]),
    ],
    swiftLanguageModes: [.v6]
)

// The library's own modules say what they import for their interface (`public import`) and
// what they only use (`import`, internal by default), name every module whose members they use,
// and write existential types as `any P` — as Hummingbird builds. Tests and the examples an
// embedder would write are left in the default modes.
let interfaceSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
for target in package.targets where target.path == nil && [.regular, .executable].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + interfaceSettings
}
