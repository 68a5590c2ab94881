import Testing
@testable import WasmFormat
import WasmText

/// Function-body validation, one behaviour per test (the spec's messages, matched by prefix).
@Suite struct FunctionValidationTests {
    @Test func numericOperandsMustMatch() throws {
        try expectValid("(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))")
        try expectInvalid("(module (func (result i32) (i32.add (i64.const 1) (i32.const 2))))", "type mismatch")
        try expectInvalid("(module (func (result f64) (f64.promote_f32 (f64.const 1))))", "type mismatch")
    }

    @Test func missingOperandIsTypeMismatch() throws {
        try expectInvalid("(module (func (result i32) (i32.eqz)))", "type mismatch")
    }

    @Test func leftoverOperandsAtEndAreTypeMismatch() throws {
        try expectInvalid("(module (func (i32.const 1)))", "type mismatch")
        try expectInvalid("(module (func (block (result i32) (i32.const 1) (i32.const 2))))", "type mismatch")
    }

    @Test func unreachableCodeIsStackPolymorphic() throws {
        try expectValid("(module (func (result i32) unreachable i32.add))")
        try expectValid("(module (func (result i64) (block (br 0)) unreachable))")
        try expectInvalid("(module (func (result i32) unreachable (i64.const 0) i32.add))", "type mismatch")
    }

    @Test func unknownOperandFromRefAsNonNullIsStillAReference() throws {
        try expectInvalid("(module (func (result i32) unreachable ref.as_non_null i32.eqz))", "type mismatch")
    }

    @Test func brTableTargetsMustAgree() throws {
        try expectValid("""
            (module (func (param i32) (result i32)
              (block (result i32) (block (result i32) (br_table 0 1 (i32.const 7) (local.get 0))))))
            """)
        try expectInvalid("""
            (module (func (param i32) (result i32)
              (block (result i32) (block (result i64) (br_table 0 1 (i32.const 7) (local.get 0))) drop (i32.const 0))))
            """, "type mismatch")
        try expectInvalid("""
            (module (func (param i32) (block (block (result i32) (br_table 0 1 (i32.const 7) (local.get 0))) drop)))
            """, "type mismatch")
    }

    @Test func branchToUnknownLabelIsRejected() throws {
        try expectInvalid("(module (func (br 1)))", "unknown label")
    }

    @Test func loopLabelCarriesParameters() throws {
        try expectValid("""
            (module (func (param i32)
              (i32.const 0) (loop (param i32) (br_if 0 (local.get 0)) drop)))
            """)
    }

    @Test func ifWithoutElseMustPassParametersThrough() throws {
        try expectInvalid("(module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1)))))", "type mismatch")
        try expectValid("(module (func (param i32) (result i32) (local.get 0) (if (param i32) (result i32) (i32.const 1) (then))))")
    }

    @Test func localsAreCheckedByIndexAndType() throws {
        try expectInvalid("(module (func (local i32) (local.set 1 (i32.const 0))))", "unknown local")
        try expectInvalid("(module (func (local i32) (local.set 0 (i64.const 0))))", "type mismatch")
    }

    @Test func nonDefaultableLocalMustBeSetBeforeUse() throws {
        try expectInvalid("""
            (module (type $t (func)) (func (local $x (ref $t)) (drop (local.get $x))))
            """, "uninitialized local")
        try expectValid("""
            (module (type $t (func)) (func $f (local $x (ref $t)) (local.set $x (ref.func $f)) (drop (local.get $x)))
              (elem declare func $f))
            """)
    }

    @Test func localInitializationEndsWithItsBlock() throws {
        try expectInvalid("""
            (module (type $t (func)) (elem declare func $f)
              (func $f (local $x (ref $t)) (block (local.set $x (ref.func $f))) (drop (local.get $x))))
            """, "uninitialized local")
    }

    @Test func globalSetNeedsMutableGlobal() throws {
        try expectInvalid("(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))", "immutable global")
        try expectInvalid("(module (func (global.set 0 (i32.const 1))))", "unknown global")
    }

