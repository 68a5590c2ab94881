import Testing
import WasmFormat
@testable import WasmFiber

/// Import subtyping: each rule of external type matching, accepted and rejected. Types come
/// from modules registered in the shared registry (which `ImportMatching` consults).
@Suite("ImportMatching")
struct ImportMatchingTests {
    /// An exporting module's types and an importing module's own copies of them.
    struct Types {
        /// `f`: `(func (param i32))`; `open`: a non-final function type and `sub` its declared
        /// subtype; `h`: `(func (param i64))`, unrelated to the others.
        let f: Int, open: Int, sub: Int, h: Int
    }

    /// Registers the same types from two modules (an exporter and an importer).
    static func registeredTypes() throws -> (exporter: Types, importer: Types) {
        let exporter = TypeRegistry.shared.register(try validModule("""
            (module
              (type $f (func (param i32)))
              (type $open (sub (func (param (ref any)))))
              (type $sub (sub $open (func (param anyref))))
              (type $h (func (param i64))))
            """))
        let importer = TypeRegistry.shared.register(try validModule("""
            (module
              (type (struct))
              (type $h (func (param i64)))
              (type $f (func (param i32)))
              (type $open (sub (func (param (ref any)))))
              (type $sub (sub $open (func (param anyref)))))
            """))
        return (Types(f: exporter[0], open: exporter[1], sub: exporter[2], h: exporter[3]),
                Types(f: importer[2], open: importer[3], sub: importer[4], h: importer[1]))
    }

    // MARK: limits

    @Test func limitsMatchWhenTheActualRangeLiesWithinTheExpectedOne() {
        #expect(ImportMatching.limits(Limits(min: 1, max: 2), matches: Limits(min: 1, max: 2)))
        #expect(ImportMatching.limits(Limits(min: 3, max: 4), matches: Limits(min: 1, max: 5)))
        #expect(ImportMatching.limits(Limits(min: 3), matches: Limits(min: 2)))
        #expect(ImportMatching.limits(Limits(min: 3, max: 9), matches: Limits(min: 0)), "no expected maximum")
    }

    @Test func limitsDoNotMatchASmallerMinimumOrALargerOrMissingMaximum() {
        #expect(!ImportMatching.limits(Limits(min: 1, max: 2), matches: Limits(min: 2, max: 2)))
        #expect(!ImportMatching.limits(Limits(min: 1, max: 3), matches: Limits(min: 1, max: 2)))
        #expect(!ImportMatching.limits(Limits(min: 1), matches: Limits(min: 1, max: 2)))
    }

    // MARK: tables

