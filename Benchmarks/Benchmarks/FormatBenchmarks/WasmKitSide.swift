// WasmKit 0.4.2's side of the format benchmarks. What each function does is stated on it;
// FormatBenchmarks.swift pairs each with the WasmFiber function doing the same work.
import WasmKit
import WasmParser

/// An instruction visitor that does nothing: WasmParser still decodes every instruction and
/// its immediates to call it, but nothing is type-checked.
private struct SkippingVisitor: InstructionVisitor {
    typealias VisitorError = Never
    var binaryOffset = 0
}

/// A host function a module imports, with the numeric types WASI imports use.
struct HostImport: Sendable {
    var module: String
    var name: String
    /// Parameter types, as `i32`/`i64`/`f32`/`f64` codes (0x7F, 0x7E, 0x7D, 0x7C).
    var parameters: [UInt8]
    var results: [UInt8]
}

enum WasmKitSide {
    /// `parseWasm`: every section decoded into WasmKit's module (imports, exports, globals,
    /// constant expressions, segments, locals of each body), function bodies kept as bytes.
    /// Module-level validation (`ModuleValidator`) is not part of it: WasmKit runs that at
    /// instantiation. Returns a value derived from the result, so nothing is optimized away.
    static func parse(_ modules: [[UInt8]]) throws -> Int {
        var checksum = 0
        for bytes in modules {
            let module = try parseWasm(bytes: bytes)
            checksum &+= module.exports.count &+ module.imports.count
        }
        return checksum
    }

    /// WasmParser's streaming `Parser` over every section, and `ExpressionParser` over every
    /// function body: every instruction decoded (immediates included) and dispatched to a
    /// no-op visitor. No type checking. Returns the number of instructions.
    static func parseEveryInstruction(_ modules: [[UInt8]]) throws -> Int {
        var instructions = 0
        for bytes in modules {
            var parser = Parser(bytes: bytes)
            while let payload = try parser.parseNext() {
                guard case .codeSection(let codes) = payload else { continue }
                for code in codes {
                    var expression = ExpressionParser(code: code)
                    var visitor = SkippingVisitor()
                    while let visit = try expression.parse() {
                        visit(visitor: &visitor)
                        instructions &+= 1
                    }
                }
            }
        }
        return instructions
    }

    /// `parseWasm`, then instantiation with eager compilation: `ModuleValidator` (module-level
    /// rules) and, for every function, WasmKit's translator, which type-checks each instruction
    /// while it emits its internal code. So this is validation *plus* translation (and a
    /// small instantiation: memories, globals, segments) — an upper bound for WasmKit's
    /// validation cost, since WasmKit has no validator on its own. Imports are stub host
    /// functions; software bounds checks, so no 4 GiB reservation per instance.
    static func compileEagerly(_ modules: [[UInt8]], imports: [[HostImport]]) throws -> Int {
        var checksum = 0
        for (bytes, moduleImports) in zip(modules, imports) {
            let engine = Engine(configuration: EngineConfiguration(compilationMode: .eager, memoryBoundsChecking: .software))
            let store = Store(engine: engine)
            var resolved = Imports()
            for host in moduleImports {
                let function = Function(
                    store: store, parameters: host.parameters.map(valueType), results: host.results.map(valueType)
                ) { _, _ in [] }
                resolved.define(module: host.module, name: host.name, function)
            }
            let module = try parseWasm(bytes: bytes)
            let instance = try module.instantiate(store: store, imports: resolved)
            checksum &+= withExtendedLifetime(instance) { module.exports.count }
        }
        return checksum
    }

    private static func valueType(_ code: UInt8) -> WasmKit.ValueType {
        switch code {
        case 0x7E: .i64
        case 0x7D: .f32
        case 0x7C: .f64
        default: .i32
        }
    }
}
