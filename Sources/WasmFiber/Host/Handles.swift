import WasmFormat

/// A function of an engine (WebAssembly or host), as the host holds it.
public struct Function: @unchecked Sendable {
    let handle: FunctionInstance
    /// The engine that runs calls of this function (`nil` for a host function not linked yet).
    let engine: Engine?

    /// The function's type (concrete heap types are canonical type identities).
    public var type: FunctionType { handle.type }
}

/// A linear memory, as the host holds it.
public struct Memory: @unchecked Sendable {
    let handle: LinearMemory
}

/// A table, as the host holds it.
public struct Table: @unchecked Sendable {
    let handle: TableInstance
}

/// A global, as the host holds it.
public struct Global: @unchecked Sendable {
    let handle: GlobalInstance
}

/// An exception tag, as the host holds it.
public struct Tag: @unchecked Sendable {
    let handle: TagInstance
}
