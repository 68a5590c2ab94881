import Testing
import WasmFormat
@testable import WasmFiber

/// Instances running code: calls from the host (typed and untyped, sync and async), host
/// imports called from WebAssembly, start functions, traps and uncaught exceptions as the host
/// sees them.
@Suite struct InstanceExecutionTests {
    let engine = Engine()

    func instantiate(_ wat: String, _ imports: Imports = Imports(), engine: Engine? = nil) throws -> Instance {
        try Instance(try Module(wat: wat), imports: imports, engine: engine ?? self.engine)
    }

    static let arithmetic = """
        (module
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "divmod") (param i64 i64) (result i64 i64)
            (i64.div_u (local.get 0) (local.get 1)) (i64.rem_u (local.get 0) (local.get 1)))
          (func (export "nothing")))
        """

    @Test func callsUntypedAndTyped() throws {
        let instance = try instantiate(Self.arithmetic)
        #expect(try instance.call("add", [.i32(2), .i32(3)]).map(\.description) == ["i32:5"])
        let sum: Int32 = try instance.call("add", Int32(40), Int32(2))
        #expect(sum == 42)
        let (q, r): (UInt64, UInt64) = try instance.call("divmod", UInt64(17), UInt64(5))
        #expect(q == 3 && r == 2)
        try instance.call("nothing")
        #expect(try instance.function("add")!.call(Int32(1), Int32(1)) as Int32 == 2)
    }

    @Test func asyncCalls() async throws {
        let instance = try await Instance(try Module(wat: Self.arithmetic), engine: engine)
        #expect(try await instance.call("add", [.i32(1), .i32(2)]).first?.bitwiseEquals(.i32(3)) == true)
        let sum: Int32 = try await instance.call("add", Int32(5), Int32(6))
        #expect(sum == 11)
        #expect(try await instance.function("add")!.call([.i32(0), .i32(0)]).count == 1)
    }

    @Test func callErrors() throws {
        let instance = try instantiate(#"(module (memory (export "m") 1) (func (export "f") (param i32)))"#)
        #expect(throws: CallError.self) { try instance.call("g", []) }
        #expect(throws: CallError.self) { try instance.call("m", []) }
        #expect(throws: CallError.self) { try instance.call("f", []) }
        #expect(throws: CallError.self) { try instance.call("f", [.f32(1)]) }
        #expect(throws: CallError.self) { try instance.call("f", Int32(1)) as Int32 }
    }

    @Test func hostImportsAreCalledFromWebAssembly() throws {
        nonisolated(unsafe) var logged: [Int32] = []
        var imports = Imports()
        imports.define("env", "log") { (x: Int32) in logged.append(x) }
        imports.define("env", "twice") { (x: Int64) -> Int64 in x * 2 }
        imports.define("env", "swap") { (a: Int32, b: Int32) in (b, a) }
        imports.define("env", "scale", type: FunctionType(parameters: [.f64], results: [.f64])) { _, arguments in
            guard case .f64(let x) = arguments[0] else { return [] }
            return [.f64(x * 10)]
        }
        let instance = try instantiate("""
            (module
              (import "env" "log" (func $log (param i32)))
              (import "env" "twice" (func $twice (param i64) (result i64)))
              (import "env" "swap" (func $swap (param i32 i32) (result i32 i32)))
              (import "env" "scale" (func $scale (param f64) (result f64)))
              (func (export "run") (result i64 f64)
                (call $log (i32.const 1))
                (call $swap (i32.const 2) (i32.const 3))
                (call $log) (call $log)
                (call $twice (i64.const 21))
                (call $scale (f64.const 0.5))))
            """, imports)
        let (doubled, scaled): (Int64, Double) = try instance.call("run")
        #expect(logged == [1, 2, 3])
        #expect(doubled == 42 && scaled == 5)
    }

    @Test func hostFunctionsReachTheCallersMemoryAndCallBack() throws {
        var imports = Imports()
        imports.define("env", "print") { (caller: Caller, offset: Int32, count: Int32) -> Int32 in
            let text = try caller.memory()!.string(at: Int(offset), count: Int(count))
            let length: Int32 = try caller.function("length")!.call(Int32(text.utf8.count))
            return length
        }
        let instance = try instantiate("""
            (module
              (import "env" "print" (func $print (param i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello")
              (func (export "length") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 100)))
              (func (export "main") (result i32) (call $print (i32.const 16) (i32.const 5))))
            """, imports)
        #expect(try instance.call("main") as Int32 == 500)
    }

    @Test func hostErrorsTrapTheCaller() throws {
        struct Refused: Error {}
        var imports = Imports()
        imports.define("env", "fail") { () throws in throw Refused() }
        let instance = try instantiate("""
            (module (import "env" "fail" (func $fail)) (func $inner (call $fail)) (func (export "outer") (call $inner)))
            """, imports)
        do {
            try instance.call("outer")
            Issue.record("no trap")
        } catch let trap as Trap {
            #expect(trap.kind == .hostError)
            #expect(trap.hostError is Refused)
            #expect(Array(trap.backtrace.map(\.name).prefix(2)) == ["inner", "outer"], "an unnamed function is shown by its export name")
        }
    }

    @Test func trapsCarryABacktraceWithNames() throws {
        let instance = try instantiate("""
            (module
              (func $deep (unreachable))
              (func $middle (call $deep))
              (func (export "top") (call $middle)))
            """)
        do {
            try instance.call("top")
            Issue.record("no trap")
        } catch let trap as Trap {
            #expect(trap.kind == .unreachable)
            #expect(Array(trap.backtrace.map(\.name).prefix(2)) == ["deep", "middle"])
            #expect(trap.description.hasPrefix("trap: unreachable\n  #0 deep (func 0)"))
        }
        // The instance stays usable after a trap.
        #expect(throws: Trap.self) { try instance.call("top") }
    }

    @Test func uncaughtExceptionsReachTheHost() throws {
        let instance = try instantiate("""
            (module
              (tag $oops (export "oops") (param i32 i64))
              (func (export "throw") (throw $oops (i32.const 7) (i64.const -1))))
            """)
        do {
            try instance.call("throw")
            Issue.record("no exception")
        } catch let exception as UncaughtException {
            #expect(exception.tag.isSame(as: instance.tag("oops")!))
            #expect(exception.payload.map(\.description) == ["i32:7", "i64:-1"])
        }
    }

    @Test func startFunctionRuns() throws {
        let instance = try instantiate("""
            (module
              (global $g (export "g") (mut i32) (i32.const 0))
              (memory (export "m") 1)
              (func $start (global.set $g (i32.const 9)) (i32.store8 (i32.const 3) (i32.const 0x41)))
              (start $start))
            """)
        #expect(instance.global("g")!.value.bitwiseEquals(.i32(9)))
        #expect(try instance.memory("m")!.string(at: 3, count: 1) == "A")
    }

    @Test func startFunctionTrapKeepsEffectsOnImports() throws {
        let memory = try Memory(type: MemoryType(limits: Limits(min: 1)))
        let table = try Table(type: TableType(elementType: .funcRef, limits: Limits(min: 2)), initial: .funcRef(nil))
        var imports = Imports()
        imports.define("env", "m", .memory(memory))
        imports.define("env", "t", .table(table))
        do {
            _ = try instantiate("""
                (module
                  (import "env" "m" (memory 1))
                  (import "env" "t" (table 2 funcref))
                  (func $answer (result i32) (i32.const 42))
                  (elem (i32.const 1) $answer)
                  (data (i32.const 0) "seg")
                  (func $start (i32.store8 (i32.const 3) (i32.const 0x21)) (unreachable))
                  (start $start))
                """, imports)
            Issue.record("instantiated")
        } catch let trap as Trap {
            #expect(trap.kind == .unreachable)
        }
        #expect(try memory.string(at: 0, count: 4) == "seg!")
        // The failed instance's function stays in the table, and callable.
        guard case .funcRef(let answer?) = try table.get(1) else { Issue.record("no function"); return }
        #expect(try answer.call() as Int32 == 42)
    }

    @Test func startFunctionExceptionIsUncaught() throws {
        #expect(throws: UncaughtException.self) {
            _ = try instantiate("(module (tag $e) (func $start (throw $e)) (start $start))")
        }
    }

