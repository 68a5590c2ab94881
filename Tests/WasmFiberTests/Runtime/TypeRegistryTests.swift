import Synchronization
import Testing
import WasmFormat
import WasmText
@testable import WasmFiber

/// Compiles, decodes and validates a WAT module (the registry expects valid type sections).
func validModule(_ wat: String) throws -> WasmFormat.Module {
    let module = try decodeModule(try parseWAT(wat), features: .default, decodeFunctionBodies: true)
    try validateModule(module)
    return module
}

/// `(ref null? t)` as a value type, for short expectations.
func ref(_ heapType: HeapType, nullable: Bool = false) -> ValueType {
    .ref(RefType(nullable: nullable, heapType))
}

/// `(ref null? t)` for a canonical identity.
func ref(_ id: Int, nullable: Bool = false) -> ValueType { ref(.concrete(UInt32(id)), nullable: nullable) }

/// `(ref null? t)` for an abstract heap type.
func ref(_ type: AbstractHeapType, nullable: Bool = false) -> ValueType { ref(.abstract(type), nullable: nullable) }

/// Canonical identities across modules (iso-recursive equivalence), the canonical forms kept,
/// and subtyping of canonical types. Each test uses a registry of its own.
@Suite("TypeRegistry")
struct TypeRegistryTests {
    // MARK: identities

    @Test func equivalentRecGroupsInTwoModulesGetEqualIDs() throws {
        let registry = TypeRegistry()
        let a = registry.register(try validModule("""
            (module (type (func))
              (rec (type $a (struct (field (ref null $b)))) (type $b (struct (field (ref null $a))))))
            """))
        let b = registry.register(try validModule("""
            (module (rec (type $x (struct (field (ref null $y)))) (type $y (struct (field (ref null $x))))))
            """))
        #expect(a[1] == b[0])
        #expect(a[2] == b[1])
        #expect(a[1] != a[2])
    }

    @Test func registeringTheSameModuleTwiceReturnsTheSameIDs() throws {
        let registry = TypeRegistry()
        let module = try validModule("(module (type (func (param i32))) (rec (type (struct)) (type (array i8))))")
        let first = registry.register(module)
        let count = registry.count
        #expect(registry.register(module) == first)
        #expect(registry.count == count, "nothing new is registered")
    }

    @Test func positionsInOneRecGroupAreDistinctTypes() throws {
        let registry = TypeRegistry()
        let ids = registry.register(try validModule("(module (rec (type (struct)) (type (struct))) (type (struct)))"))
        #expect(Set(ids).count == 3, "\(ids)")
    }

    @Test func referencesToEarlierGroupsCompareByIdentityNotIndex() throws {
        let registry = TypeRegistry()
        let a = registry.register(try validModule("(module (type $s (struct)) (type (struct (field (ref $s)))))"))
        let b = registry.register(try validModule("""
            (module (type (array i8)) (type $s (struct)) (type (struct (field (ref $s)))))
            """))
        let c = registry.register(try validModule("(module (type $s (struct (field i32))) (type (struct (field (ref $s)))))"))
        #expect(a[1] == b[2], "the same type at another index")
        #expect(a[1] != c[1], "it refers to a different earlier type")
    }

    @Test func definitionsAreKeptInCanonicalForm() throws {
        let registry = TypeRegistry()
        _ = registry.register(try validModule("(module (type (array i32)) (type (array i64)))"))
        let ids = registry.register(try validModule("""
            (module
              (type (func))
              (type $a (sub (struct)))
              (type $b (sub $a (struct (field (mut (ref null $a))))))
              (type $f (func (param (ref $b)) (result (ref $a)))))
            """))
        let a = UInt32(ids[1])
        let field = FieldType(.value(ref(.concrete(a), nullable: true)), mutable: true)
        #expect(registry.subType(ids[2]) == SubType(isFinal: false, supertypes: [a], .struct([field])))
        #expect(registry.functionType(ids[3]) == FunctionType(parameters: [ref(ids[2])], results: [ref(ids[1])]))
    }

    @Test func hostFunctionTypeEqualsAModulesSingletonFunctionType() throws {
        let registry = TypeRegistry()
        let ids = registry.register(try validModule("""
            (module
              (type (func (param i32 i64) (result f32)))
              (type $s (struct))
              (type (func (param (ref $s)) (result (ref null $s))))
              (rec (type (func (param i64))) (type (struct)))
              (type (sub (func (param f64)))))
            """))
        #expect(registry.register(FunctionType(parameters: [.i32, .i64], results: [.f32])) == ids[0])
        #expect(registry.register(FunctionType(parameters: [ref(ids[1])], results: [ref(ids[1], nullable: true)])) == ids[2])
        #expect(registry.register(FunctionType(parameters: [.i64])) != ids[3], "not alone in its rec group")
        #expect(registry.register(FunctionType(parameters: [.f64])) != ids[5], "not final")
        let fresh = registry.register(FunctionType(results: [.externRef]))
        #expect(!ids.contains(fresh))
        #expect(registry.register(FunctionType(results: [.externRef])) == fresh)
        #expect(registry.functionType(fresh) == FunctionType(results: [.externRef]))
    }

