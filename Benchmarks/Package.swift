// swift-tools-version:6.1
// WasmFiber's benchmarks: a package of their own so that the runtime stays light.
// Run from the repository root with `make bench`.
import PackageDescription

let package = Package(
    name: "WasmFiberBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "WasmFiber", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The peer measured next to WasmFiber's decoder and validator (FormatBenchmarks).
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
    ],
    targets: [
        // Reference context switches measured in the same run: CContext called from C,
        // boost.context's jump_fcontext (libboost-context-dev) and glibc's swapcontext.
        .target(
            name: "SwitchBaselines",
            path: "Sources/SwitchBaselines",
            linkerSettings: [.linkedLibrary("boost_context", .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "FiberBenchmarks",
            dependencies: [
                .product(name: "WasmFiber", package: "WasmFiber"),
                .product(name: "Benchmark", package: "benchmark"),
                "SwitchBaselines",
            ],
            path: "Benchmarks/FiberBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Decode + validate throughput (MB/s), WasmFiber's WasmFormat next to WasmKit's parser.
        .executableTarget(
            name: "FormatBenchmarks",
            dependencies: [
                .product(name: "WasmFiber", package: "WasmFiber"),
                .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "WasmParser", package: "WasmKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/FormatBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The interpreter workloads of ../shared/bench (export mode: instantiate, call `bench`;
        // hostcall with each runtime's WASI), WasmFiber next to WasmKit; fixtures from Workloads/build.sh, table from compare-workloads.sh.
        .executableTarget(
            name: "WorkloadBenchmarks",
            dependencies: [
                .product(name: "WasmFiber", package: "WasmFiber"),
                .product(name: "WasmFiberWASI", package: "WasmFiber"),
                .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "WasmKitWASI", package: "WasmKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/WorkloadBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Typed continuations: resume/suspend and switch round trips, memory per idle
        // continuation, and one generator as plain calls, continuations and Asyncify (WasmFiber
        // next to WasmKit); fixtures from Workloads/build-continuations.sh, table from
        // compare-continuations.sh.
        .executableTarget(
            name: "ContinuationBenchmarks",
            dependencies: [
                .product(name: "WasmFiber", package: "WasmFiber"),
                .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ContinuationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
