import Foundation

/// `expected-failures.txt`: spec commands known to fail, one `folder/file.wast:line  reason`
/// per line (`#` starts a comment). The conformance test fails on a failure not listed, and on
/// a listed one that passes now, so the list cannot go stale.
struct ExpectedFailures {
    /// Reason by `folder/file.wast:line`.
    var reasons: [String: String] = [:]
    /// Lines of the file that are not entries (reported as problems).
    var malformedLines: [String] = []

    /// The list next to this source file.
    static let fileURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("expected-failures.txt")

    /// Reads the list (an absent file is an empty list).
    static func load() throws -> ExpectedFailures {
        guard FileManager.default.fileExists(atPath: fileURL.path) else { return ExpectedFailures() }
        return parse(try String(contentsOf: fileURL, encoding: .utf8))
    }

    /// Parses the list's text.
    static func parse(_ text: String) -> ExpectedFailures {
        var list = ExpectedFailures()
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let key = String(trimmed.prefix { !$0.isWhitespace })
            let reason = trimmed.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
            guard let colon = key.lastIndex(of: ":"), Int(key[key.index(after: colon)...]) != nil,
                  key[..<colon].hasSuffix(".wast") else {
                list.malformedLines.append("expected-failures.txt:\(number + 1): not 'folder/file.wast:line  reason': \(rawLine)")
                continue
            }
            list.reasons[key] = reason
        }
        return list
    }

    /// The folder of an entry's script (`core/memory64/x.wast:3` → `core/memory64`).
    static func folder(ofKey key: String) -> String {
        let file = key[..<(key.lastIndex(of: ":") ?? key.endIndex)]
        return (String(file) as NSString).deletingLastPathComponent
    }
}