    @Test func selectRejectsReferencesWithoutType() throws {
        try expectInvalid("(module (func (drop (select (ref.null func) (ref.null func) (i32.const 1)))))", "type mismatch")
        try expectValid("(module (func (drop (select (result funcref) (ref.null func) (ref.null func) (i32.const 1)))))")
    }

    @Test func alignmentMustNotExceedNatural() throws {
        try expectInvalid("(module (memory 1) (func (drop (i32.load align=8 (i32.const 0)))))", "alignment must not be larger than natural")
        try expectValid("(module (memory 1) (func (drop (i64.load8_u align=1 (i32.const 0)))))")
    }

    @Test func memoryInstructionsNeedAMemory() throws {
        try expectInvalid("(module (func (drop (i32.load (i32.const 0)))))", "unknown memory")
        try expectInvalid("(module (func (drop (memory.size))))", "unknown memory")
    }

    @Test func memory64AddressesAreI64() throws {
        try expectValid("(module (memory i64 1) (func (drop (i32.load (i64.const 0)))))")
        try expectInvalid("(module (memory i64 1) (func (drop (i32.load (i32.const 0)))))", "type mismatch")
    }

    @Test func atomicsNeedExactlyNaturalAlignmentButNotSharedMemory() throws {
        try expectValid("(module (memory 1) (func (drop (i32.atomic.load (i32.const 0)))))")
        try expectInvalid("(module (memory 1) (func (drop (i32.atomic.load align=2 (i32.const 0)))))", "alignment must be exactly natural")
    }

    @Test func callChecksArgumentsAndFunctionIndex() throws {
        try expectValid("(module (func $f (param i32) (result i64) (i64.const 0)) (func (drop (call $f (i32.const 1)))))")
        try expectInvalid("(module (func $f (param i32)) (func (call $f (i64.const 1))))", "type mismatch")
        try expectInvalid("(module (func (call 5)))", "unknown function")
    }

    @Test func tailCallResultsMustMatchCaller() throws {
        try expectValid("(module (func $f (result i32) (i32.const 0)) (func (result i32) (return_call $f)))")
        try expectInvalid("(module (func $f (result i64) (i64.const 0)) (func (result i32) (return_call $f)))", "type mismatch")
    }

    @Test func callIndirectNeedsFunctionTable() throws {
        try expectInvalid("(module (type $t (func)) (table 1 externref) (func (call_indirect (type $t) (i32.const 0))))", "type mismatch")
        try expectInvalid("(module (type $t (func)) (func (call_indirect (type $t) (i32.const 0))))", "unknown table")
    }

    @Test func refFuncNeedsDeclaration() throws {
        try expectInvalid("(module (func $f (drop (ref.func $f))))", "undeclared function reference")
        try expectValid("(module (func $f (drop (ref.func $f))) (elem declare func $f))")
    }

    @Test func brOnNullAndNonNullRefineNullability() throws {
        try expectValid("""
            (module (type $t (func))
              (func (param (ref null $t)) (result (ref $t))
                (block $l (br_on_null $l (local.get 0)) (return)) unreachable))
            """)
        try expectValid("""
            (module (type $t (func))
              (func (param (ref null $t)) (result (ref $t))
                (block $l (result (ref $t)) (br_on_non_null $l (local.get 0)) unreachable)))
            """)
    }

    @Test func brOnCastTargetMustBeSubtypeOfSource() throws {
        try expectValid("""
            (module (type $s (struct))
              (func (param anyref) (result (ref $s))
                (block $l (result (ref $s)) (br_on_cast $l anyref (ref $s) (local.get 0)) drop unreachable)))
            """)
        try expectInvalid("""
            (module (type $s (struct))
              (func (param (ref null $s)) (result anyref)
                (block $l (result anyref) (br_on_cast $l (ref null $s) anyref (local.get 0)))))
            """, "type mismatch")
    }

    @Test func tryTableCatchLabelMustAcceptPayload() throws {
        try expectValid("""
            (module (tag $e (param i32))
              (func (result i32) (block $h (result i32) (try_table (catch $e $h) (throw $e (i32.const 1))) (i32.const 0))))
            """)
        try expectInvalid("""
            (module (tag $e (param i64))
              (func (result i32) (block $h (result i32) (try_table (catch $e $h) (nop)) (i32.const 0))))
            """, "type mismatch")
        try expectValid("""
            (module (func (result exnref) (block $h (result exnref) (try_table (catch_all_ref $h) (nop)) (ref.null exn))))
            """)
    }

