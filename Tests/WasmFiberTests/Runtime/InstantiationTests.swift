#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import WasmFormat
import WasmText
@testable import WasmFiber

/// Instantiation without running code: the objects created, constant expressions, element and
/// data segments, exports, and the traps of segment initialisation with their partial effects.
@Suite struct InstantiationTests {
    let engine = Engine()

    func instantiate(_ wat: String, _ imports: Imports = Imports()) throws -> Instance {
        try Instance(try Module(wat: wat), imports: imports, engine: engine)
    }

    // MARK: Modules

    @Test func moduleErrorsPassThroughByType() throws {
        #expect(throws: DecodingError.self) { try WasmFiber.Module(bytes: [0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]) }
        #expect(throws: ValidationError.self) { try Module(wat: "(module (func (result i32)))") }
        #expect(throws: TextError.self) { try Module(wat: "(module (func") }
    }

    @Test func moduleDescribesImportsExportsAndName() throws {
        let module = try Module(wat: """
            (module $lib (import "env" "f" (func)) (memory (export "mem") 1) (func (export "g")))
            """)
        #expect(module.name == "lib")
        #expect(module.imports.map(\.name) == ["f"])
        #expect(module.exports.map(\.name) == ["mem", "g"])
        #expect(module.exports.map(\.kind) == [.memory, .function])
    }

    @Test func moduleFromFileBinaryOrText() throws {
        let directory = "/tmp/wasmfiber-module-tests-\(getpid())"
        mkdir(directory, 0o755)
        let text = #"(module (global (export "g") i32 (i32.const 7)))"#
        let binary = try parseWAT(text)
        let textPath = directory + "/m.wat", binaryPath = directory + "/m.wasm", oddPath = directory + "/m.txt"
        for (path, bytes) in [(textPath, Array(text.utf8)), (binaryPath, binary), (oddPath, Array(("  \n" + text).utf8))] {
            let file = fopen(path, "wb")!
            _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
        }
        for path in [textPath, binaryPath, oddPath] {
            let instance = try Instance(try Module(path: path), engine: engine)
            #expect(instance.global("g")?.value.bitwiseEquals(.i32(7)) == true)
        }
        #expect(throws: ModuleFileError.self) { try Module(path: directory + "/absent.wasm") }
        for path in [textPath, binaryPath, oddPath] { unlink(path) }
        rmdir(directory)
    }

    // MARK: Objects and exports

    @Test func exportsInModuleOrderByKind() throws {
        let instance = try instantiate("""
            (module
              (func (export "f"))
              (table (export "t") 2 funcref)
              (memory (export "m") 1 3)
              (global (export "g") (mut i64) (i64.const -5))
              (tag (export "e") (param i32)))
            """)
        #expect(instance.exports.map(\.name) == ["f", "t", "m", "g", "e"])
        #expect(instance.exports.map(\.value.kind) == [.function, .table, .memory, .global, .tag])
        #expect(instance.function("f")?.type == FunctionType())
        #expect(instance.table("t")?.size == 2)
        #expect(instance.memory("m")?.type == MemoryType(limits: Limits(min: 1, max: 3)))
        #expect(instance.global("g")?.type == GlobalType(.i64, mutable: true))
        #expect(instance.tag("e")?.type == FunctionType(parameters: [.i32]))
        #expect(instance.export("none") == nil)
        #expect(instance.memory("f") == nil, "an export of another kind")
    }

    @Test func namesAreComparedByTheirBytes() throws {
        // Three spellings of "Å" that Swift's String == considers equal.
        let names = ["\u{C5}", "A\u{30A}", "\u{212B}"]
        let instance = try instantiate("(module " + names.enumerated().map { index, name in
            "(global (export \"\(name)\") i32 (i32.const \(index)))"
        }.joined(separator: " ") + ")")
        for (index, name) in names.enumerated() {
            #expect(instance.global(name)?.value.bitwiseEquals(.i32(Int32(index))) == true)
        }
        var imports = Imports()
        imports.define("env", names[0], .global(try Global(type: GlobalType(.i32, mutable: false), value: .i32(0))))
        #expect(imports["env", names[1]] == nil)
    }

    @Test func reexportedImportsAreTheSameObjects() throws {
        let tag = Tag(type: FunctionType())
        let host = Function { () in }
        var imports = Imports()
        imports.define("env", "e", .tag(tag))
        imports.define("env", "f", .function(host))
        let instance = try instantiate("""
            (module (import "env" "e" (tag $e)) (import "env" "f" (func $f))
              (export "e" (tag $e)) (export "f" (func $f)))
            """, imports)
        #expect(instance.tag("e")?.isSame(as: tag) == true)
        #expect(instance.function("f")?.isSame(as: host) == true)
    }

