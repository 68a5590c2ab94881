#!/usr/bin/env python3
"""Generates the regular instruction families of the interpreter (numeric operators, plain
loads and stores) from one table, so that the internal opcode (`Op`), the translator's mapping
from WebAssembly opcodes, and the executor's cases cannot drift apart.

Writes the regions between `// BEGIN GENERATED <name>` and `// END GENERATED <name>` in:
  Sources/WasmFiber/Interpreter/Code/Op.swift            (cases)
  Sources/WasmFiber/Interpreter/Translator/Translator+Simple.swift (opcode mapping)
and writes Sources/WasmFiber/Interpreter/Executor/Executor+Generated.swift (the Swift body of
every operator's handler) and Sources/CInterpreter/include/wf_handlers.inc (the C handler
shells, in `Op` order, and the handler table).
Run it from the repository root after editing the tables below: scripts/generate-interpreter-ops.py
"""
import re, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
INTERP = ROOT / "Sources/WasmFiber/Interpreter"

# Slot reads and writes per value type.
READ = {
    "i32": "UInt32(truncatingIfNeeded: fp[{s}])",
    "i64": "fp[{s}]",
    "f32": "Float(bitPattern: UInt32(truncatingIfNeeded: fp[{s}]))",
    "f64": "Double(bitPattern: fp[{s}])",
}
WRITE = {
    "i32": "UInt64({v})",
    "i64": "{v}",
    "f32": "UInt64({v}.bitPattern)",
    "f64": "{v}.bitPattern",
    "bool": "({v} ? 1 : 0)",
}
OPS = {"i32": "I32Ops", "i64": "I64Ops", "f32": "F32Ops", "f64": "F64Ops"}

INT_UNARY = ["clz", "ctz", "popcnt", "extend8S", "extend16S"]
INT_BINARY = ["add", "sub", "mul", "and", "or", "xor", "shl", "shrS", "shrU", "rotl", "rotr"]
INT_THROWING = ["divS", "divU", "remS", "remU"]
INT_COMPARE = ["eq", "ne", "ltS", "ltU", "gtS", "gtU", "leS", "leU", "geS", "geU"]
FLOAT_UNARY = ["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"]
FLOAT_BINARY = ["add", "sub", "mul", "div", "min", "max", "copysign"]
FLOAT_COMPARE = ["eq", "ne", "lt", "gt", "le", "ge"]

def cap(s):
    return s[0].upper() + s[1:]

# (op name, operand types, result type, Swift function, throws)
numeric = []
for t in ("i32", "i64"):
    numeric.append((f"{t}Eqz", [t], "bool", f"{OPS[t]}.eqz", False))
    for n in INT_COMPARE:
        numeric.append((f"{t}{cap(n)}", [t, t], "bool", f"{OPS[t]}.{n}", False))
for t in ("f32", "f64"):
    for n in FLOAT_COMPARE:
        numeric.append((f"{t}{cap(n)}", [t, t], "bool", f"{OPS[t]}.{n}", False))
for t in ("i32", "i64"):
    for n in INT_UNARY + (["extend32S"] if t == "i64" else []):
        numeric.append((f"{t}{cap(n)}", [t], t, f"{OPS[t]}.{n}", False))
    for n in INT_BINARY:
        numeric.append((f"{t}{cap(n)}", [t, t], t, f"{OPS[t]}.{n}", False))
    for n in INT_THROWING:
        numeric.append((f"{t}{cap(n)}", [t, t], t, f"{OPS[t]}.{n}", True))
for t in ("f32", "f64"):
    for n in FLOAT_UNARY:
        numeric.append((f"{t}{cap(n)}", [t], t, f"{OPS[t]}.{n}", False))
    for n in FLOAT_BINARY:
        numeric.append((f"{t}{cap(n)}", [t, t], t, f"{OPS[t]}.{n}", False))
conversions = [
    ("i32", "wrapI64", "i64", False), ("i32", "truncF32S", "f32", True), ("i32", "truncF32U", "f32", True),
    ("i32", "truncF64S", "f64", True), ("i32", "truncF64U", "f64", True),
    ("i64", "extendI32S", "i32", False), ("i64", "extendI32U", "i32", False),
    ("i64", "truncF32S", "f32", True), ("i64", "truncF32U", "f32", True),
    ("i64", "truncF64S", "f64", True), ("i64", "truncF64U", "f64", True),
    ("f32", "convertI32S", "i32", False), ("f32", "convertI32U", "i32", False),
    ("f32", "convertI64S", "i64", False), ("f32", "convertI64U", "i64", False), ("f32", "demoteF64", "f64", False),
    ("f64", "convertI32S", "i32", False), ("f64", "convertI32U", "i32", False),
    ("f64", "convertI64S", "i64", False), ("f64", "convertI64U", "i64", False), ("f64", "promoteF32", "f32", False),
    ("i32", "reinterpretF32", "f32", False), ("i64", "reinterpretF64", "f64", False),
    ("f32", "reinterpretI32", "i32", False), ("f64", "reinterpretI64", "i64", False),
    ("i32", "truncSatF32S", "f32", False), ("i32", "truncSatF32U", "f32", False),
    ("i32", "truncSatF64S", "f64", False), ("i32", "truncSatF64U", "f64", False),
    ("i64", "truncSatF32S", "f32", False), ("i64", "truncSatF32U", "f32", False),
    ("i64", "truncSatF64S", "f64", False), ("i64", "truncSatF64U", "f64", False),
]
for result, n, source, throws in conversions:
    numeric.append((f"{result}{cap(n)}", [source], result, f"{OPS[result]}.{n}", throws))

# Plain loads and stores: (op, LinearMemory method, value type, is store)
memory = []
for name, t in [("i32Load", "i32"), ("i64Load", "i64"), ("i32Load8S", "i32"), ("i32Load8U", "i32"),
                ("i32Load16S", "i32"), ("i32Load16U", "i32"), ("i64Load8S", "i64"), ("i64Load8U", "i64"),
                ("i64Load16S", "i64"), ("i64Load16U", "i64"), ("i64Load32S", "i64"), ("i64Load32U", "i64")]:
    memory.append((name, name, t, False))
