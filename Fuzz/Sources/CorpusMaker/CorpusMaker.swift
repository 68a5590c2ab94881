// Writes the seed corpora for the fuzzers from the spec test suite (make-corpus.sh runs it):
//
//   corpus/binary/  every module of every script as binary: text modules compiled, `module
//                   binary` bytes as written (malformed ones included), `module quote` text
//                   compiled where it compiles;
//   corpus/text/    every module as text: the `(module …)` forms cut out of the scripts (also
//                   those nested in `assert_*` commands), and the text of `module quote`.
//
// Files are named by a hash of their contents, so duplicates collapse and reruns are stable.
import Foundation
import WasmText

/// FNV-1a, 64 bits, as 16 hex digits: a stable file name for a corpus entry.
func contentName(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

/// The `(module …)` forms of a script, nested ones included, cut out of the source text. A
/// small scanner of parentheses that skips strings, line comments and block comments; it
/// only has to be right for well-formed scripts (the spec suite's).
func moduleForms(in source: [UInt8]) -> [[UInt8]] {
    var forms: [[UInt8]] = []
    var openings: [Int] = []  // positions of the open parentheses enclosing the current one
    var index = 0
    func starts(_ text: String, at position: Int) -> Bool {
        let pattern = Array(text.utf8)
        return position + pattern.count <= source.count && Array(source[position..<(position + pattern.count)]) == pattern
    }
    while index < source.count {
        let byte = source[index]
        if byte == UInt8(ascii: "\"") {  // a string: skip to its closing quote
            index += 1
            while index < source.count && source[index] != UInt8(ascii: "\"") {
                index += source[index] == UInt8(ascii: "\\") ? 2 : 1
            }
        } else if starts(";;", at: index) {
            while index < source.count && source[index] != 0x0A { index += 1 }
        } else if starts("(;", at: index) {
            var depth = 0
            repeat {
                if starts("(;", at: index) { depth += 1; index += 2 } else if starts(";)", at: index) { depth -= 1; index += 2 } else { index += 1 }
            } while depth > 0 && index < source.count
            continue
        } else if byte == UInt8(ascii: "(") {
            openings.append(index)
        } else if byte == UInt8(ascii: ")"), let open = openings.popLast() {
            let after = open + 1
            if starts("module", at: after), after + 6 < source.count, [0x20, 0x0A, 0x09, 0x0D, UInt8(ascii: ")")].contains(source[after + 6]) {
                forms.append(Array(source[open...index]))
            }
        }
        index += 1
    }
    return forms
}

/// The modules of one script, as binary and as text.
func modules(ofScript source: [UInt8]) -> (binary: [[UInt8]], text: [[UInt8]]) {
    var binary: [[UInt8]] = []
    var text = moduleForms(in: source)
    guard let script = try? parseWAST(bytes: source) else { return (binary, text) }
    for command in script.commands {
        let module: WastModule
        switch command.kind {
        case .module(let m), .assertModuleTrap(let m, _), .assertInvalid(let m, _), .assertMalformed(let m, _),
             .assertUnlinkable(let m, _), .assertUninstantiable(let m, _), .assertMalformedCustom(let m, _),
             .assertInvalidCustom(let m, _):
            module = m
        default:
            continue
        }
        if case .quote(let quoted) = module.source { text.append(quoted) }
        if let bytes = try? module.binary() { binary.append(bytes) }
    }
    return (binary, text)
}

/// Entry point: `CorpusMaker SUITE-FOLDER CORPUS-FOLDER`.
@main
enum CorpusMaker {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: CorpusMaker SUITE-FOLDER CORPUS-FOLDER\n".utf8))
            exit(2)
        }
        let suite = URL(fileURLWithPath: arguments[1]), corpus = URL(fileURLWithPath: arguments[2])
        let manager = FileManager.default
        let binaryFolder = corpus.appendingPathComponent("binary"), textFolder = corpus.appendingPathComponent("text")
        for folder in [binaryFolder, textFolder] { try manager.createDirectory(at: folder, withIntermediateDirectories: true) }

        var scripts: [String] = []
        let walker = manager.enumerator(atPath: suite.path)
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".wast") { scripts.append(relative) }
        }
        scripts.sort()
        var written = (binary: Set<String>(), text: Set<String>())
        for relative in scripts {
            guard let data = manager.contents(atPath: suite.appendingPathComponent(relative).path) else { continue }
            let found = modules(ofScript: [UInt8](data))
            for bytes in found.binary {
                let name = contentName(bytes) + ".wasm"
                if written.binary.insert(name).inserted { try Data(bytes).write(to: binaryFolder.appendingPathComponent(name)) }
            }
            for bytes in found.text {
                let name = contentName(bytes) + ".wat"
                if written.text.insert(name).inserted { try Data(bytes).write(to: textFolder.appendingPathComponent(name)) }
            }
        }
        print("\(scripts.count) scripts: \(written.binary.count) binary modules in \(binaryFolder.path), \(written.text.count) text modules in \(textFolder.path)")
    }
}
