import Synchronization
import WasmFormat

/// The process-wide canonical identities of defined types (iso-recursive equivalence across
/// modules), so that `call_indirect`, import matching and references compare types of
/// different modules by one integer.
///
/// In the *canonical form* of a type, every concrete heap type is a canonical identity instead
/// of a module's type index.
final class TypeRegistry: @unchecked Sendable {
    /// The one registry of the process.
    static let shared = TypeRegistry()

    /// The canonical identity of each of `module`'s type indices (registering its rec groups).
    func register(_ module: WasmFormat.Module) -> [Int] { fatalError("TypeRegistry.register(module) not implemented") }

    /// The identity of a function type given in canonical form, as a rec group of its own
    /// (host functions, host tags).
    func register(_ type: FunctionType) -> Int { fatalError("TypeRegistry.register(type) not implemented") }

    /// The definition of identity `id`, in canonical form.
    func subType(_ id: Int) -> SubType { fatalError("not implemented") }

    /// The function type of identity `id` (which must be a function type), in canonical form.
    func functionType(_ id: Int) -> FunctionType { fatalError("not implemented") }

    /// Whether type `a` is `b` or has it on its declared supertype chain.
    func isSubtype(_ a: Int, _ b: Int) -> Bool { fatalError("not implemented") }

    /// Subtyping of value types in canonical form.
    func isSubtype(_ a: ValueType, _ b: ValueType) -> Bool { fatalError("not implemented") }

    /// Subtyping of reference types in canonical form.
    func isSubtype(_ a: RefType, _ b: RefType) -> Bool { fatalError("not implemented") }

    /// The top of the hierarchy `heapType` (canonical form) belongs to: func, extern, any, exn or cont.
    func topHeapType(of heapType: HeapType) -> AbstractHeapType { fatalError("not implemented") }

    /// `type` of a module whose type indices have identities `typeIDs`, in canonical form.
    static func canonical(_ type: ValueType, typeIDs: [Int]) -> ValueType { fatalError("not implemented") }
    static func canonical(_ type: RefType, typeIDs: [Int]) -> RefType { fatalError("not implemented") }
    static func canonical(_ type: FunctionType, typeIDs: [Int]) -> FunctionType { fatalError("not implemented") }
}
