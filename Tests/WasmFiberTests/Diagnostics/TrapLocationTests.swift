import Testing
@testable import WasmFiber

/// A trap's innermost frame names the instruction that raised it, whichever way its handler
/// fails (a hand-written handler keeps its error itself; a generated one reports a trap number
/// to its shell, fused records included).
@Suite struct TrapLocationTests {
    /// Each case: a function body (flat text) whose instruction `faulting` traps with `kind`
    /// when called with `arguments`, and `reference`, code of the same byte length starting
    /// with `unreachable`, put in its place: both traps must name the same byte offset.
    static let cases: [(name: String, body: String, faulting: String, reference: String, arguments: [Value], kind: TrapKind)] = [
        ("a plain load", "local.get 0 FAULT drop", "i32.load offset=8", "unreachable nop nop",
         [.i32(70_000), .i32(0)], .outOfBoundsMemoryAccess),
        ("a load fused with its address", "local.get 0 i32.const 4 i32.add FAULT drop", "i32.load8_u offset=8",
         "unreachable nop nop", [.i32(65_530), .i32(0)], .outOfBoundsMemoryAccess),
        ("a store", "local.get 0 local.get 1 FAULT", "i32.store16", "unreachable nop nop", [.i32(65_535), .i32(1)],
         .outOfBoundsMemoryAccess),
        ("a load operated on and stored back", "local.get 0 local.get 0 FAULT local.get 1 i32.add i32.store", "i32.load",
         "unreachable nop nop", [.i32(-4), .i32(1)], .outOfBoundsMemoryAccess),
        ("a division by zero", "local.get 0 local.get 1 FAULT drop", "i32.div_s", "unreachable", [.i32(1), .i32(0)],
         .integerDivideByZero),
        ("a signed overflow", "local.get 0 local.get 1 FAULT drop", "i32.div_s", "unreachable",
         [.i32(Int32.min), .i32(-1)], .integerOverflow),
        ("a float truncation", "local.get 0 f64.convert_i32_s FAULT drop", "i32.trunc_f64_u", "unreachable",
         [.i32(-5), .i32(0)], .integerOverflow),
    ]

    static func module(_ body: String, _ instruction: String) throws -> Module {
        try Module(wat: """
            (module
              (memory 1)
              (func $pad (result i32) (i32.const 0))
              (func (export "f") (param i32 i32)
                \(body.replacingOccurrences(of: "FAULT", with: instruction))))
            """)
    }

    static func trap(_ module: Module, _ arguments: [Value]) throws -> Trap? {
        let instance = try Instance(module, engine: Engine())
        do {
            _ = try instance.call("f", arguments)
        } catch let trap as Trap {
            return trap
        }
        return nil
    }

    @Test(arguments: cases.indices)
    func aTrapNamesTheInstructionThatRaisedIt(_ index: Int) throws {
        let c = Self.cases[index]
        let trap = try #require(try Self.trap(try Self.module(c.body, c.faulting), c.arguments), "\(c.name): no trap")
        let reference = try #require(try Self.trap(try Self.module(c.body, c.reference), c.arguments))
        #expect(trap.kind == c.kind, "\(c.name)")
        #expect(reference.kind == .unreachable && reference.backtrace.first?.offset != nil)
        #expect(trap.backtrace.first?.offset == reference.backtrace.first?.offset, "\(c.name): the trap names another instruction")
        #expect(trap.backtrace.first?.functionIndex == 1, "\(c.name)")
    }
}
