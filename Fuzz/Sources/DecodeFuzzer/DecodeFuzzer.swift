// libFuzzer target for the binary format: every input is a candidate module.
//
// Decoding is eager (`decodeFunctionBodies: true`) so that every instruction is read, then the
// decoded module is validated. Errors are the expected outcome for most inputs; what the
// fuzzer looks for is a crash, a hang, a sanitizer report or an unbounded allocation.
import FuzzerDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmFormat

/// Called by libFuzzer once per input; always returns 0 (the input is not rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecode(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let module = try? decodeModule(bytes, features: .default, decodeFunctionBodies: true) else { return 0 }
    // The lazy path too: what the interpreter's translator will do on first call.
    for body in module.functionBodies {
        var reader = module.instructions(of: body)
        _ = try? reader.readAll()
    }
    _ = try? validateModule(module)
    return 0
}

/// The process entry point: hands the arguments and `fuzzDecode` to libFuzzer's driver.
@main
enum DecodeFuzzerMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(wf_run_fuzzer(&argc, &argv) { data, size in fuzzDecode(data, size) })
    }
}
