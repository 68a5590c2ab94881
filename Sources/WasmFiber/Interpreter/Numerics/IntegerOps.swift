// Integer instructions (spec "Integer Operations"): see NumericTrap.swift for the conventions.

/// The `i32` integer instructions (spec "Integer Operations"), on two's complement bit
/// patterns. Arithmetic wraps modulo 2^32; shift and rotate counts are taken modulo 32.
@usableFromInline
enum I32Ops {
    // MARK: Unary (iclz, ictz, ipopcnt)

    /// `i32.clz`: the number of leading zero bits (32 for 0).
    @inlinable @inline(__always)
    static func clz(_ x: UInt32) -> UInt32 { UInt32(truncatingIfNeeded: x.leadingZeroBitCount) }

    /// `i32.ctz`: the number of trailing zero bits (32 for 0).
    @inlinable @inline(__always)
    static func ctz(_ x: UInt32) -> UInt32 { UInt32(truncatingIfNeeded: x.trailingZeroBitCount) }

    /// `i32.popcnt`: the number of one bits.
    @inlinable @inline(__always)
    static func popcnt(_ x: UInt32) -> UInt32 { UInt32(truncatingIfNeeded: x.nonzeroBitCount) }

    // MARK: Arithmetic (iadd, isub, imul wrap; idiv and irem are partial)

    /// `i32.add`, wrapping.
    @inlinable @inline(__always)
    static func add(_ x: UInt32, _ y: UInt32) -> UInt32 { x &+ y }

    /// `i32.sub`, wrapping.
    @inlinable @inline(__always)
    static func sub(_ x: UInt32, _ y: UInt32) -> UInt32 { x &- y }

    /// `i32.mul`, wrapping (the low 32 bits of the product).
    @inlinable @inline(__always)
    static func mul(_ x: UInt32, _ y: UInt32) -> UInt32 { x &* y }

    /// `i32.div_s`: signed division truncated toward zero.
    /// - Throws: `.integerDivideByZero` when `y` is 0 (checked first), `.integerOverflow` for
    ///   `Int32.min / -1`, whose quotient 2^31 is not representable.
    @inlinable @inline(__always)
    static func divS(_ x: UInt32, _ y: UInt32) throws(NumericTrap) -> UInt32 {
        let dividend = Int32(bitPattern: x), divisor = Int32(bitPattern: y)
        if divisor == 0 { throw .integerDivideByZero }
        if dividend == .min && divisor == -1 { throw .integerOverflow }
        return UInt32(bitPattern: dividend / divisor)  // both of Swift's traps are excluded above
    }

    /// `i32.div_u`: unsigned division truncated toward zero.
    /// - Throws: `.integerDivideByZero` when `y` is 0.
    @inlinable @inline(__always)
    static func divU(_ x: UInt32, _ y: UInt32) throws(NumericTrap) -> UInt32 {
        if y == 0 { throw .integerDivideByZero }
        return x / y
    }

    /// `i32.rem_s`: the signed remainder, with the sign of the dividend. `Int32.min rem_s -1` is
    /// 0 (the remainder is defined even though the quotient overflows).
    /// - Throws: `.integerDivideByZero` when `y` is 0.
    @inlinable @inline(__always)
    static func remS(_ x: UInt32, _ y: UInt32) throws(NumericTrap) -> UInt32 {
        let dividend = Int32(bitPattern: x), divisor = Int32(bitPattern: y)
        if divisor == 0 { throw .integerDivideByZero }
        if divisor == -1 { return 0 }  // x86 `idiv` faults on min / -1; Swift's `%` traps
        return UInt32(bitPattern: dividend % divisor)
    }

    /// `i32.rem_u`: the unsigned remainder.
    /// - Throws: `.integerDivideByZero` when `y` is 0.
    @inlinable @inline(__always)
    static func remU(_ x: UInt32, _ y: UInt32) throws(NumericTrap) -> UInt32 {
        if y == 0 { throw .integerDivideByZero }
        return x % y
    }

    // MARK: Bitwise, shifts and rotates (ishl, ishr_s, ishr_u, irotl, irotr: count mod N)

    /// `i32.and`.
    @inlinable @inline(__always)
    static func and(_ x: UInt32, _ y: UInt32) -> UInt32 { x & y }

