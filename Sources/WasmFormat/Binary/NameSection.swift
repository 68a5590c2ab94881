/// The `name` custom section: debug names for the module, functions, locals and labels,
/// used in backtraces and by printers.
///
/// Custom sections are ignorable, so a malformed name section must never make a module
/// invalid: decoding is lenient. Each subsection is decoded in its own window; whatever
/// decoded before an error is kept, the rest of that subsection is dropped, and `isComplete`
/// becomes `false`. Subsections other than module, function, local and label names (type,
/// table, memory, global, elem, data, field and tag names, and unknown ids) are kept raw.
public struct NameSection: Hashable, Sendable {
    /// Subsection 0.
    public var moduleName: String?
    /// Subsection 1: function index → name.
    public var functionNames: [UInt32: String] = [:]
    /// Subsection 2: function index → (local index → name).
    public var localNames: [UInt32: [UInt32: String]] = [:]
    /// Subsection 3 (extended name section): function index → (label index → name).
    public var labelNames: [UInt32: [UInt32: String]] = [:]
    /// Other subsections, by id, as bytes (slices of the module; indices are module offsets).
    public var otherSubsections: [(id: UInt8, payload: ArraySlice<UInt8>)] = []
    /// `false` if any part of the section was malformed and skipped.
    public var isComplete = true

    /// An empty name section.
    public init() {}

    /// Decodes `payload` (the section's bytes after its name) of the module `bytes`. Never fails.
    public init(decoding payload: ArraySlice<UInt8>, in bytes: [UInt8]) {
        var reader = BinaryReader(bytes: bytes, range: payload.startIndex..<payload.endIndex)
        while !reader.isAtEnd {
            guard let id = try? reader.readByte(), let size = try? reader.readLength() else {
                isComplete = false
                return
            }
            var subsection = reader.window(count: size)
            reader.position += size
            do throws(DecodingError) {
                switch id {
                case 0: moduleName = try subsection.readName()
                case 1: try Self.readNameMap(&subsection) { functionNames[$0] = $1 }
                case 2: try Self.readIndirectNameMap(&subsection) { localNames[$0, default: [:]][$1] = $2 }
                case 3: try Self.readIndirectNameMap(&subsection) { labelNames[$0, default: [:]][$1] = $2 }
                default: otherSubsections.append((id, bytes[subsection.position..<subsection.limit]))
                }
                if id <= 3 && !subsection.isAtEnd { isComplete = false }
            } catch {
                isComplete = false
            }
        }
    }

    /// `namemap`: a vector of (index, name), reported one by one so that a partial map survives.
    private static func readNameMap(
        _ reader: inout BinaryReader, _ add: (UInt32, String) -> Void
    ) throws(DecodingError) {
        let count = try reader.readCount()
        for _ in 0..<count {
            let index = try reader.readU32()
            add(index, try reader.readName())
        }
    }

    private static func readIndirectNameMap(
        _ reader: inout BinaryReader, _ add: (UInt32, UInt32, String) -> Void
    ) throws(DecodingError) {
        let count = try reader.readCount()
        for _ in 0..<count {
            let outer = try reader.readU32()
            try readNameMap(&reader) { add(outer, $0, $1) }
        }
    }

    /// Equal when every decoded name and raw subsection is equal.
    public static func == (lhs: NameSection, rhs: NameSection) -> Bool {
        lhs.moduleName == rhs.moduleName && lhs.functionNames == rhs.functionNames
            && lhs.localNames == rhs.localNames && lhs.labelNames == rhs.labelNames
            && lhs.isComplete == rhs.isComplete
            && lhs.otherSubsections.map(\.id) == rhs.otherSubsections.map(\.id)
            && zip(lhs.otherSubsections, rhs.otherSubsections).allSatisfy { $0.payload.elementsEqual($1.payload) }
    }

    /// Hashes the decoded names (consistent with `==`).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(moduleName)
        hasher.combine(functionNames)
        hasher.combine(localNames)
        hasher.combine(labelNames)
    }
}
