import Foundation
import WasmTestSupport

/// A tiny reader of `.wast` scripts that extracts only the `(module binary "...")` forms and
/// the command around them, so the decoder can be checked against the spec suite's binary
/// modules without a text-format parser.
enum WastBinaryModules {
    /// One binary module found in a script.
    struct Case {
        /// `module` (top level: must decode), `assert_malformed`, `assert_invalid`, ...
        var command: String
        var bytes: [UInt8]
        /// The expected message for assertions, if any.
        var message: String?
        var file: String
        var line: Int
    }

    /// The suite's root (see `SpecSuite.root`); `nil` if there is none.
    static func suiteRoot() -> URL? { SpecSuite.root }

    /// Every `.wast` file under the given subfolders of the suite.
    static func files(in folders: [String], root: URL) -> [URL] {
        var result: [URL] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator where url.pathExtension == "wast" { result.append(url) }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// An s-expression node: an atom, a string literal, or a list (with its line).
    indirect enum Node {
        case atom(String)
        case string([UInt8])
        case list([Node], line: Int)
    }

    static func cases(in url: URL) -> [Case] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        var parser = Parser(bytes: [UInt8](data))
        let nodes = parser.parseAll()
        var result: [Case] = []
        for node in nodes {
            guard case .list(let items, let line) = node, case .atom(let head)? = items.first else { continue }
            if head == "module", let bytes = binary(of: node) {
                result.append(Case(command: "module", bytes: bytes, message: nil, file: url.lastPathComponent, line: line))
            } else if head.hasPrefix("assert_"), items.count >= 2, let bytes = binary(of: items[1]) {
                var message: String?
                if case .string(let text)? = items.last { message = String(decoding: text, as: UTF8.self) }
                result.append(Case(command: head, bytes: bytes, message: message, file: url.lastPathComponent, line: line))
            }
        }
        return result
    }

    /// The bytes of `(module $id? binary "..."*)`, or `nil` for any other form.
    static func binary(of node: Node) -> [UInt8]? {
        guard case .list(let items, _) = node, case .atom("module")? = items.first else { return nil }
        var index = 1
        if index < items.count, case .atom(let id) = items[index], id.hasPrefix("$") { index += 1 }
        guard index < items.count, case .atom("binary") = items[index] else { return nil }
        var bytes: [UInt8] = []
        for item in items[(index + 1)...] {
            guard case .string(let part) = item else { return nil }
            bytes += part
        }
        return bytes
    }

    struct Parser {
        let bytes: [UInt8]
        var position = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parseAll() -> [Node] {
            var nodes: [Node] = []
            while let node = next() { nodes.append(node) }
            return nodes
        }

        private mutating func skipSpaceAndComments() {
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\n") { line += 1; position += 1 }
                else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { position += 1 }
                else if byte == UInt8(ascii: ";"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ";") {
                    while position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
                } else if byte == UInt8(ascii: "("), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ";") {
                    var depth = 0
                    while position < bytes.count {
                        if bytes[position] == UInt8(ascii: "("), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ";") {
                            depth += 1; position += 2
                        } else if bytes[position] == UInt8(ascii: ";"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ")") {
                            depth -= 1; position += 2
                            if depth == 0 { break }
                        } else {
                            if bytes[position] == UInt8(ascii: "\n") { line += 1 }
                            position += 1
                        }
                    }
                } else { return }
            }
        }

        mutating func next() -> Node? {
            skipSpaceAndComments()
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            if byte == UInt8(ascii: "(") {
                let startLine = line
                position += 1
                var items: [Node] = []
                while true {
                    skipSpaceAndComments()
                    guard position < bytes.count else { break }
                    if bytes[position] == UInt8(ascii: ")") { position += 1; break }
                    guard let item = next() else { break }
                    items.append(item)
                }
                return .list(items, line: startLine)
            }
            if byte == UInt8(ascii: ")") { position += 1; return .atom(")") }
            if byte == UInt8(ascii: "\"") { return .string(string()) }
            let start = position
            while position < bytes.count {
                let c = bytes[position]
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r")
                    || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "\"") { break }
                position += 1
            }
            return .atom(String(decoding: bytes[start..<position], as: UTF8.self))
        }

        private mutating func string() -> [UInt8] {
            position += 1
            var result: [UInt8] = []
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                let c = bytes[position]
                if c == UInt8(ascii: "\n") { line += 1 }
                guard c == UInt8(ascii: "\\"), position + 1 < bytes.count else { result.append(c); position += 1; continue }
                let e = bytes[position + 1]
                position += 2
                switch e {
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "u"):
                    // \u{hex}
                    var digits = ""
                    if position < bytes.count, bytes[position] == UInt8(ascii: "{") { position += 1 }
                    while position < bytes.count, bytes[position] != UInt8(ascii: "}") {
                        digits.append(Character(UnicodeScalar(bytes[position]))); position += 1
                    }
                    position += 1
                    if let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) {
                        result += Array(String(Character(scalar)).utf8)
                    }
                default:
                    if let high = hexValue(e), position < bytes.count, let low = hexValue(bytes[position]) {
                        result.append(high << 4 | low)
                        position += 1
                    } else {
                        result.append(e)
                    }
                }
            }
            position += 1
            return result
        }

        private func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }
}