    @Test func rethrowMustTargetACatch() throws {
        try expectInvalid("(module (func (block (rethrow 0))))", "invalid rethrow label", features: .default)
        try expectValid("(module (tag $e) (func (try (do) (catch $e (rethrow 0)))))")
    }

    @Test func delegateLabelIsOutsideTheTry() throws {
        try expectInvalid("(module (func (try (do) (delegate 1))))", "unknown label")
        try expectValid("(module (func (try (do) (delegate 0))))")
    }

    @Test func tableCopyElementTypesMustMatch() throws {
        try expectInvalid("(module (table 1 funcref) (table 1 externref) (func (table.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0))))", "type mismatch")
        try expectValid("(module (table i64 1 funcref) (table 1 funcref) (func (table.copy 0 1 (i64.const 0) (i32.const 0) (i32.const 0))))")
    }

    @Test func packedFieldsNeedSignedness() throws {
        try expectInvalid("(module (type $s (struct (field i8))) (func (param (ref $s)) (drop (struct.get $s 0 (local.get 0)))))", "type mismatch")
        try expectValid("(module (type $s (struct (field i8))) (func (param (ref $s)) (drop (struct.get_u $s 0 (local.get 0)))))")
        try expectInvalid("(module (type $s (struct (field i32))) (func (param (ref $s)) (drop (struct.get_s $s 0 (local.get 0)))))", "type mismatch")
    }

    @Test func structSetNeedsMutableField() throws {
        try expectInvalid("(module (type $s (struct (field i32))) (func (param (ref $s)) (struct.set $s 0 (local.get 0) (i32.const 1))))", "immutable field")
        try expectInvalid("(module (type $s (struct (field i32))) (func (param (ref $s)) (drop (struct.get $s 1 (local.get 0)))))", "unknown field")
    }

    @Test func arrayWritesNeedMutableArray() throws {
        try expectInvalid("(module (type $a (array i32)) (func (param (ref $a)) (array.set $a (local.get 0) (i32.const 0) (i32.const 1))))", "immutable array")
        try expectValid("(module (type $a (array (mut i32))) (func (param (ref $a)) (array.fill $a (local.get 0) (i32.const 0) (i32.const 1) (i32.const 2))))")
    }

    @Test func externConversionsKeepNullability() throws {
        try expectValid("(module (func (param (ref extern)) (result (ref any)) (any.convert_extern (local.get 0))))")
        try expectInvalid("(module (func (param externref) (result (ref any)) (any.convert_extern (local.get 0))))", "type mismatch")
    }

    static let continuationTypes = """
        (type $ft (func (param i32) (result i32)))
        (type $ct (cont $ft))
        (type $ft0 (func (result i32)))
        (type $ct0 (cont $ft0))
        (tag $yield (param i64) (result i32))
        """

    @Test func contNewAndBindFollowTheirContinuationTypes() throws {
        try expectValid("""
            (module \(Self.continuationTypes)
              (func $f (param i32) (result i32) (local.get 0)) (elem declare func $f)
              (func (result (ref $ct0)) (cont.bind $ct $ct0 (i32.const 1) (cont.new $ct (ref.func $f)))))
            """)
        try expectInvalid("""
            (module \(Self.continuationTypes) (func (param (ref $ft)) (drop (cont.new $ft (local.get 0)))))
            """, "non-continuation type")
    }

    @Test func resumeHandlerLabelMustAcceptTagPayloadAndContinuation() throws {
        try expectValid("""
            (module \(Self.continuationTypes)
              (func (param (ref $ct)) (result i32)
                (block $h (result i64 (ref $ct))
                  (return (resume $ct (on $yield $h) (i32.const 0) (local.get 0))))
                drop drop (i32.const 0)))
            """)
        try expectInvalid("""
            (module \(Self.continuationTypes)
              (func (param (ref $ct)) (result i32)
                (block $h (result i32 (ref $ct))
                  (return (resume $ct (on $yield $h) (i32.const 0) (local.get 0))))
                drop drop (i32.const 0)))
            """, "type mismatch")
        try expectInvalid("""
            (module \(Self.continuationTypes)
              (func (param (ref $ct)) (result i32)
                (block $h (result i64 (ref cont))
                  (return (resume $ct (on $yield $h) (i32.const 0) (local.get 0))))
                drop drop (i32.const 0)))
            """, "type mismatch: instruction requires concrete continuation reference type but label has [i64 (ref cont)]")
    }