memory.append(("f32Load", "f32LoadBits", "i32", False))
memory.append(("f64Load", "f64LoadBits", "i64", False))
for name, t in [("i32Store", "i32"), ("i64Store", "i64"), ("i32Store8", "i32"), ("i32Store16", "i32"),
                ("i64Store8", "i64"), ("i64Store16", "i64"), ("i64Store32", "i64")]:
    memory.append((name, name, t, True))
memory.append(("f32Store", "f32StoreBits", "i32", True))
memory.append(("f64Store", "f64StoreBits", "i64", True))

# Fused operators, chosen by the translator's peephole (Translator+Fusion.swift).
# `<op>Imm`: `dst, a, imm` — the second operand is the 64-bit immediate at 16 (a constant that
# would otherwise be copied to a slot first; floats as their bits).
IMM_BINARY = ["add", "sub", "mul", "and", "or", "xor", "shl", "shrS", "shrU", "rotl", "rotr"]
immediate = []
for t in ("i32", "i64"):
    for n in IMM_BINARY:
        immediate.append((f"{t}{cap(n)}Imm", t, t, f"{OPS[t]}.{n}"))
    for n in INT_COMPARE:
        immediate.append((f"{t}{cap(n)}Imm", t, "bool", f"{OPS[t]}.{n}"))
for t in ("f32", "f64"):
    for n in ["add", "sub", "mul", "div", "min", "max"]:
        immediate.append((f"{t}{cap(n)}Imm", t, t, f"{OPS[t]}.{n}"))
    for n in FLOAT_COMPARE:
        immediate.append((f"{t}{cap(n)}Imm", t, "bool", f"{OPS[t]}.{n}"))
IMMEDIATE = {
    "i32": "UInt32(truncatingIfNeeded: pc.u64(16))",
    "i64": "pc.u64(16)",
    "f32": "Float(bitPattern: UInt32(truncatingIfNeeded: pc.u64(16)))",
    "f64": "Double(bitPattern: pc.u64(16))",
}
# `<t><Op>ImmL`: `dst, a, imm` with the immediate as the *first* operand (a constant pushed
# before the other operand of a non-commutative operator).
immediate_left = []
for t, names in (("i32", ["sub"]), ("i64", ["sub"]), ("f32", ["sub", "div"]), ("f64", ["sub", "div"])):
    for n in names:
        immediate_left.append((f"{t}{cap(n)}ImmL", t, f"{OPS[t]}.{n}"))
# Chained: a binary operator `op2` whose operand is the result of the binary operator `op1`
# just before it, in one record (the intermediate never goes to a slot). Each operation
# rounds on its own: `f64MulAdd` is not a fused multiply-add. Forms (x = op1's result):
#   `<t><Op1><Op2>`        dst@8 a@12 b@16 c@20    dst = op2(op1(a, b), c)        24 bytes
#   `<t><Op1><Op2>R`       the same, dst = op2(c, op1(a, b))  (non-commutative op2)
#   `<t><Op1>Imm<Op2>`     dst@8 a@12 c@16 imm@24  dst = op2(op1(a, imm), c)      32 bytes
#   `<t><Op1>Imm<Op2>R`    the same, dst = op2(c, op1(a, imm))
#   `<t><Op1><Op2>Imm`     dst@8 a@12 b@16 imm@24  dst = op2(op1(a, b), imm)      32 bytes
#   `<t><Op1>Imm<Op2>Imm`  dst@8 a@12 imm@16 imm2@24  dst = op2(op1(a, imm), imm2)  32 bytes
CHAIN_FIRST = {"int": ["add", "sub", "mul", "and", "or", "xor", "shl", "shrS", "shrU"], "float": ["add", "sub", "mul"]}
CHAIN_SECOND = {"int": ["add", "sub", "mul", "and", "or", "xor"], "float": ["add", "sub", "mul"]}
NONCOMMUTATIVE = {"sub"}
chained = []  # (name, type, op1, op1 has an immediate, op2, form) with form "slot", "reversed" or "imm"
for t in ("i32", "i64", "f32", "f64"):
    family = "int" if t.startswith("i") else "float"
    for n1 in CHAIN_FIRST[family]:
        for n2 in CHAIN_SECOND[family]:
            for imm1 in (False, True):
                first = f"{t}{cap(n1)}{'Imm' if imm1 else ''}{cap(n2)}"
                chained.append((first, t, n1, imm1, n2, "slot"))
                if n2 in NONCOMMUTATIVE:
                    chained.append((first + "R", t, n1, imm1, n2, "reversed"))
                chained.append((first + "Imm", t, n1, imm1, n2, "imm"))
# Loads whose address is `a + imm` (an `i32.add`/`i32.sub` of a constant just before, wrapped
# to 32 bits as WebAssembly computes it): `<load>AddImm` dst@8 a@12 offset@16 imm@24, 32 bytes.
address_fused = [name for name, _, _, store in memory if not store]
# Loads whose address is `a + b` (an `i32.add` of two slots just before, wrapped to 32 bits):
# `<load>Indexed` dst@8 a@12 b@16 offset@24, 32 bytes.
indexed = address_fused
# Loads and stores of memory 0 at a constant address (an `i32.const` before it): the effective
# address (constant + offset, below 2^33) at 16: `<load>Constant` dst@8 address@16 and
# `<store>Constant` value@8 address@16, 24 bytes.
constant_address = [name for name, *_ in memory]
# A load of memory 0 feeding a binary operator just after it, in one record:
#   `<load><Op>`    dst@8 address@12 c@16 addend@20 offset@24 (32 bytes)
#                   dst = op(load(u32(address + addend) + offset), c); `…R`: op(c, load(…))
LOAD_OPERATORS = {"int": ["add", "sub", "mul", "and", "or", "xor"], "float": ["add", "sub", "mul"]}
load_fused = []  # (name, type, load, operator, reversed)
for load, _, _, store in memory:
    if store:
        continue
    t = load[:3]
    for n in LOAD_OPERATORS["int" if t.startswith("i") else "float"]:
        load_fused.append((f"{load}{cap(n)}", t, load, n, False))
        if n in NONCOMMUTATIVE:
            load_fused.append((f"{load}{cap(n)}R", t, load, n, True))
