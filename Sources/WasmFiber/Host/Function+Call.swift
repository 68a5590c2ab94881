import WasmFormat

// Calling a function from the host. WebAssembly runs on a fiber of the calling thread (from
// the engine's pool), never on the caller's stack; a host function the host calls directly
// runs right here.

extension Function {
    /// Calls the function with `arguments` and returns its results.
    ///
    /// - Throws: ``CallError`` if the arguments do not match the parameters (nothing runs then),
    ///   ``Trap`` if execution traps, ``UncaughtException`` if a WebAssembly exception leaves
    ///   the function; a host function called directly throws its own errors.
    @discardableResult
    public func call(_ arguments: [Value]) throws -> [Value] {
        try callSynchronously(arguments)
    }

    /// Calls the function with `arguments` from Swift concurrency and returns its results;
    /// see ``call(_:)-(_)``.
    ///
    /// For now this runs the call on the current thread, as the synchronous form does; when
    /// `async` host imports exist (DESIGN §5) it will suspend while they wait.
    @discardableResult
    public func call(_ arguments: [Value]) async throws -> [Value] {
        try callSynchronously(arguments)
    }

    /// Calls the function with typed arguments and converts its results to `R`:
    /// `let sum: Int32 = try add.call(Int32(1), Int32(2))`.
    ///
    /// - Throws: as ``call(_:)-(_)``, and ``CallError`` if the results do not convert to `R`.
    public func call<each P: WasmValueConvertible, R: WasmResultConvertible>(_ arguments: repeat each P) throws -> R {
        try Self.convert(try callSynchronously(Self.values(repeat each arguments)), to: R.self, of: self)
    }

    /// Calls the function with typed arguments, ignoring any results: `try log.call(Int32(7))`.
    public func call<each P: WasmValueConvertible>(_ arguments: repeat each P) throws {
        _ = try callSynchronously(Self.values(repeat each arguments))
    }

    /// Calls the function with typed arguments and converts its two or more results to a tuple:
    /// `let (q, r): (Int32, Int32) = try divmod.call(Int32(7), Int32(2))`.
    public func call<each P: WasmValueConvertible, R1: WasmValueConvertible, R2: WasmValueConvertible, each R: WasmValueConvertible>(
        _ arguments: repeat each P
    ) throws -> (R1, R2, repeat each R) {
        let results = try callSynchronously(Self.values(repeat each arguments))
        var reader = ResultReader(results: results, function: self)
        let tuple = (try reader.next(R1.self), try reader.next(R2.self), repeat try reader.next((each R).self))
        try reader.finish()
        return tuple
    }

    // MARK: Machinery

    /// The call itself: checks, converts, runs, converts back.
    func callSynchronously(_ arguments: [Value]) throws -> [Value] {
        let type = handle.type
        guard arguments.count == type.parameters.count else {
            throw CallError("\(self) expects \(type.parameters.count) argument\(type.parameters.count == 1 ? "" : "s"), got \(arguments.count)")
        }
        var slots: [UInt64] = []
        slots.reserveCapacity(arguments.count)
        for (index, (argument, parameter)) in zip(arguments, type.parameters).enumerated() {
            guard argument.matches(parameter) else {
                throw CallError("argument \(index) of \(self) must be \(parameter), got \(argument)")
            }
            slots.append(argument.slot(retainingIn: engine))
        }
        let results = try invoke(slots)
        return zip(results, type.results).map { Value(slot: $0, type: $1, engine: engine) }
    }

    /// Runs the function on slot-encoded arguments: WebAssembly through the interpreter (on a
    /// fiber), a host function without an engine directly.
    private func invoke(_ arguments: [UInt64]) throws -> [UInt64] {
        if let engine {
            do {
                return try Interpreter.invoke(handle, arguments: arguments, engine: engine)
            } catch {
                throw error.publicError(in: engine)
            }
        }
        guard let host = handle.host else {
            // Only host functions are made without an engine.
            throw CallError("\(self) belongs to no engine")
        }
        var buffer = arguments + Array(repeating: 0, count: max(handle.resultCount - arguments.count, 0) + 1)
        try buffer.withUnsafeMutableBufferPointer { slots in
            try host.body(Caller(moduleInstance: nil, engine: nil), slots.baseAddress!)
        }
        return Array(buffer.prefix(handle.resultCount))
    }

    /// The values of a pack of typed arguments.
    static func values<each P: WasmValueConvertible>(_ arguments: repeat each P) -> [Value] {
        var values: [Value] = []
        for argument in repeat each arguments { values.append(argument.wasmValue) }
        return values
    }

    /// `results` as an `R`, or a ``CallError`` naming `function`.
    static func convert<R: WasmResultConvertible>(_ results: [Value], to _: R.Type, of function: Function) throws(CallError) -> R {
        var reader = ResultReader(results: results, function: function)
        let result = try reader.next(R.self)
        try reader.finish()
        return result
    }
}

/// Converts a call's results to Swift values, in order.
struct ResultReader {
    let results: [Value]
    let function: Function
    var position = 0

    /// The next `R.resultTypes.count` results, as an `R`.
    mutating func next<R: WasmResultConvertible>(_: R.Type) throws(CallError) -> R {
        let count = R.resultTypes.count
        guard position + count <= results.count, let value = R(wasmResults: results[position..<(position + count)]) else {
            throw CallError("the results \(results) of \(function) do not convert to \(R.self)")
        }
        position += count
        return value
    }

    /// Checks that every result was converted.
    func finish() throws(CallError) {
        guard position == results.count else {
            throw CallError("\(function) returns \(results.count) results, more than asked for")
        }
    }
}

extension ExecutionError {
    /// The error the host sees: the trap itself, or an ``UncaughtException``.
    func publicError(in engine: Engine) -> any Error {
        switch self {
        case .trap(let trap):
            return trap
        case .exception(let exception, let backtrace):
            return UncaughtException(ExceptionRef(handle: exception, engine: engine), backtrace: backtrace)
        }
    }
}
