/// One lexical token of the WebAssembly text format.
///
/// The text format is a sequence of parentheses, atoms, strings and identifiers; the parser
/// gives atoms their meaning (keyword, number) by position, as the spec's grammar does.
struct Token: Sendable {
    /// The kinds of tokens the lexer recognises.
    enum Kind: Equatable, Sendable {
        /// `(`.
        case leftParen
        /// `)`.
        case rightParen
        /// A keyword or number: a run of identifier characters not starting with `$`.
        case atom(String)
        /// An identifier, `$name` or `$"name"`, without the `$`.
        case identifier(String)
        /// A string literal, decoded to its bytes.
        case string([UInt8])
        /// A run of characters that is no valid token (for example `0$x`); an error wherever
        /// it is used.
        case reserved(String)
        /// The end of the input.
        case end
    }

    /// What the token is.
    var kind: Kind
    /// Where it starts.
    var location: TextLocation
    /// The byte offset of the token's first byte in the source.
    var offset: Int

    /// The atom's text, or `nil` for any other kind.
    var atom: String? {
        if case .atom(let text) = kind { return text }
        return nil
    }

    /// The token as it appears in messages: `(`, `)`, `i32.add`, `$x`, `"…"`.
    var summary: String {
        switch kind {
        case .leftParen: return "("
        case .rightParen: return ")"
        case .atom(let text), .reserved(let text): return text
        case .identifier(let name): return "$" + name
        case .string(let bytes): return bytes.count <= 20 ? "\"" + String(decoding: bytes, as: UTF8.self) + "\"" : "string"
        case .end: return "end of input"
        }
    }
}
