/// Splits WebAssembly text into tokens, skipping white space and comments.
///
/// Works on UTF-8 bytes rather than `String` because `module quote` strings in spec scripts
/// may contain bytes that are not valid UTF-8, and those must be reported as errors of the
/// quoted module, with positions inside it.
struct Lexer {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0

    /// Creates a lexer over the UTF-8 bytes of a source text.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Lexes the whole input; the last token is always `.end`.
    static func tokenize(_ bytes: [UInt8]) throws(TextError) -> [Token] {
        var lexer = Lexer(bytes)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var location: TextLocation {
        TextLocation(line: line, column: position - lineStart + 1)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = position + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func advance() {
        if bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        position += 1
    }

    /// Characters that may form keywords, numbers and identifiers (the spec's `idchar`).
    static func isIdChar(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-./:<=>?@\\^_`|~".utf8.contains(c)
        }
    }

    /// Skips white space, line comments and (nested) block comments.
    private mutating func skipTrivia() throws(TextError) {
        while let c = peek() {
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                advance()
            case UInt8(ascii: ";") where peek(1) == UInt8(ascii: ";"):
                while let d = peek(), d != UInt8(ascii: "\n"), d != UInt8(ascii: "\r") { advance() }   // either ends a line comment
            case UInt8(ascii: "(") where peek(1) == UInt8(ascii: ";"):
                let start = location
                advance(); advance()
                var depth = 1
                while depth > 0 {
                    guard let d = peek() else { throw TextError("unclosed comment", at: start) }
                    if d == UInt8(ascii: "(") && peek(1) == UInt8(ascii: ";") {
                        depth += 1; advance(); advance()
                    } else if d == UInt8(ascii: ";") && peek(1) == UInt8(ascii: ")") {
                        depth -= 1; advance(); advance()
                    } else {
                        advance()
                    }
                }
            default:
                return
            }
        }
    }

    /// Returns the next token.
    mutating func next() throws(TextError) -> Token {
        try skipTrivia()
        let start = location
        let startOffset = position
        guard let c = peek() else { return Token(kind: .end, location: start, offset: startOffset) }
        if c == UInt8(ascii: "(") {
            advance()
            return Token(kind: .leftParen, location: start, offset: startOffset)
        }
        if c == UInt8(ascii: ")") {
            advance()
            return Token(kind: .rightParen, location: start, offset: startOffset)
        }
        if c == UInt8(ascii: "\"") {
            let value = try lexString()
            if let d = peek(), Lexer.isIdChar(d) || d == UInt8(ascii: "\"") {
                return try lexReserved(from: startOffset, at: start)
            }
            return Token(kind: .string(value), location: start, offset: startOffset)
        }
        if c == UInt8(ascii: "$") {
            return try lexIdentifier(at: start)
        }
        if Lexer.isIdChar(c) || ",[]{}".utf8.contains(c) || c == UInt8(ascii: ";") {
            return try lexReserved(from: startOffset, at: start)
        }
        if c >= 0x80 && !Lexer.isValidUTF8Sequence(bytes, at: position) {
            throw TextError("malformed UTF-8 encoding", at: start)
        }
        throw TextError("illegal character", at: start)
    }

    /// Whether a well-formed UTF-8 sequence starts at `offset` (for telling an illegal
    /// character from a malformed encoding).
    static func isValidUTF8Sequence(_ bytes: [UInt8], at offset: Int) -> Bool {
        let lead = bytes[offset]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return false
        }
        guard offset + length <= bytes.count else { return false }
        return String(validating: bytes[offset..<(offset + length)], as: UTF8.self) != nil
    }

    /// Lexes a maximal run of identifier characters and strings; it is an atom when it is
    /// only identifier characters, otherwise a reserved token.
    private mutating func lexReserved(from startOffset: Int, at start: TextLocation) throws(TextError) -> Token {
        // Restart at the token's first byte to include a leading string (strings contain no
        // raw newlines, so the line bookkeeping is unaffected).
        position = startOffset
        var plain = true
        while let c = peek() {
            if Lexer.isIdChar(c) {
                advance()
            } else if c == UInt8(ascii: "\"") {
                plain = false
                let annotationId = position == startOffset + 1 && bytes[startOffset] == UInt8(ascii: "@")
                    && startOffset > 0 && bytes[startOffset - 1] == UInt8(ascii: "(")
                do {
                    _ = try lexString()
                } catch {
                    if annotationId { throw TextError("empty annotation id", at: start) }
                    throw error
                }
            } else if c == UInt8(ascii: ";") && peek(1) == UInt8(ascii: ";") {
                break
            } else if ",;[]{}".utf8.contains(c) {
                plain = false
                advance()
            } else {
                break
            }
        }
        let text = String(decoding: bytes[startOffset..<position], as: UTF8.self)
        if plain, let first = text.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        {
            // Starts like a number but is none (for example `0drop`, `0$x`): reserved.
            if !IntegerLiteral.isInteger(text), case .failure(.notANumber) = FloatLiteral.f64(text) {
                plain = false
            }
        }
        return Token(kind: plain ? .atom(text) : .reserved(text), location: start, offset: startOffset)
    }

    /// Lexes `$name` or `$"name"`.
    private mutating func lexIdentifier(at start: TextLocation) throws(TextError) -> Token {
        let startOffset = position
        advance()
        if peek() == UInt8(ascii: "\"") {
            let saved = (position, line, lineStart)
            let value: [UInt8]
            do {
                value = try lexString()
            } catch {
                (position, line, lineStart) = saved
                throw TextError("empty identifier", at: start)
            }
            if let d = peek(), Lexer.isIdChar(d) || d == UInt8(ascii: "\"") || ",;[]{}".utf8.contains(d),
                !(d == UInt8(ascii: ";") && peek(1) == UInt8(ascii: ";"))
            {
                return try lexReserved(from: startOffset, at: start)
            }
            if value.isEmpty { throw TextError("empty identifier", at: start) }
            guard let name = String(validating: value, as: UTF8.self) else {
                throw TextError("malformed UTF-8 encoding", at: start)
            }
            return Token(kind: .identifier(name), location: start, offset: startOffset)
        }
        while let c = peek(), Lexer.isIdChar(c) { advance() }
        if let c = peek(), c == UInt8(ascii: "\"") || (",[]{}".utf8.contains(c))
            || (c == UInt8(ascii: ";") && peek(1) != UInt8(ascii: ";"))
        {
            return try lexReserved(from: startOffset, at: start)
        }
        if position == startOffset + 1 { throw TextError("empty identifier", at: start) }
        let name = String(decoding: bytes[(startOffset + 1)..<position], as: UTF8.self)
        return Token(kind: .identifier(name), location: start, offset: startOffset)
    }

    /// Lexes a string literal starting at `"` and returns its decoded bytes.
    private mutating func lexString() throws(TextError) -> [UInt8] {
        let start = location
        advance()
        var value: [UInt8] = []
        while true {
            guard let c = peek() else { throw TextError("unclosed string", at: start) }
            if c == UInt8(ascii: "\"") {
                advance()
                return value
            }
            if c == UInt8(ascii: "\n") { throw TextError("unclosed string", at: start) }
            if c < 0x20 || c == 0x7F { throw TextError("illegal control character in string", at: location) }
            if c != UInt8(ascii: "\\") {
                value.append(c)
                advance()
                continue
            }
            let escapeLocation = location
            advance()
            guard let e = peek() else { throw TextError("unclosed string", at: start) }
            advance()
            switch e {
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "t"): value.append(0x09)
            case UInt8(ascii: "r"): value.append(0x0D)
            case UInt8(ascii: "\""): value.append(0x22)
            case UInt8(ascii: "'"): value.append(0x27)
            case UInt8(ascii: "\\"): value.append(0x5C)
            case UInt8(ascii: "u"):
                guard peek() == UInt8(ascii: "{") else {
                    throw TextError("illegal escape", at: escapeLocation)
                }
                advance()
                var scalar: UInt32 = 0
                var digits = 0
                while let h = peek(), let v = Lexer.hexValue(h) {
                    scalar = scalar &* 16 &+ UInt32(v)
                    if scalar > 0x10FFFF { throw TextError("illegal escape", at: escapeLocation) }
                    digits += 1
                    advance()
                    if peek() == UInt8(ascii: "_"), let n = peek(1), Lexer.hexValue(n) != nil { advance() }
                }
                guard digits > 0, peek() == UInt8(ascii: "}"), let u = Unicode.Scalar(scalar) else {
                    throw TextError("illegal escape", at: escapeLocation)
                }
                advance()
                value.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                guard let high = Lexer.hexValue(e), let l = peek(), let low = Lexer.hexValue(l) else {
                    throw TextError("illegal escape", at: escapeLocation)
                }
                advance()
                value.append(high << 4 | low)
            }
        }
    }

    /// The value of a hexadecimal digit, or `nil`.
    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
