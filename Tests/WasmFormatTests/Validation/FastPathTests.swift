import Testing
@testable import WasmFormat
import WasmText

/// The validator's fast path (`FunctionValidator+FastPath.swift`, taken by
/// `validate(_:functionIndex:)`) against the general path (`InstructionReader.read()` and
/// `validate(_:reader:)`, which the interpreter's translator drives): both must accept the same
/// bodies and reject the others with the same error (message, offset, function).
@Suite struct FastPathTests {
    /// The error of validating every body with the general path only, or `nil`.
    private func generalPathError(_ module: Module) throws -> ValidationError? {
        let context = try ValidationContext(module)
        var validator = FunctionValidator(context: context)
        do throws(ValidationError) {
            for (position, body) in module.functionBodies.enumerated() {
                let index = context.importedFunctionCount + position
                var reader = module.instructions(of: body)
                try validator.begin(body, functionIndex: index)
                while true {
                    let next: Instruction?
                    do { next = try reader.read() } catch {
                        throw ValidationError(error.message, offset: error.offset, function: index)
                    }
                    guard let instruction = next else { break }
                    try validator.validate(instruction, reader: &reader)
                }
            }
            return nil
        } catch {
            return error
        }
    }

    /// The error of validating every body with `validate(_:functionIndex:)`, or `nil`.
    private func fastPathError(_ module: Module) throws -> ValidationError? {
        let context = try ValidationContext(module)
        var validator = FunctionValidator(context: context)
        do throws(ValidationError) {
            for (position, body) in module.functionBodies.enumerated() {
                try validator.validate(body, functionIndex: context.importedFunctionCount + position)
            }
            return nil
        } catch {
            return error
        }
    }

    private func expectSame(_ bytes: [UInt8], features: FeatureSet = .default, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Lazy bodies, so that decoding errors in code reach the validator.
        let module = try decodeModule(bytes, features: features)
        let general = try generalPathError(module)
        let fast = try fastPathError(module)
        #expect(general == fast, "general: \(general.map(\.description) ?? "valid"), fast: \(fast.map(\.description) ?? "valid")",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        // valid
        "(func (param i32) (result i32) (local i64) local.get 0 i32.const 1 i32.add local.tee 0 i64.extend_i32_u local.set 1 local.get 0)",
        "(memory 1) (global $g (mut i32) (i32.const 0)) (func (result i32) (block (result i32) (loop (br_if 0 (i32.const 0))) (i32.load offset=4 (i32.const 0))) global.set $g (if (i32.const 1) (then nop) (else)) f64.const 1.5 drop global.get $g)",
        "(func $f (param i32) (result i32) (call $f (local.get 0)) (return (i32.const 0)))",
        "(func (result i32) unreachable i32.add)",
        // invalid
        "(func (result i32) i64.const 1)",
        "(func local.get 3 drop)",
        "(func (param i64) (result i32) local.get 0 i32.eqz)",
        "(func (result i32) i32.const 1 i32.const 2 f32.add)",
        "(global $g i32 (i32.const 0)) (func i32.const 1 global.set $g)",
        "(func (block (result i32) i32.const 1) (br 0))",
        "(func br 5)",
        "(func call 9)",
        "(memory 1) (func (result i32) (i32.load align=8 (i32.const 0)))",
        "(func (result i32) (i64.load (i32.const 0)))",
        "(func (local (ref func)) local.get 0 drop)",
    ])
    func watBodiesAgree(wat: String) throws {
        try expectSame(try parseWAT("(module \(wat))"))
    }

    @Test func malformedBodiesAgree() throws {
        let bodies: [[UInt8]] = [
            [0x20, 0x80, 0x0B],  // local.get whose LEB128 runs into the final end
            [0x20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B],  // LEB128 too long
            [0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x4F, 0x1A, 0x0B],  // i32.const too large
            [0x02, 0x40, 0x0B],  // block without the body's final end
            [0x0B, 0x0B],  // bytes after the final end
            [0x28, 0x80, 0x01, 0x00, 0x1A, 0x0B],  // malformed memarg flags
            [0x10, 0x00, 0x0B, 0x0B],  // call 0 (recursion, valid), then a byte after the end
        ]
        for code in bodies {
            try expectSame(Wasm.function(code, before: Wasm.section(5, Wasm.vector([[0x00, 0x01]]))))
        }
    }

    @Test func disabledFeaturesAgree() throws {
        // i32.extend8_s (sign extension) and return_call (tail calls) with the feature off.
        try expectSame(Wasm.function([0x41, 0x01, 0xC0, 0x1A, 0x0B]), features: .mvp)
        try expectSame(Wasm.function([0x12, 0x00, 0x0B]), features: FeatureSet.default.removing(.tailCall))
    }
}
