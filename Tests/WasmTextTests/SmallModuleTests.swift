import Testing
@testable import WasmText

/// Small modules compared with bytes written out by hand from the binary format spec.
struct SmallModuleTests {
    private let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    @Test func emptyModuleIsJustTheHeader() throws {
        #expect(try parseWAT("(module)") == header)
        #expect(try parseWAT("") == header)
        #expect(try parseWAT(";; nothing\n(module (; still nothing ;))") == header)
    }

    @Test func functionReturningAConstant() throws {
        let bytes = try parseWAT(#"(module (func (export "answer") (result i32) i32.const 42))"#)
        #expect(bytes == header + [
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,  // type: [] -> [i32]
            0x03, 0x02, 0x01, 0x00,  // func: type 0
            0x07, 0x0A, 0x01, 0x06, 0x61, 0x6E, 0x73, 0x77, 0x65, 0x72, 0x00, 0x00,  // export "answer" func 0
            0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2A, 0x0B,  // code: no locals, i32.const 42, end
        ])
    }

    @Test func importsMemoryGlobalAndData() throws {
        let bytes = try parseWAT(#"""
            (module
              (import "m" "f" (func (param i32)))
              (memory 1 2)
              (global (mut i64) (i64.const -1))
              (data (i32.const 8) "ab"))
            """#)
        #expect(bytes == header + [
            0x01, 0x05, 0x01, 0x60, 0x01, 0x7F, 0x00,  // type: [i32] -> []
            0x02, 0x07, 0x01, 0x01, 0x6D, 0x01, 0x66, 0x00, 0x00,  // import "m" "f" func type 0
            0x05, 0x04, 0x01, 0x01, 0x01, 0x02,  // memory: min 1 max 2
            0x06, 0x06, 0x01, 0x7E, 0x01, 0x42, 0x7F, 0x0B,  // global: mut i64 = -1
            0x0B, 0x08, 0x01, 0x00, 0x41, 0x08, 0x0B, 0x02, 0x61, 0x62,  // data: active mem 0 at 8, "ab"
        ])
    }

    @Test func localsAreGroupedByType() throws {
        let bytes = try parseWAT("(func (local i32 i32) (local f64) (local i32))")
        // code entry: 3 groups: 2×i32, 1×f64, 1×i32; then `end`.
        #expect(Array(bytes.suffix(12)) == [0x0A, 0x0A, 0x01, 0x08, 0x03, 0x02, 0x7F, 0x01, 0x7C, 0x01, 0x7F, 0x0B])
    }

    @Test func memoryArgumentsEncodeAlignmentAndOffset() throws {
        let bytes = try parseWAT("(memory 1) (func (drop (i64.load32_u offset=0x10 align=2 (i32.const 0))))")
        // i32.const 0; i64.load32_u align=2^1 offset=16; drop; end
        #expect(Array(bytes.suffix(7)) == [0x41, 0x00, 0x35, 0x01, 0x10, 0x1A, 0x0B])
        let natural = try parseWAT("(memory 1) (func (drop (i64.load32_u (i32.const 0))))")
        #expect(Array(natural.suffix(7)) == [0x41, 0x00, 0x35, 0x02, 0x00, 0x1A, 0x0B])
    }

    @Test func secondMemoryIsFlaggedInTheMemoryArgument() throws {
        let bytes = try parseWAT("(memory 1) (memory 1) (func (drop (i32.load 1 offset=4 (i32.const 0))))")
        #expect(Array(bytes.suffix(8)) == [0x41, 0x00, 0x28, 0x42, 0x01, 0x04, 0x1A, 0x0B])
    }

    @Test func callIndirectWritesTypeBeforeTable() throws {
        let bytes = try parseWAT("(table 1 funcref) (table 1 funcref) (type (func)) (func (call_indirect 1 (type 0) (i32.const 0)))")
        #expect(Array(bytes.suffix(6)) == [0x41, 0x00, 0x11, 0x00, 0x01, 0x0B])
    }

    @Test func memoryInitWritesSegmentBeforeMemory() throws {
        let bytes = try parseWAT(#"(memory 1) (memory $m 1) (data $d "x") (func (memory.init $m $d (i32.const 0) (i32.const 0) (i32.const 0)))"#)
        // data count section present, and `memory.init 0 1` in binary order (data 0, memory 1).
        #expect(bytes.contains(0x0C))
        let code = [UInt8]([0xFC, 0x08, 0x00, 0x01, 0x0B])
        #expect(bytes.count > code.count && (0...(bytes.count - code.count)).contains { Array(bytes[$0..<($0 + code.count)]) == code })
    }

    @Test func nameSectionCarriesModuleFunctionAndLocalNames() throws {
        let bytes = try parseWAT("(module $m (func $f (param $x i32)))")
        let name: [UInt8] = [0x04, 0x6E, 0x61, 0x6D, 0x65]
        #expect(Array(bytes.suffix(25)) == [0x00, 0x17] + name + [
            0x00, 0x02, 0x01, 0x6D,
            0x01, 0x04, 0x01, 0x00, 0x01, 0x66,
            0x02, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, 0x78,
        ])
    }

    @Test func branchHintsPointAtTheHintedInstruction() throws {
        let bytes = try parseWAT(#"(func (param i32) (local.get 0) (@metadata.code.branch_hint "\01") (if (then)))"#)
        let name = Array("metadata.code.branch_hint".utf8)
        // function 0: one hint at body offset 3 (locals vector 1 byte, local.get 0 two bytes).
        let contents: [UInt8] = [UInt8(name.count)] + name + [0x01, 0x00, 0x01, 0x03, 0x01, 0x01]
        let section: [UInt8] = [0x00, UInt8(contents.count)] + contents
        let found = (0...(bytes.count - section.count)).contains { Array(bytes[$0..<($0 + section.count)]) == section }
        #expect(found)
    }

    @Test func labelNamesAreNumberedByBlockOrder() throws {
        let bytes = try parseWAT("(func block block $inner end end)")
        // name section, subsection 3 (labels): function 0, label 1 "inner".
        let labels: [UInt8] = [0x03, 0x0A, 0x01, 0x00, 0x01, 0x01, 0x05] + Array("inner".utf8)
        #expect(Array(bytes.suffix(labels.count)) == labels)
    }
}
