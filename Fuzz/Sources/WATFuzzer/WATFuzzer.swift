// libFuzzer target for the text format: every input is candidate WAT (not necessarily UTF-8).
//
// What parses is compiled to binary, which is then decoded and validated: the text compiler's
// output must always decode unless the text itself was out of range, and must never crash the
// decoder. Errors are expected; crashes, hangs and sanitizer reports are what is looked for.
import FuzzerDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmFormat
import WasmText

/// Called by libFuzzer once per input; always returns 0.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let binary = try? parseWAT(bytes: bytes) else { return 0 }
    guard let module = try? decodeModule(binary, features: .default, decodeFunctionBodies: true) else { return 0 }
    _ = try? validateModule(module)
    return 0
}

/// The process entry point: hands the arguments and `fuzzText` to libFuzzer's driver.
@main
enum WATFuzzerMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(wf_run_fuzzer(&argc, &argv) { data, size in fuzzText(data, size) })
    }
}
