import Testing
import WasmFormat
@testable import WasmFiber

/// Host functions: their types from typed closures, conversions between Swift and WebAssembly
/// values, the checks of arguments and results. The host calls them directly here (no
/// WebAssembly involved).
@Suite struct HostFunctionTests {
    @Test func typesFromClosureSignatures() {
        #expect(Function { () in }.type == FunctionType())
        #expect(Function { (x: Int32) in _ = x }.type == FunctionType(parameters: [.i32]))
        #expect(Function { (a: Int32, b: Int64) -> Double in Double(a) + Double(b) }.type
            == FunctionType(parameters: [.i32, .i64], results: [.f64]))
        #expect(Function { (a: UInt32, b: UInt64, c: Float, d: Bool) -> Bool in d }.type
            == FunctionType(parameters: [.i32, .i64, .f32, .i32], results: [.i32]))
        #expect(Function { (a: Int32) in (a, Int64(a)) }.type == FunctionType(parameters: [.i32], results: [.i32, .i64]))
        #expect(Function { () in (Int32(1), Float(2), Double(3)) }.type == FunctionType(results: [.i32, .f32, .f64]))
        #expect(Function { (f: Function?, e: ExternRef?, x: ExceptionRef?) -> Function in Function { () in } }.type
            == FunctionType(parameters: [.funcRef, .externRef, .ref(RefType(nullable: true, .abstract(.exn)))],
                            results: [.ref(RefType(nullable: false, .abstract(.func)))]))
        #expect(Function { (caller: Caller, x: Int32) -> Int32 in x }.type == FunctionType(parameters: [.i32], results: [.i32]))
        #expect(Function { (caller: Caller) in }.type == FunctionType())
        #expect(Function { (caller: Caller, x: Int64) in (x, x) }.type == FunctionType(parameters: [.i64], results: [.i64, .i64]))
        #expect(Function { () in }.isHostFunction)
    }

    @Test func typedCallsConvertArgumentsAndResults() throws {
        let add = Function { (a: Int32, b: Int32) -> Int32 in a &+ b }
        let sum: Int32 = try add.call(Int32(2), Int32(40))
        #expect(sum == 42)
        #expect(try add.call([.i32(1), .i32(2)]).map(\.description) == ["i32:3"])
        let divmod = Function { (a: UInt32, b: UInt32) in (a / b, a % b) }
        let (q, r): (UInt32, UInt32) = try divmod.call(UInt32(17), UInt32(5))
        #expect(q == 3 && r == 2)
        let negate = Function { (x: Double) -> Double in -x }
        #expect(try negate.call(2.5) as Double == -2.5)
        let isOdd = Function { (x: Int64) -> Bool in x % 2 != 0 }
        #expect(try isOdd.call(Int64(3)) as Bool)
        #expect(try isOdd.call([.i64(4)]).first?.bitwiseEquals(.i32(0)) == true)
        nonisolated(unsafe) var seen: [Int32] = []
        let log = Function { (x: Int32) in seen.append(x) }
        try log.call(Int32(7))
        _ = try log.call([.i32(8)])
        #expect(seen == [7, 8])
    }

    @Test func referencesConvert() throws {
        let identity = Function { (f: Function?) -> Function? in f }
        let target = Function { () in }
        let back: Function? = try identity.call(Optional(target))
        #expect(back?.isSame(as: target) == true)
        let none: Function? = try identity.call(Function?.none)
        #expect(none == nil)
        let externs = Function { (e: ExternRef?) -> ExternRef? in e.map { ExternRef($0.id + 1) } }
        #expect(try externs.call([.externRef(ExternRef(41))]).first?.bitwiseEquals(.externRef(ExternRef(42))) == true)
        #expect(try externs.call([.externRef(nil)]).first?.bitwiseEquals(.externRef(nil)) == true)
    }

    @Test func valueConversions() {
        #expect(Int32(wasmValue: .i32(-1)) == -1)
        #expect(UInt32(wasmValue: .i32(-1)) == UInt32.max)
        #expect(UInt64(wasmValue: .i64(-1)) == UInt64.max)
        #expect(Int32(wasmValue: .i64(1)) == nil)
        #expect(Bool(wasmValue: .i32(5)) == true)
        #expect(Float(wasmValue: .f64(1)) == nil)
        #expect(UInt32.max.wasmValue.bitwiseEquals(.i32(-1)))
        #expect(Function?.valueType == .funcRef)
        #expect(ExternRef?.valueType == .externRef)
        #expect(ExternRef?(wasmValue: .externRef(nil)) == .some(nil))
        #expect(ExternRef?(wasmValue: .funcRef(nil)) == nil, "a null of another hierarchy")
        #expect(ExternRef(wasmValue: .externRef(nil)) == nil, "(ref extern) is never null")
        #expect(Int32.resultTypes == [.i32])
        #expect(Int32(wasmResults: [.i32(1), .i32(2)][...]) == nil)
    }

    @Test func argumentsAreCheckedBeforeTheCall() throws {
        nonisolated(unsafe) var calls = 0
        let function = Function { (x: Int32, y: Int64) in calls += 1 }
        #expect(throws: CallError.self) { try function.call([.i32(1)]) }
        #expect(throws: CallError.self) { try function.call([.i32(1), .i32(2)]) }
        #expect(throws: CallError.self) { try function.call([.i32(1), .i64(2), .i64(3)]) }
        do {
            _ = try function.call([.i64(1), .i64(2)])
        } catch let error as CallError {
            #expect(error.message.contains("argument 0"))
            #expect(error.message.contains("must be i32"))
        }
        #expect(calls == 0)
        let nonNull = Function { (f: Function) in _ = f }
        #expect(throws: CallError.self) { try nonNull.call([.funcRef(nil)]) }
    }

    @Test func typedResultsMustFit() throws {
        let two = Function { () in (Int32(1), Int32(2)) }
        #expect(throws: CallError.self) { try two.call() as Int32 }
        #expect(throws: CallError.self) { try two.call() as (Int32, Int64) }
        #expect(throws: CallError.self) { try two.call() as (Int32, Int32, Int32) }
        let (a, b): (Int32, Int32) = try two.call()
        #expect(a == 1 && b == 2)
    }

    @Test func dynamicHostFunctions() throws {
        let type = FunctionType(parameters: [.i32, .f64], results: [.f64])
        let scale = Function(type: type) { _, arguments in
            guard case .i32(let n) = arguments[0], n >= 0, case .f64(let x) = arguments[1] else { return [] }
            return [.f64(Double(n) * x)]
        }
        #expect(scale.type == type)
        #expect(try scale.call([.i32(3), .f64(1.5)]).first?.bitwiseEquals(.f64(4.5)) == true)
        // The body broke its type: too few results, or one of the wrong type.
        #expect(throws: HostFunctionError.self) { try scale.call([.i32(-3), .f64(1)]) }
        let wrong = Function(type: FunctionType(results: [.i64])) { _, _ in [.i32(1)] }
        do {
            _ = try wrong.call([])
            Issue.record("no error")
        } catch let error as HostFunctionError {
            #expect(error.message.contains("result 0"))
        }
    }

    @Test func hostErrorsPassThroughWhenCalledDirectly() {
        struct Failure: Error {}
        let failing = Function { () throws -> Int32 in throw Failure() }
        #expect(throws: Failure.self) { try failing.call() as Int32 }
    }

    @Test func importsDefineAndLookUp() throws {
        var imports = Imports()
        imports.define("env", "add") { (a: Int32, b: Int32) -> Int32 in a + b }
        imports.define("env", "log") { (x: Int32) in _ = x }
        imports.define("env", "pair") { (x: Int32) in (x, x) }
        imports.define("env", "callerLog") { (caller: Caller, x: Int32) in _ = caller.memory() }
        imports.define("env", "dynamic", type: FunctionType(parameters: [.i64])) { _, _ in [] }
        imports.define("env", "memory", .memory(try Memory(type: MemoryType(limits: Limits(min: 1)))))
        guard case .function(let add)? = imports["env", "add"] else { Issue.record("no add"); return }
        #expect(add.type == FunctionType(parameters: [.i32, .i32], results: [.i32]))
        guard case .function(let dynamic)? = imports["env", "dynamic"] else { Issue.record("no dynamic"); return }
        #expect(dynamic.type == FunctionType(parameters: [.i64]))
        #expect(imports["env", "memory"]?.kind == .memory)
        #expect(imports["env", "absent"] == nil)
        imports["env", "memory"] = nil
        #expect(imports["env", "memory"] == nil)
    }
}