# A binary operator whose result a full-width store of memory 0 just after it writes:
#   `<t><Op>Store`     a@8 b@12 address@16 offset@24 (32 bytes)   store(address + offset, op(a, b))
#   `<t><Op>ImmStore`  a@8 address@12 offset@16 imm@24 (32 bytes) store(address + offset, op(a, imm))
STORE_OPERATORS = {"int": ["add", "sub", "mul", "and", "or", "xor", "shl", "shrS", "shrU"], "float": ["add", "sub", "mul", "div"]}
# A store of memory 0 of a constant: `<store>Imm` address@8 offset@16 value@24 (32 bytes).
store_immediate = [name for name, _, _, store in memory if store]
# Stores of memory 0 whose address is `a + imm` or `a + b` (an `i32.add`/`i32.sub` just before,
# wrapped to 32 bits), of a slot or of a constant:
#   `<store>AddImm`     value@8 a@12 offset@16 imm@24 (32 bytes)
#   `<store>Indexed`    value@8 a@12 b@16 offset@24 (32 bytes)
#   `<store>ImmAddImm`  a@8 imm@12 offset@16 value@24 (32 bytes)
#   `<store>ImmIndexed` a@8 b@12 offset@16 value@24 (32 bytes)
store_addressed = store_immediate
store_fused = []  # (name, type, store, operator, immediate)
for t in ("i32", "i64", "f32", "f64"):
    for n in STORE_OPERATORS["int" if t.startswith("i") else "float"]:
        for imm in (False, True):
            store_fused.append((f"{t}{cap(n)}{'Imm' if imm else ''}Store", t, f"{t}Store", n, imm))
# A full-width load, an operator and a store back to the same place (`mem[p] op= x`):
#   `<t><Op>Memory`     address@8 x@12 offset@16 (24 bytes)    mem[a + off] = op(mem[a + off], x)
#   `<t><Op>ImmMemory`  address@8 offset@16 imm@24 (32 bytes)  mem[a + off] = op(mem[a + off], imm)
memory_update = []  # (name, type, load, store, operator, immediate)
for t in ("i32", "i64", "f32", "f64"):
    for n in LOAD_OPERATORS["int" if t.startswith("i") else "float"]:
        for imm in (False, True):
            memory_update.append((f"{t}{cap(n)}{'Imm' if imm else ''}Memory", t, f"{t}Load", f"{t}Store", n, imm))
# Compare and branch: `brIf<T><Cmp>` a@8 b@12 target@16 (24 bytes); `...Imm` a@8 target@12 imm@16.
compare_branch = []
for t in ("i32", "i64"):
    for n in INT_COMPARE:
        compare_branch.append((f"brIf{cap(t)}{cap(n)}", t, f"{OPS[t]}.{n}", False))
        compare_branch.append((f"brIf{cap(t)}{cap(n)}Imm", t, f"{OPS[t]}.{n}", True))
# Float compare and branch, the same layouts. No float comparison is another's negation (NaN
# compares false), so `brUnless<T><Cmp>` branches when the comparison is false (`if`).
for t in ("f32", "f64"):
    for n in FLOAT_COMPARE:
        for lead in ("brIf", "brUnless"):
            compare_branch.append((f"{lead}{cap(t)}{cap(n)}", t, f"{OPS[t]}.{n}", False))
            compare_branch.append((f"{lead}{cap(t)}{cap(n)}Imm", t, f"{OPS[t]}.{n}", True))

# A loop's counter step and its test in one record: `x = y + k` (`i32.add` of a constant), then
# an integer compare-and-branch on `a` and `b` (or an immediate), which may read `x`:
# `dst, src, k@16, a@20, target@24, b@28` (`…Imm`: the immediate at 28).
counter_branch = []  # (name, branch, comparison, immediate)
for n in INT_COMPARE:
    for imm in (False, True):
        branch = f"brIfI32{cap(n)}{'Imm' if imm else ''}"
        counter_branch.append((f"i32AddImm{cap(branch)}", branch, n, imm))

# The hand-written operators (Op.swift's first part), by how their shell continues:
#   plain   the body returns the next record (it cannot fail)
#   fallible  the body returns the next record, or when it failed a value below WF_FAILURE_LIMIT
#           (nil when it kept its error itself); the shell then continues at wf_fail
#   reload  the same, and the body may change memory 0's size (calls, memory.grow, resume…):
#           it gets the memory registers by address
#   branch  the body returns whether to branch: (target operand offset, record size)
#   return  the body finishes the activation: the shell returns
# and the Swift function (in `Handlers`) that runs it.
HANDWRITTEN = {
    "unreachable": ("fallible", "unreachable"), "unsupported": ("fallible", "unsupported"),
    "exit": ("return", "exit"), "copy": ("plain", "copy"), "const": ("plain", "const"),
    "br": ("plain", "br"), "brIf": (("branch", 12, 16), "brIf"), "brUnless": (("branch", 12, 16), "brUnless"),
    "brTable": ("plain", "brTable"), "ret": ("return", "ret"), "select": ("plain", "select"),
    "selectWide": ("plain", "selectWide"), "selectBits": ("plain", "selectBits"),
    "brIfBits": (("branch", 12, 24), "brIfBits"), "brUnlessBits": (("branch", 12, 24), "brUnlessBits"),
    "call": ("reload", "call"), "callHost": ("reload", "callHost"), "callIndirect": ("reload", "callIndirect"),
    "callRef": ("reload", "callRef"), "returnCall": ("reload", "tailCall"),
    "returnCallIndirect": ("reload", "tailCall"), "returnCallRef": ("reload", "tailCall"),
    "globalGet": ("plain", "globalGet"), "globalSet": ("plain", "globalSet"),
    "refIsNull": ("plain", "refIsNull"), "refAsNonNull": ("fallible", "refAsNonNull"), "refEq": ("plain", "refEq"),
    "brOnNull": (("branch", 12, 16), "brOnNull"), "brOnNonNull": (("branch", 12, 16), "brOnNonNull"),
}
for n in ["memorySize", "memoryGrow", "memoryInit", "dataDrop", "memoryCopy", "memoryFill"]:
    HANDWRITTEN[n] = ("reload", "memory")
