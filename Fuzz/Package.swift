// swift-tools-version:6.0
// WasmFiber's fuzzers: a package of their own, because a libFuzzer target only links under
// `-sanitize=fuzzer` and so must stay out of the main package. See README.md for the commands.
import PackageDescription

let package = Package(
    name: "WasmFiberFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "WasmFiber", path: ".."),
    ],
    targets: [
        // Calls libFuzzer's driver from the fuzzers' Swift entry points (see its header).
        .target(name: "FuzzerDriver", path: "Sources/FuzzerDriver"),
        // libFuzzer entry point: binary bytes → decode (all bodies) → validate.
        .executableTarget(
            name: "DecodeFuzzer",
            dependencies: ["FuzzerDriver", .product(name: "WasmFiber", package: "WasmFiber")],
            path: "Sources/DecodeFuzzer"
        ),
        // libFuzzer entry point: text → parseWAT → decode → validate.
        .executableTarget(
            name: "WATFuzzer",
            dependencies: ["FuzzerDriver", .product(name: "WasmFiber", package: "WasmFiber")],
            path: "Sources/WATFuzzer"
        ),
        // Seed corpus: every module of the spec test suite, as binary and as text.
        .executableTarget(
            name: "CorpusMaker",
            dependencies: [.product(name: "WasmFiber", package: "WasmFiber")],
            path: "Sources/CorpusMaker"
        ),
    ],
    swiftLanguageModes: [.v6]
)
