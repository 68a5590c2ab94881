import Testing
@testable import WasmFormat

/// Every section decoded from a small hand-written binary.
@Suite struct SectionDecodingTests {
    @Test func emptyModuleDecodes() throws {
        let module = try decodeModule(Wasm.header)
        #expect(module.types.isEmpty && module.functionBodies.isEmpty && module.customSections.isEmpty)
    }

    @Test func typeSectionWithFunctionTypes() throws {
        let module = try decodeModule(Wasm.module(Wasm.types([([0x7F, 0x7E], [0x7D]), ([], [0x7C, 0x7F])])))
        #expect(module.types.count == 2)
        #expect(module.recGroups == [0..<1, 1..<2])
        #expect(module.types[0] == SubType(.function(FunctionType(parameters: [.i32, .i64], results: [.f32]))))
        #expect(module.types[1].functionType?.results == [.f64, .i32])
        #expect(module.types[0].isFinal && module.types[0].supertypes.isEmpty)
    }

    @Test func typeSectionWithRecGroupsSubtypesStructsArraysAndContinuations() throws {
        let recGroup: [UInt8] = [0x4E, 0x02,
            0x50, 0x00, 0x5F, 0x02, 0x78, 0x01, 0x63, 0x00, 0x00,  // open struct { mut i8, (ref null 0) }
            0x4F, 0x01, 0x00, 0x5F, 0x03, 0x78, 0x01, 0x63, 0x00, 0x00, 0x77, 0x00]  // final sub 0 { ..., i16 }
        let array: [UInt8] = [0x5E, 0x6E, 0x01]  // array (mut anyref)
        let function: [UInt8] = [0x60, 0x00, 0x00]
        let continuation: [UInt8] = [0x5D, 0x03]  // cont $3
        let module = try decodeModule(Wasm.module(Wasm.section(1, [0x04] + recGroup + array + function + continuation)))
        #expect(module.types.count == 5)
        #expect(module.recGroups == [0..<2, 2..<3, 3..<4, 4..<5])
        #expect(module.types[0] == SubType(isFinal: false, supertypes: [], .struct([
            FieldType(.i8, mutable: true), FieldType(.value(.ref(RefType(nullable: true, .concrete(0)))), mutable: false),
        ])))
        #expect(module.types[1].isFinal && module.types[1].supertypes == [0])
        if case .struct(let fields) = module.types[1].composite { #expect(fields.last == FieldType(.i16, mutable: false)) } else { Issue.record("not a struct") }
        #expect(module.types[2].composite == .array(FieldType(.value(.ref(RefType(nullable: true, .abstract(.any)))), mutable: true)))
        #expect(module.types[4].composite == .continuation(.concrete(3)))
    }

    @Test func importSectionWithEveryKind() throws {
        let imports: [[UInt8]] = [
            Wasm.name("m") + Wasm.name("f") + [0x00, 0x00],
            Wasm.name("m") + Wasm.name("t") + [0x01, 0x70, 0x01, 0x01, 0x02],  // funcref, min 1 max 2
            Wasm.name("m") + Wasm.name("mem") + [0x02, 0x03, 0x01, 0x04],  // shared, min 1 max 4
            Wasm.name("m") + Wasm.name("g") + [0x03, 0x7E, 0x01],  // mut i64
            Wasm.name("m") + Wasm.name("e") + [0x04, 0x00, 0x00],  // tag of type 0
        ]
        let module = try decodeModule(Wasm.module(Wasm.types([([], [])]), Wasm.section(2, Wasm.vector(imports))))
        #expect(module.imports.map(\.name) == ["f", "t", "mem", "g", "e"])
        #expect(module.imports[0].descriptor == .function(typeIndex: 0))
        #expect(module.imports[1].descriptor == .table(TableType(elementType: .funcRef, limits: Limits(min: 1, max: 2))))
        #expect(module.imports[2].descriptor == .memory(MemoryType(limits: Limits(min: 1, max: 4), shared: true)))
        #expect(module.imports[3].descriptor == .global(GlobalType(.i64, mutable: true)))
        #expect(module.imports[4].descriptor == .tag(TagType(typeIndex: 0)))
        #expect(module.imports[4].descriptor.kind == .tag)
        #expect(module.importCounts.functions == 1 && module.importCounts.tags == 1)
        #expect(module.functionCount == 1)
        let spaces = module.indexSpaces
        #expect(spaces.functions == [0] && spaces.importedFunctions == 1)
        #expect(spaces.memories.first?.isShared == true && spaces.globals.count == 1 && spaces.tags.count == 1)
    }

    @Test func tableSectionWithInitializerAndTable64() throws {
        let tables: [[UInt8]] = [
            [0x6F, 0x00, 0x05],  // externref, min 5
            [0x40, 0x00, 0x64, 0x70, 0x00, 0x01, 0xD2, 0x00, 0x0B],  // (ref func) min 1, init ref.func 0
            [0x70, 0x05, 0x02, 0x80, 0x80, 0x80, 0x80, 0x20],  // table64 funcref min 2 max 2^33
        ]
        let module = try decodeModule(Wasm.module(Wasm.section(4, Wasm.vector(tables))))
        #expect(module.tables.count == 3)
        #expect(module.tables[0] == Table(type: TableType(elementType: .externRef, limits: Limits(min: 5))))
        #expect(module.tables[1].type.elementType == RefType(nullable: false, .abstract(.func)))
        #expect(module.tables[1].initializer?.instructions == [Instruction(.refFunc, .index(0), offset: 20)])
        #expect(module.tables[2].type.addressType == .i64)
        #expect(module.tables[2].type.limits == Limits(min: 2, max: 1 << 33))
    }

    @Test func memorySectionWithLimitsSharedAndMemory64() throws {
        let memories: [[UInt8]] = [[0x00, 0x01], [0x01, 0x00, 0x10], [0x03, 0x01, 0x02], [0x04, 0x80, 0x80, 0x80, 0x80, 0x10], [0x07, 0x01, 0x01]]
        let module = try decodeModule(Wasm.module(Wasm.section(5, Wasm.vector(memories))))
        #expect(module.memories == [
            MemoryType(limits: Limits(min: 1)),
            MemoryType(limits: Limits(min: 0, max: 16)),
            MemoryType(limits: Limits(min: 1, max: 2), shared: true),
            MemoryType(limits: Limits(min: 1 << 32), addressType: .i64),
            MemoryType(limits: Limits(min: 1, max: 1), shared: true, addressType: .i64),
        ])
    }

    @Test func tagGlobalExportAndStartSections() throws {
        let bytes = Wasm.module(
            Wasm.types([([0x7F], [])]),
            Wasm.functions([0]),
            Wasm.section(13, Wasm.vector([[0x00, 0x00]])),
            Wasm.section(6, Wasm.vector([[0x7F, 0x00, 0x41, 0x2A, 0x0B], [0x7E, 0x01, 0x42, 0x01, 0x42, 0x02, 0x7C, 0x0B]])),
            Wasm.section(7, Wasm.vector([Wasm.name("run") + [0x00, 0x00], Wasm.name("g") + [0x03, 0x01], Wasm.name("tag") + [0x04, 0x00]])),
            Wasm.section(8, [0x00]),
            Wasm.code([([0x00], [0x0B])]))
        let module = try decodeModule(bytes)
        #expect(module.tags == [TagType(typeIndex: 0)])
        #expect(module.globals.count == 2)
        #expect(module.globals[0].type == GlobalType(.i32, mutable: false))
        #expect(module.globals[0].initializer.instructions.map(\.opcode) == [.i32Const])
        #expect(module.globals[0].initializer.instructions[0].immediates == .i32(42))
        #expect(module.globals[1].initializer.instructions.map(\.opcode) == [.i64Const, .i64Const, .i64Add])  // extended const
        #expect(module.exports == [
            Export(name: "run", kind: .function, index: 0), Export(name: "g", kind: .global, index: 1),
            Export(name: "tag", kind: .tag, index: 0),
        ])
        #expect(module.start == 0)
    }

    @Test func elementSectionWithAllEightEncodings() throws {
        let offset: [UInt8] = [0x41, 0x00, 0x0B]
        let refFunc: [UInt8] = [0xD2, 0x00, 0x0B]
        let segments: [[UInt8]] = [
            [0x00] + offset + [0x01, 0x00],
            [0x01, 0x00, 0x02, 0x00, 0x00],
            [0x02, 0x01] + offset + [0x00, 0x01, 0x00],
            [0x03, 0x00, 0x01, 0x00],
            [0x04] + offset + [0x02] + refFunc + [0xD0, 0x70, 0x0B],
            [0x05, 0x70, 0x01] + refFunc,
            [0x06, 0x01] + offset + [0x64, 0x70, 0x01] + refFunc,
            [0x07, 0x70, 0x01] + refFunc,
        ]
        let module = try decodeModule(Wasm.module(
            Wasm.types([([], [])]), Wasm.functions([0]), Wasm.section(9, Wasm.vector(segments)), Wasm.code([([0x00], [0x0B])])))
        let e = module.elements
        #expect(e.count == 8)
        #expect(e.map(\.flags) == Array(0...7))
        let nonNullFunc = RefType(nullable: false, .abstract(.func))
        #expect(e.map(\.type) == [nonNullFunc, nonNullFunc, nonNullFunc, nonNullFunc, .funcRef, .funcRef, nonNullFunc, .funcRef])
        #expect(e[0].items == .functions([0]))
        #expect(e[1].mode == .passive && e[1].items == .functions([0, 0]))
        if case .active(let table, let expression) = e[2].mode {
            #expect(table == 1 && expression.instructions.map(\.opcode) == [.i32Const])
        } else { Issue.record("segment 2 is not active") }
        #expect(e[3].mode == .declarative)
        if case .expressions(let items) = e[4].items {
            #expect(items.map { $0.instructions.map(\.opcode) } == [[.refFunc], [.refNull]])
            #expect(items[1].instructions[0].immediates == .heapType(.abstract(.func)))
        } else { Issue.record("segment 4 has no expressions") }
        #expect(e[5].mode == .passive && e[7].mode == .declarative && e[7].items.count == 1)
    }

    @Test func dataCountCodeAndDataSections() throws {
        let bytes = Wasm.module(
            Wasm.types([([0x7F], [0x7F])]),
            Wasm.functions([0, 0]),
            Wasm.section(5, Wasm.vector([[0x00, 0x01]])),
            Wasm.section(12, [0x03]),
            Wasm.code([([0x02, 0x02, 0x7F, 0x01, 0x7E], [0x20, 0x00, 0x0B]), ([0x00], [0xFC, 0x09, 0x01, 0x41, 0x00, 0x0B])]),
            Wasm.section(11, Wasm.vector([[0x00, 0x41, 0x08, 0x0B, 0x02, 0x61, 0x62], [0x01, 0x01, 0x63], [0x02, 0x00, 0x41, 0x00, 0x0B, 0x00]])))
        let module = try decodeModule(bytes, decodeFunctionBodies: true)
        #expect(module.dataCount == 3)
        #expect(module.functionBodies.count == 2)
        let body = module.functionBodies[0]
        #expect(body.locals == [LocalDeclaration(count: 2, type: .i32), LocalDeclaration(count: 1, type: .i64)])
        #expect(body.localCount == 3)
        #expect(Array(module.bytes[body.code]) == [0x20, 0x00, 0x0B])
        #expect(module.bytes[body.offset] == 8)  // the size field
        #expect(module.data.count == 3)
        #expect(Array(module.data[0].bytes) == Array("ab".utf8))
        #expect(module.data[1].mode == .passive && Array(module.data[1].bytes) == [0x63])
        if case .active(let memory, let offset) = module.data[0].mode {
            #expect(memory == 0 && offset.instructions[0].immediates == .i32(8))
        } else { Issue.record("segment 0 is not active") }
        #expect(module.data[2].bytes.isEmpty)
    }

    @Test func customSectionsAreKeptInPlace() throws {
        let bytes = Wasm.module(
            Wasm.section(0, Wasm.name("first") + [1, 2, 3]),
            Wasm.types([([], [])]),
            Wasm.section(0, Wasm.name("second")))
        let module = try decodeModule(bytes)
        #expect(module.customSections.map(\.name) == ["first", "second"])
        #expect(Array(module.customSections[0].payload) == [1, 2, 3])
        #expect(module.customSections[0].after == 0 && module.customSections[1].after == 1)
        #expect(module.customSections[1].offset == 8 + 11 + 6)
        #expect(module.names == nil)
    }

    @Test func nameSectionDecodesModuleFunctionLocalAndLabelNames() throws {
        let subsections: [UInt8] =
            Wasm.section(0, Wasm.name("mod"))
            + Wasm.section(1, Wasm.vector([[0x00] + Wasm.name("main"), [0x02] + Wasm.name("helper")]))
            + Wasm.section(2, Wasm.vector([[0x00] + Wasm.vector([[0x00] + Wasm.name("x"), [0x01] + Wasm.name("y")])]))
            + Wasm.section(3, Wasm.vector([[0x00] + Wasm.vector([[0x00] + Wasm.name("loop")])]))
            + Wasm.section(7, [0x01, 0x00, 0x01, 0x67])
        let module = try decodeModule(Wasm.module(Wasm.section(0, Wasm.name("name") + subsections)))
        let names = try #require(module.names)
        #expect(names.moduleName == "mod")
        #expect(names.functionNames == [0: "main", 2: "helper"])
        #expect(names.localNames == [0: [0: "x", 1: "y"]])
        #expect(names.labelNames == [0: [0: "loop"]])
        #expect(names.otherSubsections.map(\.id) == [7])
        #expect(names.isComplete)
    }

    @Test func malformedNameSectionIsDecodedLenientlyAndNeverInvalidatesTheModule() throws {
        let subsections: [UInt8] =
            Wasm.section(1, [0x02, 0x00] + Wasm.name("ok") + [0x01, 0x05, 0xFF])  // second name truncated
            + Wasm.section(0, [0x02, 0xC3, 0x28])  // invalid UTF-8 module name
            + [0x02, 0x7F]  // subsection claiming more bytes than there are
        let module = try decodeModule(Wasm.module(Wasm.section(0, Wasm.name("name") + subsections)))
        let names = try #require(module.names)
        #expect(names.functionNames == [0: "ok"])
        #expect(names.moduleName == nil)
        #expect(!names.isComplete)
    }

    @Test func localNamesCutShortKeepWhatDecodedBeforeTheError() throws {
        // Local names are decoded when read (`IndirectNames`); the result must be the eager one.
        let subsections: [UInt8] =
            Wasm.section(2, [0x02, 0x00] + Wasm.vector([[0x00] + Wasm.name("x"), [0x01] + Wasm.name("y")])
                + [0x01, 0x02, 0x00] + Wasm.name("z") + [0x01, 0x03, 0xFF])  // second function's second name cut short
        let module = try decodeModule(Wasm.module(Wasm.section(0, Wasm.name("name") + subsections)))
        var names = try #require(module.names)
        #expect(names.localNames == [0: [0: "x", 1: "y"], 1: [0: "z"]])
        #expect(!names.isComplete)
        names.localNames[7] = [0: "w"]
        #expect(names.localNames == [0: [0: "x", 1: "y"], 1: [0: "z"], 7: [0: "w"]])
        #expect(names.labelNames.isEmpty)
    }

    @Test func mvpFeatureSetDecodesAnMVPModule() throws {
        let bytes = Wasm.function([0x41, 0x01, 0x04, 0x40, 0x01, 0x05, 0x00, 0x0B, 0x0B],
                                  before: Wasm.section(5, Wasm.vector([[0x00, 0x01]])))
        let module = try decodeModule(bytes, features: .mvp, decodeFunctionBodies: true)
        #expect(module.memories.count == 1)
    }
}
