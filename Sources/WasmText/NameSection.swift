/// The `name` custom section: the text's identifiers, so that backtraces, disassemblers and
/// debuggers can show `$fac` rather than `func[3]`.
///
/// Subsections in id order: module (0), functions (1), locals (2), and the extended name
/// section's labels (3), types (4), tables (5), memories (6), globals (7), elem segments (8),
/// data segments (9), fields (10) and tags (11). Each is present only when something in it
/// has a name.
extension ModuleOutput {
    /// The section's contents, or `nil` when the text named nothing.
    func nameSection() -> [UInt8]? {
        var subsections = ByteWriter()
        func add(_ id: UInt8, _ contents: [UInt8]) {
            subsections.byte(id)
            subsections.name(contents)
        }
        func map(_ names: [UInt32: String]) -> [UInt8] {
            var w = ByteWriter()
            w.u32(names.count)
            for (index, name) in names.sorted(by: { $0.key < $1.key }) {
                w.u32(index)
                w.name(name)
            }
            return w.bytes
        }
        func indirect(_ names: [UInt32: [UInt32: String]]) -> [UInt8] {
            var w = ByteWriter()
            let nonEmpty = names.filter { !$0.value.isEmpty }
            w.u32(nonEmpty.count)
            for (index, inner) in nonEmpty.sorted(by: { $0.key < $1.key }) {
                w.u32(index)
                w.append(map(inner))
            }
            return w.bytes
        }
        if let moduleName {
            var w = ByteWriter()
            w.name(moduleName)
            add(0, w.bytes)
        }
        if !functionNames.isEmpty { add(1, map(functionNames)) }
        if localNames.contains(where: { !$0.value.isEmpty }) { add(2, indirect(localNames)) }
        if labelNames.contains(where: { !$0.value.isEmpty }) { add(3, indirect(labelNames)) }
        for id: UInt8 in 4...9 {
            if let names = spaceNames[id], !names.isEmpty { add(id, map(names)) }
        }
        if fieldNames.contains(where: { !$0.value.isEmpty }) { add(10, indirect(fieldNames)) }
        if let names = spaceNames[11], !names.isEmpty { add(11, map(names)) }
        guard !subsections.bytes.isEmpty else { return nil }
        var w = ByteWriter()
        w.name("name")
        w.append(subsections.bytes)
        return w.bytes
    }
}
