import Testing
@testable import WasmFormat

/// The LEB128 rules of the binary format: at most ceil(N/7) bytes ("integer representation
/// too long" at the extra byte) and no stray bits in the last byte ("integer too large" at it).
@Suite struct LEB128Tests {
    private func reader(_ bytes: [UInt8]) -> BinaryReader { BinaryReader(bytes: bytes, range: 0..<bytes.count) }

    private enum Width { case u32, u64, s32, s33, s64, valueType }

    /// The error reading one number of `width` from `bytes`, or `nil`.
    private func error(_ bytes: [UInt8], _ width: Width) -> DecodingError? {
        var reader = reader(bytes)
        do throws(DecodingError) {
            switch width {
            case .u32: _ = try reader.readU32()
            case .u64: _ = try reader.readU64()
            case .s32: _ = try reader.readS32()
            case .s33: _ = try reader.readS33()
            case .s64: _ = try reader.readS64()
            case .valueType: _ = try reader.readValueType(.default)
            }
            return nil
        } catch {
            return error
        }
    }

    @Test func u32DecodesOneToFiveBytes() throws {
        var r = reader([0x00, 0x7F, 0x80, 0x01, 0xE5, 0x8E, 0x26, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(try r.readU32() == 0)
        #expect(try r.readU32() == 127)
        #expect(try r.readU32() == 128)
        #expect(try r.readU32() == 624_485)
        #expect(try r.readU32() == UInt32.max)
        #expect(r.isAtEnd)
    }

    @Test func u32AcceptsRedundantPaddingWithinFiveBytes() throws {
        var r = reader([0x83, 0x80, 0x80, 0x80, 0x00])
        #expect(try r.readU32() == 3)
    }

    @Test func u32WithSixBytesIsTooLongAtTheSixthByte() {
        let e = error([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], .u32)
        #expect(e == DecodingError(.integerRepresentationTooLong, at: 5))
    }

    @Test func u32WithHighBitsInTheFifthByteIsTooLarge() {
        for last: UInt8 in [0x10, 0x40, 0x70] {
            let e = error([0xFF, 0xFF, 0xFF, 0xFF, last], .u32)
            #expect(e == DecodingError(.integerTooLarge, at: 4))
        }
    }

    @Test func s32SignExtendsAndChecksTheLastByte() throws {
        var r = reader([0x7F, 0x80, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x80, 0x80, 0x80, 0x80, 0x78, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(try r.readS32() == -1)
        #expect(try r.readS32() == -128)
        #expect(try r.readS32() == Int32.max)
        #expect(try r.readS32() == Int32.min)
        #expect(try r.readS32() == -1)
        // Positive number whose unused bits are not all zero, negative whose are not all one.
        for bytes: [UInt8] in [[0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0x80, 0x80, 0x80, 0x80, 0x70], [0x80, 0x80, 0x80, 0x80, 0x1F]] {
            let e = error(bytes, .s32)
            #expect(e == DecodingError(.integerTooLarge, at: 4))
        }
        let long = error([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], .s32)
        #expect(long == DecodingError(.integerRepresentationTooLong, at: 5))
    }

    @Test func s33CoversTheWholeU32RangeAndNegatives() throws {
        var r = reader([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x40])
        #expect(try r.readS33() == Int64(UInt32.max))
        #expect(try r.readS33() == -64)
        let e = error([0xFF, 0xFF, 0xFF, 0xFF, 0x1F], .s33)
        #expect(e == DecodingError(.integerTooLarge, at: 4))
    }

    @Test func s64AndU64UseTenBytesAtMost() throws {
        var r = reader(Wasm.s(Int64.min) + Wasm.s(Int64.max) + Wasm.u(UInt64.max))
        #expect(try r.readS64() == Int64.min)
        #expect(try r.readS64() == Int64.max)
        #expect(try r.readU64() == UInt64.max)
        let tooLarge = error([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], .u64)
        #expect(tooLarge == DecodingError(.integerTooLarge, at: 9))
        let signTooLarge = error([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], .s64)
        #expect(signTooLarge == DecodingError(.integerTooLarge, at: 9))
        let tooLong = error([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], .s64)
        #expect(tooLong == DecodingError(.integerRepresentationTooLong, at: 10))
    }

    @Test func truncatedNumberIsAnUnexpectedEnd() {
        let e = error([0x80, 0x80], .u32)
        #expect(e == DecodingError(.unexpectedEndOfSection, at: 2))
    }

    @Test func randomValuesRoundTrip() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let value = generator.next()
            var r = reader(Wasm.u(value) + Wasm.s(Int64(bitPattern: value)) + Wasm.u(value & 0xFFFF_FFFF) + Wasm.s(Int64(Int32(truncatingIfNeeded: value))))
            #expect(try r.readU64() == value)
            #expect(try r.readS64() == Int64(bitPattern: value))
            #expect(try r.readU32() == UInt32(truncatingIfNeeded: value))
            #expect(try r.readS32() == Int32(truncatingIfNeeded: value))
        }
    }

    @Test func typeCodesAreOneByteSignedLEB128() throws {
        var r = reader([0x7F])
        #expect(try r.readValueType(.default) == .i32)
        // A type code is an s7: a continuation bit makes it too long.
        let e = error([0xFF, 0x7F], .valueType)
        #expect(e == DecodingError(.integerRepresentationTooLong, at: 1))
    }
}

/// A small deterministic generator for reproducible randomized tests.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The UTF-8 validator behind names agrees with the standard library's on every short sequence.
@Suite struct UTF8ValidationTests {
    @Test func agreesWithTheStandardLibraryOnAllOneAndTwoByteSequencesAndRandomLongerOnes() {
        func check(_ bytes: [UInt8]) {
            let ours = bytes.withUnsafeBufferPointer { isWellFormedUTF8($0) }
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            var valid = true
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break loop
                case .error: valid = false; break loop
                }
            }
            #expect(ours == valid, "\(bytes)")
        }
        for a in 0...255 {
            check([UInt8(a)])
            for b in 0...255 { check([UInt8(a), UInt8(b)]) }
        }
        var generator = SplitMix64(seed: 99)
        let interesting: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = 3 + Int(generator.next() % 4)
            check((0..<length).map { _ in interesting[Int(generator.next() % UInt64(interesting.count))] })
        }
    }
}
