import Testing
import WasmFormat

/// Module-level rules: imports, exports, tables, memories, globals, tags, segments, start.
struct ModuleValidationTests {
    @Test func sharedMemoryNeedsAMaximum() throws {
        try expectInvalid("(module (memory 1 shared))", "shared memory must have maximum")
        try expectValid("(module (memory 1 2 shared))")
    }

    @Test func memoriesAreLimitedTo65536PagesUnless64Bit() throws {
        try expectInvalid("(module (memory 65537))", "memory size must be at most 65536 pages (4GiB)")
        try expectInvalid("(module (memory 0 65537))", "memory size")
        try expectValid("(module (memory 65536))")
        try expectValid("(module (memory i64 65537))")
        try expectInvalid("(module (memory i64 0x1_0000_0000_0001))", "memory size")
    }

    @Test func minimumMustNotExceedMaximum() throws {
        try expectInvalid("(module (memory 2 1))", "size minimum must not be greater than maximum")
        try expectInvalid("(module (table 2 1 funcref))", "size minimum must not be greater than maximum")
    }

    @Test func multipleMemoriesNeedMultiMemory() throws {
        try expectValid("(module (memory 0) (memory 0))")
        try expectInvalid("(module (memory 0) (memory 0))", "multiple memories", features: FeatureSet.default.removing(.multiMemory))
    }

    @Test func duplicateExportNamesAreInvalid() throws {
        try expectInvalid("(module (func) (export \"a\" (func 0)) (export \"a\" (func 0)))", "duplicate export name")
        try expectInvalid("(module (export \"a\" (func 0)))", "unknown function 0")
        try expectInvalid("(module (export \"m\" (memory 0)))", "unknown memory 0")
    }

    @Test func startFunctionTakesAndReturnsNothing() throws {
        try expectInvalid("(module (func (result i32) (i32.const 0)) (start 0))", "start function")
        try expectInvalid("(module (start 0))", "unknown function")
        try expectValid("(module (func) (start 0))")
    }

    @Test func constantExpressionsRejectOtherInstructions() throws {
        try expectInvalid("(module (global i32 (i32.ctz (i32.const 0))))", "constant expression required")
        try expectInvalid("(module (global i32 (i32.const 0) (nop)))", "constant expression required")
        try expectInvalid("(module (global i32 (i32.const 0) (i32.const 1)))", "type mismatch")
        try expectInvalid("(module (global i32 (i64.const 0)))", "type mismatch")
        try expectValid("(module (global i32 (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3)))))")
        try expectInvalid(
            "(module (global i32 (i32.add (i32.const 1) (i32.const 2))))", "constant expression required",
            features: FeatureSet.default.removing(.extendedConst))
    }

    @Test func globalInitializersReadEarlierImmutableGlobals() throws {
        try expectValid("(module (global i32 (i32.const 0)) (global i32 (global.get 0)))")
        try expectInvalid("(module (global i32 (global.get 1)) (global i32 (i32.const 0)))", "unknown global 1")
        try expectInvalid("(module (global (import \"m\" \"g\") (mut i32)) (global i32 (global.get 0)))", "constant expression required")
    }

    @Test func tableInitializersSeeOnlyImportedGlobals() throws {
        try expectInvalid("(module (global funcref (ref.null func)) (table 10 funcref (global.get 0)))", "unknown global")
        try expectValid("(module (global (import \"m\" \"g\") funcref) (table 10 funcref (global.get 0)))")
    }

    @Test func nonNullableTablesNeedAnInitializer() throws {
        try expectInvalid("(module (table 0 (ref func)))", "type mismatch")
        try expectValid("(module (func $f) (table 1 (ref func) (ref.func $f)))")
        try expectInvalid("(module (table 1 (ref func) (ref.null func)))", "type mismatch")
    }

    @Test func gcAllocationsAreConstant() throws {
        try expectValid("""
            (module (type $s (struct (field i32) (field (mut i8)))) (type $a (array i64))
              (global (ref $s) (struct.new $s (i32.const 1) (i32.const 2)))
              (global (ref $a) (array.new_fixed $a 2 (i64.const 1) (i64.const 2)))
              (global (ref i31) (ref.i31 (i32.const 7)))
              (global externref (extern.convert_any (ref.null any))))
            """)
        try expectInvalid("(module (type $s (struct (field i32))) (global (ref $s) (struct.new $s (i64.const 1))))", "type mismatch")
    }