    @Test func suspendTakesTagParametersAndReturnsTagResults() throws {
        try expectValid("(module \(Self.continuationTypes) (func (result i32) (suspend $yield (i64.const 1))))")
        try expectInvalid("(module \(Self.continuationTypes) (func (result i32) (suspend $yield (i32.const 1))))", "type mismatch")
    }

    @Test func switchTagMustHaveNoParameters() throws {
        try expectInvalid("""
            (module (rec (type $ft (func (param (ref $ct)))) (type $ct (cont $ft))) (tag $t (param i32))
              (func (param $k (ref $ct)) (switch $ct $t)))
            """, "type mismatch in switch tag")
    }
}

/// More behaviours: legacy exceptions, casts, tail calls, bulk operations, and driving the
/// validator one instruction at a time.
@Suite struct FunctionValidationMoreTests {
    @Test func legacyCatchStartsWithTagPayload() throws {
        try expectValid("(module (tag $e (param i32)) (func (result i32) (try (result i32) (do (i32.const 1)) (catch $e))))")
        try expectInvalid("""
            (module (tag (param i64)) (func (result i32) (try (result i32) (do (i32.const 42)) (catch 0))))
            """, "type mismatch: instruction requires [i32] but stack has [i64]")
    }

    @Test func blockEndErrorsShowTheStackLikeTheReferenceInterpreter() throws {
        try expectInvalid("(module (func (try (do) (catch_all (i32.const 42)))))", "type mismatch: block requires [] but stack has [i32]")
        try expectInvalid("(module (tag (param i32)) (func (i64.const 5) (throw 0)))", "type mismatch: instruction requires [i32] but stack has [i64]")
        // Values left over: every operand of the frame is shown, the results among them.
        try expectInvalid("(module (func (result i32) (i32.const 0) (i64.const 1) (i32.const 2)))",
                          "type mismatch: block requires [i32] but stack has [i32 i64 i32]")
    }

    @Test func brOnCastFailBranchesWithTheDifference() throws {
        try expectValid("""
            (module (type $s (struct))
              (func (param anyref) (result anyref)
                (block $l (result anyref) (br_on_cast_fail $l anyref (ref $s) (local.get 0)) drop (ref.null any))))
            """)
        try expectInvalid("""
            (module (type $s (struct))
              (func (param anyref) (result (ref $s))
                (block $l (result (ref $s)) (br_on_cast_fail $l anyref (ref $s) (local.get 0)))))
            """, "type mismatch")
    }

    @Test func castsOfContinuationsAreInvalid() throws {
        try expectInvalid("(module (func (drop (ref.test contref (unreachable)))))", "invalid cast")
    }

    @Test func returnCallRefChecksCalleeResults() throws {
        try expectValid("(module (type $t (func (result i32))) (func (param (ref $t)) (result i32) (return_call_ref $t (local.get 0))))")
        try expectInvalid("(module (type $t (func (result i64))) (func (param (ref $t)) (result i32) (return_call_ref $t (local.get 0))))", "type mismatch")
    }

    @Test func arrayCopyElementTypesMustMatch() throws {
        try expectInvalid("""
            (module (type $a (array (mut i8))) (type $b (array (mut i16)))
              (func (param (ref $a) (ref $b))
                (array.copy $a $b (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 0))))
            """, "array types do not match")
    }

    @Test func hugeArrayNewFixedInUnreachableCodeIsCheap() throws {
        try expectValid("(module (type $a (array i32)) (func unreachable (array.new_fixed $a 4000000000) drop))")
    }