    /// `i32.or`.
    @inlinable @inline(__always)
    static func or(_ x: UInt32, _ y: UInt32) -> UInt32 { x | y }

    /// `i32.xor`.
    @inlinable @inline(__always)
    static func xor(_ x: UInt32, _ y: UInt32) -> UInt32 { x ^ y }

    /// `i32.shl`: shift left by `y` mod 32 (Swift's masking `&<<` is exactly that).
    @inlinable @inline(__always)
    static func shl(_ x: UInt32, _ y: UInt32) -> UInt32 { x &<< y }

    /// `i32.shr_s`: arithmetic shift right by `y` mod 32 (copies of the sign bit shift in).
    @inlinable @inline(__always)
    static func shrS(_ x: UInt32, _ y: UInt32) -> UInt32 {
        UInt32(bitPattern: Int32(bitPattern: x) &>> Int32(bitPattern: y & 31))
    }

    /// `i32.shr_u`: logical shift right by `y` mod 32 (zeros shift in).
    @inlinable @inline(__always)
    static func shrU(_ x: UInt32, _ y: UInt32) -> UInt32 { x &>> y }

    /// `i32.rotl`: rotate left by `y` mod 32. (`0 &- y` is `32 - k` mod 32; for k = 0 both halves
    /// are `x`. LLVM turns the pattern into one rotate instruction.)
    @inlinable @inline(__always)
    static func rotl(_ x: UInt32, _ y: UInt32) -> UInt32 { (x &<< y) | (x &>> (0 &- y)) }

    /// `i32.rotr`: rotate right by `y` mod 32.
    @inlinable @inline(__always)
    static func rotr(_ x: UInt32, _ y: UInt32) -> UInt32 { (x &>> y) | (x &<< (0 &- y)) }

    // MARK: Tests and comparisons (ieqz, ieq, ine, ilt_s/u, igt_s/u, ile_s/u, ige_s/u)

    /// `i32.eqz`.
    @inlinable @inline(__always)
    static func eqz(_ x: UInt32) -> Bool { x == 0 }

    /// `i32.eq`.
    @inlinable @inline(__always)
    static func eq(_ x: UInt32, _ y: UInt32) -> Bool { x == y }

    /// `i32.ne`.
    @inlinable @inline(__always)
    static func ne(_ x: UInt32, _ y: UInt32) -> Bool { x != y }

    /// `i32.lt_s` (signed).
    @inlinable @inline(__always)
    static func ltS(_ x: UInt32, _ y: UInt32) -> Bool { Int32(bitPattern: x) < Int32(bitPattern: y) }

    /// `i32.lt_u` (unsigned).
    @inlinable @inline(__always)
    static func ltU(_ x: UInt32, _ y: UInt32) -> Bool { x < y }

    /// `i32.gt_s` (signed).
    @inlinable @inline(__always)
    static func gtS(_ x: UInt32, _ y: UInt32) -> Bool { Int32(bitPattern: x) > Int32(bitPattern: y) }

    /// `i32.gt_u` (unsigned).
    @inlinable @inline(__always)
    static func gtU(_ x: UInt32, _ y: UInt32) -> Bool { x > y }

    /// `i32.le_s` (signed).
    @inlinable @inline(__always)
    static func leS(_ x: UInt32, _ y: UInt32) -> Bool { Int32(bitPattern: x) <= Int32(bitPattern: y) }

    /// `i32.le_u` (unsigned).
    @inlinable @inline(__always)
    static func leU(_ x: UInt32, _ y: UInt32) -> Bool { x <= y }

    /// `i32.ge_s` (signed).
    @inlinable @inline(__always)
    static func geS(_ x: UInt32, _ y: UInt32) -> Bool { Int32(bitPattern: x) >= Int32(bitPattern: y) }

    /// `i32.ge_u` (unsigned).
    @inlinable @inline(__always)
    static func geU(_ x: UInt32, _ y: UInt32) -> Bool { x >= y }

    // MARK: Sign extension (iextend_s of the low M bits)

    /// `i32.extend8_s`: sign-extend the low 8 bits.
    @inlinable @inline(__always)
    static func extend8S(_ x: UInt32) -> UInt32 { UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: x))) }

    /// `i32.extend16_s`: sign-extend the low 16 bits.
    @inlinable @inline(__always)
    static func extend16S(_ x: UInt32) -> UInt32 { UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: x))) }
}

