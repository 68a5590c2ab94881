// WasmFiber's side of the format benchmarks (WasmFormat: decoder and validator).
import WasmFormat

enum WasmFiberSide {
    /// `decodeModule`: every section decoded into `Module` (types, imports, exports, globals,
    /// constant expressions, segments, locals of each body, the `name` section), function
    /// bodies kept as byte ranges; no validation. Pairs with `WasmKitSide.parse`.
    static func decode(_ modules: [[UInt8]]) throws -> Int {
        var checksum = 0
        for bytes in modules {
            let module = try decodeModule(bytes)
            checksum &+= module.exports.count &+ module.imports.count
        }
        return checksum
    }

    /// `decodeModule(decodeFunctionBodies: true)` and then `InstructionReader.read()` over every
    /// body: every instruction decoded with its immediates, no type checking. Pairs with
    /// `WasmKitSide.parseEveryInstruction`. Returns the number of instructions.
    static func decodeEveryInstruction(_ modules: [[UInt8]]) throws -> Int {
        var instructions = 0
        for bytes in modules {
            let module = try decodeModule(bytes)
            for body in module.functionBodies {
                var reader = module.instructions(of: body)
                while let _ = try reader.read() { instructions &+= 1 }
            }
        }
        return instructions
    }

    /// `decodeModule` then `validateModule`: the full check a runtime does before it accepts a
    /// module (module rules, constant expressions, every function body type-checked), with
    /// no translation. Compare with `WasmKitSide.compileEagerly`, which also translates.
    static func decodeAndValidate(_ modules: [[UInt8]]) throws -> Int {
        var checksum = 0
        for bytes in modules {
            let module = try decodeModule(bytes)
            try validateModule(module)
            checksum &+= module.functionBodies.count
        }
        return checksum
    }

    /// The function imports of a module, with their numeric types (for WasmKit's stubs).
    static func hostImports(_ bytes: [UInt8]) throws -> [HostImport] {
        let module = try decodeModule(bytes)
        return module.imports.compactMap { entry in
            guard case .function(let typeIndex) = entry.descriptor, Int(typeIndex) < module.types.count,
                  let type = module.types[Int(typeIndex)].functionType else { return nil }
            return HostImport(module: entry.module, name: entry.name, parameters: type.parameters.map(code), results: type.results.map(code))
        }
    }

    private static func code(_ type: ValueType) -> UInt8 {
        switch type {
        case .i64: 0x7E
        case .f32: 0x7D
        case .f64: 0x7C
        default: 0x7F
        }
    }
}
