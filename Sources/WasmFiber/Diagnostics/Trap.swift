/// Why WebAssembly execution stopped abnormally. The `description` of each kind is the
/// specification's message (what the spec scripts' `assert_trap` expects).
public enum TrapKind: Hashable, Sendable, CustomStringConvertible {
    /// `unreachable` was executed.
    case unreachable
    /// A load, store or bulk memory instruction reached outside its memory.
    case outOfBoundsMemoryAccess
    /// A table instruction reached outside its table.
    case outOfBoundsTableAccess
    /// Integer `div` or `rem` by zero.
    case integerDivideByZero
    /// `div_s` overflow, or a float-to-integer truncation out of range.
    case integerOverflow
    /// A float-to-integer truncation of NaN.
    case invalidConversionToInteger
    /// `call_indirect`: the function's type does not match the expected type.
    case indirectCallTypeMismatch
    /// `call_indirect`: the table index is out of the table's bounds.
    case undefinedElement
    /// `call_indirect`: the table element is null.
    case uninitializedElement
    /// `call_ref` / `return_call_ref` of a null function reference.
    case nullFunctionReference
    /// `ref.as_non_null`, `throw_ref` and similar of a null reference.
    case nullReference
    /// An atomic access at an address that is not a multiple of its size.
    case unalignedAtomic
    /// The native stack or the value stack of the current fiber has no room for another call.
    case callStackExhausted
    /// `suspend` or `switch` with no enclosing handler for its tag (up to the host: host
    /// frames are barriers), what the spec scripts' `assert_suspension` expects.
    case unhandledTag
    /// `resume`, `resume_throw`, `switch` or `cont.bind` of a continuation used before.
    case continuationAlreadyConsumed
    /// `resume`, `resume_throw`, `switch` or `cont.bind` of a null continuation reference.
    case nullContinuationReference
    /// A host function called from WebAssembly failed with a Swift error (see `Trap.hostError`).
    case hostError
    /// Anything else, with its message.
    case other(String)

    /// The specification's message for this trap.
    public var description: String {
        switch self {
        case .unreachable: "unreachable"
        case .outOfBoundsMemoryAccess: "out of bounds memory access"
        case .outOfBoundsTableAccess: "out of bounds table access"
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        case .indirectCallTypeMismatch: "indirect call type mismatch"
        case .undefinedElement: "undefined element"
        case .uninitializedElement: "uninitialized element"
        case .nullFunctionReference: "null function reference"
        case .nullReference: "null reference"
        case .unalignedAtomic: "unaligned atomic"
        case .callStackExhausted: "call stack exhausted"
        case .unhandledTag: "unhandled tag"
        case .continuationAlreadyConsumed: "continuation already consumed"
        case .nullContinuationReference: "null continuation reference"
        case .hostError: "host function failed"
        case .other(let message): message
        }
    }
}

/// A WebAssembly trap: what went wrong, and the WebAssembly frames that were active, innermost
/// first, across every fiber of the call.
public struct Trap: Error, Sendable, CustomStringConvertible {
    /// One active WebAssembly function at the time of the trap.
    public struct Frame: Sendable, Hashable, CustomStringConvertible {
        /// The function's index in its module's function index space.
        public var functionIndex: UInt32
        /// The function's name from the module's `name` section, if it has one.
        public var name: String?
        /// Byte offset, in the module, of the instruction that was executing.
        public var offset: Int?

        /// A frame from its parts.
        public init(functionIndex: UInt32, name: String?, offset: Int?) {
            self.functionIndex = functionIndex
            self.name = name
            self.offset = offset
        }

        /// `name (func 3) @0x1a2`, or `func 3 @0x1a2` without a name.
        public var description: String {
            var text = name.map { "\($0) (func \(functionIndex))" } ?? "func \(functionIndex)"
            if let offset { text += " @0x\(String(offset, radix: 16))" }
            return text
        }
    }

    /// What went wrong.
    public var kind: TrapKind
    /// The WebAssembly frames, innermost first (at most ``backtraceLimit``).
    public var backtrace: [Frame]
    /// How many outer frames were left out of ``backtrace`` (deep recursion).
    public var omittedFrameCount = 0
    /// The most frames a backtrace keeps.
    public static let backtraceLimit = 100
    /// For ``TrapKind/hostError``: the error the host function threw.
    public var hostError: (any Error)? { hostErrorBox?.error }

    final class HostErrorBox: @unchecked Sendable {
        let error: any Error
        init(_ error: any Error) { self.error = error }
    }
    var hostErrorBox: HostErrorBox?

    /// A trap of `kind` with an empty backtrace (the interpreter adds frames as it unwinds).
    public init(_ kind: TrapKind, backtrace: [Frame] = []) {
        self.kind = kind
        self.backtrace = backtrace
    }

    /// What the trap concerns beyond its kind, e.g. the table index of an uninitialized
    /// element; appended to the message.
    public var detail: String?

    /// The spec message of the kind, then the detail (for a host error, the error itself).
    public var message: String {
        if let hostError { return "\(kind): \(hostError)" }
        return detail.map { "\(kind) \($0)" } ?? kind.description
    }

    /// The message followed by the backtrace, one frame per line.
    public var description: String {
        var text = "trap: \(message)"
        for (depth, frame) in backtrace.enumerated() { text += "\n  #\(depth) \(frame)" }
        if omittedFrameCount > 0 { text += "\n  … \(omittedFrameCount) more frames" }
        return text
    }
}