/// The `i64` integer instructions (spec "Integer Operations"), on two's complement bit
/// patterns. Arithmetic wraps modulo 2^64; shift and rotate counts are taken modulo 64.
@usableFromInline
enum I64Ops {
    // MARK: Unary (iclz, ictz, ipopcnt)

    /// `i64.clz`: the number of leading zero bits (64 for 0).
    @inlinable @inline(__always)
    static func clz(_ x: UInt64) -> UInt64 { UInt64(truncatingIfNeeded: x.leadingZeroBitCount) }

    /// `i64.ctz`: the number of trailing zero bits (64 for 0).
    @inlinable @inline(__always)
    static func ctz(_ x: UInt64) -> UInt64 { UInt64(truncatingIfNeeded: x.trailingZeroBitCount) }

    /// `i64.popcnt`: the number of one bits.
    @inlinable @inline(__always)
    static func popcnt(_ x: UInt64) -> UInt64 { UInt64(truncatingIfNeeded: x.nonzeroBitCount) }

    // MARK: Arithmetic (iadd, isub, imul wrap; idiv and irem are partial)

    /// `i64.add`, wrapping.
    @inlinable @inline(__always)
    static func add(_ x: UInt64, _ y: UInt64) -> UInt64 { x &+ y }

    /// `i64.sub`, wrapping.
    @inlinable @inline(__always)
    static func sub(_ x: UInt64, _ y: UInt64) -> UInt64 { x &- y }

    /// `i64.mul`, wrapping (the low 64 bits of the product).
    @inlinable @inline(__always)
    static func mul(_ x: UInt64, _ y: UInt64) -> UInt64 { x &* y }

    /// `i64.div_s`: signed division truncated toward zero.
    /// - Throws: `.integerDivideByZero` when `y` is 0 (checked first), `.integerOverflow` for
    ///   `Int64.min / -1`, whose quotient 2^63 is not representable.
    @inlinable @inline(__always)
    static func divS(_ x: UInt64, _ y: UInt64) throws(NumericTrap) -> UInt64 {
        let dividend = Int64(bitPattern: x), divisor = Int64(bitPattern: y)
        if divisor == 0 { throw .integerDivideByZero }
        if dividend == .min && divisor == -1 { throw .integerOverflow }
        return UInt64(bitPattern: dividend / divisor)  // both of Swift's traps are excluded above
    }

    /// `i64.div_u`: unsigned division truncated toward zero.
    /// - Throws: `.integerDivideByZero` when `y` is 0.
    @inlinable @inline(__always)
    static func divU(_ x: UInt64, _ y: UInt64) throws(NumericTrap) -> UInt64 {
        if y == 0 { throw .integerDivideByZero }
        return x / y
    }

    /// `i64.rem_s`: the signed remainder, with the sign of the dividend. `Int64.min rem_s -1` is
    /// 0 (the remainder is defined even though the quotient overflows).
    /// - Throws: `.integerDivideByZero` when `y` is 0.
    @inlinable @inline(__always)
    static func remS(_ x: UInt64, _ y: UInt64) throws(NumericTrap) -> UInt64 {
        let dividend = Int64(bitPattern: x), divisor = Int64(bitPattern: y)
        if divisor == 0 { throw .integerDivideByZero }
        if divisor == -1 { return 0 }  // x86 `idiv` faults on min / -1; Swift's `%` traps
        return UInt64(bitPattern: dividend % divisor)
    }

    /// `i64.rem_u`: the unsigned remainder.
    /// - Throws: `.integerDivideByZero` when `y` is 0.
    @inlinable @inline(__always)
    static func remU(_ x: UInt64, _ y: UInt64) throws(NumericTrap) -> UInt64 {
        if y == 0 { throw .integerDivideByZero }
        return x % y
    }

    // MARK: Bitwise, shifts and rotates (ishl, ishr_s, ishr_u, irotl, irotr: count mod N)

    /// `i64.and`.
    @inlinable @inline(__always)
    static func and(_ x: UInt64, _ y: UInt64) -> UInt64 { x & y }

    /// `i64.or`.
    @inlinable @inline(__always)
    static func or(_ x: UInt64, _ y: UInt64) -> UInt64 { x | y }

