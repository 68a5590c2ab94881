import Testing
@testable import WasmFormat

/// The instruction reader decodes one instruction at a time with its offset and immediates.
@Suite struct InstructionReaderTests {
    /// Decodes `code` (a complete body, final `end` included) and returns its instructions.
    private func instructions(_ code: [UInt8], features: FeatureSet = .default) throws -> [Instruction] {
        let bytes = [0xAA, 0xBB] + code  // a prefix, so that offsets are visibly absolute
        var reader = InstructionReader(bytes: bytes, range: 2..<bytes.count, features: features)
        return try reader.readAll()
    }

    private func immediates(_ code: [UInt8]) throws -> [Immediates] { try instructions(code).map(\.immediates) }

    @Test func offsetsAndOpcodesOfASimpleBody() throws {
        let result = try instructions([0x20, 0x00, 0x41, 0x7F, 0x6A, 0x0B])
        #expect(result == [
            Instruction(.localGet, .index(0), offset: 2),
            Instruction(.i32Const, .i32(-1), offset: 4),
            Instruction(.i32Add, offset: 6),
            Instruction(.end, offset: 7),
        ])
    }

    @Test func readReturnsNilAfterTheFinalEndAndTracksDepth() throws {
        let bytes: [UInt8] = [0x02, 0x40, 0x03, 0x7F, 0x41, 0x00, 0x0B, 0x1A, 0x0B, 0x0B]
        var reader = InstructionReader(bytes: bytes, range: 0..<bytes.count)
        var depths: [Int] = []
        while try reader.read() != nil { depths.append(reader.depth) }
        #expect(depths == [2, 3, 3, 2, 2, 1, 0])
        #expect(reader.isAtEnd)
        #expect(try reader.read() == nil)
    }

    @Test func constantsKeepTheirBitPatterns() throws {
        let nanPayload: [UInt8] = [0x01, 0x00, 0xC0, 0x7F]
        let result = try immediates([0x42] + Wasm.s(Int64.min) + [0x43] + nanPayload + [0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x0B])
        #expect(result == [.i64(Int64.min), .f32(0x7FC0_0001), .f64(0x3FF0_0000_0000_0000), .none])
    }

    @Test func blockTypes() throws {
        let result = try immediates([0x02, 0x40, 0x0B, 0x02, 0x7E, 0x0B, 0x02, 0x05, 0x0B, 0x02, 0x63, 0x6E, 0x0B, 0x0B])
        #expect(result[0] == .blockType(.empty))
        #expect(result[2] == .blockType(.value(.i64)))
        #expect(result[4] == .blockType(.typeIndex(5)))
        #expect(result[6] == .blockType(.value(.ref(RefType(nullable: true, .abstract(.any))))))
    }

    @Test func branchTableAndTypedSelectUseTheReadersPools() throws {
        let bytes: [UInt8] = [0x0E, 0x03, 0x00, 0x01, 0x02, 0x04, 0x0E, 0x01, 0x07, 0x00, 0x1C, 0x01, 0x7D, 0x0B]
        var reader = InstructionReader(bytes: bytes, range: 0..<bytes.count)
        let result = try reader.readAll()
        guard case .branchTable(let first) = result[0].immediates, case .branchTable(let second) = result[1].immediates,
              case .valueTypes(let types) = result[2].immediates else {
            Issue.record("unexpected immediates \(result)")
            return
        }
        #expect(Array(reader.branchTargets(first)) == [0, 1, 2] && first.defaultTarget == 4)
        #expect(Array(reader.branchTargets(second)) == [7] && second.defaultTarget == 0)
        #expect(Array(reader.valueTypes(types)) == [.f32])
        #expect(result[2].opcode == .selectT)
    }

    @Test func memoryArgumentsWithMemoryIndexAndSixtyFourBitOffset() throws {
        let result = try immediates([0x28, 0x02, 0x10, 0x36, 0x42, 0x03] + Wasm.u(1 << 40) + [0x3F, 0x02, 0x0B])
        #expect(result[0] == .memArg(MemArg(align: 2, memory: 0, offset: 16)))
        #expect(result[1] == .memArg(MemArg(align: 2, memory: 3, offset: 1 << 40)))
        #expect(result[2] == .index(2))  // memory.size of memory 2
    }

    @Test func indexPairsAreInBinaryOrder() throws {
        let result = try instructions([
            0x11, 0x05, 0x01,  // call_indirect type 5, table 1
            0xFC, 0x08, 0x07, 0x02,  // memory.init data 7, memory 2
            0xFC, 0x0E, 0x01, 0x02,  // table.copy 1 2
            0xFB, 0x02, 0x03, 0x04,  // struct.get type 3 field 4
            0xFB, 0x08, 0x03, 0x0A,  // array.new_fixed type 3, 10 elements
            0xE1, 0x01, 0x02,  // cont.bind 1 2
            0xE6, 0x01, 0x02,  // switch type 1 tag 2
            0x0B,
        ])
        #expect(result.map(\.opcode) == [.callIndirect, .memoryInit, .tableCopy, .structGet, .arrayNewFixed, .contBind, .switch, .end])
        #expect(result.dropLast().map { $0.immediates.indices.map { [$0.0, $0.1] } } == [[5, 1], [7, 2], [1, 2], [3, 4], [3, 10], [1, 2], [1, 2]])
        #expect(result[3].offset == 2 + 11)
    }

    @Test func referenceAndCastInstructions() throws {
        let result = try instructions([
            0xD0, 0x6B,  // ref.null struct
            0xFB, 0x14, 0x6C,  // ref.test i31
            0xFB, 0x17, 0x02,  // ref.cast null 2
            0xFB, 0x18, 0x01, 0x00, 0x6E, 0x6C,  // br_on_cast 0 anyref (ref i31)
            0xFB, 0x19, 0x03, 0x01, 0x6D, 0x01,  // br_on_cast_fail 1 eqref (ref null 1)
            0x0B,
        ])
        #expect(result.map(\.opcode) == [.refNull, .refTest, .refCastNull, .brOnCast, .brOnCastFail, .end])
        #expect(result[0].immediates == .heapType(.abstract(.struct)))
        #expect(result[2].immediates == .heapType(.concrete(2)))
        #expect(result[3].immediates == .cast(CastImmediate(
            label: 0, source: RefType(nullable: true, .abstract(.any)), target: RefType(nullable: false, .abstract(.i31)))))
        #expect(result[4].immediates == .cast(CastImmediate(
            label: 1, source: RefType(nullable: true, .abstract(.eq)), target: RefType(nullable: true, .concrete(1)))))
    }

    @Test func exceptionHandlingBothEncodings() throws {
        let tryTable: [UInt8] = [0x1F, 0x40, 0x04, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x02, 0x02, 0x03, 0x03, 0x08, 0x00, 0x0B]
        let legacy: [UInt8] = [0x06, 0x40, 0x08, 0x00, 0x07, 0x00, 0x09, 0x00, 0x19, 0x0B, 0x06, 0x40, 0x18, 0x00, 0x0A]
        let bytes = tryTable + legacy + [0x0B]
        var reader = InstructionReader(bytes: bytes, range: 0..<bytes.count)
        let result = try reader.readAll()
        guard case .tryTable(let blockType, let clauses) = result[0].immediates else { Issue.record("not try_table"); return }
        #expect(blockType == .empty)
        #expect(Array(reader.catchClauses(clauses)) == [
            .catch(tag: 0, label: 0), .catchRef(tag: 1, label: 1), .catchAll(label: 2), .catchAllRef(label: 3),
        ])
        #expect(result.map(\.opcode) == [
            .tryTable, .throw, .end,
            .try, .throw, .catch, .rethrow, .catchAll, .end, .try, .delegate, .throwRef, .end,
        ])
    }

    @Test func stackSwitchingInstructions() throws {
        let bytes: [UInt8] = [
            0xE0, 0x02,  // cont.new 2
            0xE2, 0x00,  // suspend 0
            0xE3, 0x02, 0x02, 0x00, 0x00, 0x01, 0x01, 0x03,  // resume 2 (on 0 1) (on 3 switch)
            0xE4, 0x02, 0x05, 0x00,  // resume_throw 2 5
            0xE5, 0x02, 0x01, 0x00, 0x04, 0x00,  // resume_throw_ref 2 (on 4 0)
            0x0B,
        ]
        var reader = InstructionReader(bytes: bytes, range: 0..<bytes.count)
        let result = try reader.readAll()
        #expect(result.map(\.opcode) == [.contNew, .suspend, .resume, .resumeThrow, .resumeThrowRef, .end])
        #expect(result[1].immediates == .index(0))
        guard case .resume(2, nil, let resume) = result[2].immediates,
              case .resume(2, 5, let resumeThrow) = result[3].immediates,
              case .resume(2, nil, let resumeThrowRef) = result[4].immediates else {
            Issue.record("unexpected immediates \(result)")
            return
        }
        #expect(Array(reader.handlers(resume)) == [.onLabel(tag: 0, label: 1), .onSwitch(tag: 3)])
        #expect(reader.handlers(resumeThrow).isEmpty)
        #expect(Array(reader.handlers(resumeThrowRef)) == [.onLabel(tag: 4, label: 0)])
    }

    @Test func atomicInstructions() throws {
        let result = try instructions([0xFE, 0x00, 0x02, 0x00, 0xFE, 0x03, 0x00, 0xFE, 0x4E, 0x03, 0x08, 0x0B])
        #expect(result.map(\.opcode) == [.memoryAtomicNotify, .atomicFence, .i64AtomicRmw32CmpxchgU, .end])
        #expect(result[0].immediates == .memArg(MemArg(align: 2, offset: 0)))
        #expect(result[1].immediates == .none)
        #expect(result[2].immediates == .memArg(MemArg(align: 3, offset: 8)))
    }

    @Test func constantExpressionsStopAtTheirEnd() throws {
        let bytes: [UInt8] = [0x23, 0x00, 0x41, 0x01, 0x6A, 0x0B, 0xFF]
        var reader = BinaryReader(bytes: bytes, range: 0..<bytes.count)
        let expression = try reader.readConstantExpression(.default)
        #expect(expression.instructions.map(\.opcode) == [.globalGet, .i32Const, .i32Add])
        #expect(expression.range == 0..<6)
        #expect(reader.position == 6)
    }

    @Test func moduleReaderUsesTheModulesFeaturesAndDataCount() throws {
        let module = try decodeModule(Wasm.function([0x20, 0x00, 0x1A, 0x0B], locals: [0x01, 0x01, 0x7F]))
        var reader = module.instructions(of: module.functionBodies[0])
        #expect(try reader.readAll().map(\.opcode) == [.localGet, .drop, .end])
        #expect(reader.features == .default && !reader.hasDataCount)
    }
}
