import WasmFiber
import WasmFormat
import WasmText

/// Script values as embedding-API values, and results compared with script expectations.
enum WastValues {
    /// The hierarchy of an abstract heap type named in a script (`func`, `nofunc`, …).
    enum Hierarchy { case function, extern, exception, other }

    static func hierarchy(ofHeapTypeNamed name: String) -> Hierarchy? {
        switch name {
        case "func", "nofunc": .function
        case "extern", "noextern": .extern
        case "exn", "noexn": .exception
        case "any", "none", "eq", "i31", "struct", "array", "cont", "nocont": .other
        default: nil  // a type index or `$name`
        }
    }

    static func hierarchy(of type: ValueType?) -> Hierarchy? {
        guard case .ref(let reference)? = type else { return nil }
        switch reference.heapType {
        case .abstract(let abstract):
            switch abstract {
            case .func, .nofunc: return .function
            case .extern, .noextern: return .extern
            case .exn, .noexn: return .exception
            default: return .other
            }
        case .concrete:
            // Outside GC (which is not run), defined types are function types.
            return .function
        }
    }

    /// Why `value` cannot be passed through the embedding API, or `nil` if it can.
    static func unsupportedReason(_ value: WastValue) -> String? {
        switch value {
        case .v128: WastSkipReason.v128
        case .refHost: WastSkipReason.gcReference
        default: nil
        }
    }

    /// Why `expected` cannot be checked through the embedding API, or `nil` if it can.
    static func unsupportedReason(_ expected: WastExpected) -> String? {
        switch expected {
        case .value(let value): return unsupportedReason(value)
        case .canonicalNaN, .arithmeticNaN, .anyNull, .refFunc, .anyExtern: return nil
        case .v128Lanes: return WastSkipReason.v128
        case .refKind(let kind): return ["exn", "func", "extern"].contains(kind) ? nil : WastSkipReason.gcReference
        case .either(let alternatives): return alternatives.lazy.compactMap(unsupportedReason).first
        }
    }

    /// The API value of a script argument; `type` (the parameter's, when known) picks the kind
    /// of a null reference the script names by an index or a GC heap type.
    static func value(_ value: WastValue, type: ValueType?) -> Value? {
        switch value {
        case .i32(let bits): return .i32(bits: bits)
        case .i64(let bits): return .i64(bits: bits)
        case .f32(let bits): return .f32(Float(bitPattern: bits))
        case .f64(let bits): return .f64(Double(bitPattern: bits))
        case .v128, .refHost: return nil
        case .refExtern(let n): return .externRef(ExternRef(UInt64(n)))
        case .refNull(let heapType):
            switch hierarchy(ofHeapTypeNamed: heapType) ?? hierarchy(of: type) ?? .function {
            case .function: return .funcRef(nil)
            case .exception: return .exnRef(nil)
            case .extern: return .externRef(nil)
            case .other:
                // No anyref in the API; null is the same slot in every hierarchy.
                switch hierarchy(of: type) {
                case .function?: return .funcRef(nil)
                case .exception?: return .exnRef(nil)
                default: return .externRef(nil)
                }
            }
        }
    }

    /// Whether `value` is a null reference.
    static func isNull(_ value: Value) -> Bool {
        switch value {
        case .funcRef(let f): f == nil
        case .externRef(let r): r == nil
        case .exnRef(let e): e == nil
        default: false
        }
    }

    /// Whether `value` matches `expected` (which ``unsupportedReason(_:)-swift.type.method``
    /// accepted).
    static func matches(_ value: Value, _ expected: WastExpected) -> Bool {
        switch expected {
        case .value(let want):
            switch (want, value) {
            case (.i32(let bits), .i32(let v)): return UInt32(bitPattern: v) == bits
            case (.i64(let bits), .i64(let v)): return UInt64(bitPattern: v) == bits
            case (.f32(let bits), .f32(let v)): return v.bitPattern == bits
            case (.f64(let bits), .f64(let v)): return v.bitPattern == bits
            case (.refExtern(let n), .externRef(let r)): return r?.id == UInt64(n)
            case (.refNull(let heapType), _):
                guard isNull(value) else { return false }
                switch hierarchy(ofHeapTypeNamed: heapType) {
                case .function?: if case .funcRef = value { return true } else { return false }
                case .extern?: if case .externRef = value { return true } else { return false }
                case .exception?: if case .exnRef = value { return true } else { return false }
                case .other?, nil: return true
                }
            default: return false
            }
        case .canonicalNaN(let bits):
            if bits == 32, case .f32(let v) = value { return v.bitPattern & 0x7FFF_FFFF == 0x7FC0_0000 }
            if bits == 64, case .f64(let v) = value { return v.bitPattern & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000 }
            return false
        case .arithmeticNaN(let bits):
            if bits == 32, case .f32(let v) = value { return v.bitPattern & 0x7FC0_0000 == 0x7FC0_0000 }
            if bits == 64, case .f64(let v) = value { return v.bitPattern & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000 }
            return false
        case .v128Lanes: return false
        case .anyNull: return isNull(value)
        case .refFunc:
            // The index of `(ref.func n)` is not observable through the API: any function.
            if case .funcRef(let f) = value { return f != nil }
            return false
        case .anyExtern:
            if case .externRef(let r) = value { return r != nil }
            return false
        case .refKind(let kind):
            switch (kind, value) {
            case ("exn", .exnRef(let e)): return e != nil
            case ("func", .funcRef(let f)): return f != nil
            case ("extern", .externRef(let r)): return r != nil
            default: return false
            }
        case .either(let alternatives):
            return alternatives.contains { matches(value, $0) }
        }
    }

