import WasmFormat

// Host functions: Swift closures that WebAssembly can import and call (and that the host can
// store in tables, pass as `funcref`s, or call itself).
//
// A host function's body runs on top of the WebAssembly stack that called it. It reads its
// arguments from a slot buffer and writes its results into the same buffer from slot 0 (see
// `HostFunctionBody`); the closures below convert between those slots and Swift values.

extension Function {
    /// A host function of `type` whose body receives the arguments as ``Value``s and returns
    /// the results as ``Value``s.
    ///
    /// The results must match `type.results` in number and type, or the call traps
    /// (``TrapKind/hostError`` with a ``HostFunctionError``). Concrete heap types in `type` are
    /// canonical type identities (take them from another function's ``type``); most host
    /// functions use only number types and abstract references.
    public init(type: FunctionType, _ body: @escaping @Sendable (Caller, [Value]) throws -> [Value]) {
        let parameters = type.parameters
        self.init(hostType: type) { caller, slots in
            var arguments: [Value] = []
            arguments.reserveCapacity(parameters.count)
            for (index, parameter) in parameters.enumerated() {
                arguments.append(Value(slot: slots[index], type: parameter, engine: caller.engine))
            }
            try Self.store(try body(caller, arguments), of: type, into: slots, engine: caller.engine)
        }
    }

    /// A host function with one result, its type from the closure's:
    /// `Function { (a: Int32, b: Int32) -> Int32 in a + b }` is `[i32 i32] -> [i32]`.
    public init<each P: WasmValueConvertible, R: WasmResultConvertible>(
        _ body: @escaping @Sendable (repeat each P) throws -> R
    ) {
        let type = FunctionType(parameters: Self.valueTypes(repeat (each P).self), results: R.resultTypes)
        self.init(hostType: type) { caller, slots in
            var arguments = SlotReader(slots: slots, engine: caller.engine)
            let result = try body(repeat try arguments.next((each P).self))
            try Self.store(result, of: type, into: slots, engine: caller.engine)
        }
    }

    /// A host function without results, its type from the closure's:
    /// `Function { (x: Int32) in print(x) }` is `[i32] -> []`.
    public init<each P: WasmValueConvertible>(_ body: @escaping @Sendable (repeat each P) throws -> Void) {
        let type = FunctionType(parameters: Self.valueTypes(repeat (each P).self), results: [])
        self.init(hostType: type) { caller, slots in
            var arguments = SlotReader(slots: slots, engine: caller.engine)
            try body(repeat try arguments.next((each P).self))
        }
    }

    /// A host function with two or more results (a tuple), its type from the closure's:
    /// `Function { (a: Int32, b: Int32) in (a / b, a % b) }` is `[i32 i32] -> [i32 i32]`.
    public init<each P: WasmValueConvertible, R1: WasmValueConvertible, R2: WasmValueConvertible, each R: WasmValueConvertible>(
        _ body: @escaping @Sendable (repeat each P) throws -> (R1, R2, repeat each R)
    ) {
        self.init(tupleResults: body)
    }

    /// A host function with one result that also receives the ``Caller`` (the calling
    /// instance's exports, such as its memory); the type is the closure's without the caller.
    public init<each P: WasmValueConvertible, R: WasmResultConvertible>(
        _ body: @escaping @Sendable (Caller, repeat each P) throws -> R
    ) {
        let type = FunctionType(parameters: Self.valueTypes(repeat (each P).self), results: R.resultTypes)
        self.init(hostType: type) { caller, slots in
            var arguments = SlotReader(slots: slots, engine: caller.engine)
            let result = try body(caller, repeat try arguments.next((each P).self))
            try Self.store(result, of: type, into: slots, engine: caller.engine)
        }
    }

    /// A host function without results that also receives the ``Caller``.
    public init<each P: WasmValueConvertible>(_ body: @escaping @Sendable (Caller, repeat each P) throws -> Void) {
        let type = FunctionType(parameters: Self.valueTypes(repeat (each P).self), results: [])
        self.init(hostType: type) { caller, slots in
            var arguments = SlotReader(slots: slots, engine: caller.engine)
            try body(caller, repeat try arguments.next((each P).self))
        }
    }

    /// A host function with two or more results that also receives the ``Caller``.
    public init<each P: WasmValueConvertible, R1: WasmValueConvertible, R2: WasmValueConvertible, each R: WasmValueConvertible>(
        _ body: @escaping @Sendable (Caller, repeat each P) throws -> (R1, R2, repeat each R)
    ) {
        self.init(tupleResults: body)
    }

    // MARK: Machinery

