import WasmFormat

/// An exception tag (also the tags of stack switching). Tags are compared by identity: two
/// instances of one module have distinct tags.
final class TagInstance {
    /// The canonical identity of the tag's function type.
    let typeID: Int
    /// The tag's function type (parameters = payload), concrete heap types as identities.
    let type: FunctionType

    init(typeID: Int, type: FunctionType) {
        self.typeID = typeID
        self.type = type
    }
}

/// A thrown WebAssembly exception: its tag and payload (slot-encoded).
///
/// `exnref` values are the unretained address of an `ExceptionInstance`; the engine keeps every
/// exception that became an `exnref` alive (see `Engine.retain(_:)`), so such references stay
/// valid as long as the engine.
final class ExceptionInstance: @unchecked Sendable {
    let tag: TagInstance
    let payload: [UInt64]

    init(tag: TagInstance, payload: [UInt64]) {
        self.tag = tag
        self.payload = payload
    }
}
