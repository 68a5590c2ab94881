import WasmFormat

/// What `inspect` reads from the bytes itself, because `Module` does not keep it: where each
/// section is (`scanSections`) and the name subsections that `NameSection` keeps raw
/// (`decodeNameMap`). Plus the text forms of types and constant expressions, close to WAT.

// MARK: - Sections

/// One section header as it appears in the binary.
struct SectionHeader: Equatable {
    /// The section id (0 = custom).
    var id: UInt8
    /// Offset of the id byte.
    var offset: Int
    /// Offset of the first payload byte (after the size field).
    var payloadOffset: Int
    /// The declared payload size.
    var size: Int
    /// The custom section's name (`nil` for other sections).
    var customName: String?
    /// The leading count of a vector section (entries; rec groups for `type`), or the value
    /// of `start` / `datacount`; `nil` for custom sections or when it does not read.
    var count: UInt32?

    /// The specification's name of the section.
    var name: String { sectionName(id) }
}

/// The specification's name of a section id.
func sectionName(_ id: UInt8) -> String {
    switch id {
    case 0: "custom"
    case 1: "type"
    case 2: "import"
    case 3: "function"
    case 4: "table"
    case 5: "memory"
    case 6: "global"
    case 7: "export"
    case 8: "start"
    case 9: "element"
    case 10: "code"
    case 11: "data"
    case 12: "datacount"
    case 13: "tag"
    default: "unknown (\(id))"
    }
}

/// The section headers of a binary module, in order, read leniently: scanning stops at the
/// first header that does not read or whose size runs past the end (the decoder reports why).
func scanSections(_ bytes: [UInt8]) -> [SectionHeader] {
    guard bytes.count >= 8, bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) else { return [] }
    var cursor = ByteCursor(bytes, from: 8)
    var headers: [SectionHeader] = []
    while !cursor.isAtEnd {
        let offset = cursor.position
        guard let id = cursor.byte(), let size = cursor.u32() else { break }
        let payload = cursor.position
        guard Int(size) <= bytes.count - payload else { break }
        var content = ByteCursor(bytes, from: payload, to: payload + Int(size))
        let customName = id == 0 ? content.name() : nil
        let count = id == 0 ? nil : content.u32()
        headers.append(SectionHeader(id: id, offset: offset, payloadOffset: payload, size: Int(size), customName: customName, count: count))
        cursor.position = payload + Int(size)
    }
    return headers
}

/// The name subsections that `NameSection` keeps as bytes, by their ids in the extended
/// name section proposal.
enum NameSubsection: UInt8 {
    case types = 4, tables = 5, memories = 6, globals = 7, elements = 8, data = 9, tags = 11
}

/// Decodes a `namemap` (a vector of index and name) leniently: whatever reads is kept.
func decodeNameMap(_ payload: ArraySlice<UInt8>, in bytes: [UInt8]) -> [UInt32: String] {
    var cursor = ByteCursor(bytes, from: payload.startIndex, to: payload.endIndex)
    var names: [UInt32: String] = [:]
    guard let count = cursor.u32() else { return names }
    for _ in 0..<count {
        guard let index = cursor.u32(), let name = cursor.name() else { break }
        names[index] = name
    }
    return names
}

/// The names of one kind of item from a module's `name` section.
func nameMap(_ kind: NameSubsection, of module: Module) -> [UInt32: String] {
    guard let raw = module.names?.otherSubsections.first(where: { $0.id == kind.rawValue }) else { return [:] }
    return decodeNameMap(raw.payload, in: module.bytes)
}

/// A bounds-checked reader of LEB128 numbers and names whose reads return `nil` instead of
/// throwing: `inspect` only reads what the decoder already accepted, or reports less.
struct ByteCursor {
    private let bytes: [UInt8]
    /// The next byte to read.
    var position: Int
    private let end: Int

    /// A cursor over `bytes[start..<end]` (clamped to the array).
    init(_ bytes: [UInt8], from start: Int, to end: Int? = nil) {
        self.bytes = bytes
        self.end = min(end ?? bytes.count, bytes.count)
        position = min(max(start, 0), self.end)
    }

    var isAtEnd: Bool { position >= end }

    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// An unsigned LEB128 `u32` (at most 5 bytes).
    mutating func u32() -> UInt32? {
        var result: UInt64 = 0
        for shift in stride(from: 0, to: 35, by: 7) {
            guard let byte = byte() else { return nil }
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return result <= UInt64(UInt32.max) ? UInt32(result) : nil }
        }
        return nil
    }

    /// A length-prefixed UTF-8 name (invalid UTF-8 is repaired, not rejected).
    mutating func name() -> String? {
        guard let length = u32(), Int(length) <= end - position else { return nil }
        defer { position += Int(length) }
        return String(decoding: bytes[position..<(position + Int(length))], as: UTF8.self)
    }
}

// MARK: - Types as text

/// Type and expression printing in the text format's notation.
enum WatText {
    /// `i32`, `funcref`, `(ref null 3)`, …
    static func valueType(_ type: ValueType) -> String {
        switch type {
        case .ref(let ref): refType(ref)
        default: type.description
        }
    }