    // MARK: subtyping of identities

    @Test func declaredSupertypeChainsGiveSubtypingAcrossModules() throws {
        let registry = TypeRegistry()
        let a = registry.register(try validModule("(module (type $a (sub (struct))))"))[0]
        let chain = registry.register(try validModule("""
            (module
              (type $a (sub (struct)))
              (type $b (sub $a (struct (field i32))))
              (type $c (sub $b (struct (field i32) (field i64)))))
            """))
        let lookalike = registry.register(try validModule("(module (type (struct (field i32))))"))[0]
        #expect(chain[0] == a)
        #expect(registry.isSubtype(chain[2], a))
        #expect(registry.isSubtype(chain[1], a))
        #expect(registry.isSubtype(chain[2], chain[2]))
        #expect(!registry.isSubtype(a, chain[1]), "not downwards")
        #expect(!registry.isSubtype(lookalike, a), "structure alone does not make a subtype")
        #expect(registry.isSubtype(ref(chain[2]), ref(a, nullable: true)))
        #expect(!registry.isSubtype(ref(lookalike), ref(chain[1])))
    }

    // MARK: subtyping of canonical value types

    @Test func numberTypesAreSubtypesOnlyOfThemselves() {
        let registry = TypeRegistry()
        #expect(registry.isSubtype(ValueType.i32, .i32))
        #expect(registry.isSubtype(ValueType.f64, .f64))
        #expect(!registry.isSubtype(ValueType.i32, .i64))
        #expect(!registry.isSubtype(ValueType.i32, .funcRef))
        #expect(!registry.isSubtype(ValueType.externRef, .i64))
    }

    @Test func nullabilityMayOnlyBeDropped() throws {
        let registry = TypeRegistry()
        let f = registry.register(try validModule("(module (type (func)))"))[0]
        #expect(registry.isSubtype(ref(.func), ref(.func, nullable: true)))
        #expect(!registry.isSubtype(ref(.func, nullable: true), ref(.func)))
        #expect(registry.isSubtype(ref(f), ref(f, nullable: true)))
        #expect(!registry.isSubtype(ref(f, nullable: true), ref(f)))
        #expect(registry.isSubtype(RefType(nullable: false, .abstract(.none)), RefType(nullable: true, .abstract(.any))))
    }

