import ArgumentParser
import WasmFormat

/// `wasmfiber inspect FILE`: what a module contains, section by section, with names from
/// its `name` section. The module is decoded (not validated).
///
/// The text is built by `ModuleInspection`, which tests call directly; `run()` only loads
/// the file and prints.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the sections, types, imports, exports and other contents of a WebAssembly module.",
        discussion: """
            FILE is a binary module (.wasm) or a text module (.wat), which is compiled first. \
            Offsets and sizes are in bytes, from the start of the (compiled) binary. Exits with \
            status 1 if the file cannot be read or does not decode (the sections that could be \
            read are listed first).
            """
    )

    @Argument(help: "The module to inspect (.wasm or .wat).")
    var file: String

    @Option(help: "List at most this many entries of each kind (0: all).")
    var limit = 100

    @OptionGroup var features: FeatureOptions

    func validate() throws {
        if limit < 0 { throw ArgumentParser.ValidationError("--limit must be 0 (all) or more") }
    }

    func run() throws {
        let featureSet = try features.featureSet()
        do {
            let loaded = try loadModuleFile(at: file, features: featureSet)
            let inspection = ModuleInspection(loaded.module, isText: loaded.isText, limit: limit)
            print(inspection.render(path: file), terminator: "")
        } catch {
            if case .malformed(_, let isText) = error, !isText, let bytes = try? readFileBytes(file) {
                print(ModuleInspection.sectionTable(scanSections(bytes)).joined(separator: "\n"))
            }
            print(ModuleFileReport(path: file, outcome: outcome(of: error)).line)
            throw ExitCode.failure
        }
    }
}

/// The report `inspect` prints for a decoded module.
struct ModuleInspection {
    /// The module.
    let module: Module
    /// Whether it was compiled from text.
    let isText: Bool
    /// The most entries listed per kind (0: all).
    let limit: Int

    private let spaces: IndexSpaces
    private let functionNames: [UInt32: String]
    private let typeNames: [UInt32: String]
    private let globalNames: [UInt32: String]
    private let tagNames: [UInt32: String]
    private let tableNames: [UInt32: String]
    private let memoryNames: [UInt32: String]

    /// A report of `module`.
    init(_ module: Module, isText: Bool = false, limit: Int = 100) {
        self.module = module
        self.isText = isText
        self.limit = max(limit, 0)
        spaces = module.indexSpaces
        functionNames = module.names?.functionNames ?? [:]
        typeNames = nameMap(.types, of: module)
        globalNames = nameMap(.globals, of: module)
        tagNames = nameMap(.tags, of: module)
        tableNames = nameMap(.tables, of: module)
        memoryNames = nameMap(.memories, of: module)
    }

    /// The whole report, one block per kind of content (empty kinds left out), each line
    /// ending in a newline.
    func render(path: String) -> String {
        var lines = ["\(path): \(module.bytes.count) bytes\(isText ? " (compiled from text)" : ""), \(sections.count) sections"]
        lines += ModuleInspection.sectionTable(sections)
        lines += typeLines() + importLines() + functionLines() + tableLines() + memoryLines()
        lines += globalLines() + tagLines() + exportLines() + startLines() + elementLines() + dataLines()
        lines += customLines() + nameLines()
        return lines.map { $0 + "\n" }.joined()
    }

    private var sections: [SectionHeader] { scanSections(module.bytes) }

    /// The section table: id, name, offset, size, and the entry count of vector sections.
    static func sectionTable(_ sections: [SectionHeader]) -> [String] {
        guard !sections.isEmpty else { return [] }
        var lines = ["sections:", "  " + pad("id", 3) + "  " + pad("section", -20) + pad("offset", 10) + pad("size", 10) + "  count"]
        for section in sections {
            let label = section.customName.map { "custom \"\($0)\"" } ?? section.name
            let count = section.count.map { "  \($0)" } ?? ""
            lines.append("  " + pad("\(section.id)", 3) + "  " + pad(label, -20) + pad("\(section.offset)", 10) + pad("\(section.size)", 10) + count)
        }
        return lines
    }

    // MARK: Blocks

    private func typeLines() -> [String] {
        guard !module.types.isEmpty else { return [] }
        var lines = ["types: \(module.types.count) in \(plural(module.recGroups.count, "rec group"))"]
        var listed = 0
        for group in module.recGroups {
            if limit > 0 && listed >= limit { break }
            let indent = group.count > 1 ? "    " : "  "
            if group.count > 1 { lines.append("  rec (types \(group.lowerBound)–\(group.upperBound - 1))") }
            for index in group where index < module.types.count {
                lines.append(indent + "type \(index)\(name(typeNames, index)): \(WatText.subType(module.types[index]))")
            }
            listed += 1
        }
        return lines + more(module.recGroups.count, listed: listed, "rec groups")
    }

