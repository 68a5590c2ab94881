import Foundation
import Testing

/// The coroutine demos of `Examples/coroutines` print exactly their `expected/` files when run
/// with `wasmfiber run FILE --invoke main` (what `make demo` shows).
struct CoroutineDemoTests {
    static let demos = ["generator", "scheduler", "async", "pipeline"]

    @Test(arguments: demos)
    func demoPrintsItsExpectedOutput(_ name: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let program = root.appendingPathComponent("Examples/coroutines/\(name).wat").path
        let expected = try String(contentsOf: root.appendingPathComponent("Examples/coroutines/expected/\(name).txt"), encoding: .utf8)
        guard let result = try CLI.run(["run", program, "--invoke", "main"]) else { return }
        #expect(result.exited && result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
    }
}
