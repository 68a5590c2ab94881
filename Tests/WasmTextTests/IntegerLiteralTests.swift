import Testing
@testable import WasmText

/// Integer literals accept the union of the signed and unsigned ranges of their type.
struct IntegerLiteralTests {
    private func i32(_ text: String) -> UInt32? {
        if case .success(let bits) = IntegerLiteral.i32(text) { return bits }
        return nil
    }

    private func i64(_ text: String) -> UInt64? {
        if case .success(let bits) = IntegerLiteral.i64(text) { return bits }
        return nil
    }

    @Test func i32RangeIsSignedAndUnsigned() {
        #expect(i32("0") == 0)
        #expect(i32("4294967295") == 0xFFFF_FFFF)
        #expect(i32("-1") == 0xFFFF_FFFF)
        #expect(i32("-2147483648") == 0x8000_0000)
        #expect(i32("+0x7fff_ffff") == 0x7FFF_FFFF)
        #expect(i32("0xFFFF_FFFF") == 0xFFFF_FFFF)
        #expect(i32("-0x8000_0000") == 0x8000_0000)
        #expect(i32("1_000_000") == 1_000_000)
    }

    @Test(arguments: ["4294967296", "-2147483649", "0x1_0000_0000", "-0x8000_0001", "18446744073709551616"])
    func i32OutOfRange(text: String) {
        if case .failure(.outOfRange) = IntegerLiteral.i32(text) {} else { Issue.record("\(text) must be out of range") }
    }

    @Test func i64RangeIsSignedAndUnsigned() {
        #expect(i64("18446744073709551615") == .max)
        #expect(i64("-9223372036854775808") == 0x8000_0000_0000_0000)
        #expect(i64("-1") == .max)
        #expect(i64("0x7fff_ffff_ffff_ffff") == 0x7FFF_FFFF_FFFF_FFFF)
        if case .failure(.outOfRange) = IntegerLiteral.i64("18446744073709551616") {} else { Issue.record("2^64") }
        if case .failure(.outOfRange) = IntegerLiteral.i64("-9223372036854775809") {} else { Issue.record("-2^63-1") }
    }

    @Test(arguments: ["", "-", "0x", "_1", "1_", "1__2", "0x_1", "1a", "0xg", "1.0", "+-1"])
    func malformedIntegers(text: String) {
        if case .failure(.notANumber) = IntegerLiteral.parse(text) {} else { Issue.record("\(text) must not parse") }
    }

    @Test func indicesAreUnsignedOnly() {
        if case .failure(.notANumber) = IntegerLiteral.unsigned("+1", max: .max) {} else { Issue.record("+1 is no index") }
        if case .success(let v) = IntegerLiteral.unsigned("0x10", max: 0xFFFF_FFFF) { #expect(v == 16) } else { Issue.record("0x10") }
    }

    @Test func constantsAreSignedLEB128() throws {
        // i32.const -1 is 0x7F; i32.const 0x8000_0000 (unsigned spelling) is the same as -2^31.
        #expect(Array(try parseWAT("(func (result i32) (i32.const 4294967295))").suffix(3)) == [0x41, 0x7F, 0x0B])
        let a = try parseWAT("(func (result i32) (i32.const 0x8000_0000))")
        let b = try parseWAT("(func (result i32) (i32.const -2147483648))")
        #expect(a == b)
        #expect(Array(a.suffix(7)) == [0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x0B])
    }

    @Test func outOfRangeConstantIsReported() {
        #expect(throws: TextError.self) { try parseWAT("(func (i32.const 4294967296) drop)") }
        do {
            _ = try parseWAT("(func (i32.const 4294967296) drop)")
        } catch {
            #expect(error.message.contains("constant out of range"))
            #expect(error.location == TextLocation(line: 1, column: 18))
        }
    }
}