    @Test func tableInitNeedsCompatibleSegment() throws {
        try expectInvalid("""
            (module (table 1 externref) (elem func) (func (table.init 0 0 (i32.const 0) (i32.const 0) (i32.const 0))))
            """, "type mismatch")
        try expectInvalid("(module (table 1 funcref) (func (elem.drop 3)))", "unknown elem segment")
    }

    @Test func memoryCopyBetweenAddressTypesUsesI32Length() throws {
        try expectValid("(module (memory $a i64 1) (memory $b 1) (func (memory.copy $a $b (i64.const 0) (i32.const 0) (i32.const 0))))")
        try expectInvalid("(module (memory $a i64 1) (memory $b 1) (func (memory.copy $a $b (i64.const 0) (i32.const 0) (i64.const 0))))", "type mismatch")
    }

    @Test func resumeThrowTakesTheTagPayload() throws {
        try expectValid("""
            (module (type $ft (func)) (type $ct (cont $ft)) (tag $x (param i32))
              (func (param (ref $ct)) (resume_throw $ct $x (i32.const 1) (local.get 0))))
            """)
        try expectInvalid("""
            (module (type $ft (func)) (type $ct (cont $ft)) (tag $x (param i32))
              (func (param (ref $ct)) (resume_throw $ct $x (local.get 0))))
            """, "type mismatch")
    }

    @Test func validatorCanBeDrivenOneInstructionAtATime() throws {
        let module = try decodedModule("(module (func (result i32) (block (result i32) (i32.const 7))))")
        let context = try ValidationContext(module)
        var validator = FunctionValidator(context: context)
        let body = module.functionBodies[0]
        var reader = module.instructions(of: body)
        try validator.begin(body, functionIndex: 0)
        var heights: [Int] = []
        var depths: [Int] = []
        while let instruction = try reader.read() {
            try validator.validate(instruction, reader: &reader)
            heights.append(validator.operandCount)
            depths.append(validator.controlDepth)
        }
        #expect(heights == [0, 1, 1, 0])  // block, i32.const, end (block), end (function)
        #expect(depths == [2, 2, 1, 0])
    }
}

/// The opcode tables the validator derives from `InstructionTable`.
@Suite struct FunctionValidatorTableTests {
    @Test func everyInstructionInTheTableHasTypingRules() {
        for opcode in Opcode.allCases {
            #expect(FunctionValidator.familyTable[Int(opcode.rawValue)] != .unsupported, "\(opcode.name)")
        }
    }
}

/// Functions with very many locals (kept as runs, not expanded).
@Suite struct ManyLocalsValidationTests {
    static func validate(_ bytes: [UInt8]) throws -> ValidationError? {
        let module = try decodeModule(bytes, decodeFunctionBodies: true)
        do { try validateModule(module) } catch { return error }
        return nil
    }

    @Test func hugeLocalCountValidatesWithoutExpandingLocals() throws {
        let locals = Wasm.u(1) + Wasm.u(0xFFFF_FFF0) + [0x7F]
        let code: [UInt8] = [0x20] + Wasm.u(0xFFFF_FFEF) + [0x1A, 0x0B]  // local.get, drop, end
        #expect(try Self.validate(Wasm.function(code, locals: locals)) == nil)
        let outOfRange: [UInt8] = [0x20] + Wasm.u(0xFFFF_FFF0) + [0x1A, 0x0B]
        #expect(try Self.validate(Wasm.function(outOfRange, locals: locals))?.message.hasPrefix("unknown local") == true)
    }

    @Test func nonDefaultableLocalAfterManyLocalsMustBeSetBeforeUse() throws {
        let locals = Wasm.u(2) + Wasm.u(70_000) + [0x7F] + Wasm.u(1) + [0x64, 0x00]  // 70000 × i32, (ref 0)
        let get: [UInt8] = [0x20] + Wasm.u(70_000) + [0x1A]
        let unset = get + [0x0B]
        #expect(try Self.validate(Wasm.function(unset, locals: locals))?.message.hasPrefix("uninitialized local") == true)
        let set: [UInt8] = [0xD0, 0x00, 0xD4, 0x21] + Wasm.u(70_000) + get + [0x0B]  // ref.null 0, ref.as_non_null
        #expect(try Self.validate(Wasm.function(set, locals: locals)) == nil)
    }
}
