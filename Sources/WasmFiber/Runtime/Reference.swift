/// How references are stored in 64-bit slots (operand stack, locals, globals, tables).
///
/// - `0` is `null`, whatever the reference type.
/// - `funcref`: the unretained address of a `FunctionInstance`.
/// - `exnref`: the unretained address of an `ExceptionInstance`.
/// - `externref`: a host reference's identity plus one (``ExternRef/id`` + 1), never 0.
///
/// Objects referred to this way are kept alive by their engine, not by the slots.
enum Reference {
    /// The slot of `null`.
    static let null: UInt64 = 0

    @inline(__always) static func function(_ function: FunctionInstance) -> UInt64 {
        UInt64(UInt(bitPattern: Unmanaged.passUnretained(function).toOpaque()))
    }

    /// The function a non-null funcref slot refers to.
    @inline(__always) static func function(at slot: UInt64) -> Unmanaged<FunctionInstance> {
        Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: UInt(slot))!)
    }

    @inline(__always) static func exception(_ exception: ExceptionInstance) -> UInt64 {
        UInt64(UInt(bitPattern: Unmanaged.passUnretained(exception).toOpaque()))
    }

    /// The exception a non-null exnref slot refers to.
    @inline(__always) static func exception(at slot: UInt64) -> ExceptionInstance {
        Unmanaged<ExceptionInstance>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(slot))!).takeUnretainedValue()
    }
}