    /// A host function whose results are a tuple of values (the public tuple forms pass their
    /// `(R1, R2, repeat each R)` closures here, where the tuple is one pack to iterate).
    private init<each P: WasmValueConvertible, each R: WasmValueConvertible>(
        tupleResults body: @escaping @Sendable (repeat each P) throws -> (repeat each R)
    ) {
        let type = FunctionType(parameters: Self.valueTypes(repeat (each P).self), results: Self.valueTypes(repeat (each R).self))
        self.init(hostType: type) { caller, slots in
            var arguments = SlotReader(slots: slots, engine: caller.engine)
            let results = try body(repeat try arguments.next((each P).self))
            var position = 0
            for value in repeat each results {
                try Self.store(value, at: position, of: type, into: slots, engine: caller.engine)
                position += 1
            }
        }
    }

    /// The same with the ``Caller`` as first parameter.
    private init<each P: WasmValueConvertible, each R: WasmValueConvertible>(
        tupleResults body: @escaping @Sendable (Caller, repeat each P) throws -> (repeat each R)
    ) {
        let type = FunctionType(parameters: Self.valueTypes(repeat (each P).self), results: Self.valueTypes(repeat (each R).self))
        self.init(hostType: type) { caller, slots in
            var arguments = SlotReader(slots: slots, engine: caller.engine)
            let results = try body(caller, repeat try arguments.next((each P).self))
            var position = 0
            for value in repeat each results {
                try Self.store(value, at: position, of: type, into: slots, engine: caller.engine)
                position += 1
            }
        }
    }

    /// A host function of `type` (canonical form) running `body` on the slot buffer.
    init(hostType type: FunctionType, _ body: @escaping HostFunctionBody.Body) {
        let function = FunctionInstance(typeID: TypeRegistry.shared.register(type), type: type, host: HostFunctionBody(body))
        self.init(handle: function, engine: nil)
    }

    /// The value types of a parameter pack.
    static func valueTypes<each T: WasmValueConvertible>(_ types: repeat (each T).Type) -> [ValueType] {
        var result: [ValueType] = []
        for type in repeat each types { result.append(type.valueType) }
        return result
    }

    /// Writes a typed host function's one `result` (of one or more values) into `slots`.
    @inline(__always)
    static func store<R: WasmResultConvertible>(_ result: R, of type: FunctionType, into slots: UnsafeMutablePointer<UInt64>, engine: Engine?) throws(HostFunctionError) {
        if let slot = SlotCodec.numberSlot(result) {
            slots[0] = slot
        } else {
            try store(result.wasmResults, of: type, into: slots, engine: engine)
        }
    }

    /// Writes result `position` of a typed host function, `value`, into `slots`.
    @inline(__always)
    static func store<R: WasmValueConvertible>(_ value: R, at position: Int, of type: FunctionType, into slots: UnsafeMutablePointer<UInt64>, engine: Engine?) throws(HostFunctionError) {
        if let slot = SlotCodec.numberSlot(value) {
            slots[position] = slot
            return
        }
        try store(value.wasmValue, at: position, of: type, into: slots, engine: engine)
    }

    /// Writes a host function's `results` into `slots` from slot 0, after checking them
    /// against `type.results`.
    static func store(_ results: [Value], of type: FunctionType, into slots: UnsafeMutablePointer<UInt64>, engine: Engine?) throws(HostFunctionError) {
        guard results.count == type.results.count else {
            throw HostFunctionError("host function returned \(results.count) result\(results.count == 1 ? "" : "s"), its type \(type) has \(type.results.count)")
        }
        for (position, value) in results.enumerated() {
            try store(value, at: position, of: type, into: slots, engine: engine)
        }
    }

    /// Writes result `position`, `value`, into `slots` after checking its type.
    private static func store(_ value: Value, at position: Int, of type: FunctionType, into slots: UnsafeMutablePointer<UInt64>, engine: Engine?) throws(HostFunctionError) {
        guard value.matches(type.results[position]) else {
            throw HostFunctionError("host function result \(position) is \(value), its type \(type) wants \(type.results[position])")
        }
        slots[position] = value.slot(retainingIn: engine)
    }
}

/// Reads a typed host function's arguments from its slot buffer, in order.
struct SlotReader {
    let slots: UnsafeMutablePointer<UInt64>
    /// The engine of the call (which outlives the reader: it runs the call).
    unowned(unsafe) let engine: Engine?
    var index = 0

    /// The next argument, as `T` (the function's type says it is a `T.valueType`).
    @inline(__always)
    mutating func next<T: WasmValueConvertible>(_: T.Type) throws(HostFunctionError) -> T {
        defer { index += 1 }
        return try SlotCodec.value(slots[index], as: T.self, engine: engine)
    }
}