for n in ["tableGet", "tableSet", "tableSize", "tableGrow", "tableFill", "tableCopy", "tableInit", "elemDrop"]:
    HANDWRITTEN[n] = ("fallible", "table")
for n in ["throw", "throwRef", "rethrow"]:
    HANDWRITTEN[n] = ("fallible", "throwing")
for n in ["contNew", "contBind", "resume", "resumeThrow", "resumeThrowRef", "suspend", "switchContinuation"]:
    HANDWRITTEN[n] = ("reload", "stackSwitching")
for n in ["atomicLoad", "atomicStore", "atomicRMW", "atomicCmpxchg", "atomicNotify", "atomicWait32", "atomicWait64", "atomicFence"]:
    HANDWRITTEN[n] = ("fallible", "atomic")

def op_cases():
    lines = ["    // Numeric operators: `dst, a[, b]` slots (see Translator+Simple.swift)."]
    lines += [f"    case {n}" for n, *_ in numeric]
    lines.append("    // Loads `dst, address` and stores `value, address`, then the offset: memory 0 through")
    lines.append("    // the memory registers (memory32, unshared); `…M` variants name their memory at 24.")
    lines += [f"    case {n}" for n, *_ in memory]
    lines += [f"    case {n}M" for n, *_ in memory]
    lines.append("    // Fused: a binary operator whose second operand is an immediate (`dst, a, imm@16`).")
    lines += [f"    case {n}" for n, *_ in immediate]
    lines.append("    // Fused: compare and branch (`a, b, target` or `a, target, imm@16`).")
    lines += [f"    case {n}" for n, *_ in compare_branch]
    lines.append("    // Fused: an immediate first operand (`dst, a, imm@16`: dst = imm op a).")
    lines += [f"    case {n}" for n, *_ in immediate_left]
    lines.append("    // Fused: two binary operators, the second consuming the first's result (see the generator).")
    lines += [f"    case {n}" for n, *_ in chained]
    lines.append("    // Fused: a load from memory 0 at `a + imm` (`dst, a, offset@16, imm@24`).")
    lines += [f"    case {n}AddImm" for n in address_fused]
    lines.append("    // Fused: a load or store of memory 0 at a constant address (`dst`/`value`, address@16).")
    lines += [f"    case {n}Constant" for n in constant_address]
    lines.append("    // Fused: a load from memory 0 at `a + b` (`dst, a, b, offset@24`).")
    lines += [f"    case {n}Indexed" for n in indexed]
    lines.append("    // Fused: a load feeding an operator (`dst, address, c, addend, offset@24`).")
    lines += [f"    case {n}" for n, *_ in load_fused]
    lines.append("    // Fused: an operator feeding a store (`a, b, address, offset@24` or `a, address, offset@16, imm@24`).")
    lines += [f"    case {n}" for n, *_ in store_fused]
    lines.append("    // Fused: a store of a constant (`address, offset@16, value@24`).")
    lines += [f"    case {n}Imm" for n in store_immediate]
    lines.append("    // Fused: a load, an operator and a store back (`address, x, offset@16` or `address, offset@16, imm@24`).")
    lines += [f"    case {n}" for n, *_ in memory_update]
    lines.append("    // Fused: a counter step and a compare-and-branch (`dst, src, k@16, a@20, target@24, b@28`).")
    lines += [f"    case {n}" for n, *_ in counter_branch]
    lines.append("    // Fused: a store of memory 0 at `a + imm` or `a + b`, of a slot or a constant (see the generator).")
    for suffix in ("AddImm", "Indexed", "ImmAddImm", "ImmIndexed"):
        lines += [f"    case {n}{suffix}" for n in store_addressed]
    return "\n".join(lines)

SIG = ("_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ md: UnsafeMutableRawPointer?, _ ms: UInt64, "
       "_ cf: UnsafeMutableRawPointer, _ cx: UnsafeMutableRawPointer")
SIG_RELOAD = ("_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ md: UnsafeMutablePointer<UnsafeMutableRawPointer?>, "
              "_ ms: UnsafeMutablePointer<UInt64>, _ cf: UnsafeMutablePointer<UnsafeMutableRawPointer>, _ cx: UnsafeMutableRawPointer")

def body(out, name, kind, lines):
    signature = SIG_RELOAD if kind == "reload" else SIG
    result = {"branch": " -> Bool", "return": "", "plain": " -> UnsafeMutableRawPointer"}.get(kind, " -> UnsafeMutableRawPointer?")
    out.append(f'@_silgen_name("wf_body_{name}") @inline(__always)')
    out.append(f"func wfBody_{name}({signature}){result} {{")
    out += ["    " + l for l in lines]
    out.append("}")

def fast_access_lines(name, t, store, address32, offset=16, value="fp[pc.slot(8)]", result="fp[pc.slot(8)] ="):
    """A load or store of memory 0 through the registers, at the 32-bit address `address32`
    plus the offset at byte `offset`; a store writes the 64-bit `value`, a load assigns its
    bits with `result`. The effective address of a memory32 access is below 2^33, so
    `ea + width` cannot overflow and one comparison with the size checks it."""
    suffix = name.split("Load")[-1] if "Load" in name else name.split("Store")[-1]
    bits = {"": 32 if name.startswith(("i32", "f32")) else 64, "8S": 8, "8U": 8, "16S": 16, "16U": 16,
            "32S": 32, "32U": 32, "8": 8, "16": 16, "32": 32}[suffix]
    lines = [f"let address = UInt64({address32}) &+ pc.u64({offset})",
             f"guard address &+ {bits // 8} <= ms else {{ return Executor.quickTrap(.outOfBoundsMemoryAccess) }}",
             "let pointer = md.unsafelyUnwrapped + Int(truncatingIfNeeded: address)"]
    unsigned = f"UInt{bits}"
    if store:
        lines.append(f"pointer.storeBytes(of: {unsigned}(truncatingIfNeeded: {value}).littleEndian, as: {unsigned}.self)")
    else:
        raw = f"{unsigned}(littleEndian: pointer.loadUnaligned(as: {unsigned}.self))"
        if suffix.endswith("S"):
            target = "UInt64(bitPattern: Int64(Int%d(bitPattern: %s)))" % (bits, raw)
            if t == "i32":
                target = "UInt64(UInt32(bitPattern: Int32(Int%d(bitPattern: %s))))" % (bits, raw)
        else:
            target = f"UInt64({raw})"
        lines.append(f"{result} {target}")
    return lines

