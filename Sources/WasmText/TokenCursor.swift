/// Reading position in a token stream, with the small vocabulary every part of the text
/// parser shares: look ahead, expect a parenthesis or keyword, read numbers, names and ids.
struct TokenCursor {
    /// The tokens (annotations removed) with the annotations that were kept.
    let stream: AnnotatedTokens
    /// Index of the next token.
    var index: Int

    var tokens: [Token] { stream.tokens }

    init(_ stream: AnnotatedTokens, at index: Int = 0) {
        self.stream = stream
        self.index = index
    }

    /// The next token, not consumed.
    var current: Token { tokens[index] }

    /// The token `n` places ahead.
    func peek(_ n: Int = 0) -> Token { tokens[min(index + n, tokens.count - 1)] }

    var location: TextLocation { current.location }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    /// An error at the current token.
    func error(_ message: String) -> TextError { TextError(message, at: current.location) }

    /// "unexpected token" at the current token (the spec interpreter's word for most
    /// structural mistakes).
    func unexpected() -> TextError {
        if case .end = current.kind { return TextError("unexpected end of input", at: current.location) }
        if case .reserved(let text) = current.kind { return TextError("unknown operator \(text)", at: current.location) }
        return TextError("unexpected token \(current.summary)", at: current.location)
    }

    /// Whether the next tokens are `(` and the keyword.
    func isGroup(_ keyword: String) -> Bool {
        current.kind == .leftParen && peek(1).atom == keyword
    }

    /// The keyword after a `(`, if the next token is `(` followed by an atom.
    var groupKeyword: String? {
        current.kind == .leftParen ? peek(1).atom : nil
    }

    /// Consumes `(` and the keyword if they are next.
    mutating func takeGroup(_ keyword: String) -> Bool {
        guard isGroup(keyword) else { return false }
        advance(); advance()
        return true
    }

    mutating func expectLeft() throws(TextError) {
        guard current.kind == .leftParen else { throw unexpected() }
        advance()
    }

    mutating func expectRight() throws(TextError) {
        guard current.kind == .rightParen else { throw unexpected() }
        advance()
    }

    var atRight: Bool { current.kind == .rightParen }

    /// Consumes the keyword if it is next.
    mutating func takeKeyword(_ keyword: String) -> Bool {
        guard current.atom == keyword else { return false }
        advance()
        return true
    }

    mutating func expectKeyword(_ keyword: String) throws(TextError) {
        guard takeKeyword(keyword) else { throw unexpected() }
    }

    /// Consumes an identifier if one is next.
    mutating func takeIdentifier() -> String? {
        guard case .identifier(let name) = current.kind else { return nil }
        advance()
        return name
    }

    /// Consumes a string if one is next.
    mutating func takeString() -> [UInt8]? {
        guard case .string(let bytes) = current.kind else { return nil }
        advance()
        return bytes
    }

    mutating func expectString() throws(TextError) -> [UInt8] {
        guard let bytes = takeString() else { throw unexpected() }
        return bytes
    }

    /// A string that must be valid UTF-8 (import, export and module names).
    mutating func expectName() throws(TextError) -> [UInt8] {
        let location = self.location
        let bytes = try expectString()
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw TextError("malformed UTF-8 encoding", at: location)
        }
        return bytes
    }

    /// Whether the next token is an unsigned integer literal.
    var atUnsigned: Bool {
        guard let text = current.atom, let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
            return false
        }
        return IntegerLiteral.isInteger(text)
    }

    /// Consumes an unsigned integer of at most `bits` bits ("i32 constant out of range").
    mutating func expectUnsigned(bits: Int = 32) throws(TextError) -> UInt64 {
        guard let text = current.atom else { throw unexpected() }
        let max: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        switch IntegerLiteral.unsigned(text, max: max) {
        case .success(let value):
            advance()
            return value
        case .failure(.outOfRange): throw error("i\(bits) constant out of range")
        case .failure(.notANumber): throw unexpected()
        }
    }

    mutating func expectU32() throws(TextError) -> UInt32 { UInt32(try expectUnsigned(bits: 32)) }

    /// Skips a balanced group starting at `(`.
    mutating func skipGroup() throws(TextError) {
        let start = current.location
        try expectLeft()
        var depth = 1
        while depth > 0 {
            switch current.kind {
            case .leftParen: depth += 1
            case .rightParen: depth -= 1
            case .end: throw TextError("unexpected end of input (unclosed parenthesis)", at: start)
            default: break
            }
            advance()
        }
    }
}
