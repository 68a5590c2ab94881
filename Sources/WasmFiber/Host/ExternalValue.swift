import WasmFormat

/// Something a module can import or export: what ``Imports`` maps names to, and what
/// ``Instance/export(_:)`` returns.
public enum ExternalValue: Sendable {
    /// A function (WebAssembly or host).
    case function(Function)
    /// A table of references.
    case table(Table)
    /// A linear memory.
    case memory(Memory)
    /// A global.
    case global(Global)
    /// An exception (or stack-switching) tag.
    case tag(Tag)

    /// The kind of value (function, table, memory, global or tag), as import descriptors name it.
    public var kind: ExternalKind {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}

extension ExternalValue {
    /// The public handle of `object`, which belongs to `engine`.
    init(_ object: ExternalInstance, engine: Engine?) {
        switch object {
        case .function(let function): self = .function(Function(handle: function, engine: engine))
        case .table(let table): self = .table(Table(handle: table, engine: engine))
        case .memory(let memory): self = .memory(Memory(handle: memory))
        case .global(let global): self = .global(Global(handle: global, engine: engine))
        case .tag(let tag): self = .tag(Tag(handle: tag))
        }
    }

    /// The store object behind the handle.
    var object: ExternalInstance {
        switch self {
        case .function(let function): .function(function.handle)
        case .table(let table): .table(table.handle)
        case .memory(let memory): .memory(memory.handle)
        case .global(let global): .global(global.handle)
        case .tag(let tag): .tag(tag.handle)
        }
    }
}

extension ExternalKind {
    /// The kind's name in the text format (`func`, `table`, `memory`, `global`, `tag`).
    var textName: String {
        switch self {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        }
    }
}