def executor_bodies():
    out = ["// Generated by scripts/generate-interpreter-ops.py: do not edit.",
           "// The Swift bodies of every operator's handler (the shells are CInterpreter's",
           "// wf_handlers.inc); regular families in full, the others calling `Handlers`. They live in",
           "// one file with the handler table so that the optimiser can inline them into the shells.",
           "",
           "import CInterpreter",
           "",
           "extension Executor {",
           "    /// The first word of a record of `op`: its handler's address, then the operator in the low 16 bits.",
           "    /// Never inlined: the handler shells must be emitted where their bodies are, in this file.",
           "    @inline(never)",
           "    static func handlerWord(_ op: Op) -> UInt64 {",
           "        let address = UInt64(UInt(bitPattern: wf_handler_address(UInt32(op.rawValue))))",
           "        precondition(address >> 48 == 0, \"handler address does not fit 48 bits\")",
           "        return address << 16 | op.rawValue",
           "    }",
           "}",
           ""]
    for name in all_ops:
        if name in HANDWRITTEN:
            kind, function = HANDWRITTEN[name]
            kind = kind[0] if isinstance(kind, tuple) else kind
            if kind == "reload":
                call = f"Handlers.{function}(pc, fp, md, ms, cf, Unmanaged.fromOpaque(cx))"
            else:
                call = f"Handlers.{function}(pc, fp, md, ms, Unmanaged.fromOpaque(cf), Unmanaged.fromOpaque(cx))"
            body(out, name, kind, [call])
    for name, operands, result, fn, throws in numeric:
        args = ", ".join(READ[t].format(s=f"pc.slot({12 + 4 * i})") for i, t in enumerate(operands))
        call = f"{fn}({args})"
        size = 16 if len(operands) == 1 else 24
        if throws:
            lines = [f"do throws(NumericTrap) {{",
                     f"    fp[pc.slot(8)] = {WRITE[result].format(v='try ' + call)}",
                     f"}} catch {{",
                     f"    return Executor.quickTrap(error)",
                     f"}}"]
        else:
            lines = [f"fp[pc.slot(8)] = {WRITE[result].format(v=call)}"]
        body(out, name, "fallible" if throws else "plain", lines + [f"return pc + {size}"])
    for name, method, t, store in memory:
        lines = fast_access_lines(name, t, store, "UInt32(truncatingIfNeeded: fp[pc.slot(12)])")
        body(out, name, "fallible", lines + ["return pc + 24"])
        # Any memory, through its object (no retain/release per access).
        lines = ["let (address, offset) = (fp[pc.slot(12)], pc.u64(16))"]
        if store:
            value = READ[t].format(s="pc.slot(8)")
            lines.append(f"let value = {value}")
            lines.append(f"guard pc.memory(24)._withUnsafeGuaranteedRef({{ (try? $0.{method}(value, at: address, offset: offset)) != nil }}) else {{")
        else:
            lines.append(f"guard let value = pc.memory(24)._withUnsafeGuaranteedRef({{ try? $0.{method}(at: address, offset: offset) }}) else {{")
        lines.append(f"    return Executor.quickTrap(.outOfBoundsMemoryAccess)")
        lines.append("}")
        if not store:
            lines.append(f"fp[pc.slot(8)] = {WRITE[t].format(v='value')}")
        body(out, name + "M", "fallible", lines + ["return pc + 32"])
    for name, t, result, fn in immediate:
        immediate_value = IMMEDIATE[t]
        call = f"{fn}({READ[t].format(s='pc.slot(12)')}, {immediate_value})"
        body(out, name, "plain", [f"fp[pc.slot(8)] = {WRITE[result].format(v=call)}", "return pc + 24"])
    for name, t, fn, imm in compare_branch:
        if imm:
            call = f"{fn}({READ[t].format(s='pc.slot(8)')}, {IMMEDIATE[t]})"
        else:
            call = f"{fn}({READ[t].format(s='pc.slot(8)')}, {READ[t].format(s='pc.slot(12)')})"
        body(out, name, "branch", ["!" + call if name.startswith("brUnless") else call])
    for name, branch, n, imm in counter_branch:
        second = "pc.u32(28)" if imm else READ["i32"].format(s="pc.slot(28)")
        body(out, name, "branch", [f"fp[pc.slot(8)] = UInt64(I32Ops.add({READ['i32'].format(s='pc.slot(12)')}, pc.u32(16)))",
                                   f"return I32Ops.{n}({READ['i32'].format(s='pc.slot(20)')}, {second})"])
    for name, t, fn in immediate_left:
        call = f"{fn}({IMMEDIATE[t]}, {READ[t].format(s='pc.slot(12)')})"
        body(out, name, "plain", [f"fp[pc.slot(8)] = {WRITE[t].format(v=call)}", "return pc + 24"])
    for name, t, n1, imm1, n2, form in chained:
        value = lambda offset: immediate_at(t, offset)
        a = READ[t].format(s="pc.slot(12)")
        if imm1:
            inner = f"{OPS[t]}.{n1}({a}, {value(16 if form == 'imm' else 24)})"
            c = value(24) if form == "imm" else READ[t].format(s="pc.slot(16)")
        else:
            inner = f"{OPS[t]}.{n1}({a}, {READ[t].format(s='pc.slot(16)')})"
            c = value(24) if form == "imm" else READ[t].format(s="pc.slot(20)")
        outer = f"{OPS[t]}.{n2}({c}, x)" if form == "reversed" else f"{OPS[t]}.{n2}(x, {c})"
        size = 24 if form != "imm" and not imm1 else 32
        body(out, name, "plain", [f"let x = {inner}", f"fp[pc.slot(8)] = {WRITE[t].format(v=outer)}", f"return pc + {size}"])
    for name in address_fused:
        t = next(m[2] for m in memory if m[0] == name)
        lines = fast_access_lines(name, t, False, "UInt32(truncatingIfNeeded: fp[pc.slot(12)]) &+ pc.u32(24)")
        body(out, name + "AddImm", "fallible", lines + ["return pc + 32"])
    for name, _, t, store in memory:
        lines = fast_access_lines(name, t, store, "0")
        body(out, name + "Constant", "fallible", lines + ["return pc + 24"])
    for name in indexed:
        t = next(m[2] for m in memory if m[0] == name)
        lines = fast_access_lines(name, t, False, "UInt32(truncatingIfNeeded: fp[pc.slot(12)]) &+ UInt32(truncatingIfNeeded: fp[pc.slot(16)])",
                                  offset=24)
        body(out, name + "Indexed", "fallible", lines + ["return pc + 32"])
    for name, t, load, n, reversed in load_fused:
        lines = fast_access_lines(load, t, False, "UInt32(truncatingIfNeeded: fp[pc.slot(12)]) &+ pc.u32(20)",
                                  offset=24, result="let loaded =")
        loaded = READ[t].replace("fp[{s}]", "loaded")
        c = READ[t].format(s="pc.slot(16)")
        call = f"{OPS[t]}.{n}({c}, {loaded})" if reversed else f"{OPS[t]}.{n}({loaded}, {c})"
        lines.append(f"fp[pc.slot(8)] = {WRITE[t].format(v=call)}")
        body(out, name, "fallible", lines + ["return pc + 32"])
    for name, t, store, n, imm in store_fused:
        a = READ[t].format(s="pc.slot(8)")
        if imm:
            call = f"{OPS[t]}.{n}({a}, {immediate_at(t, 24)})"
            address, offset = "fp[pc.slot(12)]", 16
        else:
            call = f"{OPS[t]}.{n}({a}, {READ[t].format(s='pc.slot(12)')})"
            address, offset = "fp[pc.slot(16)]", 24
        lines = [f"let value: UInt64 = {WRITE[t].format(v=call)}"]
        lines += fast_access_lines(store, t, True, f"UInt32(truncatingIfNeeded: {address})", offset=offset, value="value")
        body(out, name, "fallible", lines + ["return pc + 32"])
    for name in store_immediate:
        t = next(m[2] for m in memory if m[0] == name)
        lines = fast_access_lines(name, t, True, "UInt32(truncatingIfNeeded: fp[pc.slot(8)])", value="pc.u64(24)")
        body(out, name + "Imm", "fallible", lines + ["return pc + 32"])
    for name, t, load, store, n, imm in memory_update:
        lines = fast_access_lines(load, t, False, "UInt32(truncatingIfNeeded: fp[pc.slot(8)])", result="let loaded =")
        loaded = READ[t].replace("fp[{s}]", "loaded")
        x = immediate_at(t, 24) if imm else READ[t].format(s="pc.slot(12)")
        bits = 32 if t in ("i32", "f32") else 64
        lines.append(f"let value: UInt64 = {WRITE[t].format(v=f'{OPS[t]}.{n}({loaded}, {x})')}")
        lines.append(f"pointer.storeBytes(of: UInt{bits}(truncatingIfNeeded: value).littleEndian, as: UInt{bits}.self)")
        body(out, name, "fallible", lines + [f"return pc + {32 if imm else 24}"])
    for name in store_addressed:
        t = next(m[2] for m in memory if m[0] == name)
        slot32 = lambda offset: f"UInt32(truncatingIfNeeded: fp[pc.slot({offset})])"
        for suffix, address, offset, value in [
            ("AddImm", f"{slot32(12)} &+ pc.u32(24)", 16, "fp[pc.slot(8)]"),
            ("Indexed", f"{slot32(12)} &+ {slot32(16)}", 24, "fp[pc.slot(8)]"),
            ("ImmAddImm", f"{slot32(8)} &+ pc.u32(12)", 16, "pc.u64(24)"),
            ("ImmIndexed", f"{slot32(8)} &+ {slot32(12)}", 16, "pc.u64(24)"),
        ]:
            lines = fast_access_lines(name, t, True, address, offset=offset, value=value)
            body(out, name + suffix, "fallible", lines + ["return pc + 32"])
    return "\n".join(out) + "\n"

