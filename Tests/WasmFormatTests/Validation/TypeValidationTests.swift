import Testing
import WasmFormat

/// The type section's rules and the subtype relation of `ValidationContext`.
struct TypeValidationTests {
    @Test func equivalentRecGroupsAreTheSameType() throws {
        let module = try decodedModule("""
            (module
              (rec (type $a (struct (field (ref null $b)))) (type $b (struct (field (ref null $a)))))
              (rec (type $c (struct (field (ref null $d)))) (type $d (struct (field (ref null $c)))))
            )
            """)
        let context = try ValidationContext(module)
        #expect(context.canonicalID(ofTypeIndex: 0) == context.canonicalID(ofTypeIndex: 2))
        #expect(context.canonicalID(ofTypeIndex: 1) == context.canonicalID(ofTypeIndex: 3))
        #expect(context.isEquivalent(HeapType.concrete(0), .concrete(2)))
        #expect(context.isSubtype(HeapType.concrete(3), .concrete(1)))
    }

    @Test func positionsInOneRecGroupAreDistinctTypes() throws {
        let module = try decodedModule("(module (rec (type (struct)) (type (struct))))")
        let context = try ValidationContext(module)
        #expect(!context.isEquivalent(HeapType.concrete(0), .concrete(1)))
        #expect(!context.isSubtype(HeapType.concrete(0), .concrete(1)))
    }

    @Test func equalTypesInDifferentlyShapedGroupsDiffer() throws {
        let module = try decodedModule("(module (type (struct)) (rec (type (struct)) (type (array i32))))")
        let context = try ValidationContext(module)
        #expect(!context.isEquivalent(HeapType.concrete(0), .concrete(1)))
    }

