import Testing
@testable import WasmFormat

/// Each malformation produces the specification's message at the right byte offset.
@Suite struct MalformedModuleTests {
    /// The offset of the first instruction byte in `Wasm.function(code)` with nothing before.
    static let codeStart = 23

    private func decodeError(
        _ bytes: [UInt8], features: FeatureSet = .default, eager: Bool = true
    ) -> DecodingError? {
        do throws(DecodingError) {
            _ = try decodeModule(bytes, features: features, decodeFunctionBodies: eager)
            return nil
        } catch {
            return error
        }
    }

    private func expectError(
        _ bytes: [UInt8], _ kind: DecodingError.Kind, at offset: Int, message: String? = nil,
        features: FeatureSet = .default, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = decodeError(bytes, features: features)
        #expect(error == DecodingError(kind, at: offset), sourceLocation: sourceLocation)
        if let message { #expect(error?.message == message, sourceLocation: sourceLocation) }
    }

    @Test func truncatedHeaderIsAnUnexpectedEnd() {
        expectError([], .unexpectedEnd, at: 0, message: "unexpected end")
        expectError([0x00, 0x61, 0x73], .unexpectedEnd, at: 3)
        expectError([0x00, 0x61, 0x73, 0x6D, 0x01], .unexpectedEnd, at: 5)
    }

    @Test func wrongMagicAndVersion() {
        expectError([0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00], .magicHeaderNotDetected, at: 0, message: "magic header not detected")
        expectError([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], .unknownBinaryVersion, at: 4, message: "unknown binary version")
    }

    @Test func sectionFraming() {
        expectError(Wasm.module([0x0E, 0x00]), .malformedSectionID, at: 8, message: "malformed section id")
        expectError(Wasm.module([0x01, 0x05, 0x00]), .lengthOutOfBounds, at: 9, message: "length out of bounds")
        expectError(Wasm.module([0x01]), .unexpectedEnd, at: 9)
        // One type declared, but the section is a byte longer than the type.
        expectError(Wasm.module([0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00]), .sectionSizeMismatch, at: 10, message: "section size mismatch")
        // Two declared, one given: the read runs out.
        expectError(Wasm.module([0x01, 0x04, 0x02, 0x60, 0x00, 0x00]), .unexpectedEndOfSection, at: 14,
                    message: "unexpected end of section or function")
    }

    @Test func sectionOrderAndDuplicates() {
        let types = Wasm.types([([], [])])
        expectError(Wasm.module(types, types), .unexpectedContentAfterLastSection, at: 14,
                    message: "unexpected content after last section")
        expectError(Wasm.module(Wasm.functions([]), Wasm.section(2, [0x00])), .unexpectedContentAfterLastSection, at: 11)
        // Tag (13) goes between memory and global; data count (12) before code.
        #expect(decodeError(Wasm.module(Wasm.section(5, [0x00]), Wasm.section(13, [0x00]), Wasm.section(6, [0x00]))) == nil)
        expectError(Wasm.module(Wasm.section(6, [0x00]), Wasm.section(13, [0x00])), .unexpectedContentAfterLastSection, at: 11)
        expectError(Wasm.module(Wasm.section(10, [0x00]), Wasm.section(12, [0x00])), .unexpectedContentAfterLastSection, at: 11)
    }

    @Test func countsThatDisagreeAcrossSections() {
        let noCode = Wasm.module(Wasm.types([([], [])]), Wasm.functions([0]))
        expectError(noCode, .inconsistentFunctionAndCodeLengths, at: noCode.count,
                    message: "function and code section have inconsistent lengths")
        let dataCount = Wasm.module(Wasm.section(12, [0x01]))
        expectError(dataCount, .inconsistentDataCount, at: dataCount.count,
                    message: "data count and data section have inconsistent lengths")
        let dataDrop = Wasm.function([0xFC, 0x09, 0x00, 0x0B])
        expectError(dataDrop, .dataCountSectionRequired, at: Self.codeStart, message: "data count section required")
        let withCount = Wasm.function([0xFC, 0x09, 0x00, 0x0B], before: Wasm.section(12, [0x01]),
                                      after: Wasm.section(11, Wasm.vector([[0x01, 0x00]])))
        #expect(decodeError(withCount) == nil)
    }

    @Test func tooManyLocals() {
        let locals: [UInt8] = [0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x01, 0x7E]
        expectError(Wasm.function([0x0B], locals: locals), .tooManyLocals, at: 22, message: "too many locals")
        #expect(decodeError(Wasm.function([0x0B], locals: [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F])) == nil)
    }

    @Test func malformedUTF8InANameIsMalformed() {
        let imports = Wasm.section(2, Wasm.vector([[0x01, 0xC0] + Wasm.name("f") + [0x00, 0x00]]))
        expectError(Wasm.module(imports), .malformedUTF8, at: 11, message: "malformed UTF-8 encoding")
        // Surrogates and overlong forms too.
        for bad: [UInt8] in [[0xED, 0xA0, 0x80], [0xE0, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80]] {
            let custom = Wasm.section(0, [UInt8(bad.count)] + bad)
            expectError(Wasm.module(custom), .malformedUTF8, at: 10)
        }
    }

    @Test func illegalOpcodes() {
        expectError(Wasm.function([0xFF, 0x0B]), .illegalOpcode(Encoding(0xFF)), at: Self.codeStart, message: "illegal opcode ff")
        expectError(Wasm.function([0xFB, 0x7F, 0x0B]), .illegalOpcode(Encoding(prefix: 0xFB, 0x7F)), at: Self.codeStart,
                    message: "illegal opcode fb 7f")
        expectError(Wasm.function([0xFE, 0x04, 0x0B]), .illegalOpcode(Encoding(prefix: 0xFE, 0x04)), at: Self.codeStart)
        expectError(Wasm.function([0x27, 0x0B]), .illegalOpcode(Encoding(0x27)), at: Self.codeStart)
    }

    @Test func simdIsRejectedWithItsMessage() {
        let v128Const: [UInt8] = [0xFD, 0x0C] + [UInt8](repeating: 0, count: 16) + [0x1A, 0x0B]
        expectError(Wasm.function(v128Const), .simdNotSupported, at: Self.codeStart, message: "SIMD is not supported yet")
        let v128Param = Wasm.module(Wasm.types([([0x7B], [])]))
        expectError(v128Param, .simdNotSupported, at: 13, message: "SIMD is not supported yet")
        // Lazily decoded bodies report it when read.
        let module = try? decodeModule(Wasm.function(v128Const))
        var reader = module.map { $0.instructions(of: $0.functionBodies[0]) }
        #expect(throws: DecodingError(.simdNotSupported, at: Self.codeStart)) { _ = try reader?.read() }
    }

    @Test func malformedTypesAndKinds() {
        expectError(Wasm.module(Wasm.section(1, [0x01, 0x61, 0x00, 0x00])), .malformedDefinitionType, at: 11)
        expectError(Wasm.module(Wasm.types([([0x40], [])])), .malformedValueType, at: 13)
        expectError(Wasm.module(Wasm.section(1, [0x01, 0x5E, 0x78, 0x02])), .malformedMutability, at: 13, message: "malformed mutability")
        expectError(Wasm.module(Wasm.section(2, Wasm.vector([Wasm.name("m") + Wasm.name("f") + [0x05, 0x00]]))),
                    .malformedImportKind, at: 15, message: "malformed import kind")
        expectError(Wasm.module(Wasm.section(7, Wasm.vector([Wasm.name("f") + [0x05, 0x00]]))), .malformedExportKind, at: 13)
        expectError(Wasm.module(Wasm.section(5, Wasm.vector([[0x08, 0x00]]))), .malformedLimitsFlags, at: 11, message: "malformed limits flags")
        expectError(Wasm.module(Wasm.section(4, Wasm.vector([[0x70, 0x03, 0x00, 0x00]]))), .malformedLimitsFlags, at: 12)  // shared table
        expectError(Wasm.module(Wasm.section(5, Wasm.vector([[0x03, 0x00, 0x01]]))), .malformedLimitsFlags, at: 11,
                    features: FeatureSet.default.removing(.threads))
        expectError(Wasm.module(Wasm.section(9, Wasm.vector([[0x05, 0x7F, 0x00]]))), .malformedReferenceType, at: 12,
                    message: "malformed reference type")
        expectError(Wasm.module(Wasm.section(9, Wasm.vector([[0x01, 0x01, 0x00]]))), .malformedElementKind, at: 12)
        expectError(Wasm.module(Wasm.section(9, Wasm.vector([[0x08]]))), .malformedElementSegmentKind, at: 11)
        expectError(Wasm.module(Wasm.section(11, Wasm.vector([[0x03]]))), .malformedDataSegmentKind, at: 11)
        expectError(Wasm.module(Wasm.section(13, Wasm.vector([[0x01, 0x00]]))), .zeroByteExpected, at: 11, message: "zero byte expected")
    }

    @Test func malformedImmediates() {
        let c = Self.codeStart
        expectError(Wasm.function([0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1A, 0x0B]), .malformedMemopFlags, at: c + 3,
                    message: "malformed memop flags")
        expectError(Wasm.function([0xFE, 0x03, 0x01, 0x0B]), .zeroByteExpected, at: c + 2)
        expectError(Wasm.function([0x3F, 0x01, 0x1A, 0x0B]), .zeroByteExpected, at: c + 1,
                    features: FeatureSet.default.removing(.multiMemory))
        expectError(Wasm.function([0xFB, 0x18, 0x04, 0x00, 0x70, 0x70, 0x0B]), .malformedCastFlags, at: c + 2)
        expectError(Wasm.function([0x1F, 0x40, 0x01, 0x04, 0x00, 0x0B, 0x0B]), .malformedCatchClause, at: c + 3)
        expectError(Wasm.function([0xE3, 0x00, 0x01, 0x02, 0x00, 0x0B]), .malformedHandlerClause, at: c + 3)
        expectError(Wasm.function([0x18, 0x00, 0x0B]), .misplacedOpcode("DELEGATE"), at: c)
    }

    @Test func functionBodyEnds() {
        // Missing `end` at the end of the module.
        expectError(Wasm.function([0x01]), .unexpectedEndOfSection, at: Self.codeStart + 1)
        // Missing `end` before another byte: the reference reads on and expects END.
        let twoBodies = Wasm.module(Wasm.types([([], [])]), Wasm.functions([0, 0]), Wasm.code([([0x00], [0x01]), ([0x00], [0x0B])]))
        expectError(twoBodies, .endOpcodeExpected, at: 25, message: "END opcode expected")
        // Bytes after the final `end`.
        expectError(Wasm.function([0x0B, 0x01]), .sectionSizeMismatch, at: Self.codeStart + 1)
        // Checked at module decoding even when bodies are lazy (the last byte is not `end`).
        #expect(decodeError(Wasm.function([0x01]), eager: false) == DecodingError(.unexpectedEndOfSection, at: Self.codeStart + 1))
    }

    @Test func disabledFeaturesAreDecodingErrors() {
        let c = Self.codeStart
        let noTail = FeatureSet.default.removing(.tailCall)
        expectError(Wasm.function([0x12, 0x00, 0x0B]), .featureDisabled(.tailCall), at: c, features: noTail)
        expectError(Wasm.function([0xFE, 0x03, 0x00, 0x0B]), .featureDisabled(.threads), at: c, features: .mvp)
        expectError(Wasm.function([0x06, 0x40, 0x0B, 0x0B]), .featureDisabled(.legacyExceptions), at: c,
                    features: FeatureSet.default.removing(.legacyExceptions))
        expectError(Wasm.module(Wasm.section(1, [0x01, 0x5F, 0x00])), .featureDisabled(.gc), at: 11, features: .mvp)
        expectError(Wasm.module(Wasm.section(13, [0x00])), .featureDisabled(.exceptions), at: 8, features: .mvp)
        expectError(Wasm.module(Wasm.section(5, Wasm.vector([[0x04, 0x00]]))), .featureDisabled(.memory64), at: 11, features: .mvp)
        expectError(Wasm.module(Wasm.types([([], [0x7F, 0x7F])])), .featureDisabled(.multiValue), at: 13, features: .mvp)
        #expect(DecodingError(.featureDisabled(.gc), at: 0).message == "gc support is not enabled")
    }

    @Test func heapTypesOfDisabledFeaturesAreRejected() {
        let cases: [(UInt8, Feature)] = [(0x69, .exceptions), (0x68, .stackSwitching), (0x6E, .gc), (0x6F, .referenceTypes)]
        for (code, feature) in cases {
            let module = Wasm.module(Wasm.types([([code], [])]))
            expectError(module, .featureDisabled(feature), at: 13, features: FeatureSet.default.removing(feature))
            #expect(decodeError(module) == nil)
        }
        let concrete = Wasm.module(Wasm.section(1, [0x01, 0x60, 0x01, 0x64, 0x00, 0x00]))
        expectError(concrete, .featureDisabled(.functionReferences), at: 13, features: FeatureSet.default.removing(.functionReferences))
    }

    @Test func hugeCountsAreErrorsNotAllocations() {
        let huge = Wasm.u(UInt64(UInt32.max))
        // A type section claiming 4 G types, a body claiming 4 G local runs, a 4 G br_table.
        expectError(Wasm.module(Wasm.section(1, huge + [0x60, 0x00, 0x00])), .unexpectedEndOfSection, at: 18)
        #expect(decodeError(Wasm.function([0x0B], locals: huge + [0x01, 0x7F])) != nil)
        #expect(decodeError(Wasm.function([0x41, 0x00, 0x0E] + huge + [0x00, 0x0B])) != nil)
        // A name or section length claiming 4 GiB.
        expectError(Wasm.module(Wasm.section(0, huge)), .lengthOutOfBounds, at: 10)
        expectError(Wasm.module([0x01] + huge), .lengthOutOfBounds, at: 9)
        // A data segment claiming 4 GiB of bytes.
        expectError(Wasm.module(Wasm.section(11, [0x01, 0x01] + huge)), .unexpectedEndOfSection, at: 17)
    }

    @Test func errorsDescribeThemselvesWithTheirOffset() {
        #expect(DecodingError(.integerTooLarge, at: 12).description == "integer too large (at byte offset 12)")
    }
}