    // MARK: - Descriptions for reports

    static func describe(_ value: Value) -> String { WastValueText.describe(value) }

    static func describe(_ values: [Value]) -> String {
        values.isEmpty ? "no results" : values.map(describe).joined(separator: ", ")
    }

    static func describe(float bits: UInt64, bits width: Int) -> String { WastValueText.describe(float: bits, bits: width) }

    static func describe(_ value: WastValue) -> String {
        switch value {
        case .i32(let bits): "i32:\(Int32(bitPattern: bits))"
        case .i64(let bits): "i64:\(Int64(bitPattern: bits))"
        case .f32(let bits): "f32:" + describe(float: UInt64(bits), bits: 32)
        case .f64(let bits): "f64:" + describe(float: bits, bits: 64)
        case .v128(let bytes): "v128:" + bytes.map { String($0, radix: 16) }.joined(separator: " ")
        case .refNull(let heapType): "ref.null \(heapType)"
        case .refExtern(let n): "ref.extern \(n)"
        case .refHost(let n): "ref.host \(n)"
        }
    }

    static func describe(_ expected: WastExpected) -> String {
        switch expected {
        case .value(let value): describe(value)
        case .canonicalNaN(let bits): "f\(bits):nan:canonical"
        case .arithmeticNaN(let bits): "f\(bits):nan:arithmetic"
        case .v128Lanes(let shape, let lanes): "v128:\(shape)(" + lanes.map(describe).joined(separator: " ") + ")"
        case .anyNull: "ref.null"
        case .refFunc(let index): index.map { "ref.func \($0)" } ?? "ref.func"
        case .anyExtern: "ref.extern"
        case .refKind(let kind): "ref.\(kind)"
        case .either(let alternatives): "either(" + alternatives.map(describe).joined(separator: " | ") + ")"
        }
    }

    static func describe(_ expected: [WastExpected]) -> String {
        expected.isEmpty ? "no results" : expected.map(describe).joined(separator: ", ")
    }
}

/// Values as reports and the CLI print them: `i32:-1`, `i64:5`, `f32:1.5`, `f64:-inf`,
/// `f32:nan:0x400000` (NaNs with their payload), `ref.null func`, `ref.extern 3`, `ref.func`.
public enum WastValueText {
    /// The value as `type:value`.
    public static func describe(_ value: Value) -> String {
        switch value {
        case .f32(let v): "f32:" + describe(float: UInt64(v.bitPattern), bits: 32)
        case .f64(let v): "f64:" + describe(float: v.bitPattern, bits: 64)
        default: value.description
        }
    }

    /// A float by its bits (`width` 32 or 64): the shortest decimal that reads back as the
    /// same number, `inf`, or `nan:0x…` with the payload; negative ones with `-`.
    public static func describe(float bits: UInt64, bits width: Int) -> String {
        let negative = (width == 32 ? bits >> 31 & 1 : bits >> 63) == 1
        let sign = negative ? "-" : ""
        if width == 32 {
            let v = Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            if v.isNaN { return sign + "nan:0x" + String(bits & 0x7F_FFFF, radix: 16) }
            if v.isInfinite { return sign + "inf" }
            return "\(v)"
        }
        let v = Double(bitPattern: bits)
        if v.isNaN { return sign + "nan:0x" + String(bits & 0xF_FFFF_FFFF_FFFF, radix: 16) }
        if v.isInfinite { return sign + "inf" }
        return "\(v)"
    }
}