    @Test func eachInstanceHasItsOwnObjects() throws {
        let module = try Module(wat: #"(module (global (export "g") (mut i32) (i32.const 0)) (tag (export "e")))"#)
        let a = try Instance(module, engine: engine), b = try Instance(module, engine: engine)
        try a.global("g")!.set(.i32(1))
        #expect(b.global("g")!.value.bitwiseEquals(.i32(0)))
        #expect(a.tag("e")!.isSame(as: b.tag("e")!) == false)
    }

    // MARK: Globals

    @Test func globalInitializersSeeEarlierGlobalsImportedAndDefined() throws {
        var imports = Imports()
        imports.define("env", "base", .global(try Global(type: GlobalType(.i32, mutable: false), value: .i32(40))))
        let instance = try instantiate("""
            (module
              (import "env" "base" (global $base i32))
              (global $a i32 (i32.add (global.get $base) (i32.const 2)))
              (global $b (export "b") i32 (i32.mul (global.get $a) (i32.const 10)))
              (global (export "c") i64 (i64.sub (i64.const 1) (i64.const 3)))
              (global (export "wrap") i32 (i32.add (i32.const 0x7fffffff) (i32.const 1)))
              (global (export "f") f64 (f64.const -0x1.8p1))
              (global (export "nan") f32 (f32.const nan:0x200001)))
            """, imports)
        #expect(instance.global("b")!.value.bitwiseEquals(.i32(420)))
        #expect(instance.global("c")!.value.bitwiseEquals(.i64(-2)))
        #expect(instance.global("wrap")!.value.bitwiseEquals(.i32(Int32.min)))
        #expect(instance.global("f")!.value.bitwiseEquals(.f64(-3)))
        guard case .f32(let nan) = instance.global("nan")!.value else { Issue.record("not an f32"); return }
        #expect(nan.bitPattern == 0x7fa0_0001, "NaN payload kept")
    }

    @Test func referenceGlobals() throws {
        let instance = try instantiate("""
            (module
              (func $f (export "f"))
              (global (export "fr") funcref (ref.func $f))
              (global (export "null") externref (ref.null extern)))
            """)
        guard case .funcRef(let function?) = instance.global("fr")!.value else { Issue.record("not a function"); return }
        #expect(function.isSame(as: instance.function("f")!))
        #expect(instance.global("null")!.value.bitwiseEquals(.externRef(nil)))
    }

    @Test func gcConstantExpressionsAreAClearError() throws {
        do {
            _ = try instantiate("(module (global (ref i31) (ref.i31 (i32.const 1))))")
            Issue.record("instantiated")
        } catch let error as InstantiationError {
            #expect(error.message.contains("ref.i31"))
        }
    }

    // MARK: Tables and elements

    @Test func tablesStartNullOrWithTheirInitializer() throws {
        let instance = try instantiate("""
            (module
              (func $f (export "f"))
              (table (export "plain") 2 funcref)
              (table (export "filled") 3 funcref (ref.func $f)))
            """)
        #expect(try instance.table("plain")!.get(1).bitwiseEquals(.funcRef(nil)))
        for index in 0..<3 {
            guard case .funcRef(let function?) = try instance.table("filled")!.get(index) else { Issue.record("null"); continue }
            #expect(function.isSame(as: instance.function("f")!))
        }
    }

    @Test func activeElementSegmentsFillTablesAndAreDropped() throws {
        var imports = Imports()
        imports.define("env", "base", .global(try Global(type: GlobalType(.i32, mutable: false), value: .i32(1))))
        let instance = try instantiate("""
            (module
              (import "env" "base" (global $base i32))
              (table $t (export "t") 6 funcref)
              (func $a (export "a")) (func $b (export "b"))
              (elem (table $t) (i32.const 0) func $a $b)
              (elem (table $t) (global.get $base) funcref (ref.func $b) (ref.null func))
              (elem (table $t) (i32.add (global.get $base) (i32.const 3)) funcref (item ref.func $a))
              (elem $passive func $b $a)
              (elem declare func $a))
            """, imports)
        let table = instance.table("t")!
        let a = instance.function("a")!, b = instance.function("b")!
        func function(_ index: Int) throws -> Function? {
            if case .funcRef(let function) = try table.get(index) { return function }
            return nil
        }
        #expect(try function(0)?.isSame(as: a) == true)
        #expect(try function(1)?.isSame(as: b) == true, "the second segment overwrote index 1")
        #expect(try function(2) == nil)
        #expect(try function(3) == nil)
        #expect(try function(4)?.isSame(as: a) == true)
        // Active and declarative segments are dropped; the passive one stays for table.init.
        let elements = instance.handle.elements
        #expect(elements.map(\.count) == [0, 0, 0, 2, 0])
        #expect(elements[3] == [Reference.function(b.handle), Reference.function(a.handle)])
    }

    @Test func elementSegmentOutOfBoundsTrapsAfterEarlierSegmentsWrote() throws {
        let shared = try Table(type: TableType(elementType: .funcRef, limits: Limits(min: 3)), initial: .funcRef(nil))
        let memory = try Memory(type: MemoryType(limits: Limits(min: 1)))
        var imports = Imports()
        imports.define("env", "t", .table(shared))
        imports.define("env", "m", .memory(memory))
        let module = try Module(wat: """
            (module
              (import "env" "t" (table 3 funcref))
              (import "env" "m" (memory 1))
              (func $f)
              (elem (i32.const 0) $f)
              (elem (i32.const 2) $f $f)
              (data (i32.const 0) "\\2a"))
            """)
        do {
            _ = try Instance(module, imports: imports, engine: engine)
            Issue.record("instantiated")
        } catch let trap as Trap {
            #expect(trap.kind == .outOfBoundsTableAccess)
            #expect(trap.message == "out of bounds table access")
        }
        // The first segment's write stays (and its function stays callable through the
        // table); the trapping segment wrote nothing, and the data segments never ran.
        guard case .funcRef(let function?) = try shared.get(0) else { Issue.record("segment 0 not written"); return }
        #expect(function.type == FunctionType())
        #expect(try shared.get(2).bitwiseEquals(.funcRef(nil)))
        #expect(try memory.read(at: 0, count: 1) == [0])
    }

    @Test func elementSegmentBeyondTheEndTrapsEvenWhenEmpty() throws {
        #expect(throws: Trap.self) {
            _ = try instantiate("(module (table 1 funcref) (elem (i32.const 2) func))")
        }
        _ = try instantiate("(module (table 1 funcref) (elem (i32.const 1) func))")
    }

