#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// The names visible inside one function body (or constant expression): locals and labels.
struct FunctionScope {
    /// Local (and parameter) identifiers to indices.
    private(set) var localNames: [String: UInt32] = [:]
    /// Number of parameters and locals.
    private(set) var localCount: UInt32 = 0

    /// Adds the next local; a repeated identifier is "duplicate local".
    mutating func addLocal(_ name: String?, at location: TextLocation) throws(TextError) {
        if let name {
            guard localNames[name] == nil else { throw TextError("duplicate local $\(name)", at: location) }
            localNames[name] = localCount
        }
        localCount += 1
    }

    /// Reads a local index (number or `$name`).
    func local(_ cursor: inout TokenCursor) throws(TextError) -> UInt32 {
        if case .identifier(let name) = cursor.current.kind {
            guard let index = localNames[name] else { throw cursor.error("unknown local $\(name)") }
            cursor.advance()
            return index
        }
        guard cursor.atUnsigned else { throw cursor.unexpected() }
        return try cursor.expectU32()
    }
}

/// The code of a function body being written, with the stack of enclosing block labels.
struct InstructionWriter {
    var scope: FunctionScope
    /// Labels of the enclosing blocks, innermost last (`nil` for unlabeled blocks).
    var labels: [String?] = []
    var code = ByteWriter()
    /// How many blocks the body has opened so far (the label index of the name section).
    var blockCount: UInt32 = 0
    /// Names of the labeled blocks, by label index.
    var labelNames: [UInt32: String] = [:]
    /// Branch hints: the offset (in `code`) of the hinted instruction and the hint bytes.
    var branchHints: [(offset: Int, hint: [UInt8])] = []
    /// How deeply the parser is nested in instructions (folded or structured).
    var depth = 0
    /// The nesting limit: the parser recurses per level, so this bounds its native stack use
    /// (hostile input must get an error, not a stack overflow).
    static let maximumDepth = 1000
    /// The native stack the recursion may use, whatever the nesting: frames are several times
    /// larger in debug and sanitizer builds, and the calling thread's stack may be small. The
    /// budget is 1 MiB, less when the thread has less room left (minus 128 KiB of headroom).
    static let stackBudget: UInt = 1 << 20
    /// The address of a local of the outermost instruction level, for measuring stack use.
    var stackBase: UInt = 0
    /// The budget for this parse, fixed at the outermost level.
    var budget: UInt = 0

    /// Enters one nesting level; throws when the depth or the stack budget runs out.
    @inline(never)
    mutating func enterLevel(_ cursor: TokenCursor) throws(TextError) {
        depth += 1
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if stackBase == 0 {
            stackBase = here
            let room = threadStackRoom(below: here) ?? .max
            budget = min(Self.stackBudget, room > 128 << 10 ? room - (128 << 10) : 0)
        }
        let used = stackBase > here ? stackBase - here : 0
        guard depth <= Self.maximumDepth, used <= budget else {
            throw cursor.error("instructions nested too deeply")
        }
    }

    init(scope: FunctionScope) { self.scope = scope }

    /// Reads a label (number or `$name`) as a relative depth.
    func label(_ cursor: inout TokenCursor) throws(TextError) -> UInt32 {
        if case .identifier(let name) = cursor.current.kind {
            guard let position = labels.lastIndex(where: { $0 == name }) else {
                throw cursor.error("unknown label $\(name)")
            }
            cursor.advance()
            return UInt32(labels.count - 1 - position)
        }
        guard cursor.atUnsigned else { throw cursor.unexpected() }
        return try cursor.expectU32()
    }

    /// Whether a label is next.
    static func atLabel(_ cursor: TokenCursor) -> Bool { ModuleContext.atIndex(cursor) }
}

#if os(Linux)
/// glibc's `pthread_getattr_np`, which the Glibc module does not import (it needs _GNU_SOURCE).
@_silgen_name("pthread_getattr_np")
private func pthreadGetattrNP(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#endif

/// Bytes of the calling thread's own stack below `address`, or `nil` when `address` is not on
/// it (on a fiber, say) or the platform does not tell.
func threadStackRoom(below address: UInt) -> UInt? {
    #if os(Linux)
    var attributes = pthread_attr_t()
    guard pthreadGetattrNP(pthread_self(), &attributes) == 0 else { return nil }
    defer { pthread_attr_destroy(&attributes) }
    var low: UnsafeMutableRawPointer?
    var size = 0
    guard pthread_attr_getstack(&attributes, &low, &size) == 0, let low else { return nil }
    let bottom = UInt(bitPattern: low)
    guard address > bottom, address < bottom + UInt(size) else { return nil }
    return address - bottom
    #elseif canImport(Darwin)
    let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
    let bottom = top - UInt(pthread_get_stacksize_np(pthread_self()))
    guard address > bottom, address < top else { return nil }
    return address - bottom
    #else
    return nil
    #endif
}