    private func importLines() -> [String] {
        guard !module.imports.isEmpty else { return [] }
        var lines = ["imports: \(module.imports.count)"]
        var next = (functions: 0, tables: 0, memories: 0, globals: 0, tags: 0)
        for (position, entry) in module.imports.enumerated() {
            let item: String
            switch entry.descriptor {
            case .function(let typeIndex):
                item = "func \(next.functions)\(name(functionNames, next.functions)): \(signature(typeIndex))"
                next.functions += 1
            case .table(let type):
                item = "table \(next.tables)\(name(tableNames, next.tables)): \(WatText.tableType(type))"
                next.tables += 1
            case .memory(let type):
                item = "memory \(next.memories)\(name(memoryNames, next.memories)): \(WatText.memoryType(type))"
                next.memories += 1
            case .global(let type):
                item = "global \(next.globals)\(name(globalNames, next.globals)): \(WatText.globalType(type))"
                next.globals += 1
            case .tag(let type):
                item = "tag \(next.tags)\(name(tagNames, next.tags)): \(signature(type.typeIndex))"
                next.tags += 1
            }
            if limit == 0 || position < limit { lines.append("  \"\(entry.module)\" \"\(entry.name)\" \(item)") }
        }
        return lines + more(module.imports.count, listed: limit == 0 ? module.imports.count : min(limit, module.imports.count), "imports")
    }

    private func functionLines() -> [String] {
        let imported = spaces.importedFunctions
        guard module.functionCount > 0 else { return [] }
        var lines = ["functions: \(module.functionCount) (\(imported) imported, \(module.functionTypeIndices.count) defined)"]
        let shown = limit == 0 ? module.functionTypeIndices.count : min(limit, module.functionTypeIndices.count)
        for position in 0..<shown {
            let index = imported + position
            var line = "  func \(index)\(name(functionNames, index)): \(signature(module.functionTypeIndices[position]))"
            if position < module.functionBodies.count {
                let body = module.functionBodies[position]
                line += ", \(plural(Int(body.localCount), "local")), \(plural(body.code.count, "byte")) of code at \(body.code.lowerBound)"
            }
            lines.append(line)
        }
        return lines + more(module.functionTypeIndices.count, listed: shown, "defined functions")
    }

    private func tableLines() -> [String] {
        list("tables", module.tables, first: spaces.importedTables) { index, table in
            var text = "table \(index)\(name(tableNames, index)): \(WatText.tableType(table.type))"
            if let initializer = table.initializer { text += " = \(WatText.expression(initializer))" }
            return text
        }
    }

    private func memoryLines() -> [String] {
        list("memories", module.memories, first: spaces.importedMemories) { index, memory in
            "memory \(index)\(name(memoryNames, index)): \(WatText.memoryType(memory))"
        }
    }

    private func globalLines() -> [String] {
        list("globals", module.globals, first: spaces.importedGlobals) { index, global in
            "global \(index)\(name(globalNames, index)): \(WatText.globalType(global.type)) = \(WatText.expression(global.initializer))"
        }
    }

    private func tagLines() -> [String] {
        list("tags", module.tags, first: spaces.importedTags) { index, tag in
            "tag \(index)\(name(tagNames, index)): \(signature(tag.typeIndex))"
        }
    }

    private func exportLines() -> [String] {
        list("exports", module.exports, first: 0) { _, export in
            let kind: String
            var label = ""
            switch export.kind {
            case .function: kind = "func"; label = name(functionNames, export.index)
            case .table: kind = "table"; label = name(tableNames, export.index)
            case .memory: kind = "memory"; label = name(memoryNames, export.index)
            case .global: kind = "global"; label = name(globalNames, export.index)
            case .tag: kind = "tag"; label = name(tagNames, export.index)
            }
            return "\"\(export.name)\": \(kind) \(export.index)\(label)"
        }
    }

    private func startLines() -> [String] {
        guard let start = module.start else { return [] }
        return ["start: func \(start)\(name(functionNames, start))"]
    }

    private func elementLines() -> [String] {
        let elementNames = nameMap(.elements, of: module)
        return list("element segments", module.elements, first: 0) { index, segment in
            let mode: String
            switch segment.mode {
            case .passive: mode = "passive"
            case .declarative: mode = "declarative"
            case .active(let table, let offset): mode = "active table \(table) at \(WatText.expression(offset))"
            }
            let items: String
            switch segment.items {
            case .functions(let indices):
                items = "functions " + indices.prefix(8).map(String.init).joined(separator: " ") + (indices.count > 8 ? " …" : "")
            case .expressions(let expressions):
                items = "expressions " + expressions.prefix(4).map(WatText.expression).joined(separator: " ") + (expressions.count > 4 ? " …" : "")
            }
            return "elem \(index)\(name(elementNames, index)): \(mode), \(segment.items.count) × \(WatText.refType(segment.type))"
                + (segment.items.count > 0 ? ": \(items)" : "")
        }
    }

