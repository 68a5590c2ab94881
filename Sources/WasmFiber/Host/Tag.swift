import WasmFormat

/// An exception tag, as the host holds it: an instance's exported tag, or one the host made
/// (``init(type:)``) to give to instances as an import.
///
/// Tags are compared by identity: two instances of one module define distinct tags, and a
/// module that imports a tag throws and catches the very exceptions of its exporter.
public struct Tag: @unchecked Sendable {
    let handle: TagInstance

    init(handle: TagInstance) { self.handle = handle }

    /// A new tag whose exceptions carry values of `type.parameters` (`type.results` must be
    /// empty for exception tags; stack-switching tags use both).
    public init(type: FunctionType) {
        handle = TagInstance(typeID: TypeRegistry.shared.register(type), type: type)
    }

    /// The tag's type: parameters are the payload.
    public var type: FunctionType { handle.type }

    /// Whether both handles refer to the same tag.
    public func isSame(as other: Tag) -> Bool { handle === other.handle }
}
