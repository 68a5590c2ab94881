// swift-tools-version:6.0
// WasmFiber: a WebAssembly runtime in which WebAssembly never shares a native stack with its host.
import PackageDescription

let package = Package(
    name: "WasmFiber",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "WasmFiber", targets: ["WasmFiber"]),
        .library(name: "WasmFiberWASI", targets: ["WasmFiberWASI"]),
        .executable(name: "wasmfiber", targets: ["wasmfiber"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Native stacks, the context switch, the fault handler and libunwind backtraces.
        .target(
            name: "CContext",
            path: "CContext",
            linkerSettings: [.linkedLibrary("unwind", .when(platforms: [.linux]))]
        ),
        // The interpreter's direct-threaded dispatch: C handler shells (header only) around the
        // Swift operator bodies (Sources/WasmFiber/Interpreter/Executor).
        .target(name: "CInterpreter", path: "Sources/CInterpreter"),
        // The WebAssembly binary format: module structure, decoding, validation. No execution.
        .target(name: "WasmFormat", path: "Sources/WasmFormat"),
        // The WebAssembly text format (WAT) and the spec script language (WAST), compiled to binary.
        .target(name: "WasmText", dependencies: ["WasmFormat"], path: "Sources/WasmText"),
        // The runtime users import.
        .target(
            name: "WasmFiber",
            dependencies: ["CContext", "CInterpreter", "WasmFormat", "WasmText"],
            path: "Sources/WasmFiber"
        ),
        // WASI preview 1 (`wasi_snapshot_preview1`) for command modules, on the embedding API:
        // capabilities (fd table, preopens, sandboxed paths) and the host functions.
        .target(
            name: "WasmFiberWASI",
            dependencies: ["WasmFiber", "WasmFormat", "CContext"],
            path: "Sources/WASI"
        ),
        // Runs spec scripts (.wast) against the embedding API: the `spectest` host module,
        // the command interpreter, the folder → features and skip rules.
        .target(
            name: "WastRunner",
            dependencies: ["WasmFiber", "WasmFormat", "WasmText"],
            path: "Sources/WastRunner"
        ),
        // The command-line tool.
        .executableTarget(
            name: "wasmfiber",
            dependencies: ["WasmFiber", "WasmFiberWASI", "WastRunner", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/wasmfiber"
        ),
        // A Swift program embedding WasmFiber (imports, calls, memory, traps): `swift run embedding-example`.
        .executableTarget(
            name: "embedding-example",
            dependencies: ["WasmFiber", "WasmFormat"],
            path: "Examples/embedding"
        ),
        // Shared by the test targets: where the spec suite is and how its folders run.
        .target(name: "WasmTestSupport", dependencies: ["WasmFormat", "WasmText"], path: "Tests/Support"),
        .testTarget(
            name: "WasmFiberTests",
            dependencies: ["WasmFiber", "CContext", "WasmFormat", "WasmText", "WasmTestSupport"],
            path: "Tests/WasmFiberTests"
        ),
        .testTarget(
            name: "WASITests",
            dependencies: ["WasmFiberWASI", "WasmFiber", "WasmFormat", "WasmText"],
            path: "Tests/WASITests"
        ),
        .testTarget(
            name: "WasmFormatTests",
            dependencies: ["WasmFormat", "WasmText", "WasmTestSupport"],
            path: "Tests/WasmFormatTests"
        ),
        .testTarget(
            name: "wasmfiberTests",
            dependencies: ["wasmfiber", "WasmFiber", "WasmFiberWASI", "WasmFormat", "WasmText"],
            path: "Tests/wasmfiberTests"
        ),
        .testTarget(
            name: "SpecConformanceTests",
            dependencies: ["WastRunner", "WasmFiber", "WasmFormat", "WasmText", "WasmTestSupport"],
            path: "Tests/SpecConformanceTests",
            exclude: ["expected-failures.txt"]
        ),
        .testTarget(
            name: "WasmTextTests",
            dependencies: ["WasmText", "WasmFormat", "WasmTestSupport"],
            path: "Tests/WasmTextTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
