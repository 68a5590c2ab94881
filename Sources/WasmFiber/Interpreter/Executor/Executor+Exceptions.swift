/// Throwing and catching WebAssembly exceptions. An exception travels as
/// `ExecutionError.exception` (a Swift error, so leaving activations costs nothing until one
/// is thrown); each activation it reaches looks for a handler covering the instruction that
/// raised it (see `CompiledFunction.handler(for:at:in:)`).
extension Executor {
    /// `throw` (tag@8 payload@12), `throw_ref` (exnref@8), `rethrow` (exception slot@8).
    @inline(never)
    static func throwInstruction(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ instanceReference: Unmanaged<ModuleInstance>?,
        _ context: ExecutionContext
    ) throws(ExecutionError) -> Never {
        switch pc.load(as: Op.self) {
        case .throw:
            let tag = instanceReference!.takeUnretainedValue().tags[pc.slot(8)]
            let base = fp + pc.slot(12)
            let payload = Array(UnsafeBufferPointer(start: base, count: tag.type.parameters.count))
            throw .exception(ExceptionInstance(tag: tag, payload: payload), backtrace: [])
        default:
            let reference = fp[pc.slot(8)]
            guard reference != 0 else { throw .trap(Trap(.other("null exception reference"))) }
            throw .exception(Reference.exception(at: reference), backtrace: [])
        }
    }

    /// Delivers a caught exception to `handler`: payload (and exnref) into its slots. Returns
    /// the code offset to continue at.
    static func catchException(
        _ exception: ExceptionInstance, _ handler: ExceptionHandler, _ fp: UnsafeMutablePointer<UInt64>,
        _ context: ExecutionContext
    ) -> Int {
        var slot = handler.slot
        var wantsReference = false
        switch handler.kind {
        case .tag(_, let ref):
            for value in exception.payload {
                fp[slot] = value
                slot += 1
            }
            wantsReference = ref
        case .all(let ref):
            wantsReference = ref
        case .delegate:
            break
        }
        if wantsReference || handler.exceptionSlot >= 0 {
            // An exnref is a plain address: the engine keeps the exception alive from now on.
            context.engine.retain(exception)
            let reference = Reference.exception(exception)
            if wantsReference { fp[slot] = reference }
            if handler.exceptionSlot >= 0 { fp[handler.exceptionSlot] = reference }
        }
        return handler.target
    }
}

extension CompiledFunction {
    /// The handler that catches `exception` raised by the instruction at code offset `offset`:
    /// the innermost one covering it whose tag matches; a legacy `delegate` continues the
    /// search with the handlers of the block it names and those outside it.
    func handler(for exception: ExceptionInstance, at offset: Int, in instance: ModuleInstance?) -> ExceptionHandler? {
        guard !handlers.isEmpty, let instance else { return nil }
        var maxDepth = Int.max
        for handler in handlers where handler.range.contains(offset) && handler.depth <= maxDepth {
            switch handler.kind {
            case .tag(let tagIndex, _):
                if instance.tags[Int(tagIndex)] === exception.tag { return handler }
            case .all:
                return handler
            case .delegate(let depth):
                maxDepth = depth
            }
        }
        return nil
    }
}
