/// Helpers to write small binary modules by hand in tests.
enum Wasm {
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    /// Unsigned LEB128.
    static func u(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            bytes.append(byte)
        } while value != 0
        return bytes
    }

    /// Signed LEB128.
    static func s(_ value: Int64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while true {
            let byte = UInt8(value & 0x7F)
            value >>= 7
            if (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0) {
                bytes.append(byte)
                return bytes
            }
            bytes.append(byte | 0x80)
        }
    }

    static func name(_ text: String) -> [UInt8] { u(UInt64(text.utf8.count)) + Array(text.utf8) }

    static func vector(_ items: [[UInt8]]) -> [UInt8] { u(UInt64(items.count)) + items.flatMap { $0 } }

    static func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + u(UInt64(content.count)) + content }

    static func module(_ sections: [UInt8]...) -> [UInt8] { header + sections.flatMap { $0 } }

    /// A type section with one function type per `(params, results)` pair of type bytes.
    static func types(_ signatures: [([UInt8], [UInt8])]) -> [UInt8] {
        section(1, vector(signatures.map { [0x60] + vector($0.0.map { [$0] }) + vector($0.1.map { [$0] }) }))
    }

    /// A function section.
    static func functions(_ typeIndices: [UInt32]) -> [UInt8] { section(3, vector(typeIndices.map { u(UInt64($0)) })) }

    /// A code section; each body is its locals (already encoded) and instruction bytes.
    static func code(_ bodies: [(locals: [UInt8], code: [UInt8])]) -> [UInt8] {
        section(10, vector(bodies.map { body in
            let content = body.locals + body.code
            return u(UInt64(content.count)) + content
        }))
    }

    /// A module with one `[] -> []` function (plus the given extra sections before code) whose
    /// body is `code` (which must include the final `end`).
    static func function(_ code: [UInt8], locals: [UInt8] = [0x00], before: [UInt8] = [], after: [UInt8] = []) -> [UInt8] {
        module(types([([], [])]), functions([0]), before, self.code([(locals, code)]), after)
    }
}