def immediate_at(t, offset):
    """The immediate of type `t` at byte `offset` of the record."""
    return IMMEDIATE[t].replace("pc.u64(16)", f"pc.u64({offset})")

def shell_kinds():
    """(op, kind) for every operator in `Op` order; kind as in HANDWRITTEN."""
    kinds = {}
    for name, (kind, _) in HANDWRITTEN.items():
        kinds[name] = kind
    for name, operands, result, fn, throws in numeric:
        kinds[name] = "fallible" if throws else "plain"
    for name, *_ in memory:
        kinds[name] = "fallible"
        kinds[name + "M"] = "fallible"
    for name, *_ in immediate:
        kinds[name] = "plain"
    for name, t, fn, imm in compare_branch:
        kinds[name] = ("branch", 12, 24) if imm else ("branch", 16, 24)
    for name, *_ in counter_branch:
        kinds[name] = ("branch", 24, 32)
    for name, *_ in immediate_left:
        kinds[name] = "plain"
    for name, *_ in chained:
        kinds[name] = "plain"
    for name in address_fused:
        kinds[name + "AddImm"] = "fallible"
    for name in indexed:
        kinds[name + "Indexed"] = "fallible"
    for name in constant_address:
        kinds[name + "Constant"] = "fallible"
    for name, *_ in load_fused + store_fused:
        kinds[name] = "fallible"
    for name in store_immediate:
        kinds[name + "Imm"] = "fallible"
    for name in store_addressed:
        for suffix in ("AddImm", "Indexed", "ImmAddImm", "ImmIndexed"):
            kinds[name + suffix] = "fallible"
    for name, *_ in memory_update:
        kinds[name] = "fallible"
    missing = [n for n in all_ops if n not in kinds]
    if missing:
        raise SystemExit(f"operators without a handler kind: {missing}")
    return [(n, kinds[n]) for n in all_ops]