    @Test func tablesMatchWithEquivalentElementTypesAcrossModules() throws {
        let (exporter, importer) = try Self.registeredTypes()
        let actual = TableType(elementType: RefType(nullable: true, .concrete(UInt32(exporter.f))), limits: Limits(min: 2, max: 3))
        let expected = TableType(elementType: RefType(nullable: true, .concrete(UInt32(importer.f))), limits: Limits(min: 1, max: 4))
        #expect(ImportMatching.table(actual, matches: expected))
        #expect(ImportMatching.table(TableType(elementType: .funcRef, limits: Limits(min: 1)),
                                     matches: TableType(elementType: .funcRef, limits: Limits(min: 1))))
    }

    @Test func tablesDoNotMatchWithSubtypeElementTypes() throws {
        let (exporter, importer) = try Self.registeredTypes()
        let limits = Limits(min: 1)
        func table(_ heapType: HeapType, nullable: Bool = true) -> TableType {
            TableType(elementType: RefType(nullable: nullable, heapType), limits: limits)
        }
        let f = HeapType.concrete(UInt32(exporter.f))
        #expect(!ImportMatching.table(table(f), matches: table(.abstract(.func))), "funcref is a supertype, not equivalent")
        #expect(!ImportMatching.table(table(.abstract(.func)), matches: table(f)))
        #expect(!ImportMatching.table(table(f, nullable: false), matches: table(f)), "nullability must agree")
        #expect(!ImportMatching.table(table(.concrete(UInt32(exporter.sub))), matches: table(.concrete(UInt32(importer.open)))))
        #expect(!ImportMatching.table(table(.concrete(UInt32(exporter.h))), matches: table(.concrete(UInt32(importer.f)))))
    }

    @Test func tablesDoNotMatchWithAnotherAddressTypeOrMismatchedLimits() {
        let table32 = TableType(elementType: .externRef, limits: Limits(min: 1))
        var table64 = table32
        table64.addressType = .i64
        #expect(ImportMatching.table(table64, matches: table64))
        #expect(!ImportMatching.table(table64, matches: table32))
        #expect(!ImportMatching.table(table32, matches: table64))
        #expect(!ImportMatching.table(table32, matches: TableType(elementType: .externRef, limits: Limits(min: 2))))
    }

    // MARK: memories

    @Test func memoriesMatchWithSameAddressTypeSharednessAndMatchingLimits() {
        #expect(ImportMatching.memory(MemoryType(limits: Limits(min: 2, max: 3)), matches: MemoryType(limits: Limits(min: 1))))
        #expect(ImportMatching.memory(MemoryType(limits: Limits(min: 1, max: 2), shared: true, addressType: .i64),
                                      matches: MemoryType(limits: Limits(min: 1, max: 2), shared: true, addressType: .i64)))
    }

    @Test func memoriesDoNotMatchWithOtherAddressTypeSharednessOrLimits() {
        let plain = MemoryType(limits: Limits(min: 1, max: 2))
        #expect(!ImportMatching.memory(MemoryType(limits: Limits(min: 1, max: 2), addressType: .i64), matches: plain))
        #expect(!ImportMatching.memory(plain, matches: MemoryType(limits: Limits(min: 1, max: 2), addressType: .i64)))
        #expect(!ImportMatching.memory(MemoryType(limits: Limits(min: 1, max: 2), shared: true), matches: plain))
        #expect(!ImportMatching.memory(plain, matches: MemoryType(limits: Limits(min: 1, max: 2), shared: true)))
        #expect(!ImportMatching.memory(plain, matches: MemoryType(limits: Limits(min: 1, max: 1))))
    }

    // MARK: globals

    @Test func immutableGlobalsAreCovariant() throws {
        let (exporter, importer) = try Self.registeredTypes()
        #expect(ImportMatching.global(GlobalType(.i32, mutable: false), matches: GlobalType(.i32, mutable: false)))
        #expect(ImportMatching.global(GlobalType(ref(exporter.f), mutable: false), matches: GlobalType(.funcRef, mutable: false)))
        #expect(ImportMatching.global(GlobalType(ref(exporter.sub), mutable: false), matches: GlobalType(ref(importer.open), mutable: false)))
        #expect(ImportMatching.global(GlobalType(ref(exporter.f), mutable: false), matches: GlobalType(ref(importer.f, nullable: true), mutable: false)))
        #expect(!ImportMatching.global(GlobalType(.funcRef, mutable: false), matches: GlobalType(ref(importer.f), mutable: false)))
        #expect(!ImportMatching.global(GlobalType(ref(exporter.open), mutable: false), matches: GlobalType(ref(importer.sub), mutable: false)))
        #expect(!ImportMatching.global(GlobalType(.i32, mutable: false), matches: GlobalType(.i64, mutable: false)))
        #expect(!ImportMatching.global(GlobalType(.externRef, mutable: false), matches: GlobalType(.funcRef, mutable: false)))
    }

    @Test func mutableGlobalsAreInvariant() throws {
        let (exporter, importer) = try Self.registeredTypes()
        #expect(ImportMatching.global(GlobalType(.i64, mutable: true), matches: GlobalType(.i64, mutable: true)))
        #expect(ImportMatching.global(GlobalType(ref(exporter.f), mutable: true), matches: GlobalType(ref(importer.f), mutable: true)))
        #expect(!ImportMatching.global(GlobalType(ref(exporter.f), mutable: true), matches: GlobalType(.funcRef, mutable: true)))
        #expect(!ImportMatching.global(GlobalType(ref(exporter.sub), mutable: true), matches: GlobalType(ref(importer.open), mutable: true)))
        #expect(!ImportMatching.global(GlobalType(ref(exporter.f), mutable: true), matches: GlobalType(ref(importer.f, nullable: true), mutable: true)))
    }

    @Test func globalsDoNotMatchWithOtherMutability() {
        #expect(!ImportMatching.global(GlobalType(.i32, mutable: true), matches: GlobalType(.i32, mutable: false)))
        #expect(!ImportMatching.global(GlobalType(.i32, mutable: false), matches: GlobalType(.i32, mutable: true)))
    }

    // MARK: functions and tags

    @Test func functionsMatchTheirTypeAndItsDeclaredSupertypes() throws {
        let (exporter, importer) = try Self.registeredTypes()
        #expect(ImportMatching.function(exporter.f, matches: importer.f))
        #expect(ImportMatching.function(exporter.sub, matches: importer.open))
        #expect(ImportMatching.function(exporter.sub, matches: importer.sub))
        #expect(!ImportMatching.function(exporter.open, matches: importer.sub), "a supertype does not match")
        #expect(!ImportMatching.function(exporter.h, matches: importer.f))
    }

    @Test func hostFunctionsMatchAnEqualModuleFunctionType() throws {
        let (_, importer) = try Self.registeredTypes()
        let host = TypeRegistry.shared.register(FunctionType(parameters: [.i32]))
        #expect(ImportMatching.function(host, matches: importer.f))
        #expect(!ImportMatching.function(host, matches: importer.h))
    }

    @Test func tagsMatchOnlyTheSameType() throws {
        let (exporter, importer) = try Self.registeredTypes()
        #expect(ImportMatching.tag(exporter.f, matches: importer.f))
        #expect(!ImportMatching.tag(exporter.sub, matches: importer.open), "tags are invariant")
        #expect(!ImportMatching.tag(exporter.h, matches: importer.f))
    }

    @Test func canonicalImportAndExportTypesOfTwoModulesMatch() throws {
        let exporter = try validModule("""
            (module (type $f (func (param i32)))
              (global (export "g") (ref null $f) (ref.null $f))
              (table (export "t") 2 (ref null $f))
              (tag (export "e") (type $f)))
            """)
        let importer = try validModule("""
            (module (type (func)) (type $f (func (param i32)))
              (import "a" "g" (global (ref null func)))
              (import "a" "t" (table 1 (ref null $f)))
              (import "a" "e" (tag (type $f))))
            """)
        let exporterIDs = TypeRegistry.shared.register(exporter)
        let importerIDs = TypeRegistry.shared.register(importer)
        guard case .global(let expectedGlobal) = importer.imports[0].descriptor,
              case .table(let expectedTable) = importer.imports[1].descriptor,
              case .tag(let expectedTag) = importer.imports[2].descriptor else {
            Issue.record("unexpected imports \(importer.imports)")
            return
        }
        #expect(ImportMatching.global(TypeRegistry.canonical(exporter.globals[0].type, typeIDs: exporterIDs),
                                      matches: TypeRegistry.canonical(expectedGlobal, typeIDs: importerIDs)))
        #expect(ImportMatching.table(TypeRegistry.canonical(exporter.tables[0].type, typeIDs: exporterIDs),
                                     matches: TypeRegistry.canonical(expectedTable, typeIDs: importerIDs)))
        #expect(ImportMatching.tag(TypeRegistry.canonical(exporter.tags[0], typeIDs: exporterIDs),
                                   matches: TypeRegistry.canonical(expectedTag, typeIDs: importerIDs)))
    }
}
