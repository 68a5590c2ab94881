import Testing
@testable import WasmFormat

/// The instruction table is the one description of the encoding: these tests pin down its
/// invariants and that `Opcode` mirrors it.
@Suite struct InstructionTableTests {
    @Test func encodingsAreUnique() {
        let encodings = InstructionTable.all.map(\.encoding)
        #expect(Set(encodings).count == encodings.count)
    }

    @Test func namesAreUniqueAndResolve() {
        let names = InstructionTable.all.map(\.name)
        #expect(Set(names).count == names.count)
        for info in InstructionTable.all {
            #expect(InstructionTable.named(info.name) == info)
            #expect(InstructionTable.encoded(info.encoding) == info)
        }
        #expect(InstructionTable.named("no.such") == nil)
        #expect(InstructionTable.encoded(Encoding(0xFF)) == nil)
    }

    @Test func opcodeMirrorsTheTableRowByRow() {
        #expect(Opcode.allCases.count == InstructionTable.all.count)
        for (index, opcode) in Opcode.allCases.enumerated() {
            #expect(Int(opcode.rawValue) == index)
            let expected = Self.caseName(InstructionTable.all[index].name)
            #expect("\(opcode)" == expected, "row \(index): \(InstructionTable.all[index].name)")
            #expect(Opcode(opcode.info.encoding) == opcode)
        }
    }

    @Test func opcodeLookupRejectsUnknownEncodings() {
        #expect(Opcode(Encoding(prefix: 0xFB, UInt32.max)) == nil)
        #expect(Opcode(Encoding(prefix: 0xFD, 0)) == nil)
        #expect(Opcode(Encoding(prefix: 0xFC, 18)) == nil)
        #expect(Opcode(Encoding(0xC5)) == nil)
        #expect(Opcode(Encoding(prefix: 0xFE, 0x4E)) == .i64AtomicRmw32CmpxchgU)
    }

    @Test func everyRowHasADecodeShape() {
        for info in InstructionTable.all {
            #expect(DecodeEntry(opcode: .nop, info) != nil, "\(info.name) \(info.immediates)")
        }
    }

    @Test func simdIsNotListed() {
        #expect(!InstructionTable.all.contains { $0.encoding.prefix == 0xFD || $0.feature == .simd })
    }

    @Test func suffixedNamesAreTheDocumentedOnes() {
        let suffixed = InstructionTable.all.map(\.name).filter { $0.contains(" ") }.sorted()
        #expect(suffixed == ["ref.cast null", "ref.test null", "select t"])
    }

    @Test func spotChecksAgainstTheSpecification() {
        #expect(InstructionTable.named("try_table")?.encoding == Encoding(0x1F))
        #expect(InstructionTable.named("delegate")?.encoding == Encoding(0x18))
        #expect(InstructionTable.named("catch_all")?.encoding == Encoding(0x19))
        #expect(InstructionTable.named("resume_throw_ref")?.encoding == Encoding(0xE5))
        #expect(InstructionTable.named("switch")?.immediates == [.type, .tag])
        #expect(InstructionTable.named("br_on_cast_fail")?.encoding == Encoding(prefix: 0xFB, 25))
        #expect(InstructionTable.named("memory.init")?.immediates == [.data, .memory])
        #expect(InstructionTable.named("i64.atomic.rmw32.cmpxchg_u")?.encoding == Encoding(prefix: 0xFE, 0x4E))
        #expect(InstructionTable.named("atomic.fence")?.immediates == [.zeroByte])
        #expect(InstructionTable.named("call_indirect")?.immediates == [.type, .table])
        #expect(InstructionTable.all.filter { $0.feature == .threads }.count == 67)
        #expect(InstructionTable.all.filter { $0.encoding.prefix == 0xFB }.count == 31)
    }

    /// `i32.trunc_sat_f32_s` → `i32TruncSatF32S`, `ref.cast null` → `refCastNull`.
    static func caseName(_ name: String) -> String {
        let parts = name.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == " " })
        return parts.enumerated().map { index, part in
            index == 0 ? String(part) : part.prefix(1).uppercased() + part.dropFirst()
        }.joined()
    }
}