    /// `i64.xor`.
    @inlinable @inline(__always)
    static func xor(_ x: UInt64, _ y: UInt64) -> UInt64 { x ^ y }

    /// `i64.shl`: shift left by `y` mod 64 (Swift's masking `&<<` is exactly that).
    @inlinable @inline(__always)
    static func shl(_ x: UInt64, _ y: UInt64) -> UInt64 { x &<< y }

    /// `i64.shr_s`: arithmetic shift right by `y` mod 64 (copies of the sign bit shift in).
    @inlinable @inline(__always)
    static func shrS(_ x: UInt64, _ y: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(bitPattern: x) &>> Int64(bitPattern: y & 63))
    }

    /// `i64.shr_u`: logical shift right by `y` mod 64 (zeros shift in).
    @inlinable @inline(__always)
    static func shrU(_ x: UInt64, _ y: UInt64) -> UInt64 { x &>> y }

    /// `i64.rotl`: rotate left by `y` mod 64. (`0 &- y` is `64 - k` mod 64; for k = 0 both halves
    /// are `x`. LLVM turns the pattern into one rotate instruction.)
    @inlinable @inline(__always)
    static func rotl(_ x: UInt64, _ y: UInt64) -> UInt64 { (x &<< y) | (x &>> (0 &- y)) }

    /// `i64.rotr`: rotate right by `y` mod 64.
    @inlinable @inline(__always)
    static func rotr(_ x: UInt64, _ y: UInt64) -> UInt64 { (x &>> y) | (x &<< (0 &- y)) }

    // MARK: Tests and comparisons (ieqz, ieq, ine, ilt_s/u, igt_s/u, ile_s/u, ige_s/u)

    /// `i64.eqz`.
    @inlinable @inline(__always)
    static func eqz(_ x: UInt64) -> Bool { x == 0 }

    /// `i64.eq`.
    @inlinable @inline(__always)
    static func eq(_ x: UInt64, _ y: UInt64) -> Bool { x == y }

    /// `i64.ne`.
    @inlinable @inline(__always)
    static func ne(_ x: UInt64, _ y: UInt64) -> Bool { x != y }

    /// `i64.lt_s` (signed).
    @inlinable @inline(__always)
    static func ltS(_ x: UInt64, _ y: UInt64) -> Bool { Int64(bitPattern: x) < Int64(bitPattern: y) }

    /// `i64.lt_u` (unsigned).
    @inlinable @inline(__always)
    static func ltU(_ x: UInt64, _ y: UInt64) -> Bool { x < y }

    /// `i64.gt_s` (signed).
    @inlinable @inline(__always)
    static func gtS(_ x: UInt64, _ y: UInt64) -> Bool { Int64(bitPattern: x) > Int64(bitPattern: y) }

    /// `i64.gt_u` (unsigned).
    @inlinable @inline(__always)
    static func gtU(_ x: UInt64, _ y: UInt64) -> Bool { x > y }

    /// `i64.le_s` (signed).
    @inlinable @inline(__always)
    static func leS(_ x: UInt64, _ y: UInt64) -> Bool { Int64(bitPattern: x) <= Int64(bitPattern: y) }

    /// `i64.le_u` (unsigned).
    @inlinable @inline(__always)
    static func leU(_ x: UInt64, _ y: UInt64) -> Bool { x <= y }

    /// `i64.ge_s` (signed).
    @inlinable @inline(__always)
    static func geS(_ x: UInt64, _ y: UInt64) -> Bool { Int64(bitPattern: x) >= Int64(bitPattern: y) }

    /// `i64.ge_u` (unsigned).
    @inlinable @inline(__always)
    static func geU(_ x: UInt64, _ y: UInt64) -> Bool { x >= y }

    // MARK: Sign extension (iextend_s of the low M bits)

    /// `i64.extend8_s`: sign-extend the low 8 bits.
    @inlinable @inline(__always)
    static func extend8S(_ x: UInt64) -> UInt64 { UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: x))) }

    /// `i64.extend16_s`: sign-extend the low 16 bits.
    @inlinable @inline(__always)
    static func extend16S(_ x: UInt64) -> UInt64 { UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: x))) }

    /// `i64.extend32_s`: sign-extend the low 32 bits.
    @inlinable @inline(__always)
    static func extend32S(_ x: UInt64) -> UInt64 { UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x))) }
}
