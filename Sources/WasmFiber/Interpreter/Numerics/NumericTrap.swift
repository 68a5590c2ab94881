// Numeric semantics of WebAssembly (spec "Numerics", https://webassembly.github.io/spec/core/exec/numerics.html).
//
// The interpreter calls these on its hot path, so every operation is a static function on a
// caseless enum per value type (`I32Ops`, `I64Ops`, `F32Ops`, `F64Ops`), named after the
// instruction (`i32.div_s` → `I32Ops.divS`, `i32.trunc_f32_s` → `I32Ops.truncF32S`), marked
// `@inlinable @inline(__always)`, allocation-free, and — where the spec's operator is partial —
// `throws(NumericTrap)`, so a trap is a typed error the interpreter turns into a WebAssembly trap
// without boxing an existential.
//
// Representation: integers are their bit patterns (`UInt32` / `UInt64`; WebAssembly integers
// have no sign, only some operators interpret one); floats are `Float` / `Double`, whose bits
// (NaN payloads, signalling NaNs, signed zeros) Swift moves unchanged on x86_64 and aarch64.
// Predicates return `Bool` (the interpreter stores `1`/`0` or branches on it directly).

/// Why a numeric instruction trapped; `description` is the specification's message, which the
/// spec scripts' `assert_trap` expects.
public enum NumericTrap: Error, Hashable, Sendable, CustomStringConvertible {
    /// `div`/`rem` by zero.
    case integerDivideByZero
    /// `div_s` of the minimum integer by -1, or a float→integer `trunc` of an infinity or of a
    /// value whose truncation is out of the target's range.
    case integerOverflow
    /// A float→integer `trunc` of a NaN.
    case invalidConversionToInteger

    /// The specification's trap message.
    public var description: String {
        switch self {
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        }
    }
}