    private func dataLines() -> [String] {
        let dataNames = nameMap(.data, of: module)
        var lines = list("data segments", module.data, first: 0) { index, segment in
            let mode: String
            switch segment.mode {
            case .passive: mode = "passive"
            case .active(let memory, let offset): mode = "active memory \(memory) at \(WatText.expression(offset))"
            }
            return "data \(index)\(name(dataNames, index)): \(mode), \(plural(segment.bytes.count, "byte")) \(WatText.bytesPreview(segment.bytes))"
        }
        if let count = module.dataCount { lines.append("data count: \(count)") }
        return lines
    }

    private func customLines() -> [String] {
        list("custom sections", module.customSections, first: 0) { _, section in
            let placement = section.after == 0 ? "before any other section" : "after the \(sectionName(section.after)) section"
            return "\"\(section.name)\": \(plural(section.payload.count, "byte")) of payload at \(section.payload.startIndex), \(placement)"
        }
    }

    private func nameLines() -> [String] {
        guard let names = module.names else { return [] }
        var lines = ["name section\(names.isComplete ? "" : " (partly malformed; what decoded is shown)"):"]
        if let moduleName = names.moduleName { lines.append("  module: $\(moduleName)") }
        lines.append("  function names: \(names.functionNames.count)")
        let sorted = names.functionNames.sorted { $0.key < $1.key }
        let shown = limit == 0 ? sorted.count : min(limit, sorted.count)
        for (index, functionName) in sorted.prefix(shown) { lines.append("    func \(index): $\(functionName)") }
        lines += more(sorted.count, listed: shown, "function names").map { "  " + $0 }
        if !names.localNames.isEmpty {
            lines.append("  local names: \(names.localNames.values.reduce(0) { $0 + $1.count }) in \(names.localNames.count) functions")
        }
        if !names.labelNames.isEmpty {
            lines.append("  label names: \(names.labelNames.values.reduce(0) { $0 + $1.count }) in \(names.labelNames.count) functions")
        }
        let others: [(String, [UInt32: String])] = [
            ("type", typeNames), ("table", tableNames), ("memory", memoryNames), ("global", globalNames), ("tag", tagNames),
        ]
        for (kind, map) in others where !map.isEmpty { lines.append("  \(kind) names: \(map.count)") }
        return lines
    }

    // MARK: Helpers

    /// A block: a header with the count, then one line per entry (numbered from `first`,
    /// where imports of that kind end), cut at `limit`.
    private func list<T>(_ title: String, _ items: [T], first: Int, _ describe: (Int, T) -> String) -> [String] {
        guard !items.isEmpty else { return [] }
        let shown = limit == 0 ? items.count : min(limit, items.count)
        var lines = ["\(title): \(items.count)" + (first > 0 ? " defined (after \(first) imported)" : "")]
        for (position, item) in items.prefix(shown).enumerated() { lines.append("  " + describe(first + position, item)) }
        return lines + more(items.count, listed: shown, title)
    }

    /// `  … 4900 more defined functions (--limit 0 lists all)`, when the list was cut.
    private func more(_ total: Int, listed: Int, _ what: String) -> [String] {
        total > listed ? ["  … \(total - listed) more \(what) (--limit 0 lists all)"] : []
    }

    /// ` $name`, or nothing when the item has no name.
    private func name(_ names: [UInt32: String], _ index: some BinaryInteger) -> String {
        guard let key = UInt32(exactly: index), let found = names[key] else { return "" }
        return " $" + found
    }

    /// `type 3 [i32] -> [i32]` (the function type behind a type index, when it is one).
    private func signature(_ typeIndex: UInt32) -> String {
        guard Int(typeIndex) < module.types.count else { return "type \(typeIndex) (undefined)" }
        if let function = module.types[Int(typeIndex)].functionType { return "type \(typeIndex) \(function)" }
        return "type \(typeIndex) (not a function type)"
    }
}

/// `1 byte`, `2 bytes`.
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

/// Pads `text` to `width` columns: on the left (right-aligned) for positive widths, on the
/// right for negative ones.
func pad(_ text: String, _ width: Int) -> String {
    let missing = abs(width) - text.count
    guard missing > 0 else { return width < 0 ? text + " " : text }
    let fill = String(repeating: " ", count: missing)
    return width > 0 ? fill + text : text + fill
}