    @Test func abstractHeapTypesFormFiveHierarchies() {
        let registry = TypeRegistry()
        func sub(_ a: AbstractHeapType, _ b: AbstractHeapType) -> Bool { registry.isSubtype(HeapType.abstract(a), .abstract(b)) }
        for type in [AbstractHeapType.eq, .i31, .struct, .array, .none] { #expect(sub(type, .any), "\(type)") }
        for type in [AbstractHeapType.i31, .struct, .array, .none] { #expect(sub(type, .eq), "\(type)") }
        for type in [AbstractHeapType.i31, .struct, .array] { #expect(sub(.none, type), "\(type)") }
        #expect(sub(.nofunc, .func) && sub(.noextern, .extern) && sub(.noexn, .exn) && sub(.nocont, .cont))
        #expect(!sub(.any, .eq) && !sub(.eq, .struct) && !sub(.i31, .struct) && !sub(.array, .struct))
        #expect(!sub(.func, .any) && !sub(.extern, .any) && !sub(.exn, .any) && !sub(.cont, .func))
        #expect(!sub(.none, .func) && !sub(.nofunc, .any) && !sub(.noextern, .func) && !sub(.noexn, .extern))
        #expect(!sub(.func, .nofunc) && !sub(.any, .none))
    }

    @Test func concreteTypesLieBetweenTheirKindAndTheBottom() throws {
        let registry = TypeRegistry()
        let ids = registry.register(try validModule("""
            (module (type $f (func)) (type (struct)) (type (array i8)) (type (cont $f)))
            """))
        let (function, structure, array, continuation) = (HeapType.concrete(UInt32(ids[0])), HeapType.concrete(UInt32(ids[1])),
                                                         HeapType.concrete(UInt32(ids[2])), HeapType.concrete(UInt32(ids[3])))
        func sub(_ a: HeapType, _ b: AbstractHeapType) -> Bool { registry.isSubtype(a, .abstract(b)) }
        func sub(_ a: AbstractHeapType, _ b: HeapType) -> Bool { registry.isSubtype(.abstract(a), b) }
        #expect(sub(function, .func) && !sub(function, .any) && !sub(function, .nofunc))
        #expect(sub(structure, .struct) && sub(structure, .eq) && sub(structure, .any) && !sub(structure, .array))
        #expect(sub(array, .array) && sub(array, .eq) && !sub(array, .struct) && !sub(array, .i31))
        #expect(sub(continuation, .cont) && !sub(continuation, .func))
        #expect(sub(.nofunc, function) && sub(.none, structure) && sub(.none, array) && sub(.nocont, continuation))
        #expect(!sub(.none, function) && !sub(.nofunc, structure) && !sub(.nofunc, continuation))
        #expect(!sub(.func, function) && !sub(.struct, structure) && !sub(.eq, array))
        #expect(!registry.isSubtype(structure, array) && !registry.isSubtype(function, continuation))
    }

    @Test func topHeapTypesOfCanonicalTypes() throws {
        let registry = TypeRegistry()
        let ids = registry.register(try validModule("(module (type $f (func)) (type (struct)) (type (array i8)) (type (cont $f)))"))
        let tops = ids.map { registry.topHeapType(of: .concrete(UInt32($0))) }
        #expect(tops == [.func, .any, .any, .cont])
        let abstract: [(AbstractHeapType, AbstractHeapType)] = [
            (.func, .func), (.nofunc, .func), (.extern, .extern), (.noextern, .extern), (.any, .any),
            (.eq, .any), (.i31, .any), (.none, .any), (.exn, .exn), (.noexn, .exn), (.cont, .cont), (.nocont, .cont),
        ]
        for (type, top) in abstract { #expect(registry.topHeapType(of: .abstract(type)) == top, "\(type)") }
    }

    // MARK: canonical forms

    @Test func canonicalFormsReplaceTypeIndicesByIdentities() {
        let ids = [7, 9]
        #expect(TypeRegistry.canonical(ValueType.i32, typeIDs: ids) == .i32)
        #expect(TypeRegistry.canonical(ref(.concrete(1), nullable: true), typeIDs: ids) == ref(9, nullable: true))
        #expect(TypeRegistry.canonical(RefType.funcRef, typeIDs: ids) == .funcRef)
        #expect(TypeRegistry.canonical(FunctionType(parameters: [ref(.concrete(0))], results: [.i64, ref(.concrete(1))]), typeIDs: ids)
                == FunctionType(parameters: [ref(7)], results: [.i64, ref(9)]))
        #expect(TypeRegistry.canonical(GlobalType(ref(.concrete(0)), mutable: true), typeIDs: ids) == GlobalType(ref(7), mutable: true))
        let table = TableType(elementType: RefType(nullable: true, .concrete(1)), limits: Limits(min: 1, max: 2), addressType: .i64)
        #expect(TypeRegistry.canonical(table, typeIDs: ids)
                == TableType(elementType: RefType(nullable: true, .concrete(9)), limits: Limits(min: 1, max: 2), addressType: .i64))
        #expect(TypeRegistry.canonical(TagType(typeIndex: 1), typeIDs: ids) == 9)
    }

    // MARK: concurrency

    @Test func concurrentRegistrationsAgreeOnIdentities() throws {
        let registry = TypeRegistry()
        let modules = try (0..<16).map { n in
            try validModule("""
                (module (type $s (sub (struct (field i32))))
                  (rec (type $a (sub $s (struct (field i32) (field (ref null $b)))))
                       (type $b (func (param (ref $a)) (result (ref $s)))))
                  (type (func (param i32) (result i32)))
                  (type (array (mut i\(n % 2 == 0 ? 32 : 64))))
                  (type (struct (field (ref $a)) (field i32) (field \(String(repeating: "i64 ", count: n + 1))))))
                """)
        }
        /// What each thread saw, shared by the threads.
        final class Results: Sendable { let ids = Mutex<[[[Int]]]>([]) }
        let results = Results()
        let threads = try (0..<8).map { thread in
            try NativeThread {
                var ids: [[Int]] = []
                for round in 0..<20 {
                    let module = modules[(thread * 5 + round) % modules.count]
                    _ = registry.register(FunctionType(parameters: [.i32], results: [.i32]))
                    ids.append(registry.register(module))
                }
                let perModule = modules.map { registry.register($0) }
                results.ids.withLock { $0.append(perModule + ids) }
            }
        }
        for thread in threads { thread.join() }
        let all = results.ids.withLock { $0 }
        #expect(all.count == 8)
        for ids in all { #expect(ids.prefix(modules.count) == all[0].prefix(modules.count)) }
        // Shared: $s, $a, $b, the i32 function, two arrays; per module: the last struct.
        #expect(registry.count == 4 + 2 + modules.count)
        let expected = all[0]
        #expect(Set(expected.prefix(modules.count).map { $0[5] }).count == modules.count)
        #expect(registry.isSubtype(expected[3][1], expected[9][0]))
    }
}
