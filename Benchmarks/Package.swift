// swift-tools-version:6.1
import PackageDescription

// keysmith's benchmarks, kept out of the main package so its build and CI stay lean.
// Run them with `swift package benchmark` here, or `scripts/bench` from the repository root
// (which adds the side-by-side comparisons with tclsh and sqlite3). See BENCHMARKS.md.
let package = Package(
    name: "KeysmithBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "keysmith", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "KeysmithBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KeysmithScript", package: "keysmith"),
                .product(name: "KeysmithSQLite", package: "keysmith"),
                .product(name: "KeysmithPostgres", package: "keysmith"),
            ],
            path: "Benchmarks/KeysmithBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Resident memory of a million keys: a plain program, so the benchmark harness's own
        // memory does not blur the figure.
        .executableTarget(
            name: "KeysmithMemory",
            dependencies: [.product(name: "Keysmith", package: "keysmith")]),
    ],
    swiftLanguageModes: [.v6]
)