def c_handlers():
    out = ["// Generated by scripts/generate-interpreter-ops.py: do not edit.",
           "// One handler shell per operator, in `Op` order (see CInterpreter.h).", ""]
    for name, kind in shell_kinds():
        if isinstance(kind, tuple):
            out.append(f"WF_BRANCH({name}, {kind[1]}, {kind[2]})")
        else:
            out.append(f"WF_{kind.upper()}({name})")
    out.append("")
    out.append("/// The handler of operator number `op`.")
    out.append("static inline const void *wf_handler_address(uint32_t op) {")
    out.append("    static const wf_handler handlers[] = {")
    for name, _ in shell_kinds():
        out.append(f"        wf_op_{name},")
    out.append("    };")
    out.append("    return (const void *)handlers[op];")
    out.append("}")
    return "\n".join(out) + "\n"

def lookup(out, doc, signature, subject, cases, default="nil"):
    """Appends a static function `signature` (documented by the lines of `doc`) that switches
    over `subject`: each of `cases` is `pattern: value`, anything else gives `default`."""
    out += [f"    /// {line}" for line in doc]
    out += [f"    static func {signature} {{", f"        switch {subject} {{"]
    out += [f"        case {case}" for case in cases]
    out += [f"        default: {default}", "        }", "    }", ""]

def one_case(names):
    """One `case` pattern of all `names`, six operators per line, matching `true`."""
    rows = [", ".join("." + n for n in names[i:i + 6]) for i in range(0, len(names), 6)]
    return ",\n             ".join(rows) + ": true"

def swift_bool(value):
    return "true" if value else "false"

