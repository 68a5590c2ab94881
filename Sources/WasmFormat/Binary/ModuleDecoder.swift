/// Decodes a binary module: header, sections in their required order, and the checks that
/// span sections (function/code counts, data count).
///
/// Function bodies are split off and their locals decoded; their instructions are left as
/// byte ranges for `InstructionReader` unless `decodeFunctionBodies` asks for an eager check.
/// Every read is bounded by the module's bytes, every loop consumes bytes, and no allocation
/// is sized by a count before that many elements have been decoded, so hostile input ends in
/// a `DecodingError`, never a crash, a hang or an unbounded allocation.
///
/// - Parameters:
///   - bytes: the module's bytes (kept, not copied, by the returned `Module`).
///   - features: the proposals to accept; `.default` is everything but SIMD.
///   - decodeFunctionBodies: also decode every instruction of every function body now, so
///     that malformed code is reported here (spec `assert_malformed`) rather than when the
///     body is first read. Off by default: lazy translation only needs the ranges.
/// - Throws: `DecodingError` with the byte offset and the specification's message.
public func decodeModule(
    _ bytes: [UInt8], features: FeatureSet = .default, decodeFunctionBodies: Bool = false
) throws(DecodingError) -> Module {
    var decoder = ModuleDecoder(bytes: bytes, features: features)
    return try decoder.decode(decodeFunctionBodies: decodeFunctionBodies)
}

extension Module {
    /// Decodes a binary module; see `decodeModule(_:features:decodeFunctionBodies:)`.
    public init(decoding bytes: [UInt8], features: FeatureSet = .default, decodeFunctionBodies: Bool = false) throws(DecodingError) {
        self = try decodeModule(bytes, features: features, decodeFunctionBodies: decodeFunctionBodies)
    }
}

/// Section ids, and the order in which non-custom sections must appear.
enum SectionID {
    static let custom: UInt8 = 0
    static let type: UInt8 = 1
    static let `import`: UInt8 = 2
    static let function: UInt8 = 3
    static let table: UInt8 = 4
    static let memory: UInt8 = 5
    static let global: UInt8 = 6
    static let export: UInt8 = 7
    static let start: UInt8 = 8
    static let element: UInt8 = 9
    static let code: UInt8 = 10
    static let data: UInt8 = 11
    static let dataCount: UInt8 = 12
    static let tag: UInt8 = 13

    /// The position of each section id (index) in the required order; the tag section
    /// comes after memories, the data count section before code.
    static let rank: [Int] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6]
}

/// The state of one decoding: the top-level reader (header, section ids and sizes) and the
/// module being filled in, section by section.
struct ModuleDecoder {
    private var reader: BinaryReader
    private var module: Module
    private let features: FeatureSet

    init(bytes: [UInt8], features: FeatureSet) {
        reader = BinaryReader(bytes: bytes)
        module = Module(bytes: bytes, features: features)
        self.features = features
    }

    mutating func decode(decodeFunctionBodies: Bool) throws(DecodingError) -> Module {
        let magic = try reader.readFixed(4)
        guard magic == 0x6D73_6100 else { throw DecodingError(.magicHeaderNotDetected, at: 0) }
        let version = try reader.readFixed(4)
        guard version == 1 else { throw DecodingError(.unknownBinaryVersion, at: 4) }

        var lastRank = 0
        var lastID: UInt8 = 0
        while !reader.isAtEnd {
            let idOffset = reader.position
            let id = try reader.readByte()
            guard id <= SectionID.tag else { throw DecodingError(.malformedSectionID, at: idOffset) }
            let size = try reader.readLength()
            let start = reader.position
            reader.position += size
            if id == SectionID.custom {
                var section = BinaryReader(bytes: module.bytes, range: start..<(start + size))
                try decodeCustomSection(&section, after: lastID, offset: idOffset)
                continue
            }
            let rank = SectionID.rank[Int(id)]
            guard rank > lastRank else { throw DecodingError(.unexpectedContentAfterLastSection, at: idOffset) }
            lastRank = rank
            lastID = id
            // Like the reference interpreter, read on past the declared size (up to the end of
            // the module) and compare afterwards: the spec's messages depend on it (a
            // too-short section reports the error of whatever it then misreads).
            var section = BinaryReader(bytes: module.bytes, range: start..<module.bytes.count)
            try decodeSection(id, &section, at: idOffset)
            guard section.position == start + size else { throw DecodingError(.sectionSizeMismatch, at: start) }
        }

        let end = module.bytes.count
        guard module.functionTypeIndices.count == module.functionBodies.count else {
            throw DecodingError(.inconsistentFunctionAndCodeLengths, at: end)
        }
        if let count = module.dataCount, Int(count) != module.data.count {
            throw DecodingError(.inconsistentDataCount, at: end)
        }
        if decodeFunctionBodies { try module.checkFunctionBodyEncodings() }
        return module
    }