    @Test func tagResultsNeedStackSwitching() throws {
        try expectValid("(module (tag (result i32)))")
        try expectInvalid(
            "(module (tag (result i32)))", "non-empty tag result type",
            features: FeatureSet.default.removing(.stackSwitching))
    }

    @Test func elementSegmentsMatchTheirTable() throws {
        try expectInvalid("(module (table 1 externref) (func $f) (elem (i32.const 0) $f))", "type mismatch")
        try expectInvalid("(module (elem (i32.const 0)))", "unknown table 0")
        try expectInvalid("(module (table 1 funcref) (elem (i64.const 0)))", "type mismatch")
        try expectValid("(module (table i64 1 funcref) (elem (i64.const 0)))")
    }

    @Test func dataSegmentsNeedTheirMemory() throws {
        try expectInvalid("(module (data (i32.const 0) \"\"))", "unknown memory 0")
        try expectValid("(module (memory 1) (data (i32.const 0) \"a\"))")
    }

    @Test func functionsReferencedOutsideBodiesAreDeclared() throws {
        let module = try decodedModule("""
            (module (func $a) (func $b) (func $c) (func $d)
              (export "a" (func $a)) (elem declare func $b) (global funcref (ref.func $c)))
            """)
        let context = try ValidationContext(module)
        #expect(context.isDeclared(function: 0) && context.isDeclared(function: 1) && context.isDeclared(function: 2))
        #expect(!context.isDeclared(function: 3))
    }

    @Test func indexSpacesPutImportsFirst() throws {
        let module = try decodedModule("""
            (module (import "m" "f" (func (param i32))) (import "m" "g" (global i64))
              (func (result i64) (i64.const 0)) (global f32 (f32.const 0)))
            """)
        let context = try ValidationContext(module)
        #expect(context.functionCount == 2 && context.importedFunctionCount == 1)
        #expect(try context.functionType(ofFunction: 1).results == [.i64])
        #expect(try context.global(1).valueType == .f32)
        #expect(throws: ValidationError("unknown global 2")) { try context.global(2) }
    }

    @Test func moduleErrorsPointAtTheOffendingEntry() throws {
        let exports = try decodedModule("(module (func) (export \"a\" (func 0)) (export \"a\" (func 0)))")
        #expect(exports.offsets.exports.count == 2)
        #expect(throws: ValidationError("duplicate export name", offset: exports.offsets.exports[1])) {
            try validateModule(exports)
        }
        let types = try decodedModule("(module (type (func)) (type (sub 0 (func))))")
        #expect(throws: ValidationError("sub type 1 does not match super type 0", offset: types.offsets.types[1])) {
            try validateModule(types)
        }
        let global = try decodedModule("(module (global i32 (i32.const 0) (nop)))")
        let error = try #require(try validationError("(module (global i32 (i32.const 0) (nop)))"))
        #expect(error.offset.map { global.offsets.globals[0] < $0 } == true, "at the `nop`, inside the global")
    }

    @Test func aFiveThousandFunctionModuleValidatesQuickly() throws {
        let count = 5_000
        let body: [UInt8] = [0x20, 0x00, 0x41, 0x01, 0x6A, 0x04, 0x7F, 0x41, 0x02, 0x05, 0x41, 0x03, 0x0B, 0x0B]
        let bytes = Wasm.module(
            Wasm.types([([0x7F], [0x7F])]), Wasm.functions(Array(repeating: 0, count: count)),
            Wasm.code(Array(repeating: (locals: [0x00], code: body), count: count)))
        let module = try decodeModule(bytes)
        let elapsed = try ContinuousClock().measure { try validateModule(module) }
        #expect(elapsed < .seconds(2), "\(elapsed)")  // debug build; release is far below the 5 ms startup target's share
        print("validated \(count) functions in \(elapsed)")
    }

    @Test func errorDescriptionsNameTheOffsetAndFunction() {
        let error = ValidationError("type mismatch", offset: 0x2a, function: 3)
        #expect(error.description == "validation error at offset 0x2a in function 3: type mismatch")
        #expect(ValidationError("start function").description == "validation error: start function")
    }
}
