import Testing
import WasmFormat
import WasmText
@testable import WasmFiber

/// Runs functions of a module that imports nothing, instantiated by hand (functions,
/// memories and constant globals only), to exercise the interpreter on its own.
private func run(_ wat: String, _ name: String, _ arguments: [UInt64]) throws -> [UInt64] {
    let bytes = try parseWAT(wat)
    let module = try decodeModule(bytes)
    try validateModule(module)
    let context = try ValidationContext(module)
    let engine = Engine()
    let instance = ModuleInstance(module: module, context: context, typeIDs: Array(0..<module.types.count), engine: engine)
    engine.retain(instance)
    for (i, typeIndex) in module.functionTypeIndices.enumerated() {
        guard case .function(let type) = module.types[Int(typeIndex)].composite else { continue }
        instance.functions.append(FunctionInstance(typeID: Int(typeIndex), type: type, instance: instance, index: UInt32(i)))
    }
    for memory in module.memories {
        instance.memories.append(try LinearMemory(minimum: memory.limits.min, maximum: memory.limits.max))
    }
    for tag in module.tags {
        guard case .function(let type) = module.types[Int(tag.typeIndex)].composite else { continue }
        instance.tags.append(TagInstance(typeID: Int(tag.typeIndex), type: type))
    }
    guard let export = module.exports.first(where: { $0.name == name }) else { throw Trap(.other("no export")) }
    do {
        return try Interpreter.invoke(instance.functions[Int(export.index)], arguments: arguments, engine: engine)
    } catch {
        switch error {
        case .trap(let trap): throw trap
        case .exception: throw Trap(.other("exception"))
        }
    }
}

@Suite struct InterpreterSmokeTests {
    @Test func recursiveFibonacci() throws {
        let wat = """
        (module (func $fib (export "fib") (param i32) (result i32)
          (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
            (then (local.get 0))
            (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                           (call $fib (i32.sub (local.get 0) (i32.const 2))))))))
        """
        #expect(try run(wat, "fib", [20]) == [6765])
    }

    @Test func loopWithBranchesAndLocals() throws {
        let wat = """
        (module (func (export "sum") (param i32) (result i64) (local i64)
          (block $done (loop $next
            (br_if $done (i32.eqz (local.get 0)))
            (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br $next)))
          (local.get 1)))
        """
        #expect(try run(wat, "sum", [100]) == [5050])
    }

    @Test func memoryStoresAndLoads() throws {
        let wat = """
        (module (memory 1) (func (export "f") (param i32) (result i32)
          (i32.store (i32.const 8) (local.get 0))
          (i32.load8_u (i32.const 9))))
        """
        #expect(try run(wat, "f", [0x1234]) == [0x12])
    }

    @Test func divisionByZeroTrapsWithBacktrace() throws {
        let wat = """
        (module (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
                (func (export "f") (param i32) (result i32) (call $inner (local.get 0))))
        """
        let error = #expect(throws: Trap.self) { try run(wat, "f", [0]) }
        #expect(error?.kind == .integerDivideByZero)
        #expect(error?.backtrace.map(\.name) == ["inner", nil])
    }

    @Test func deepRecursionTrapsCallStackExhausted() throws {
        let wat = "(module (func $f (export \"f\") (param i32) (result i32) (i32.add (call $f (local.get 0)) (i32.const 1))))"
        let error = #expect(throws: Trap.self) { try run(wat, "f", [0]) }
        #expect(error?.kind == .callStackExhausted)
    }

    @Test func recursionDepthIsReported() throws {
        let wat = """
        (module (func $f (export "f") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
            (else (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))
        """
        #expect(try run(wat, "f", [300]) == [300])
        for n: UInt64 in [20_000, 40_000, 80_000, 160_000, 320_000] {
            let ok = (try? run(wat, "f", [n])) != nil
            print("depth \(n): \(ok)")
        }
    }

    @Test func tailCallsRunInConstantStack() throws {
        let wat = """
        (module (func $count (export "count") (param i64 i64) (result i64)
          (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
            (else (return_call $count (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 1)))))))
        """
        #expect(try run(wat, "count", [10_000_000, 0]) == [10_000_000])
    }

    @Test func exceptionsAreCaughtAcrossActivations() throws {
        let wat = """
        (module (tag $e (param i32))
          (func $thrower (param i32) (throw $e (local.get 0)))
          (func (export "f") (param i32) (result i32)
            (block $caught (result i32)
              (try_table (catch $e $caught) (call $thrower (local.get 0)))
              (i32.const -1))))
        """
        #expect(try run(wat, "f", [42]) == [42])
    }
}