    private mutating func decodeSection(_ id: UInt8, _ section: inout BinaryReader, at offset: Int) throws(DecodingError) {
        let features = features
        switch id {
        case SectionID.type:
            let count = try section.readCount()
            for _ in 0..<count {  // bounded: each group consumes bytes or throws
                let groupOffset = section.position
                let group = try section.readRecGroup(features)
                module.offsets.types += repeatElement(groupOffset, count: group.count)
                let start = module.types.count
                module.types.append(contentsOf: group)
                module.recGroups.append(start..<module.types.count)
            }
        case SectionID.import:
            var offsets: [Int] = []
            module.imports = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                return try reader.readImport(features)
            }
            module.offsets.imports = offsets
        case SectionID.function:
            var offsets: [Int] = []
            module.functionTypeIndices = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                return try reader.readU32()
            }
            module.offsets.functions = offsets
        case SectionID.table:
            var offsets: [Int] = []
            module.tables = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                return try reader.readTable(features)
            }
            module.offsets.tables = offsets
        case SectionID.memory:
            var offsets: [Int] = []
            module.memories = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                return try reader.readMemoryType(features)
            }
            module.offsets.memories = offsets
        case SectionID.tag:
            try section.require(.exceptions, features, at: offset)
            var offsets: [Int] = []
            module.tags = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                return try reader.readTagType(features)
            }
            module.offsets.tags = offsets
        case SectionID.global:
            var offsets: [Int] = []
            module.globals = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                let type = try reader.readGlobalType(features)
                return Global(type: type, initializer: try reader.readConstantExpression(features))
            }
            module.offsets.globals = offsets
        case SectionID.export:
            var offsets: [Int] = []
            module.exports = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                return try reader.readExport(features)
            }
            module.offsets.exports = offsets
        case SectionID.start:
            module.offsets.start = section.position
            module.start = try section.readU32()
        case SectionID.element:
            var offsets: [Int] = []
            module.elements = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                return try reader.readElementSegment(features)
            }
            module.offsets.elements = offsets
        case SectionID.dataCount:
            try section.require(.bulkMemory, features, at: offset)
            module.dataCount = try section.readU32()
        case SectionID.code:
            let hasDataCount = module.dataCount != nil
            module.functionBodies = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                try reader.readFunctionBody(features, hasDataCount: hasDataCount)
            }
        case SectionID.data:
            var offsets: [Int] = []
            module.data = try section.readVector { (reader: inout BinaryReader) throws(DecodingError) in
                offsets.append(reader.position)
                return try reader.readDataSegment(features)
            }
            module.offsets.data = offsets
        default:
            throw DecodingError(.malformedSectionID, at: offset)
        }
    }

    /// A custom section: its name must be valid UTF-8 (a malformed name makes the module
    /// malformed); its payload is kept, and the `name` section is decoded leniently.
    private mutating func decodeCustomSection(_ section: inout BinaryReader, after: UInt8, offset: Int) throws(DecodingError) {
        let name = try section.readName()
        let payload = module.bytes[section.position..<section.limit]
        module.customSections.append(CustomSection(name: name, payload: payload, after: after, offset: offset))
        if name == "name" && module.names == nil {
            module.names = NameSection(decoding: payload, in: module.bytes)
        }
    }
}

// MARK: - Section entries

extension BinaryReader {
    mutating func readImport(_ features: FeatureSet) throws(DecodingError) -> Import {
        let moduleName = try readName()
        let name = try readName()
        let kindOffset = position
        let descriptor: ImportDescriptor
        switch try readByte() {
        case 0x00: descriptor = .function(typeIndex: try readU32())
        case 0x01: descriptor = .table(try readTableType(features))
        case 0x02: descriptor = .memory(try readMemoryType(features))
        case 0x03: descriptor = .global(try readGlobalType(features))
        case 0x04: descriptor = .tag(try readTagType(features))
        default: throw DecodingError(.malformedImportKind, at: kindOffset)
        }
        return Import(module: moduleName, name: name, descriptor: descriptor)
    }

