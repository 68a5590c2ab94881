/// The operand and control stacks of the validation algorithm (spec appendix, "Validation
/// Algorithm": `push_val`/`pop_val`/`pop_vals`, `push_ctrl`/`pop_ctrl`, `label_types`,
/// `unreachable`).
///
/// Control frames are plain data: their start and end types live in `typePool`, a stack of
/// value types that grows and shrinks with the frames, and a frame holds two `TypeSpan`s into
/// it. Opening, closing or branching to a frame therefore copies no arrays and retains nothing.

/// A run of value types in the validator's type pool (a frame's start or end types).
public struct TypeSpan: Sendable, Hashable, BitwiseCopyable {
    /// The first type's position in the pool.
    public var start: Int
    /// The number of types.
    public var count: Int

    /// The span of `count` types from `start`.
    public init(start: Int, count: Int) {
        self.start = start
        self.count = count
    }

    /// One past the last type's position.
    public var end: Int { start + count }
}

/// One entry of the control stack.
public struct ControlFrame: Sendable, Hashable, BitwiseCopyable {
    /// The construct that opened the frame.
    public enum Kind: UInt8, Sendable, Hashable, BitwiseCopyable {
        case function, block, loop, `if`, `else`, tryTable
        /// Legacy exception handling: `try`, and the `catch` / `catch_all` parts after it.
        case legacyTry, legacyCatch, legacyCatchAll
    }

    /// The construct that opened the frame.
    public var kind: Kind
    /// The types the frame starts with (a loop's label types); see `FunctionValidator.types(_:)`.
    public var params: TypeSpan
    /// The types the frame ends with (the label types of every frame but a loop).
    public var results: TypeSpan
    /// The operand stack height at the frame's entry, below its parameters.
    public var height: Int
    /// The initialized-locals stack height at the frame's entry.
    public var initHeight: Int
    /// Whether the rest of the frame is unreachable.
    public var unreachable = false

    /// The types a branch to this frame carries.
    @inline(__always)
    public var labelTypes: TypeSpan { kind == .loop ? params : results }
}

extension FunctionValidator {
    /// The types of a frame's span (for passes that drive the validator).
    public func types(_ span: TypeSpan) -> ArraySlice<ValueType> { typePool[span.start..<span.end] }

    // MARK: Operand stack

    /// Pushes an operand. Slots above `height` are reused, so that popping never writes to
    /// the array (a write would check its uniqueness each time).
    @inline(__always)
    mutating func push(_ type: ValueType?) {
        if height == operands.count { operands.append(type) } else { operands[height] = type }
        height += 1
    }

    @inline(__always)
    mutating func push(_ span: TypeSpan) {
        for index in span.start..<span.end { push(typePool[index]) }
    }

    /// Pushes all but the last `dropped` types of `span`.
    @inline(__always)
    mutating func push(_ span: TypeSpan, droppingLast dropped: Int) {
        for index in span.start..<(span.end - dropped) { push(typePool[index]) }
    }

    @inline(__always)
    mutating func push(_ types: [ValueType]) {
        for type in types { push(type) }
    }

    /// Pops any operand; `nil` is Unknown (in unreachable code, below the frame's height).
    @inline(__always)
    mutating func pop() throws(ValidationError) -> ValueType? {
        if height == frameHeight {
            if frameUnreachable { return nil }
            throw mismatch()
        }
        height -= 1
        return operands[height]
    }

    /// Pops an operand that must be a subtype of `expected`; returns the actual type.
    @inline(__always)
    @discardableResult
    mutating func pop(_ expected: ValueType) throws(ValidationError) -> ValueType? {
        let actual = try pop()
        if let actual, !Self.same(actual, expected), !isSubtype(actual, expected) { throw mismatch() }
        return actual
    }

    /// Pops a reference; Unknown becomes `(ref bot)`, as in the spec's `pop_ref`.
    mutating func popReference() throws(ValidationError) -> RefType {
        guard let type = try pop() else { return RefType(nullable: false, Self.bottom) }
        guard case .ref(let reference) = type else { throw mismatch() }
        return reference
    }

    /// Whether the top `count` operands of the current frame match `type(0) … type(count-1)`
    /// (the last on top); missing operands are Unknown in unreachable code.
    @inline(__always)
    func topMatches(_ count: Int, _ type: (Int) -> ValueType) -> Bool {
        let base = height - count
        for index in 0..<count {
            let position = base + index
            if position < frameHeight {
                if !frameUnreachable { return false }
            } else if let actual = operands[position], !Self.same(actual, type(index)), !isSubtype(actual, type(index)) {
                return false
            }
        }
        return true
    }

    /// Removes the top `count` operands of the current frame (fewer if it has fewer).
    @inline(__always)
    mutating func drop(_ count: Int) {
        height -= min(count, height - frameHeight)
    }