    @Test func table64Offsets() throws {
        let instance = try instantiate("""
            (module (table (export "t") i64 2 funcref) (func $f) (elem (table 0) (i64.const 1) func $f))
            """)
        #expect(try instance.table("t")!.get(0).bitwiseEquals(.funcRef(nil)))
        #expect(try instance.table("t")!.get(1).isNull == false)
    }

    // MARK: Memories and data

    @Test func activeDataSegmentsFillMemoryAndAreDropped() throws {
        let instance = try instantiate("""
            (module
              (memory (export "m") 1)
              (global $at i32 (i32.const 8))
              (data (i32.const 0) "abc")
              (data (global.get $at) "\\01\\02")
              (data $passive "xyz")
              (data (i32.const 1) "B"))
            """)
        let memory = instance.memory("m")!
        #expect(try memory.string(at: 0, count: 3) == "aBc")
        #expect(try memory.read(at: 8, count: 3) == [1, 2, 0])
        #expect(instance.handle.dataSegments.map(\.count) == [0, 0, 3, 0])
    }

    @Test func dataSegmentOutOfBoundsTrapsAfterEarlierSegmentsWrote() throws {
        let memory = try Memory(type: MemoryType(limits: Limits(min: 1)))
        var imports = Imports()
        imports.define("env", "m", .memory(memory))
        let module = try Module(wat: """
            (module
              (import "env" "m" (memory 1))
              (data (i32.const 0) "first")
              (data (i32.const 65534) "abc")
              (data (i32.const 10) "never"))
            """)
        do {
            _ = try Instance(module, imports: imports, engine: engine)
            Issue.record("instantiated")
        } catch let trap as Trap {
            #expect(trap.kind == .outOfBoundsMemoryAccess)
        }
        #expect(try memory.string(at: 0, count: 5) == "first")
        #expect(try memory.read(at: 65534, count: 2) == [0, 0], "nothing of the trapping segment")
        #expect(try memory.read(at: 10, count: 5) == [0, 0, 0, 0, 0], "later segments do not run")
    }

    @Test func memory64DataOffsets() throws {
        let instance = try instantiate(#"(module (memory (export "m") i64 1) (data (i64.const 65535) "z"))"#)
        #expect(try instance.memory("m")!.string(at: 65535, count: 1) == "z")
    }

    @Test func memoriesAreCreatedWithTheEngineConfiguration() throws {
        var configuration = EngineConfiguration()
        configuration.memory = LinearMemory.Configuration(reservationLimit: 4 << 16)
        let small = Engine(configuration)
        let instance = try Instance(try Module(wat: #"(module (memory (export "m") 1))"#), engine: small)
        #expect(instance.memory("m")!.linearMemory.reservedByteCount == 4 << 16)
        do {
            _ = try Instance(try Module(wat: "(module (memory 5))"), engine: small)
            Issue.record("instantiated")
        } catch let error as InstantiationError {
            #expect(error.message.contains("exceeds the engine limit"))
        }
    }
}
