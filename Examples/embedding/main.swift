// Embedding WasmFiber in a Swift program: compile a module from text, give it host imports,
// call its exports, read its memory, and catch a trap with its WebAssembly backtrace.
//
//     swift run embedding-example
//
// Every call from here into WebAssembly runs on a fiber (a native stack the runtime owns);
// the host functions below run on top of that stack, never the other way round.

import WasmFiber
import WasmFormat  // FunctionType, MemoryType, Limits, ...

let source = """
    (module $greeter
      (import "env" "log" (func $log (param i32)))
      (import "env" "print" (func $print (param i32 i32)))
      (memory (export "memory") 1)
      (data (i32.const 0) "Hello from WebAssembly!")

      ;; Sums the bytes in [offset, offset + length), logging each partial sum of 8 bytes.
      (func (export "checksum") (param $offset i32) (param $length i32) (result i32)
        (local $i i32) (local $sum i32)
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
            (local.set $sum (i32.add (local.get $sum)
              (i32.load8_u (i32.add (local.get $offset) (local.get $i)))))
            (if (i32.eqz (i32.and (local.get $i) (i32.const 7)))
              (then (call $log (local.get $sum))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (local.get $sum))

      ;; n! by recursion (each call a native call on the fiber's stack).
      (func $factorial (export "factorial") (param $n i64) (result i64)
        (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
          (then (i64.const 1))
          (else (i64.mul (local.get $n) (call $factorial (i64.sub (local.get $n) (i64.const 1)))))))

      (func (export "greet") (call $print (i32.const 0) (i32.const 23)))

      ;; Divides, trapping on zero: the host sees a Trap with this function in its backtrace.
      (func $divide (param $a i32) (param $b i32) (result i32) (i32.div_s (local.get $a) (local.get $b)))
      (func $average (export "average") (param $total i32) (param $count i32) (result i32)
        (call $divide (local.get $total) (local.get $count))))
    """

do {
    let engine = Engine()
    let module = try Module(wat: source)

    var imports = Imports()
    // A typed host function: its WebAssembly type, [i32] -> [], comes from the closure's.
    imports.define("env", "log") { (sum: Int32) in
        print("  log: partial sum \(sum)")
    }
    // A host function that reads the calling instance's memory through the Caller.
    imports.define("env", "print") { (caller: Caller, offset: Int32, length: Int32) in
        guard let memory = caller.memory() else { return }
        print("  print: \(try memory.string(at: Int(offset), count: Int(length)))")
    }

    let instance = try Instance(module, imports: imports, engine: engine)

    print("greet():")
    try instance.call("greet")

    // Typed calls: arguments and the result convert between Swift and WebAssembly values.
    let length = Int32("Hello from WebAssembly!".utf8.count)
    print("checksum(0, \(length)):")
    let checksum: Int32 = try instance.call("checksum", Int32(0), length)
    print("  = \(checksum)")

    let factorial: Int64 = try instance.call("factorial", Int64(20))
    print("factorial(20) = \(factorial)")

    // Untyped calls take and return `Value`s.
    let average = try instance.call("average", [.i32(90), .i32(4)])
    print("average(90, 4) = \(average[0])")

    // The host writes into the instance's memory and WebAssembly reads it.
    let memory = instance.memory("memory")!
    try memory.write(Array("WasmFiber".utf8), at: 1024)
    let sum: Int32 = try instance.call("checksum", Int32(1024), Int32(9))
    print("checksum of \"WasmFiber\" written by the host = \(sum)")
    print("memory: \(memory.sizeInPages) page(s), first bytes \(try memory.read(at: 0, count: 5))")

    // A trap is a Swift error with the WebAssembly frames that were active, named from the
    // module's name section.
    do {
        let _: Int32 = try instance.call("average", Int32(1), Int32(0))
    } catch let trap as Trap {
        print("average(1, 0) trapped: \(trap.kind)")
        print(trap)
    }

    // Wrong arguments are refused before anything runs.
    do {
        _ = try instance.call("average", [.f64(1)])
    } catch {
        print("\(error)")
    }
} catch {
    print("error: \(error)")
}