def translator_map():
    out = []
    lookup(out, ["The internal operator of a numeric instruction, and how many operands it takes."],
           "numericOp(_ opcode: Opcode) -> (op: Op, operands: Int)?", "opcode",
           [f".{name}: (.{name}, {len(operands)})" for name, operands, *_ in numeric])
    lookup(out, ["The operator with an immediate second operand for a binary operator, if there is one."],
           "immediateVariant(_ op: Op) -> Op?", "op", [f".{name[:-3]}: .{name}" for name, *_ in immediate])
    comm = [f"{t}{cap(n)}" for t in ("i32", "i64") for n in ["add", "mul", "and", "or", "xor", "eq", "ne"]] + \
           [f"{t}{cap(n)}" for t in ("f32", "f64") for n in ["add", "mul"]]
    lookup(out, ["Whether a binary operator gives the same result with its operands swapped."],
           "isCommutative(_ op: Op) -> Bool", "op", [", ".join("." + n for n in comm) + ": true"], default="false")
    inverse = {"eq": "ne", "ne": "eq", "ltS": "geS", "geS": "ltS", "ltU": "geU", "geU": "ltU",
               "gtS": "leS", "leS": "gtS", "gtU": "leU", "leU": "gtU"}
    lookup(out, ["The compare-and-branch operator for an integer comparison (either form), and the",
                 "comparison that is its negation (same form), and whether that form has an immediate."],
           "branchVariant(_ op: Op) -> (branch: Op, inverse: Op, immediate: Bool)?", "op",
           [f".{t}{cap(n)}{imm}: (.brIf{cap(t)}{cap(n)}{imm}, .{t}{cap(inverse[n])}{imm}, {swift_bool(imm)})"
            for t in ("i32", "i64") for n in INT_COMPARE for imm in ("", "Imm")])
    lookup(out, ["The compare-and-branch operators for a float comparison (either form): branching when",
                 "it holds and when it does not, and whether that form has an immediate."],
           "floatBranchVariant(_ op: Op) -> (whenTrue: Op, whenFalse: Op, immediate: Bool)?", "op",
           [f".{t}{cap(n)}{imm}: (.brIf{cap(t)}{cap(n)}{imm}, .brUnless{cap(t)}{cap(n)}{imm}, {swift_bool(imm)})"
            for t in ("f32", "f64") for n in FLOAT_COMPARE for imm in ("", "Imm")])
    names = ["copy", "const", "globalGet", "select", "selectWide", "selectBits"] + [n for n, *_ in numeric] + [n for n, _, _, st in memory if not st] \
        + [n + "M" for n, _, _, st in memory if not st] + [n for n, *_ in immediate] \
        + [n for n, *_ in immediate_left] + [n for n, *_ in chained] + [n + "AddImm" for n in address_fused] \
        + [n for n, *_ in load_fused] + [n + "Indexed" for n in indexed] \
        + [n + "Constant" for n, _, _, st in memory if not st]
    lookup(out, ["Whether a record of `op` only writes its result to the slot at byte 8 (from operands",
                 "it reads first), so that the result can go straight to a local instead."],
           "writesResultOnly(_ op: Op) -> Bool", "op", [one_case(names)], default="false")
    lookup(out, ["Whether a record of `op` can fail (trap, throw, or end the run with an error): a",
                 "peephole may not move another failing record across it."],
           "canFail(_ op: Op) -> Bool", "op",
           [one_case([name for name, kind in shell_kinds() if kind in ("fallible", "reload")])], default="false")
    lookup(out, ["The operator with an immediate first operand for a non-commutative binary operator."],
           "immediateLeftVariant(_ op: Op) -> Op?", "op", [f".{name[:-4]}: .{name}" for name, *_ in immediate_left])
    lookup(out, ["The chained operator for `second` (a binary operator) consuming the result of `first`",
                 "(a binary operator, or its immediate form) as its first operand, or with `reversed` its",
                 "second; with `immediate`, `second`'s other operand is an immediate. Also says whether",
                 "`first` is an immediate form (its second operand an immediate at byte 16)."],
           "chainedVariant(_ first: Op, _ second: Op, reversed: Bool, immediate: Bool) -> (op: Op, firstHasImmediate: Bool)?",
           "(first, second, reversed, immediate)",
           [f"(.{t}{cap(n1)}{'Imm' if imm1 else ''}, .{t}{cap(n2)}, {swift_bool(form == 'reversed')}, {swift_bool(form == 'imm')}): "
            f"(.{name}, {swift_bool(imm1)})" for name, t, n1, imm1, n2, form in chained])
    lookup(out, ["The loads of memory 0 at `a + imm` and at `a + b` for a plain load of memory 0."],
           "addressVariant(_ op: Op) -> (addImmediate: Op, indexed: Op)?", "op",
           [f".{name}: (.{name}AddImm, .{name}Indexed)" for name in address_fused])
    lookup(out, ["The operator that loads its operand itself, for a binary operator whose operand (the",
                 "second with `reversed`) is a load of memory 0 by `load` (or its `…AddImm` form, which",
                 "has an addend at 24)."],
           "loadingVariant(_ load: Op, _ op: Op, reversed: Bool) -> (op: Op, addend: Bool)?", "(load, op, reversed)",
           [f"(.{load}{suffix}, .{t}{cap(n)}, {swift_bool(reversed)}): (.{name}, {swift_bool(suffix)})"
            for name, t, load, n, reversed in load_fused for suffix in ("", "AddImm")])
    lookup(out, ["The operator that stores its result itself, for a binary operator (or its immediate",
                 "form) whose result the full-width store of memory 0 `store` writes.",
                 "Also says whether `op` is an immediate form (its second operand an immediate at 16)."],
           "storingVariant(_ op: Op, _ store: Op) -> (op: Op, immediate: Bool)?", "(op, store)",
           [f"(.{t}{cap(n)}{'Imm' if imm else ''}, .{store}): (.{name}, {swift_bool(imm)})" for name, t, store, n, imm in store_fused])
    lookup(out, ["The load or store of memory 0 at a constant address for a load or store of memory 0."],
           "constantAddressVariant(_ op: Op) -> Op?", "op", [f".{name}: .{name}Constant" for name in constant_address])
    lookup(out, ["The store of a constant for a store of memory 0."],
           "immediateStore(_ op: Op) -> Op?", "op", [f".{name}: .{name}Imm" for name in store_immediate])
    lookup(out, ["The operator that loads, computes and stores back, for the binary operator `op` (or its",
                 "immediate form) between a full-width `load` of memory 0 and a `store` of the same type.",
                 "Also says whether `op` is an immediate form (its second operand an immediate at 16)."],
           "memoryUpdateVariant(_ load: Op, _ op: Op, _ store: Op) -> (op: Op, immediate: Bool)?", "(load, op, store)",
           [f"(.{load}, .{t}{cap(n)}{'Imm' if imm else ''}, .{store}): (.{name}, {swift_bool(imm)})"
            for name, t, load, store, n, imm in memory_update])
    lookup(out, ["The same, for a load fused into its operator (`<load><Op>`, the load's value first)."],
           "memoryUpdateVariant(loading op: Op, _ store: Op) -> Op?", "(op, store)",
           [f"(.{load}{cap(n)}, .{store}): .{name}" for name, t, load, store, n, imm in memory_update if not imm])
    lookup(out, ["The stores of memory 0 at `a + imm` and at `a + b` for a store of memory 0 (of a slot,",
                 "or with `constant` of an immediate)."],
           "storeAddressVariant(_ op: Op, constant: Bool) -> (addImmediate: Op, indexed: Op)?", "(op, constant)",
           [case for name in store_addressed for case in (f"(.{name}, false): (.{name}AddImm, .{name}Indexed)",
                                                          f"(.{name}, true): (.{name}ImmAddImm, .{name}ImmIndexed)")])
    lookup(out, ["The record that steps a counter (`i32AddImm`) and then runs the compare-and-branch `op`."],
           "counterBranchVariant(_ op: Op) -> Op?", "op", [f".{branch}: .{name}" for name, branch, n, imm in counter_branch])
    lookup(out, ["The internal operators of a plain load or store (memory 0 through the registers, any",
                 "memory by its object), and whether it stores."],
           "memoryOp(_ opcode: Opcode) -> (op: Op, anyMemory: Op, isStore: Bool)?", "opcode",
           [f".{name}: (.{name}, .{name}M, {swift_bool(store)})" for name, _, _, store in memory])
    return "\n".join(out[:-1])

def replace(path, region, text):
    source = path.read_text()
    pattern = re.compile(rf"(// BEGIN GENERATED {region}[^\n]*\n).*?([ \t]*// END GENERATED {region})", re.S)
    if not pattern.search(source):
        raise SystemExit(f"{path}: no region {region}")
    path.write_text(pattern.sub(lambda m: m.group(1) + text + "\n" + m.group(2), source))

replace(INTERP / "Code/Op.swift", "ops", op_cases())
all_ops = re.findall(r"^    case `?(\w+)`?$", (INTERP / "Code/Op.swift").read_text(), re.M)
replace(INTERP / "Translator/Translator+Simple.swift", "map", translator_map())
(INTERP / "Executor/Executor+Generated.swift").write_text(executor_bodies())
(ROOT / "Sources/CInterpreter/include/wf_handlers.inc").write_text(c_handlers())
print(f"{len(all_ops)} operators: {len(numeric)} numeric, {len(memory)} × 2 memory, {len(immediate)} immediate, {len(compare_branch)} compare-branch, "
      f"{len(immediate_left)} immediate-first, {len(chained)} chained, {len(address_fused)} address-fused loads, "
      f"{len(load_fused)} loading, {len(store_fused)} storing, "
      f"{len(store_immediate)} constant stores, {4 * len(store_addressed)} address-fused stores, {len(memory_update)} memory updates, "
      f"{len(counter_branch)} counter branches")
