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
    /// Subsection 2: function index → (local index → name). Decoded when read (see
    /// `IndirectNames`).
    public var localNames: [UInt32: [UInt32: String]] {
        get { localStorage.map }
        set { localStorage = IndirectNames(newValue) }
    }
    /// Subsection 3 (extended name section): function index → (label index → name). Decoded
    /// when read.
    public var labelNames: [UInt32: [UInt32: String]] {
        get { labelStorage.map }
        set { labelStorage = IndirectNames(newValue) }
    }
    private var localStorage = IndirectNames([:])
    private var labelStorage = IndirectNames([:])
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
                case 1: try Self.readNameMap(&subsection, into: &functionNames)
                case 2: try localStorage.add(&subsection)
                case 3: try labelStorage.add(&subsection)
                default: otherSubsections.append((id, bytes[subsection.position..<subsection.limit]))
                }
                if id <= 3 && !subsection.isAtEnd { isComplete = false }
            } catch {
                isComplete = false
            }
        }
    }

    /// `namemap`: a vector of (index, name), added to `map` one by one so that a partial map
    /// survives. Capacity is reserved up front (bounded by the bytes left, 2 per entry at
    /// least): growing the dictionary rehashed every name several times.
    private static func readNameMap(
        _ reader: inout BinaryReader, into map: inout [UInt32: String]
    ) throws(DecodingError) {
        let count = try reader.readCount()
        map.reserveCapacity(map.count + min(count, reader.remaining / 2))
        for _ in 0..<count {
            let index = try reader.readU32()
            map[index] = try reader.readName()
        }
    }

    /// `indirectnamemap`: (index, namemap) pairs. Each inner map is filled on its own and
    /// stored once (not one `map[outer, default: [:]][inner]` update, two lookups, per name);
    /// an inner map cut short by an error keeps the names read before it, as before.
    fileprivate static func readIndirectNameMap(
        _ reader: inout BinaryReader, into map: inout [UInt32: [UInt32: String]]
    ) throws(DecodingError) {
        let count = try reader.readCount()
        map.reserveCapacity(map.count + min(count, reader.remaining / 2))
        for _ in 0..<count {
            let outer = try reader.readU32()
            var inner = map.removeValue(forKey: outer) ?? [:]
            do {
                try readNameMap(&reader, into: &inner)
            } catch {
                if !inner.isEmpty { map[outer] = inner }
                throw error
            }
            if !inner.isEmpty { map[outer] = inner }
        }
    }

    /// `readIndirectNameMap` without building anything: the same reads, so the same bytes
    /// consumed and the same first error (names are checked to be UTF-8, as `readName` does).
    fileprivate static func scanIndirectNameMap(_ reader: inout BinaryReader) throws(DecodingError) {
        let count = try reader.readCount()
        for _ in 0..<count {
            _ = try reader.readU32()
            let names = try reader.readCount()
            for _ in 0..<names {
                _ = try reader.readU32()
                let start = reader.position
                let range = try reader.readBytes(try reader.readLength())
                let isUTF8 = reader.bytes.withUnsafeBufferPointer { isWellFormedUTF8(UnsafeBufferPointer(rebasing: $0[range])) }
                guard isUTF8 else { throw DecodingError(.malformedUTF8, at: start) }
            }
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

/// The local or label names of a name section, kept as the subsection bytes and decoded
/// each time they are read.
///
/// Why: a module built with names has one inner map per function (5,000 dictionaries for the
/// startup benchmark's module, about 25 M instructions, some 15 % of `wasmfiber validate`),
/// and nothing on the way to running the module reads them (backtraces use function names);
/// `wasmfiber inspect` and tests do. The subsection is still scanned when the section is
/// decoded (`NameSection.scanIndirectNameMap`), so `isComplete` is what it was, and decoding
/// later keeps what decoded before an error, as eager decoding did.
private struct IndirectNames: Sendable {
    /// Names set directly (not from bytes).
    private var base: [UInt32: [UInt32: String]]
    /// The subsection windows to decode onto `base`, in order.
    private var windows: [BinaryReader] = []

    /// Names given as a map.
    init(_ map: [UInt32: [UInt32: String]]) { base = map }

    /// Scans the subsection in `reader` (consuming it as decoding would, throwing its first
    /// error) and keeps it for decoding when read.
    mutating func add(_ reader: inout BinaryReader) throws(DecodingError) {
        windows.append(reader)
        try NameSection.scanIndirectNameMap(&reader)
    }

    /// The names: `base` with every kept subsection decoded onto it.
    var map: [UInt32: [UInt32: String]] {
        var result = base
        for window in windows {
            var reader = window
            try? NameSection.readIndirectNameMap(&reader, into: &result)
        }
        return result
    }
}
