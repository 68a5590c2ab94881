import Testing
import WasmFormat
@testable import WasmFiber

/// Linking: imports resolved by name, then checked by kind and type; a failure creates
/// nothing. No WebAssembly code runs in these tests.
@Suite struct LinkingTests {
    let engine = Engine()

    /// The message of the `LinkError` that instantiating `wat` with `imports` throws.
    func linkError(_ wat: String, _ imports: Imports = Imports()) throws -> LinkError {
        let module = try Module(wat: wat)
        do {
            _ = try Instance(module, imports: imports, engine: engine)
        } catch let error as LinkError {
            return error
        }
        Issue.record("instantiation succeeded")
        return LinkError("")
    }

    func memory(_ min: UInt64, _ max: UInt64? = nil) throws -> ExternalValue {
        .memory(try Memory(type: MemoryType(limits: Limits(min: min, max: max))))
    }

    @Test func unknownImportNamesModuleAndName() throws {
        let error = try linkError(#"(module (import "env" "missing" (func)))"#)
        #expect(error.message.hasPrefix("unknown import"))
        #expect(error.message.contains(#""env" "missing""#))
        #expect(error.module == "env" && error.name == "missing")
    }

    @Test func aNameDefinedUnderAnotherModuleIsUnknown() throws {
        var imports = Imports()
        imports.define("other", "f", .function(Function { () in }))
        let error = try linkError(#"(module (import "env" "f" (func)))"#, imports)
        #expect(error.message.hasPrefix("unknown import"))
    }

    @Test func wrongKind() throws {
        var imports = Imports()
        imports.define("env", "f", try memory(1))
        let error = try linkError(#"(module (import "env" "f" (func)))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        #expect(error.message.contains("expected a func, got a memory"))
    }

    @Test func memoryLimits() throws {
        var imports = Imports()
        imports.define("env", "m", try memory(1))
        // Minimum too small.
        var error = try linkError(#"(module (import "env" "m" (memory 2)))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        #expect(error.message.contains("expected memory 2, got memory 1"))
        // A maximum is expected but the memory has none.
        error = try linkError(#"(module (import "env" "m" (memory 1 4)))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        // A larger maximum than expected.
        imports.define("env", "m", try memory(1, 8))
        error = try linkError(#"(module (import "env" "m" (memory 1 4)))"#, imports)
        #expect(error.message.contains("expected memory 1 4, got memory 1 8"))
        // Fitting limits link.
        imports.define("env", "m", try memory(2, 3))
        _ = try Instance(try Module(wat: #"(module (import "env" "m" (memory 1 4)))"#), imports: imports, engine: engine)
    }

    @Test func memoryLimitsUseTheCurrentSize() throws {
        let grown = try Memory(type: MemoryType(limits: Limits(min: 1, max: 4)))
        #expect(grown.grow(by: 2) == 1)
        var imports = Imports()
        imports.define("env", "m", .memory(grown))
        _ = try Instance(try Module(wat: #"(module (import "env" "m" (memory 3 4)))"#), imports: imports, engine: engine)
    }

    @Test func sharedMemoryMustMatch() throws {
        var imports = Imports()
        imports.define("env", "m", .memory(try Memory(type: MemoryType(limits: Limits(min: 1, max: 1), shared: true))))
        let error = try linkError(#"(module (import "env" "m" (memory 1 1)))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
    }

    @Test func tableLimitsAndElementType() throws {
        var imports = Imports()
        imports.define("env", "t", .table(try Table(type: TableType(elementType: .funcRef, limits: Limits(min: 2, max: 10)), initial: .funcRef(nil))))
        var error = try linkError(#"(module (import "env" "t" (table 3 funcref)))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        error = try linkError(#"(module (import "env" "t" (table 1 5 funcref)))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        error = try linkError(#"(module (import "env" "t" (table 1 externref)))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        _ = try Instance(try Module(wat: #"(module (import "env" "t" (table 1 10 funcref)))"#), imports: imports, engine: engine)
    }

    @Test func globalMutabilityAndType() throws {
        var imports = Imports()
        imports.define("env", "const", .global(try Global(type: GlobalType(.i32, mutable: false), value: .i32(1))))
        imports.define("env", "var", .global(try Global(type: GlobalType(.i32, mutable: true), value: .i32(1))))
        var error = try linkError(#"(module (import "env" "const" (global (mut i32))))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        #expect(error.message.contains("expected global (mut i32), got global i32"))
        error = try linkError(#"(module (import "env" "var" (global i32)))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        error = try linkError(#"(module (import "env" "const" (global i64)))"#, imports)
        #expect(error.message.contains("expected global i64, got global i32"))
        _ = try Instance(try Module(wat: #"(module (import "env" "const" (global i32)) (import "env" "var" (global (mut i32))))"#),
                         imports: imports, engine: engine)
    }

    @Test func immutableGlobalsAreCovariant() throws {
        var imports = Imports()
        let nonNull = RefType(nullable: false, .abstract(.func))
        let host = Function { () in }
        imports.define("env", "f", .global(try Global(type: GlobalType(.ref(nonNull), mutable: false), value: .funcRef(host))))
        imports.define("env", "g", .global(try Global(type: GlobalType(.ref(nonNull), mutable: true), value: .funcRef(host))))
        // (ref func) <: funcref: fine for an immutable global, not for a mutable one.
        _ = try Instance(try Module(wat: #"(module (import "env" "f" (global funcref)))"#), imports: imports, engine: engine)
        let error = try linkError(#"(module (import "env" "g" (global (mut funcref))))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
    }

    @Test func functionTypes() throws {
        var imports = Imports()
        imports.define("env", "f", .function(Function { (x: Int64) in _ = x }))
        let error = try linkError(#"(module (import "env" "f" (func (param i32))))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        #expect(error.message.contains("expected func [i32] -> [], got func [i64] -> []"))
        _ = try Instance(try Module(wat: #"(module (import "env" "f" (func (param i64))))"#), imports: imports, engine: engine)
    }

    @Test func functionSubtypesLinkOneWay() throws {
        let exporter = try Instance(try Module(wat: """
            (module
              (type $super (sub (func)))
              (type $sub (sub $super (func)))
              (func (export "sub") (type $sub))
              (func (export "super") (type $super)))
            """), engine: engine)
        var imports = Imports()
        imports.define("lib", instance: exporter)
        // A function of the subtype can stand for the supertype...
        _ = try Instance(try Module(wat: """
            (module (type $super (sub (func))) (import "lib" "sub" (func (type $super))))
            """), imports: imports, engine: engine)
        // ...but not the other way round.
        let error = try linkError("""
            (module
              (type $super (sub (func)))
              (type $sub (sub $super (func)))
              (import "lib" "super" (func (type $sub))))
            """, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
    }

    @Test func tagsMatchByTypeIdentity() throws {
        var imports = Imports()
        imports.define("env", "e", .tag(Tag(type: FunctionType(parameters: [.i32]))))
        let error = try linkError(#"(module (import "env" "e" (tag (param i64))))"#, imports)
        #expect(error.message.hasPrefix("incompatible import type"))
        _ = try Instance(try Module(wat: #"(module (import "env" "e" (tag (param i32))))"#), imports: imports, engine: engine)
    }

    @Test func functionsOfAnotherEngineDoNotLink() throws {
        let other = try Instance(try Module(wat: #"(module (func (export "f")))"#), engine: Engine())
        var imports = Imports()
        imports.define("lib", instance: other)
        let error = try linkError(#"(module (import "lib" "f" (func)))"#, imports)
        #expect(error.message.contains("another engine"))
    }

    @Test func nothingIsWrittenWhenLinkingFails() throws {
        let memory = try Memory(type: MemoryType(limits: Limits(min: 1)))
        var imports = Imports()
        imports.define("env", "m", .memory(memory))
        let error = try linkError("""
            (module (import "env" "m" (memory 1)) (import "env" "missing" (func))
              (data (i32.const 0) "\\01"))
            """, imports)
        #expect(error.message.hasPrefix("unknown import"))
        #expect(try memory.read(at: 0, count: 1) == [0])
    }
}