    /// Pops operands matching `span` (its last type on top). Checked before anything is
    /// popped, so that the error can show the stack as the reference interpreter does.
    @inline(__always)
    mutating func pop(_ span: TypeSpan) throws(ValidationError) {
        guard topMatches(span.count, { typePool[span.start + $0] }) else {
            throw stackMismatch(span.count, { typePool[span.start + $0] }, what: "instruction")
        }
        drop(span.count)
    }

    /// Pops operands matching `types` (the last on top).
    @inline(__always)
    mutating func pop(_ types: [ValueType]) throws(ValidationError) {
        guard topMatches(types.count, { types[$0] }) else {
            throw stackMismatch(types.count, { types[$0] }, what: "instruction")
        }
        drop(types.count)
    }

    /// Checks that the top operands match `span` without popping them (`br_table`).
    func peek(matching span: TypeSpan) throws(ValidationError) {
        guard topMatches(span.count, { typePool[span.start + $0] }) else { throw mismatch() }
    }

    /// "type mismatch: instruction requires [t*] but stack has [t'*]", with the top operands of
    /// the current frame (as many as required for an instruction, all for a block's end).
    func stackMismatch(_ count: Int, _ type: (Int) -> ValueType, what: String) -> ValidationError {
        let available = height - frameHeight
        let shown = what == "block" ? available : min(count, available)
        let required = (0..<count).map { type($0).description }
        let actual = operands[(height - shown)..<height].map { $0?.description ?? "(bot)" }
        return error("type mismatch: \(what) requires [\(required.joined(separator: " "))] but stack has ["
            + actual.joined(separator: " ") + "]")
    }

    // MARK: Control stack

    /// Puts a frame's signature on the type pool, above the innermost frame's types (those
    /// of closed frames above it are discarded).
    mutating func reserveSignature(_ signature: (params: TypeList, results: TypeList)) -> (TypeSpan, TypeSpan) {
        let (params, results) = signature
        let base = frames.last.map { max($0.params.end, $0.results.end) } ?? 0
        typePool.removeLast(typePool.count - base)
        for index in 0..<params.count { typePool.append(params[index]) }
        for index in 0..<results.count { typePool.append(results[index]) }
        return (TypeSpan(start: base, count: params.count), TypeSpan(start: base + params.count, count: results.count))
    }

    /// Opens a frame whose parameters were already popped; pushes them back inside it.
    mutating func pushFrame(_ kind: ControlFrame.Kind, params: TypeSpan, results: TypeSpan) {
        frames.append(ControlFrame(
            kind: kind, params: params, results: results, height: height, initHeight: initStack.count))
        frameHeight = height
        frameUnreachable = false
        push(params)
    }

    /// Checks that the innermost frame ends correctly: its results must be exactly what is
    /// left above its height. Locals set inside it become unset again.
    mutating func checkFrameEnd() throws(ValidationError) {
        let frame = frames[frames.count - 1]
        // Checked before popping, so that the error shows every operand left in the frame.
        let results = frame.results
        guard topMatches(results.count, { typePool[results.start + $0] }) else {
            throw stackMismatch(results.count, { typePool[results.start + $0] }, what: "instruction")
        }
        guard height - frame.height <= results.count else {
            throw stackMismatch(results.count, { typePool[results.start + $0] }, what: "block")
        }
        drop(results.count)
        while initStack.count > frame.initHeight { unsetLocal(initStack.removeLast()) }
    }

    /// Closes the innermost frame (`pop_ctrl`). Its types stay in the pool until the next
    /// frame opens, so the caller can push its results.
    mutating func popFrame() throws(ValidationError) -> ControlFrame {
        try checkFrameEnd()
        let frame = frames.removeLast()
        if let outer = frames.last {
            frameHeight = outer.height
            frameUnreachable = outer.unreachable
        }
        return frame
    }

    /// Ends the innermost frame and continues it as another part of the same construct
    /// (`else` after `if`, `catch`/`catch_all` after `try`), with the same types; pushes the
    /// parameters again if `pushingParams`.
    mutating func reopenFrame(as kind: ControlFrame.Kind, pushingParams: Bool) throws(ValidationError) {
        try checkFrameEnd()
        let last = frames.count - 1
        frames[last].kind = kind
        frames[last].unreachable = false
        frameUnreachable = false
        if pushingParams { push(frames[last].params) }
    }

    /// The rest of the current block is unreachable: the stack becomes polymorphic.
    @inline(__always)
    mutating func markUnreachable() {
        height = frameHeight
        frames[frames.count - 1].unreachable = true
        frameUnreachable = true
    }

    /// The frame index of a label (relative depth), or "unknown label".
    @inline(__always)
    func label(_ depth: UInt32) throws(ValidationError) -> Int {
        guard Int(depth) < frames.count else { throw error("unknown label") }
        return frames.count - 1 - Int(depth)
    }

    /// The types a branch to the frame at `index` carries.
    @inline(__always)
    func labelTypes(_ index: Int) -> TypeSpan { frames[index].labelTypes }

    /// The type at `index` of a span.
    @inline(__always)
    func type(_ span: TypeSpan, _ index: Int) -> ValueType { typePool[span.start + index] }
}
