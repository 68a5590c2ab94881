import Testing
import WasmFormat
@testable import WasmFiber

/// The translator's fused operators (Translator+Fusion.swift): each fused form gives exactly
/// the result of the instructions it replaces, and the translator really chooses it. Every
/// function comes twice: as written (fused) and with a `nop` between the instructions, which
/// stops every peephole, so the reference is the plain one-operator-per-record code.
@Suite struct FusedOperatorTests {
    let engine = Engine()

    /// The text names of the operators that chain (`op1` first, `op2` consuming its result).
    static let integerFirst = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u"]
    static let integerSecond = ["add", "sub", "mul", "and", "or", "xor"]
    static let floatOperators = ["add", "sub", "mul"]

    /// Every plain load, and memory contents for them to read (a signed and an unsigned byte in turn).
    static let loads = ["i32.load", "i64.load", "f32.load", "f64.load", "i32.load8_s", "i32.load8_u", "i32.load16_s",
                        "i32.load16_u", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s", "i64.load32_u"]
    static let data = "(data (i32.const 0) \"\\01\\82\\03\\84\\05\\86\\07\\88\\09\\8a\\0b\\8c\")"

    /// The internal operator of a plain load of memory 0 (`i64.load8_s` → `i64Load8S`).
    static func internalLoadName(_ instruction: String) -> String {
        String(instruction.prefix(3)) + "Load" + internalName(String(instruction.dropFirst(8)))
    }

    /// The internal operator's name for a text name (`shr_s` → `ShrS`).
    static func internalName(_ text: String) -> String {
        text.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// One chained form: its internal operator's name and the body computing it from the
    /// parameters `a b c` (`nop` where the unfused reference stops the peephole).
    struct Form {
        var name: String
        var body: (_ barrier: String) -> String
    }

    static func forms(_ t: String, _ op1: String, _ op2: String, constant1: String, constant2: String) -> [Form] {
        let (i1, i2) = ("\(t).\(op1)", "\(t).\(op2)")
        let base = "\(t)\(internalName(op1))"
        let second = internalName(op2)
        var forms = [
            Form(name: "\(base)\(second)") { "local.get 0 local.get 1 \(i1) \($0) local.get 2 \(i2)" },
            Form(name: "\(base)Imm\(second)") { "local.get 0 \(t).const \(constant1) \(i1) \($0) local.get 2 \(i2)" },
            Form(name: "\(base)\(second)Imm") { "local.get 0 local.get 1 \(i1) \($0) \(t).const \(constant2) \(i2)" },
            Form(name: "\(base)Imm\(second)Imm") { "local.get 0 \(t).const \(constant1) \(i1) \($0) \(t).const \(constant2) \(i2)" },
        ]
        // The inner result as the second operand: the same operator when `op2` commutes.
        let reversed = op2 == "sub" ? "R" : ""
        forms.append(Form(name: "\(base)\(second)\(reversed)") { "local.get 2 \($0) local.get 0 local.get 1 \(i1) \($0) \(i2)" })
        forms.append(Form(name: "\(base)Imm\(second)\(reversed)") {
            "local.get 2 \($0) local.get 0 \(t).const \(constant1) \(i1) \($0) \(i2)"
        })
        return forms
    }

    /// Builds a module with a fused and a reference function per form, and returns the forms
    /// with the instance.
    func instantiate(_ t: String, _ forms: [Form]) throws -> Instance {
        var wat = "(module (memory 1)\n"
        for (i, form) in forms.enumerated() {
            let signature = "(param \(t) \(t) \(t)) (result \(t))"
            wat += "(func (export \"f\(i)\") \(signature) \(form.body(""))) "
            wat += "(func (export \"r\(i)\") \(signature) \(form.body("nop")))\n"
        }
        return try Instance(try Module(wat: wat + ")"), engine: engine)
    }

    /// The names of the operators whose records start the code of the instructions of the
    /// exported function `name` (translated now if it was not yet).
    static func operators(of name: String, in instance: Instance) throws -> [String] {
        guard let export = instance.module.exports.first(where: { $0.name == name && $0.kind == .function }) else { return [] }
        let compiled = try Executor.compile(instance.handle.functions[Int(export.index)])
        // An instruction's code starts at its entry, rounded up to the record alignment (8).
        return compiled.sourceMap.filter { Int($0.code) < compiled.codeSize }.map { entry in
            let word = compiled.code.load(fromByteOffset: (Int(entry.code) + 7) & ~7, as: UInt64.self)
            return Op(rawValue: word & 0xFFFF).map { String(describing: $0) } ?? "?"
        }
    }

    /// Whether two results are the same value (any two NaNs count as one: a chained record may
    /// compute a commutative operator with its operands swapped, which picks the other NaN).
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.f32(let x), .f32(let y)): x.isNaN && y.isNaN || x.bitPattern == y.bitPattern
        case (.f64(let x), .f64(let y)): x.isNaN && y.isNaN || x.bitPattern == y.bitPattern
        default: a.bitwiseEquals(b)
        }
    }

    func check(_ t: String, _ forms: [Form], inputs: [Value]) throws {
        let instance = try instantiate(t, forms)
        for (i, form) in forms.enumerated() {
            let fused = try Self.operators(of: "f\(i)", in: instance)
            #expect(fused.contains(form.name), "\(form.name) not chosen for \(form.body("")): \(fused)")
            #expect(!(try Self.operators(of: "r\(i)", in: instance)).contains(form.name))
            for a in inputs {
                for b in inputs.reversed() {
                    for c in inputs.prefix(4) {
                        let arguments = [a, b, c]
                        let expected = try instance.call("r\(i)", arguments)[0]
                        let actual = try instance.call("f\(i)", arguments)[0]
                        #expect(Self.same(actual, expected), "\(form.name)(\(arguments)) = \(actual), not \(expected)")
                    }
                }
            }
        }
    }

    @Test(arguments: ["i32", "i64"])
    func chainedIntegerOperatorsComputeWhatTheirPairsCompute(_ t: String) throws {
        var forms: [Form] = []
        for op1 in Self.integerFirst {
            for op2 in Self.integerSecond {
                forms += Self.forms(t, op1, op2, constant1: "0x12345", constant2: "-7")
            }
        }
        let inputs: [Value] = t == "i32"
            ? [.i32(0), .i32(1), .i32(-1), .i32(Int32.max), .i32(Int32.min), .i32(31), .i32(33), .i32(0x5A5A_1234)]
            : [.i64(0), .i64(1), .i64(-1), .i64(Int64.max), .i64(Int64.min), .i64(63), .i64(65), .i64(0x5A5A_1234_9876_ABCD)]
        try check(t, forms, inputs: inputs)
    }

    @Test(arguments: ["f32", "f64"])
    func chainedFloatOperatorsRoundEachStepLikeTheirPairs(_ t: String) throws {
        var forms: [Form] = []
        for op1 in Self.floatOperators {
            for op2 in Self.floatOperators {
                forms += Self.forms(t, op1, op2, constant1: "1.1", constant2: "-0x1p-3")
            }
        }
        let values: [Double] = [0, -0.0, 1.5, -2.25, 0.1, 1e300, -.infinity, .nan]
        let inputs: [Value] = values.map { t == "f32" ? .f32(Float($0)) : .f64($0) }
        try check(t, forms, inputs: inputs)
    }

    @Test func aConstantFirstOperandOfSubOrDivIsAnImmediate() throws {
        var forms: [Form] = []
        for (t, op) in [("i32", "sub"), ("i64", "sub"), ("f32", "sub"), ("f32", "div"), ("f64", "sub"), ("f64", "div")] {
            let constant = t.hasPrefix("i") ? "100" : "0.01"
            forms = [Form(name: "\(t)\(Self.internalName(op))ImmL") { "\(t).const \(constant) \($0) local.get 0 \(t).\(op)" }]
            let inputs: [Value] = t.hasPrefix("i")
                ? [t == "i32" ? .i32(-5) : .i64(-5), t == "i32" ? .i32(7) : .i64(7)]
                : [t == "f32" ? .f32(3) : .f64(3), t == "f32" ? .f32(-0.0) : .f64(-0.0)]
            try check(t, forms, inputs: inputs)
        }
    }

    /// `i32.add`/`i32.sub` of a constant feeding a load's address wraps at 32 bits before the
    /// offset is added, as in the unfused code: the same values load, the same addresses trap.
    @Test func loadsAtAnAddressPlusAConstantWrapAndTrapLikeTheirPairs() throws {
        let loads = Self.loads
        var wat = "(module (memory 1) \(Self.data)\n"
        for (i, load) in loads.enumerated() {
            let result = String(load.prefix(3))
            for (suffix, step) in [("add", "(i32.add (local.get 0) (i32.const 0x20))"), ("sub", "(i32.sub (local.get 0) (i32.const 16))")] {
                wat += "(func (export \"f\(i)\(suffix)\") (param i32) (result \(result)) (\(load) offset=3 \(step)))\n"
                wat += "(func (export \"r\(i)\(suffix)\") (param i32) (result \(result)) (\(load) offset=3 (nop) \(step)))\n"
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        // In bounds; wrapping to the start of memory; wrapping past 2^32 (traps); near the end.
        let addresses: [Int32] = [0, 3, 16, 17, -0x20, -0x1F, -0x10, 8, 4, 65_536 - 0x28, 65_536 - 0x23, 65_536 - 0x1A, 65_536 - 8]
        for (i, load) in loads.enumerated() {
            for suffix in ["add", "sub"] {
                let name = Self.internalLoadName(load) + "AddImm"
                #expect(try Self.operators(of: "f\(i)\(suffix)", in: instance).contains(name), "\(name) not chosen")
                for address in addresses {
                    let expected = Result { try instance.call("r\(i)\(suffix)", [.i32(address)]) }
                    let actual = Result { try instance.call("f\(i)\(suffix)", [.i32(address)]) }
                    switch (expected, actual) {
                    case (.success(let e), .success(let a)):
                        #expect(Self.same(a[0], e[0]), "\(load) \(suffix) at \(address): \(a[0]), not \(e[0])")
                    case (.failure(let e), .failure(let a)):
                        #expect((a as? Trap)?.kind == (e as? Trap)?.kind && (e as? Trap)?.kind == .outOfBoundsMemoryAccess,
                                "\(load) \(suffix) at \(address): \(a), not \(e)")
                    default:
                        Issue.record("\(load) \(suffix) at \(address): fused \(actual), reference \(expected)")
                    }
                }
            }
        }
    }

    /// Calls `f<name>` and `r<name>` with `arguments` and expects the same value or the same trap.
    static func expectSameOutcome(_ instance: Instance, _ name: String, _ arguments: [Value], _ what: String) {
        let expected = Result { try instance.call("r\(name)", arguments) }
        let actual = Result { try instance.call("f\(name)", arguments) }
        switch (expected, actual) {
        case (.success(let e), .success(let a)):
            #expect(zip(a, e).allSatisfy { same($0, $1) }, "\(what)(\(arguments)): \(a), not \(e)")
        case (.failure(let e), .failure(let a)):
            #expect((a as? Trap)?.kind == (e as? Trap)?.kind, "\(what)(\(arguments)): \(a), not \(e)")
        default:
            Issue.record("\(what)(\(arguments)): fused \(actual), reference \(expected)")
        }
    }

    static func sampleInputs(_ t: String) -> [Value] {
        switch t {
        case "i32": [.i32(0), .i32(-1), .i32(Int32.min), .i32(33), .i32(0x5A5A_1234)]
        case "i64": [.i64(0), .i64(-1), .i64(Int64.min), .i64(65), .i64(0x5A5A_1234_9876_ABCD)]
        case "f32": [.f32(0), .f32(-0.0), .f32(1.5), .f32(.infinity), .f32(.nan)]
        default: [.f64(0), .f64(-0.0), .f64(1.5), .f64(.infinity), .f64(.nan)]
        }
    }

    /// A load feeding an operator (as either operand, at `a` or `a + constant`)
    /// computes what the load and the operator compute, and traps where the load traps.
    @Test func loadsFeedingAnOperatorComputeAndTrapLikeTheirPairs() throws {
        var wat = "(module (memory 1) \(Self.data)\n"
        var cases: [(name: String, t: String, op: String)] = []
        let loads = Self.loads
        for instruction in loads {
            let t = String(instruction.prefix(3))
            let loadName = Self.internalLoadName(instruction)
            for op in t.hasPrefix("i") ? Self.integerSecond : Self.floatOperators {
                let load = "(\(instruction) offset=3 (local.get 0))"
                let loadPlus = "(\(instruction) offset=3 (i32.add (local.get 0) (i32.const -2)))"
                let reversed = op == "sub" ? "R" : ""
                for (suffix, body, name) in [
                    ("l", { (nop: String) in "(\(t).\(op) \(load) \(nop) (local.get 1))" }, "\(loadName)\(Self.internalName(op))"),
                    ("r", { (nop: String) in "(\(t).\(op) (local.get 1) \(nop) \(load))" }, "\(loadName)\(Self.internalName(op))\(reversed)"),
                    ("p", { (nop: String) in "(\(t).\(op) (local.get 1) \(nop) \(loadPlus))" }, "\(loadName)\(Self.internalName(op))\(reversed)"),
                ] as [(String, (String) -> String, String)] {
                    let id = "\(cases.count)"
                    let signature = "(param i32 \(t)) (result \(t))"
                    wat += "(func (export \"f\(id)\") \(signature) \(body("")))\n"
                    wat += "(func (export \"r\(id)\") \(signature) \(body("(nop)")))\n"
                    cases.append(("\(name) (\(suffix))", t, id))
                }
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        for (name, t, id) in cases {
            let expectedOp = String(name.prefix(while: { $0 != " " }))
            #expect(try Self.operators(of: "f\(id)", in: instance).contains(expectedOp), "\(expectedOp) not chosen")
            for address: Int32 in [0, 1, 2, 3, 65_536 - 11, 65_536 - 3, -1, -4] {
                for value in Self.sampleInputs(t) {
                    Self.expectSameOutcome(instance, id, [.i32(address), value], name)
                }
            }
        }
    }

    /// An operator whose result a full-width store writes computes and stores in one record:
    /// memory holds what the pair would have stored, and out-of-bounds stores trap alike.
    @Test func operatorsFeedingAStoreStoreWhatTheirPairsStore() throws {
        var wat = "(module (memory 1)\n"
        var cases: [(name: String, t: String, id: String)] = []
        let types = [("i32", Self.integerFirst), ("i64", Self.integerFirst), ("f32", Self.floatOperators + ["div"]),
                     ("f64", Self.floatOperators + ["div"])]
        for (t, ops) in types {
            let constant = t.hasPrefix("i") ? "-77" : "0.375"
            for op in ops {
                for (form, operand) in [("", "(local.get 2)"), ("Imm", "(\(t).const \(constant))")] {
                    let id = "\(cases.count)"
                    let signature = "(param i32 \(t) \(t)) (result \(t))"
                    for (prefix, nop) in [("f", ""), ("r", "(nop)")] {
                        wat += "(func (export \"\(prefix)\(id)\") \(signature) "
                        wat += "(\(t).store offset=5 (local.get 0) (\(t).\(op) (local.get 1) \(operand)) \(nop)) "
                        wat += "(\(t).load offset=5 (local.get 0)))\n"
                    }
                    cases.append(("\(t)\(Self.internalName(op))\(form)Store", t, id))
                }
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        for (name, t, id) in cases {
            #expect(try Self.operators(of: "f\(id)", in: instance).contains(name), "\(name) not chosen")
            let inputs = Self.sampleInputs(t)
            for address: Int32 in [0, 7, 65_536 - 13, 65_536 - 9, -1] {
                for b in inputs {
                    Self.expectSameOutcome(instance, id, [.i32(address), b, inputs[3]], name)
                }
            }
        }
    }

    /// A store of a constant takes it as an immediate: memory holds the constant, and
    /// out-of-bounds stores trap alike.
    @Test func storesOfAConstantStoreItAsAnImmediate() throws {
        let stores = Self.stores
        var wat = "(module (memory 1)\n"
        for (i, (store, load, constant)) in stores.enumerated() {
            let t = String(store.prefix(3))
            for (prefix, nop) in [("f", ""), ("r", "(nop)")] {
                wat += "(func (export \"\(prefix)\(i)\") (param i32) (result \(t))"
                wat += " (\(store) offset=2 (local.get 0) \(nop) (\(t).const \(constant))) (\(load) offset=2 (local.get 0)))\n"
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        for (i, (store, _, _)) in stores.enumerated() {
            let name = String(store.prefix(3)) + "Store" + store.dropFirst(9) + "Imm"
            let operators = try Self.operators(of: "f\(i)", in: instance)
            #expect(operators.contains(name), "\(name) not chosen: \(operators)")
            for address: Int32 in [0, 13, 65_536 - 10, 65_536 - 3, -2] {
                Self.expectSameOutcome(instance, "\(i)", [.i32(address)], store)
            }
        }
    }

    /// `select` on `i32.eqz x` / `i64.eqz x` selects on `x` with its operands swapped (on all
    /// 64 bits of an `i64`), and `br_if` on `i64.eqz x` branches on all 64 bits of `x`.
    @Test func eqzConditionsFoldIntoSelectAndBranches() throws {
        var wat = "(module\n"
        for t in ["i32", "i64"] {
            let signature = "(param \(t) i32 i32) (result i32)"
            for (prefix, nop) in [("f", ""), ("r", "(nop)")] {
                wat += "(func (export \"\(prefix)select\(t)\") \(signature) (select (local.get 1) (local.get 2) (\(t).eqz (local.get 0)) \(nop)))\n"
                wat += "(func (export \"\(prefix)branch\(t)\") \(signature) (block (br_if 0 (\(t).eqz (local.get 0)) \(nop)) (return (local.get 1))) (local.get 2))\n"
                wat += "(func (export \"\(prefix)if\(t)\") \(signature) (if (result i32) (\(t).eqz (local.get 0)) \(nop) (then (local.get 1)) (else (local.get 2))))\n"
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        #expect(try Self.operators(of: "fselecti32", in: instance).contains("select"))
        #expect(try Self.operators(of: "fselecti64", in: instance).contains("selectWide"))
        for name in ["fselecti32", "fselecti64", "fbranchi64", "fifi64"] {
            let operators = try Self.operators(of: name, in: instance)
            #expect(!operators.contains("i32Eqz") && !operators.contains("i64Eqz"), "\(name): \(operators)")
        }
        for x: Int64 in [0, 1, -1, 1 << 32, 1 << 63, 0xFFFF_FFFF] {
            for form in ["select", "branch", "if"] {
                Self.expectSameOutcome(instance, "\(form)i64", [.i64(x), .i32(10), .i32(20)], "\(form) i64.eqz \(x)")
                Self.expectSameOutcome(instance, "\(form)i32", [.i32(Int32(truncatingIfNeeded: x)), .i32(10), .i32(20)], "\(form) i32.eqz \(x)")
            }
        }
    }

    /// `select`, `br_if` and `if` on `x & constant` (and on its `eqz`) test the bits in the
    /// consuming record: the same choices on every input, the `i32` forms on the low 32 bits only.
    @Test func bitTestConditionsFoldIntoSelectAndBranches() throws {
        var wat = "(module\n"
        var cases: [(id: String, t: String, op: String)] = []
        for t in ["i32", "i64"] {
            let signature = "(param \(t) i32 i32) (result i32)"
            for mask in ["1", "0x80000004", "-1"] {
                let bits = "(\(t).and (local.get 0) (\(t).const \(mask)))"
                let zero = "(\(t).eqz \(bits))"
                // An i64 condition reaches `select` (and branches) only through `i64.eqz`.
                var forms = [("select eqz", "selectBits", { (nop: String) in "(select (local.get 1) (local.get 2) \(zero) \(nop))" })]
                if t == "i32" {
                    forms += [
                        ("select", "selectBits", { (nop: String) in "(select (local.get 1) (local.get 2) \(bits) \(nop))" }),
                        ("br_if", "brIfBits", { (nop: String) in "(block (br_if 0 \(bits) \(nop)) (return (local.get 1))) (local.get 2)" }),
                        ("br_if eqz", "brUnlessBits", { (nop: String) in "(block (br_if 0 \(zero) \(nop)) (return (local.get 1))) (local.get 2)" }),
                        ("if", "brUnlessBits", { (nop: String) in "(if (result i32) \(bits) \(nop) (then (local.get 1)) (else (local.get 2)))" }),
                        ("if eqz", "brIfBits", { (nop: String) in "(if (result i32) \(zero) \(nop) (then (local.get 1)) (else (local.get 2)))" }),
                    ]
                }
                for (form, op, body) in forms {
                    let id = "\(cases.count)"
                    wat += "(func (export \"f\(id)\") \(signature) \(body("")))\n"
                    wat += "(func (export \"r\(id)\") \(signature) \(body("(nop)")))\n"
                    cases.append((id, t, "\(op) (\(t) \(form) & \(mask))"))
                }
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        for (id, t, what) in cases {
            let op = String(what.prefix(while: { $0 != " " }))
            let operators = try Self.operators(of: "f\(id)", in: instance)
            #expect(operators.contains(op) && !operators.contains("\(t)AndImm"), "\(what): \(operators)")
            for x: Int64 in [0, 1, 4, -1, 1 << 32, 1 << 31, 1 << 63, 0xFFFF_FFFE, 0x1_0000_0001] {
                let value: Value = t == "i64" ? .i64(x) : .i32(Int32(truncatingIfNeeded: x))
                Self.expectSameOutcome(instance, id, [value, .i32(10), .i32(20)], "\(what), x = \(x)")
            }
        }
    }

    /// A comparison feeding `br_if` or `if`, directly or through `i32.eqz`, of two values or of
    /// a value and a constant, becomes one compare-and-branch record that branches exactly as
    /// the pair does: on NaN (every float comparison but `ne` is false) and −0 too.
    @Test func comparisonsFeedingABranchBranchLikeTheirPairs() throws {
        let comparisons = ["i32": ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"],
                           "f64": ["eq", "ne", "lt", "gt", "le", "ge"]]
        var wat = "(module\n"
        var cases: [(id: String, t: String, what: String)] = []
        for t in ["i32", "i64", "f32", "f64"] {
            let constant = t.hasPrefix("i") ? "-3" : "1.5"
            for comparison in comparisons[t.hasPrefix("i") ? "i32" : "f64"]! {
                for second in ["(local.get 1)", "(\(t).const \(constant))"] {
                    let test = "(\(t).\(comparison) (local.get 0) \(second))"
                    let forms: [(String, (String) -> String)] = [
                        ("br_if", { "(block (br_if 0 \(test) \($0)) (return (i32.const 10))) (i32.const 20)" }),
                        ("br_if eqz", { "(block (br_if 0 (i32.eqz \(test)) \($0)) (return (i32.const 10))) (i32.const 20)" }),
                        ("if", { "(if (result i32) \(test) \($0) (then (i32.const 10)) (else (i32.const 20)))" }),
                        ("if eqz", { "(if (result i32) (i32.eqz \(test)) \($0) (then (i32.const 10)) (else (i32.const 20)))" }),
                    ]
                    for (form, body) in forms {
                        let id = "\(cases.count)"
                        wat += "(func (export \"f\(id)\") (param \(t) \(t)) (result i32) \(body("")))\n"
                        wat += "(func (export \"r\(id)\") (param \(t) \(t)) (result i32) \(body("(nop)")))\n"
                        cases.append((id, t, "\(form) \(test)"))
                    }
                }
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        let inputs: [String: [Value]] = [
            "i32": [.i32(-3), .i32(0), .i32(-4), .i32(Int32.max), .i32(Int32.min)],
            "i64": [.i64(-3), .i64(0), .i64(-4), .i64(Int64.max), .i64(Int64.min)],
            "f32": [.f32(1.5), .f32(-0.0), .f32(0), .f32(.nan), .f32(-.infinity)],
            "f64": [.f64(1.5), .f64(-0.0), .f64(0), .f64(.nan), .f64(-.infinity)],
        ]
        for (id, t, what) in cases {
            let operators = try Self.operators(of: "f\(id)", in: instance)
            let branch = operators.first { $0.hasPrefix("brIf\(t.uppercased().prefix(1))\(t.dropFirst())") || $0.hasPrefix("brUnless\(t.uppercased().prefix(1))") }
            #expect(branch != nil && !operators.contains("i32Eqz"), "\(what): \(operators)")
            for a in inputs[t]! {
                for b in inputs[t]! { Self.expectSameOutcome(instance, id, [a, b], what) }
            }
        }
    }

    /// `mem[p] = mem[p] op x` loads, computes and stores back in one record, whether the load
    /// fused into the operator, `x` was computed between the load and the operator, or `x` is a
    /// constant: memory holds what the three instructions leave, and out-of-bounds places trap
    /// alike. A store to another place, or through an address changed in between, stays apart.
    @Test func loadOperateStoreBackUpdatesMemoryLikeTheTriple() throws {
        var wat = "(module (memory 1)\n"
        var cases: [(id: String, t: String, name: String?)] = []
        for t in ["i32", "i64", "f32", "f64"] {
            let constant = t.hasPrefix("i") ? "-77" : "0.375"
            for op in t.hasPrefix("i") ? Self.integerSecond : Self.floatOperators {
                let base = "\(t)\(Self.internalName(op))"
                let load = "(\(t).load offset=8 (local.get 0))"
                let product = "(\(t).mul (\(t).mul (local.get 1) (local.get 2)) (local.get 1))"
                var forms: [(String?, String)] = [
                    ("\(base)Memory", "(\(t).store offset=8 (local.get 0) (\(t).\(op) \(load) (local.get 1)))"),
                    ("\(base)Memory", "(\(t).store offset=8 (local.get 0) (\(t).\(op) \(load) \(product)))"),
                    ("\(base)ImmMemory", "(\(t).store offset=8 (local.get 0) (\(t).\(op) \(load) (\(t).const \(constant))))"),
                    (nil, "(\(t).store offset=16 (local.get 0) (\(t).\(op) \(load) (local.get 1)))"),
                    (nil, "(\(t).store offset=8 (local.get 0) (\(t).\(op) \(load) (local.tee 0 (i32.const 4)) (drop) (local.get 1)))"),
                ]
                // A division that can trap between the load and the operator keeps them apart:
                // out of bounds and by zero at once, the load's trap comes first.
                if t.hasPrefix("i") {
                    forms.append((nil, "(\(t).store offset=8 (local.get 0) (\(t).\(op) \(load) (\(t).div_s (local.get 1) (local.get 2))))"))
                }
                for (name, update) in forms {
                    let id = "\(cases.count)"
                    for (prefix, barrier) in [("f", ""), ("r", "(nop)")] {
                        // The reference stops every peephole between the load and the store.
                        let body = barrier.isEmpty ? update : update.replacingOccurrences(of: "(\(t).\(op) ", with: "(\(t).\(op) (nop) ")
                        // Each call starts from the same memory (the calls come in pairs).
                        wat += "(func (export \"\(prefix)\(id)\") (param i32 \(t) \(t)) (result \(t))"
                        wat += " (memory.fill (i32.const 0) (i32.const 0xA7) (i32.const 65536)) \(body)"
                        wat += " (\(t).load offset=8 (nop) (local.get 0)))\n"
                    }
                    cases.append((id, t, name))
                }
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        for (id, t, name) in cases {
            let operators = try Self.operators(of: "f\(id)", in: instance)
            if let name { #expect(operators.contains(name), "\(name) not chosen: \(operators)") }
            else { #expect(!operators.contains { $0.hasSuffix("Memory") }, "\(id): \(operators)") }
            let inputs = Self.sampleInputs(t)
            for address: Int32 in [0, 3, 65_536 - 16, 65_536 - 13, -1] {
                for (x, y) in [(inputs[2], inputs[3]), (inputs[4], inputs[2]), (inputs[1], inputs[4]), (inputs[3], inputs[0])] {
                    Self.expectSameOutcome(instance, id, [.i32(address), x, y], name ?? "\(t) update \(id)")
                }
            }
        }
    }

    /// A single result computed just before the function's end or a `return` is written
    /// straight to the result slot, or read from its local; a function end that a branch
    /// lands on keeps the values the branch brought.
    @Test func resultsReturnStraightFromTheirProducer() throws {
        let bodies = [
            "(i32.add (local.get 0) (local.get 1))",
            "(local.get 1)",
            "(return (i32.mul (local.get 0) (local.get 1)))",
            "(if (i32.lt_u (local.get 0) (i32.const 2)) (then (return (local.get 0)))) (i32.sub (local.get 1) (local.get 0))",
            "(local.get 0) (br_if 0 (local.get 1)) (drop) (i32.add (local.get 1) (i32.const 7))",
            "(block (result i32) (br_if 0 (local.get 1) (local.get 0)) (drop) (i32.const 9))",
            "(local.get 1) (local.get 0) (br_if 0 (local.get 0)) (i32.xor)",
            "(i32.load8_u (local.get 0))",
            "(if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (i32.add (local.get 0) (local.get 1))) (else (local.get 1)))",
            // A handler lands on the function's `ret` with the payload: the `ret` must read it.
            "(block $h (result i32) (try_table (result i32) (catch $t $h) (if (local.get 0) (then (throw $t (local.get 1)))) (i32.const 5)))",
        ]
        var wat = "(module (memory 1) (data (i32.const 0) \"\\05\\fa\") (tag $t (param i32))\n"
        for (i, body) in bodies.enumerated() {
            wat += "(func (export \"f\(i)\") (param i32 i32) (result i32) \(body))\n"
            wat += "(func (export \"r\(i)\") (param i32 i32) (result i32) \(body) (nop))\n"
        }
        wat += "(func (export \"pair\") (param i32 i32) (result i32 i32) (local.get 1) (i32.add (local.get 0) (local.get 1)))\n"
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        for (i, body) in bodies.enumerated() {
            for a: Int32 in [0, 1, 3, -1] {
                for b: Int32 in [0, 1, 40] {
                    Self.expectSameOutcome(instance, "\(i)", [.i32(a), .i32(b)], body)
                }
            }
        }
        #expect(try instance.call("pair", [.i32(2), .i32(5)]).map(\.description) == ["i32:5", "i32:7"])
        // The copy of a returned local is gone: the code is the `ret` alone.
        #expect(try Self.operators(of: "f1", in: instance).filter { $0 != "ret" }.isEmpty)
    }

    /// A load at `a + b` (an `i32.add` of two values just before) wraps the sum at 32 bits
    /// before the offset is added, as the pair does.
    @Test func loadsAtTheSumOfTwoValuesWrapAndTrapLikeTheirPairs() throws {
        let loads = Self.loads
        var wat = "(module (memory 1) \(Self.data)\n"
        for (i, load) in loads.enumerated() {
            let result = String(load.prefix(3))
            for (prefix, nop) in [("f", ""), ("r", "(nop)")] {
                wat += "(func (export \"\(prefix)\(i)\") (param i32 i32) (result \(result)) (\(load) offset=3 \(nop) (i32.add (local.get 0) (local.get 1))))\n"
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        let pairs: [(Int32, Int32)] = [(0, 0), (2, 3), (-8, 16), (-8, 4), (65_536, -65_536), (65_530, 0), (65_520, 5), (Int32.max, Int32.max)]
        for (i, load) in loads.enumerated() {
            let name = Self.internalLoadName(load) + "Indexed"
            let operators = try Self.operators(of: "f\(i)", in: instance)
            #expect(operators.contains(name), "\(name) not chosen: \(operators)")
            for (a, b) in pairs {
                Self.expectSameOutcome(instance, "\(i)", [.i32(a), .i32(b)], load)
            }
        }
    }

    /// Loads and stores at a constant address take it (plus the offset) as an immediate;
    /// addresses near the end of memory trap as in the pair.
    @Test func accessesAtAConstantAddressTrapLikeTheirPairs() throws {
        let accesses = [("i32.load", "i32"), ("i64.load16_s", "i64"), ("f64.load", "f64"), ("i32.store8", "i32"), ("i64.store", "i64"),
                        ("f32.store", "f32")]
        var wat = "(module (memory 1) \(Self.data)\n"
        var cases: [(id: String, name: String)] = []
        for (instruction, t) in accesses {
            let isStore = instruction.contains("store")
            let name = t + (isStore ? "Store" : "Load") + Self.internalName(String(instruction.dropFirst(isStore ? 9 : 8))) + "Constant"
            for address in [3, 65_528, 65_535] {
                let id = "\(cases.count)"
                for (prefix, nop) in [("f", ""), ("r", "(nop)")] {
                    let body = isStore
                        ? "(\(instruction) offset=4 (i32.const \(address)) \(nop) (local.get 0)) (\(t).load offset=4 (i32.const 0))"
                        : "(\(instruction) offset=4 \(nop) (i32.const \(address))) (drop) (local.get 0)"
                    wat += "(func (export \"\(prefix)\(id)\") (param \(t)) (result \(t)) \(body))\n"
                }
                cases.append((id, name))
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        for (id, name) in cases {
            let operators = try Self.operators(of: "f\(id)", in: instance)
            #expect(operators.contains(name), "\(name) not chosen: \(operators)")
            let t = String(name.prefix(3))
            Self.expectSameOutcome(instance, id, [Self.sampleInputs(t)[2]], name)
        }
    }

    /// Every plain store, with a load reading back the bytes it wrote and a constant of its
    /// type that does not fit the narrow stores.
    static let stores = [("i32.store", "i32.load", "-5"), ("i32.store8", "i32.load", "0x1ff"), ("i32.store16", "i32.load", "-2"),
                         ("i64.store", "i64.load", "-0x123456789"), ("i64.store8", "i64.load", "0x1ff"), ("i64.store16", "i64.load", "-3"),
                         ("i64.store32", "i64.load", "0x1_8000_0001"), ("f32.store", "f32.load", "-1.25"), ("f64.store", "f64.load", "0.1")]

    /// A store whose address is `a ± constant` or `a + b` computes the address itself, of a
    /// value in a local, of a constant, or of a value computed after the address: memory holds
    /// what the pair stored (the address wrapped at 32 bits), and stores past the end trap
    /// alike. An address whose operand shares its slot with the value stays apart.
    @Test func storesAtAComputedAddressWrapAndTrapLikeTheirPairs() throws {
        // Values are loaded from 40,000 on, where no store of this test writes.
        var wat = "(module (memory 1) \(Self.data.replacingOccurrences(of: "(i32.const 0)", with: "(i32.const 40000)"))\n"
        var cases: [(id: String, name: String?, t: String)] = []
        for (store, load, constant) in Self.stores {
            let t = String(store.prefix(3))
            let base = t + "Store" + Self.internalName(String(store.dropFirst(9)))
            let addresses: [(String?, String)] = [
                ("AddImm", "(i32.add (local.get 0) (i32.const -2))"), ("AddImm", "(i32.sub (local.get 0) (i32.const 3))"),
                ("Indexed", "(i32.add (local.get 0) (local.get 1))"),
                (nil, "(i32.add (local.get 0) (i32.popcnt (local.get 1)))"),
            ]
            for (form, address) in addresses {
                for (value, valueForm) in [("(local.get 2)", ""), ("(\(t).const \(constant))", "Imm"), ("(\(load) offset=40000 (local.get 1))", "")] {
                    let id = "\(cases.count)"
                    for (prefix, nop) in [("f", ""), ("r", "(nop)")] {
                        wat += "(func (export \"\(prefix)\(id)\") (param i32 i32 \(t)) (result \(t))"
                        wat += " (\(store) offset=6 \(address) \(nop) \(value)) (\(load) offset=6 (nop) \(address)))\n"
                    }
                    cases.append((id, form.map { base + valueForm + $0 }, t))
                }
            }
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        for (id, name, t) in cases {
            let operators = try Self.operators(of: "f\(id)", in: instance)
            if let name { #expect(operators.contains(name), "\(name) not chosen: \(operators)") }
            let value = Self.sampleInputs(t)[4]
            for (a, b): (Int32, Int32) in [(5, 0), (2, 1), (0, 7), (65_536 - 12, 3), (65_536 - 4, 2), (-1, 9), (3, -4)] {
                Self.expectSameOutcome(instance, id, [.i32(a), .i32(b), value], name ?? "\(t) store \(id)")
            }
        }
    }

    /// A counter step (`x = y + k`) followed by a compare-and-branch becomes one record that
    /// steps, then compares (seeing the stepped value) and branches as the pair does: for
    /// `br_if` and `if`, a slot or a constant second operand, the counter compared or not,
    /// wrapping steps, and a counted loop.
    @Test func aCounterStepFeedingABranchStepsThenBranchesLikeThePair() throws {
        let comparisons = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
        var wat = "(module\n"
        var cases: [(id: String, what: String, fuses: Bool)] = []
        func add(_ what: String, fuses: Bool, _ body: (String) -> String) {
            let id = "\(cases.count)"
            wat += "(func (export \"f\(id)\") (param i32 i32) (result i32) (local i32) \(body(""))\n"
            wat += "(func (export \"r\(id)\") (param i32 i32) (result i32) (local i32) \(body("(nop)"))\n"
            cases.append((id, what, fuses))
        }
        for comparison in comparisons {
            for (step, second) in [("1", "(local.get 1)"), ("-3", "(i32.const -3)"), ("2147483647", "(local.get 0)")] {
                let test = "(i32.\(comparison) (local.get 2) \(second))"
                let stepped = "(local.set 2 (i32.add (local.get 0) (i32.const \(step))))"
                add("br_if \(test) after x += \(step)", fuses: true) {
                    "(block \(stepped) \($0) (br_if 0 \(test)) (return (i32.add (local.get 2) (i32.const 1000)))) (local.get 2))"
                }
                add("if \(test) after x += \(step)", fuses: true) {
                    "\(stepped) \($0) (if (result i32) \(test) (then (local.get 2)) (else (i32.sub (local.get 2) (i32.const 7)))))"
                }
            }
            // The compared value is not the counter.
            add("br_if \(comparison) of the parameters after a step", fuses: true) {
                "(block (local.set 2 (i32.add (local.get 1) (i32.const 9))) \($0) (br_if 0 (i32.\(comparison) (local.get 0) (local.get 1)))"
                    + " (return (local.get 2))) (i32.mul (local.get 2) (i32.const 3)))"
            }
        }
        // A counted loop: count from b up to a.
        add("a counted loop", fuses: true) {
            "(local.set 2 (local.get 1)) (loop $l (local.set 2 (i32.add (local.get 2) (i32.const 1))) \($0)"
                + " (br_if $l (i32.lt_s (local.get 2) (local.get 0)))) (local.get 2))"
        }
        let instance = try Instance(try Module(wat: wat + ")"), engine: engine)
        let edges: [Value] = [.i32(-3), .i32(0), .i32(4), .i32(Int32.max), .i32(Int32.min)]
        for (id, what, fuses) in cases {
            // The loop runs from b to a: small values only.
            let inputs = what == "a counted loop" ? Array(edges.prefix(3)) : edges
            let operators = try Self.operators(of: "f\(id)", in: instance)
            let fused = operators.contains { $0.hasPrefix("i32AddImmBrIf") }
            let reference = try Self.operators(of: "r\(id)", in: instance).contains { $0.hasPrefix("i32AddImmBrIf") }
            #expect(fused == fuses && !reference, "\(what): \(operators)")
            for a in inputs {
                for b in inputs { Self.expectSameOutcome(instance, id, [a, b], what) }
            }
        }
    }
}
