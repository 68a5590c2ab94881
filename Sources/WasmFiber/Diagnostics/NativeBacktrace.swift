import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One frame of a native backtrace.
public struct NativeFrame: Sendable, CustomStringConvertible {
    /// The instruction pointer (a return address for every frame but the first).
    public let address: UInt
    /// The offset of ``address`` in its function.
    public let offset: UInt
    /// The function's symbol as the binary spells it (Swift symbols are mangled), or "".
    public let symbol: String

    /// The symbol, demangled when it is a Swift symbol.
    public var name: String { demangle(symbol) }

    public var description: String {
        symbol.isEmpty ? "0x\(String(address, radix: 16))" : "\(name) + \(offset)"
    }
}

/// The native call stack of the calling thread, from the caller outwards.
///
/// On a fiber the walk does not stop at the fiber's bottom: the entry trampoline's unwind
/// information leads on into the frames of whoever resumed the fiber, and so on out to the
/// thread's own stack.
public func nativeBacktrace(maxFrames: Int = 128) -> [NativeFrame] {
    let frames = UnsafeMutablePointer<wf_frame>.allocate(capacity: maxFrames)
    defer { frames.deallocate() }
    let count = wf_backtrace(frames, maxFrames)
    return (0..<count).map { i in
        let symbol = withUnsafeBytes(of: frames[i].name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return NativeFrame(address: frames[i].ip, offset: frames[i].offset, symbol: symbol)
    }
}

@_silgen_name("swift_demangle")
private func swift_demangle(
    _ mangledName: UnsafePointer<CChar>?, _ mangledNameLength: Int,
    _ outputBuffer: UnsafeMutablePointer<CChar>?, _ outputBufferSize: UnsafeMutablePointer<Int>?,
    _ flags: UInt32
) -> UnsafeMutablePointer<CChar>?

/// Demangles a Swift symbol; any other symbol comes back unchanged.
func demangle(_ symbol: String) -> String {
    guard symbol.hasPrefix("$s") || symbol.hasPrefix("_$s") || symbol.hasPrefix("$S") else { return symbol }
    return symbol.withCString { name in
        guard let demangled = swift_demangle(name, strlen(name), nil, nil, 0) else { return symbol }
        defer { free(demangled) }
        return String(cString: demangled)
    }
}