    @Test func functionReferencesCrossTheBoundary() throws {
        var imports = Imports()
        imports.define("env", "make", type: FunctionType(results: [.funcRef])) { _, _ in
            // A host function made on the fly: the engine keeps it alive once WebAssembly has it.
            [.funcRef(Function { (x: Int32) -> Int32 in x + 1 })]
        }
        let instance = try instantiate("""
            (module
              (type $unary (func (param i32) (result i32)))
              (import "env" "make" (func $make (result funcref)))
              (table $t (export "t") 1 funcref)
              (func (export "store") (table.set $t (i32.const 0) (call $make)))
              (func (export "apply") (param i32) (result i32)
                (call_indirect $t (type $unary) (local.get 0) (i32.const 0)))
              (func (export "identity") (param funcref) (result funcref) (local.get 0)))
            """, imports)
        try instance.call("store")
        #expect(try instance.call("apply", Int32(41)) as Int32 == 42)
        let host = Function { () in }
        let back: Function? = try instance.call("identity", Optional(host))
        #expect(back?.isSame(as: host) == true)
        guard case .funcRef(let stored?) = try instance.table("t")!.get(0) else { Issue.record("empty"); return }
        #expect(try stored.call(Int32(1)) as Int32 == 2)
    }

    @Test func eagerTranslation() throws {
        let eager = Engine(EngineConfiguration(translatesEagerly: true))
        let instance = try instantiate(Self.arithmetic, engine: eager)
        #expect(instance.handle.functions.allSatisfy { $0.compiled != nil })
        #expect(try instance.call("add", Int32(1), Int32(2)) as Int32 == 3)
        let lazy = try instantiate(Self.arithmetic)
        #expect(lazy.handle.functions.allSatisfy { $0.compiled == nil })
    }

    @Test func importedGlobalsAreShared() throws {
        let counter = try Global(type: GlobalType(.i32, mutable: true), value: .i32(1))
        var imports = Imports()
        imports.define("env", "counter", .global(counter))
        let instance = try instantiate("""
            (module (import "env" "counter" (global $c (mut i32)))
              (func (export "bump") (global.set $c (i32.add (global.get $c) (i32.const 1)))))
            """, imports)
        try instance.call("bump")
        #expect(counter.value.bitwiseEquals(.i32(2)))
        try counter.set(.i32(10))
        try instance.call("bump")
        #expect(counter.value.bitwiseEquals(.i32(11)))
    }

    @Test func hostGrowthIsSeenByWebAssembly() throws {
        let instance = try instantiate(#"(module (memory (export "m") 1 4) (func (export "size") (result i32) (memory.size)))"#)
        #expect(instance.memory("m")!.grow(by: 2) == 1)
        #expect(try instance.call("size") as Int32 == 3)
    }
}
