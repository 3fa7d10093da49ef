// swift-tools-version:6.2
import PackageDescription

// A package of an embedder's own, outside keysmith: each program depends on one library
// product alone and models its own small API (a catalog of its own, no Lucid header rules),
// so each product is shown to build and work with only what it makes public.
// `scripts/example-package` builds it and runs the programs that need no server.
let package = Package(
    name: "own-api",
    platforms: [.macOS(.v26)],
    dependencies: [
        .package(name: "keysmith", path: "../../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(name: "ModelOnly", dependencies: [.product(name: "Keysmith", package: "keysmith")]),
        .executableTarget(name: "ScriptOnly", dependencies: [.product(name: "KeysmithScript", package: "keysmith")]),
        .executableTarget(name: "SQLiteOnly", dependencies: [.product(name: "KeysmithSQLite", package: "keysmith")]),
        .executableTarget(name: "PostgresOnly", dependencies: [.product(name: "KeysmithPostgres", package: "keysmith")]),
        .executableTarget(
            name: "HTTPOnly",
            dependencies: [
                .product(name: "KeysmithHTTP", package: "keysmith"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .executableTarget(name: "REPLOnly", dependencies: [.product(name: "KeysmithREPL", package: "keysmith")]),
    ],
    swiftLanguageModes: [.v6]
)