    @Test func separateSingletonGroupsOfEqualTypesAreEquivalent() throws {
        let module = try decodedModule("(module (type (func (param i32))) (type (func (param i32))))")
        let context = try ValidationContext(module)
        #expect(context.isEquivalent(ValueType.ref(RefType(nullable: false, .concrete(0))),
                                     .ref(RefType(nullable: false, .concrete(1)))))
    }

    @Test func declaredSupertypeChainsGiveSubtyping() throws {
        let module = try decodedModule("""
            (module
              (type $a (sub (struct)))
              (type $b (sub $a (struct (field i32))))
              (type $c (sub $b (struct (field i32) (field i64))))
              (type $d (struct (field i32)))
            )
            """)
        let context = try ValidationContext(module)
        #expect(context.isSubtype(HeapType.concrete(2), .concrete(0)))
        #expect(!context.isSubtype(HeapType.concrete(0), .concrete(2)))
        #expect(!context.isSubtype(HeapType.concrete(3), .concrete(0)), "structure alone is not subtyping")
        #expect(context.isSubtype(HeapType.concrete(2), .abstract(.eq)))
        #expect(context.isSubtype(HeapType.abstract(.none), .concrete(2)))
        #expect(!context.isSubtype(HeapType.abstract(.nofunc), .concrete(2)))
    }

    @Test func abstractHierarchies() throws {
        let context = try ValidationContext(try decodedModule("(module (type (func)) (type (cont 0)))"))
        func sub(_ a: AbstractHeapType, _ b: AbstractHeapType) -> Bool { context.isSubtype(HeapType.abstract(a), .abstract(b)) }
        #expect(sub(.i31, .eq) && sub(.struct, .any) && sub(.array, .eq) && sub(.none, .i31))
        #expect(!sub(.eq, .i31) && !sub(.func, .any) && !sub(.extern, .any) && !sub(.none, .func))
        #expect(sub(.nofunc, .func) && sub(.noextern, .extern) && sub(.noexn, .exn) && sub(.nocont, .cont))
        #expect(context.isSubtype(HeapType.concrete(0), .abstract(.func)))
        #expect(context.isSubtype(HeapType.concrete(1), .abstract(.cont)))
        #expect(context.isSubtype(HeapType.abstract(.nocont), .concrete(1)))
        #expect(context.topHeapType(of: .concrete(1)) == .cont)
        #expect(context.bottomHeapType(of: .abstract(.i31)) == .none)
        #expect(context.isSubtype(RefType(nullable: false, .abstract(.func)), .funcRef))
        #expect(!context.isSubtype(RefType.funcRef, RefType(nullable: false, .abstract(.func))))
    }

    @Test func finalTypesCannotBeExtended() throws {
        try expectInvalid("(module (type $t (func)) (type (sub $t (func))))", "sub type")
        try expectInvalid("(module (type $t (sub final (func))) (type (sub $t (func))))", "sub type")
        try expectValid("(module (type $t (sub (func))) (type (sub final $t (func))))")
    }

    @Test func subtypesMustMatchTheirSupertypeStructurally() throws {
        try expectInvalid("(module (type $a (sub (array i32))) (type (sub $a (struct))))", "sub type")
        try expectInvalid("(module (type $a (sub (struct (field i32)))) (type (sub $a (struct (field i64)))))", "sub type")
        try expectValid("(module (type $a (sub (struct (field i32)))) (type (sub $a (struct (field i32) (field f32)))))")
        try expectValid("(module (type $a (sub (array (ref any)))) (type (sub $a (array (ref none)))))")
        try expectValid("""
            (module (type $f (sub (func (param (ref any)) (result anyref))))
                    (type (sub $f (func (param anyref) (result (ref eq))))))
            """)
        try expectInvalid("""
            (module (type $f (sub (func (param (ref eq)))))
                    (type (sub $f (func (param (ref any)) (result i32)))))
            """, "sub type")
    }

    @Test func mutableFieldsAreInvariant() throws {
        try expectInvalid("(module (type $a (sub (array (mut (ref any))))) (type (sub $a (array (mut (ref none))))))", "sub type")
        try expectInvalid("(module (type $a (sub (array (mut i32)))) (type (sub $a (array i32))))", "sub type")
        try expectValid("(module (type $a (sub (array (mut i8)))) (type (sub $a (array (mut i8)))))")
    }

    @Test func referencesBeyondTheRecGroupAreUnknown() throws {
        try expectInvalid("(module (type (struct (field (ref 1)))) (type (struct)))", "unknown type")
        try expectValid("(module (rec (type (struct (field (ref null 1)))) (type (struct))))")
    }

    @Test func supertypesComeFirst() throws {
        try expectInvalid("(module (rec (type (sub 1 (struct))) (type (sub (struct)))))", "sub type")
    }

    @Test func continuationTypesWrapFunctionTypes() throws {
        try expectInvalid("(module (type $ct (cont $ct)))", "non-function type 0")
        try expectInvalid("(module (type $s (struct)) (type (cont $s)))", "non-function type 0")
        let context = try ValidationContext(try decodedModule("(module (type (func (param i32))) (type (cont 0)))"))
        let cont = try context.contType(ofTypeIndex: 1)
        #expect(cont.functionTypeIndex == 0 && cont.functionType.parameters == [.i32])
        #expect(throws: ValidationError.self) { try context.contType(ofTypeIndex: 0) }
    }

    @Test func continuationSubtypingFollowsFunctionSubtyping() throws {
        try expectValid("""
            (module (type $f1 (sub (func))) (type $f2 (sub $f1 (func)))
                    (type $c1 (sub (cont $f1))) (type (sub $c1 (cont $f2))))
            """)
        try expectInvalid("""
            (module (type $f1 (sub (func (param i32)))) (type $f2 (func (param anyref)))
                    (type $c1 (sub (cont $f1))) (type (sub $c1 (cont $f2))))
            """, "sub type 3 does not match super type 2")
    }

    @Test func lookupsReportUnknownIndices() throws {
        let context = try ValidationContext(try decodedModule("(module (type (struct)))"))
        #expect(throws: ValidationError("unknown type 5", offset: 9)) { try context.subType(5, at: 9) }
        #expect(throws: ValidationError("non-function type 0")) { try context.functionType(ofTypeIndex: 0) }
        #expect(throws: ValidationError("unknown function 0")) { try context.typeIndex(ofFunction: 0) }
        #expect(throws: ValidationError("unknown elem segment 2")) { try context.elementType(2) }
        #expect(throws: ValidationError("unknown data segment 0")) { try context.checkData(0) }
    }
}