    /// The shorthand (`funcref`, `anyref`, `nullref`, …) where there is one, else `(ref null? ht)`.
    static func refType(_ type: RefType) -> String {
        if type.isNullable, case .abstract(let abstract) = type.heapType {
            switch abstract {
            case .none: return "nullref"
            case .nofunc, .noextern, .noexn, .nocont: return "null\(heapType(.abstract(abstract)).dropFirst(2))ref"
            default: return "\(heapType(type.heapType))ref"
            }
        }
        return "(ref \(type.isNullable ? "null " : "")\(heapType(type.heapType)))"
    }

    /// An abstract heap type's keyword, or a type index.
    static func heapType(_ type: HeapType) -> String {
        switch type {
        case .concrete(let index): "\(index)"
        case .abstract(let abstract):
            switch abstract {
            case .func: "func"
            case .extern: "extern"
            case .any: "any"
            case .eq: "eq"
            case .i31: "i31"
            case .struct: "struct"
            case .array: "array"
            case .exn: "exn"
            case .cont: "cont"
            case .none: "none"
            case .nofunc: "nofunc"
            case .noextern: "noextern"
            case .noexn: "noexn"
            case .nocont: "nocont"
            }
        }
    }

    /// `i8`, `i16` or a value type, wrapped in `(mut …)` when mutable.
    static func fieldType(_ field: FieldType) -> String {
        let storage: String
        switch field.storage {
        case .i8: storage = "i8"
        case .i16: storage = "i16"
        case .value(let type): storage = valueType(type)
        }
        return field.isMutable ? "(mut \(storage))" : storage
    }

    /// `(func (param …) (result …))`, `(struct (field …)…)`, `(array …)` or `(cont $ft)`.
    static func compositeType(_ type: CompositeType) -> String {
        switch type {
        case .function(let function):
            "(func\(signatureClauses(function)))"
        case .struct(let fields):
            "(struct" + fields.map { " (field \(fieldType($0)))" }.joined() + ")"
        case .array(let element):
            "(array \(fieldType(element)))"
        case .continuation(let heap):
            "(cont \(heapType(heap)))"
        }
    }

    /// ` (param …) (result …)`, each part left out when empty.
    static func signatureClauses(_ function: FunctionType) -> String {
        var text = ""
        if !function.parameters.isEmpty { text += " (param \(function.parameters.map(valueType).joined(separator: " ")))" }
        if !function.results.isEmpty { text += " (result \(function.results.map(valueType).joined(separator: " ")))" }
        return text
    }

    /// A sub type: the bare composite type when final without supertypes, else
    /// `(sub final? supertype* comptype)`.
    static func subType(_ type: SubType) -> String {
        if type.isFinal && type.supertypes.isEmpty { return compositeType(type.composite) }
        let supers = type.supertypes.map { " \($0)" }.joined()
        return "(sub\(type.isFinal ? " final" : "")\(supers) \(compositeType(type.composite)))"
    }

    /// `min..max` or `min..` (no maximum).
    static func limits(_ limits: Limits) -> String {
        "\(limits.min)..\(limits.max.map(String.init) ?? "")"
    }

    /// A table type: element type, limits, `i64` when 64-bit.
    static func tableType(_ type: TableType) -> String {
        "\(refType(type.elementType)) \(limits(type.limits))\(type.addressType == .i64 ? " i64" : "")"
    }

    /// A memory type: limits in pages, `shared`, `i64`.
    static func memoryType(_ type: MemoryType) -> String {
        var text = "\(limits(type.limits)) pages"
        if type.isShared { text += " shared" }
        if type.addressType == .i64 { text += " i64" }
        return text
    }

    /// `i32` or `(mut i32)`.
    static func globalType(_ type: GlobalType) -> String {
        type.isMutable ? "(mut \(valueType(type.valueType)))" : valueType(type.valueType)
    }

    /// A constant expression as folded instructions: `(i32.const 64)`, `(global.get 0) (i32.const 1) (i32.add)`.
    static func expression(_ expression: ConstantExpression) -> String {
        if expression.instructions.isEmpty { return "(empty)" }
        return expression.instructions.map { "(\(instruction($0)))" }.joined(separator: " ")
    }

    /// One instruction with its immediates, as WAT writes the ones constant expressions use.
    static func instruction(_ instruction: Instruction) -> String {
        let name = instruction.opcode.name
        switch instruction.immediates {
        case .none: return name
        case .index(let index): return "\(name) \(index)"
        case .indices(let first, let second): return "\(name) \(first) \(second)"
        case .i32(let value): return "\(name) \(value)"
        case .i64(let value): return "\(name) \(value)"
        case .f32(let bits): return "\(name) \(Float(bitPattern: bits))"
        case .f64(let bits): return "\(name) \(Double(bitPattern: bits))"
        case .heapType(let heap): return "\(name) \(heapType(heap))"
        default: return name
        }
    }

    /// Up to `limit` bytes as a WAT string literal (printable ASCII kept, the rest `\hh`),
    /// with `…` when cut.
    static func bytesPreview(_ bytes: ArraySlice<UInt8>, limit: Int = 32) -> String {
        var text = "\""
        for byte in bytes.prefix(limit) {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): text += "\\" + String(UnicodeScalar(byte))
            case 0x20..<0x7F: text.append(Character(UnicodeScalar(byte)))
            default: text += "\\" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text + "\"" + (bytes.count > limit ? "…" : "")
    }
}
