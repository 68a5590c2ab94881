#!/usr/bin/env python3
"""Generates the regular instruction families of the interpreter (numeric operators, plain
loads and stores) from one table, so that the internal opcode (`Op`), the translator's mapping
from WebAssembly opcodes, and the executor's cases cannot drift apart.

Writes the regions between `// BEGIN GENERATED <name>` and `// END GENERATED <name>` in:
  Sources/WasmFiber/Interpreter/Code/Op.swift            (cases)
  Sources/WasmFiber/Interpreter/Executor/Executor.swift  (executor cases)
  Sources/WasmFiber/Interpreter/Translator/Translator+Simple.swift (opcode mapping)
and writes Sources/WasmFiber/Interpreter/Executor/Executor+Generated.swift (operator bodies).
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

def op_cases():
    lines = ["    // Numeric operators: `dst, a[, b]` slots (see Translator+Simple.swift)."]
    lines += [f"    case {n}" for n, *_ in numeric]
    lines.append("    // Loads `dst, address` and stores `value, address`; then the offset and the memory.")
    lines += [f"    case {n}" for n, *_ in memory]
    return "\n".join(lines)

def executor_cases():
    """The executor's switch cases: one call each (bodies in Executor+Generated.swift), so that
    the loop's frame stays small in unoptimised builds too."""
    out = ["#if DEBUG",
           "// Unoptimised builds give every case its own stack slots: one out-of-line call keeps",
           "// the activation frame (and so the recursion depth per stack) reasonable.",
           "default: pc = try regularOperator(pc, fp)",
           "#else"]
    for name, *_ in numeric + memory:
        out.append(f"case .{name}: pc = try {name}(pc, fp)")
    out.append("#endif")
    return "\n".join(" " * 20 + line for line in out)

def executor_bodies():
    out = ["// Generated by scripts/generate-interpreter-ops.py: do not edit.",
           "// The bodies of the regular instruction families, one function per operator.", "",
           "extension Executor {"]
    for name, operands, result, fn, throws in numeric:
        args = ", ".join(READ[t].format(s=f"pc.slot({12 + 4 * i})") for i, t in enumerate(operands))
        call = f"{fn}({args})"
        if throws:
            call = f"try numeric {{ () throws(NumericTrap) in try {call} }}"
        size = 16 if len(operands) == 1 else 24
        out.append("    @inline(__always)")
        out.append(f"    static func {name}(_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) -> UnsafeMutableRawPointer {{")
        out.append(f"        fp[pc.slot(8)] = {WRITE[result].format(v=call)}")
        out.append(f"        return pc + {size}")
        out.append("    }")
    for name, method, t, store in memory:
        out.append("    @inline(__always)")
        out.append(f"    static func {name}(_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) -> UnsafeMutableRawPointer {{")
        out.append("        unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()")
        if store:
            value = READ[t].format(s="pc.slot(8)")
            out.append(f"        try memoryAccess {{ () throws(MemoryError) in try memory.{method}({value}, at: fp[pc.slot(12)], offset: pc.u64(16)) }}")
        else:
            out.append(f"        let value = try memoryAccess {{ () throws(MemoryError) in try memory.{method}(at: fp[pc.slot(12)], offset: pc.u64(16)) }}")
            out.append(f"        fp[pc.slot(8)] = {WRITE[t].format(v='value')}")
        out.append("        return pc + 32")
        out.append("    }")
    out.append("")
    out.append("    /// Any regular operator, by one `switch` (unoptimised builds only; see the executor).")
    out.append("    @inline(never)")
    out.append("    static func regularOperator(_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) -> UnsafeMutableRawPointer {")
    out.append("        switch pc.load(as: Op.self) {")
    for name, *_ in numeric + memory:
        out.append(f"        case .{name}: return try {name}(pc, fp)")
    out.append("        default: preconditionFailure(\"not a regular operator\")")
    out.append("        }")
    out.append("    }")
    out.append("}")
    return "\n".join(out) + "\n"

def translator_map():
    out = ["    /// The internal operator of a numeric instruction, and how many operands it takes."]
    out.append("    static func numericOp(_ opcode: Opcode) -> (op: Op, operands: Int)? {")
    out.append("        switch opcode {")
    for name, operands, *_ in numeric:
        out.append(f"        case .{name}: (.{name}, {len(operands)})")
    out.append("        default: nil")
    out.append("        }")
    out.append("    }")
    out.append("")
    out.append("    /// The internal operator of a plain load or store, and whether it stores.")
    out.append("    static func memoryOp(_ opcode: Opcode) -> (op: Op, isStore: Bool)? {")
    out.append("        switch opcode {")
    for name, _, _, store in memory:
        out.append(f"        case .{name}: (.{name}, {'true' if store else 'false'})")
    out.append("        default: nil")
    out.append("        }")
    out.append("    }")
    return "\n".join(out)

def replace(path, region, text):
    source = path.read_text()
    pattern = re.compile(rf"(// BEGIN GENERATED {region}[^\n]*\n).*?([ \t]*// END GENERATED {region})", re.S)
    if not pattern.search(source):
        raise SystemExit(f"{path}: no region {region}")
    path.write_text(pattern.sub(lambda m: m.group(1) + text + "\n" + m.group(2), source))

replace(INTERP / "Code/Op.swift", "ops", op_cases())
replace(INTERP / "Executor/Executor.swift", "cases", executor_cases())
replace(INTERP / "Translator/Translator+Simple.swift", "map", translator_map())
(INTERP / "Executor/Executor+Generated.swift").write_text(executor_bodies())
print(f"{len(numeric)} numeric and {len(memory)} memory operators")