    /// `table`: a table type, or `0x40 0x00 tabletype expr` with an explicit initializer.
    mutating func readTable(_ features: FeatureSet) throws(DecodingError) -> Table {
        if peek() == 0x40 {
            try require(.functionReferences, features, at: position)
            position += 1
            guard try readByte() == 0 else { throw DecodingError(.zeroByteExpected, at: position - 1) }
            let type = try readTableType(features)
            return Table(type: type, initializer: try readConstantExpression(features))
        }
        return Table(type: try readTableType(features))
    }

    mutating func readExport(_ features: FeatureSet) throws(DecodingError) -> Export {
        let name = try readName()
        let kindOffset = position
        guard let kind = ExternalKind(rawValue: try readByte()) else {
            throw DecodingError(.malformedExportKind, at: kindOffset)
        }
        if kind == .tag { try require(.exceptions, features, at: kindOffset) }
        return Export(name: name, kind: kind, index: try readU32())
    }

    /// `elem`: the flags `u32` (0–7) selects the mode (bit 0: passive/declarative, bit 1:
    /// explicit table or declarative, bit 2: expressions instead of function indices).
    mutating func readElementSegment(_ features: FeatureSet) throws(DecodingError) -> ElementSegment {
        let flagsOffset = position
        let flags = try readU32()
        guard flags <= 7 else { throw DecodingError(.malformedElementSegmentKind, at: flagsOffset) }
        if flags != 0 { try require(.bulkMemory, features, at: flagsOffset) }
        let usesExpressions = flags & 0x04 != 0
        let mode: ElementSegment.Mode
        switch flags & 0x03 {
        case 0x00:
            mode = .active(table: 0, offset: try readConstantExpression(features))
        case 0x02:
            let table = try readU32()
            mode = .active(table: table, offset: try readConstantExpression(features))
        case 0x01:
            mode = .passive
        default:
            mode = .declarative
        }
        var type = usesExpressions ? RefType.funcRef : RefType(nullable: false, .abstract(.func))
        if flags & 0x03 != 0 {
            if usesExpressions {
                type = try readRefType(features)
            } else {
                guard try readByte() == 0x00 else { throw DecodingError(.malformedElementKind, at: position - 1) }
            }
        }
        let items: ElementSegment.Items
        if usesExpressions {
            items = .expressions(try readVector { (reader: inout BinaryReader) throws(DecodingError) in
                try reader.readConstantExpression(features)
            })
        } else {
            items = .functions(try readVector { (reader: inout BinaryReader) throws(DecodingError) in try reader.readU32() })
        }
        return ElementSegment(mode: mode, type: type, items: items, flags: flags)
    }

    /// `data`: flags 0 (active, memory 0), 1 (passive), 2 (active, explicit memory).
    mutating func readDataSegment(_ features: FeatureSet) throws(DecodingError) -> DataSegment {
        let flagsOffset = position
        let mode: DataSegment.Mode
        switch try readU32() {
        case 0:
            mode = .active(memory: 0, offset: try readConstantExpression(features))
        case 1:
            try require(.bulkMemory, features, at: flagsOffset)
            mode = .passive
        case 2:
            let memory = try readU32()
            mode = .active(memory: memory, offset: try readConstantExpression(features))
        default:
            throw DecodingError(.malformedDataSegmentKind, at: flagsOffset)
        }
        let length = Int(try readU32())
        let range = try readBytes(length)
        return DataSegment(mode: mode, bytes: bytes[range])
    }

    /// `code`: the body size, the local declarations, then the instructions (kept as a
    /// range). A body that does not end with `0x0B` is decoded at once to report where and
    /// how it is malformed.
    mutating func readFunctionBody(_ features: FeatureSet, hasDataCount: Bool) throws(DecodingError) -> FunctionBody {
        let offset = position
        let size = try readLength()
        var body = window(count: size)
        position += size
        let localsOffset = body.position
        var total: UInt64 = 0
        let locals = try body.readVector(minimumSize: 2) { (reader: inout BinaryReader) throws(DecodingError) in
            let count = try reader.readU32()
            total += UInt64(count)
            return LocalDeclaration(count: count, type: try reader.readValueType(features))
        }
        guard total < 1 << 32 else { throw DecodingError(.tooManyLocals, at: localsOffset) }
        let code = body.position..<body.limit
        if code.isEmpty || bytes[code.upperBound - 1] != 0x0B {
            var instructions = InstructionReader(bytes: bytes, range: code, features: features, hasDataCount: hasDataCount)
            try instructions.skipAll()
        }
        return FunctionBody(offset: offset, locals: locals, localCount: total, code: code)
    }
}
