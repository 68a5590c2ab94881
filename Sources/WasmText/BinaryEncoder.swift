/// The sections of a module compiled from text, and their assembly into a binary module.
///
/// The module parser fills the section contents field by field in text order; `encode()`
/// puts them in the binary format's section order, places `@custom` sections, and appends
/// the `name` section built from the text's identifiers.
struct ModuleOutput {
    /// Type section entries: one per `type` field or `rec` group, then implicit types.
    var typeEntries: [[UInt8]] = []
    var imports: [[UInt8]] = []
    /// The type index of each defined (not imported) function.
    var functionTypes: [UInt32] = []
    var tables: [[UInt8]] = []
    var memories: [[UInt8]] = []
    var tags: [[UInt8]] = []
    var globals: [[UInt8]] = []
    var exports: [[UInt8]] = []
    var start: UInt32?
    var elems: [[UInt8]] = []
    /// Function bodies (locals and code), in definition order.
    var codes: [[UInt8]] = []
    var datas: [[UInt8]] = []
    /// Whether a function uses `memory.init` or `data.drop`, which need the data count section.
    var needsDataCount = false
    /// `@custom` annotations in text order.
    var customs: [AnnotatedTokens.Custom] = []
    /// The name section's contents (see `NameSection.swift`).
    var moduleName: String?
    var functionNames: [UInt32: String] = [:]
    var localNames: [UInt32: [UInt32: String]] = [:]
    var labelNames: [UInt32: [UInt32: String]] = [:]
    /// Names of the other index spaces, by name subsection id (types 4, tables 5, memories 6,
    /// globals 7, elems 8, datas 9, tags 11).
    var spaceNames: [UInt8: [UInt32: String]] = [:]
    /// `@name` annotations of definitions, which replace their identifiers in `spaceNames`.
    var annotatedNames: [ModuleContext.Space: [UInt32: String]] = [:]
    /// Struct field names per type index (subsection 10).
    var fieldNames: [UInt32: [UInt32: String]] = [:]
    /// Branch hints per function index: body offsets of the hinted instructions and hints.
    var branchHints: [UInt32: [(offset: Int, hint: [UInt8])]] = [:]

    /// The binary module.
    func encode() -> [UInt8] {
        var out = ByteWriter()
        out.append([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        func vector(_ items: [[UInt8]]) -> [UInt8] {
            var w = ByteWriter()
            w.u32(items.count)
            for item in items { w.append(item) }
            return w.bytes
        }
        func customs(_ placement: CustomPlacement) {
            for custom in self.customs where custom.placement == placement {
                var w = ByteWriter()
                w.name(custom.name)
                w.append(custom.contents)
                out.section(0, w.bytes)
            }
        }
        customs(.before(.first))
        customs(.after(.first))
        let sections: [(CustomPlacement.Anchor, UInt8, [UInt8]?)] = [
            (.type, 1, typeEntries.isEmpty ? nil : vector(typeEntries)),
            (.import, 2, imports.isEmpty ? nil : vector(imports)),
            (.func, 3, functionTypes.isEmpty ? nil : vector(functionTypes.map { t in var w = ByteWriter(); w.u32(t); return w.bytes })),
            (.table, 4, tables.isEmpty ? nil : vector(tables)),
            (.memory, 5, memories.isEmpty ? nil : vector(memories)),
            (.tag, 13, tags.isEmpty ? nil : vector(tags)),
            (.global, 6, globals.isEmpty ? nil : vector(globals)),
            (.export, 7, exports.isEmpty ? nil : vector(exports)),
            (.start, 8, start.map { s in var w = ByteWriter(); w.u32(s); return w.bytes }),
            (.elem, 9, elems.isEmpty ? nil : vector(elems)),
            (.datacount, 12, needsDataCount ? { var w = ByteWriter(); w.u32(datas.count); return w.bytes }() : nil),
            (.code, 10, codes.isEmpty ? nil : vector(codes.map { body in var w = ByteWriter(); w.name(body); return w.bytes })),
            (.data, 11, datas.isEmpty ? nil : vector(datas)),
        ]
        for (anchor, id, contents) in sections {
            if anchor == .code, let hints = branchHintSection() { out.section(0, hints) }
            customs(.before(anchor))
            if let contents { out.section(id, contents) }
            customs(.after(anchor))
        }
        customs(.before(.last))
        customs(.after(.last))
        if let names = nameSection() { out.section(0, names) }
        return out.bytes
    }

    /// The `metadata.code.branch_hint` custom section (which must precede the code section),
    /// or `nil` without hints.
    func branchHintSection() -> [UInt8]? {
        guard !branchHints.isEmpty else { return nil }
        var w = ByteWriter()
        w.name("metadata.code.branch_hint")
        w.u32(branchHints.count)
        for (function, hints) in branchHints.sorted(by: { $0.key < $1.key }) {
            w.u32(function)
            w.u32(hints.count)
            for hint in hints {
                w.u32(hint.offset)
                w.name(hint.hint)
            }
        }
        return w.bytes
    }
}
