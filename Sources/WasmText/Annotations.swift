/// Removes annotations `(@id …)` from a token stream, keeping the two that carry meaning for
/// the binary: `(@custom …)` (a custom section) and `(@name …)` (a name for the name section).
///
/// Annotations may appear between any two tokens, so removing them before parsing keeps the
/// grammar code free of them; the kept ones are remembered by the index of the token that
/// followed them, and the module parser asks for them where they are allowed.
struct AnnotatedTokens {
    /// A `(@custom "name" (before|after kind)? "bytes"*)` annotation.
    struct Custom {
        /// The custom section's name.
        var name: [UInt8]
        /// Where it goes relative to the known sections.
        var placement: CustomPlacement
        /// The concatenated contents.
        var contents: [UInt8]
        /// Where the annotation starts.
        var location: TextLocation
    }

    /// The tokens without annotations, ending with `.end`.
    var tokens: [Token]
    /// Custom-section annotations, keyed by the index (in `tokens`) of the token after them.
    var customs: [Int: [Custom]] = [:]
    /// `@name` annotations, keyed by the index of the token after them.
    var names: [Int: (name: String, location: TextLocation)] = [:]
    /// Indices with more than one `@name` annotation before them.
    var repeatedNames: Set<Int> = []
    /// `@metadata.code.branch_hint` annotations (their hint bytes), keyed by the index of the
    /// instruction token after them.
    var branchHints: [Int: (hint: [UInt8], location: TextLocation)] = [:]

    /// Strips the annotations out of `raw` (an annotation starts with a `(` immediately
    /// followed by `@`).
    init(_ raw: [Token]) throws(TextError) {
        tokens = []
        tokens.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let token = raw[index]
            if token.kind == .leftParen, index + 1 < raw.count, raw[index + 1].offset == token.offset + 1,
                AnnotatedTokens.startsWithAt(raw[index + 1])
            {
                index = try strip(raw, from: index)
            } else {
                tokens.append(token)
                index += 1
            }
        }
    }

    private static func startsWithAt(_ token: Token) -> Bool {
        switch token.kind {
        case .atom(let text), .reserved(let text): return text.utf8.first == UInt8(ascii: "@")
        default: return false
        }
    }

    /// Removes one annotation starting at `raw[start]` (a `(`), returning the index after it.
    private mutating func strip(_ raw: [Token], from start: Int) throws(TextError) -> Int {
        let open = raw[start]
        let idToken = raw[start + 1]
        let idText: String
        switch idToken.kind {
        case .atom(let text): idText = String(text.dropFirst())
        case .reserved(let text):
            // `@"quoted id"`: decode the string that follows the `@`.
            var lexer = Lexer(Array(text.utf8.dropFirst()))
            guard let inner = try? lexer.next(), case .string(let bytes) = inner.kind,
                (try? lexer.next())?.kind == .end
            else { throw TextError("empty annotation id", at: idToken.location) }
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw TextError("malformed UTF-8 encoding", at: idToken.location)
            }
            idText = decoded
        default: idText = ""
        }
        if idText.isEmpty { throw TextError("empty annotation id", at: idToken.location) }
        var depth = 1
        var index = start + 2
        while depth > 0 {
            switch raw[index].kind {
            case .leftParen: depth += 1
            case .rightParen: depth -= 1
            case .end: throw TextError("unclosed annotation", at: open.location)
            default: break
            }
            index += 1
        }
        let body = Array(raw[(start + 2)..<(index - 1)])
        switch idText {
        case "custom":
            customs[tokens.count, default: []].append(try AnnotatedTokens.parseCustom(body, at: open.location))
        case "name":
            guard body.count == 1, case .string(let bytes) = body[0].kind else {
                throw TextError("@name annotation: string expected", at: open.location)
            }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw TextError("@name annotation: malformed UTF-8 encoding", at: body[0].location)
            }
            if names[tokens.count] != nil { repeatedNames.insert(tokens.count) }
            names[tokens.count] = (name, open.location)
        case "metadata.code.branch_hint":
            let prefix = "@metadata.code.branch_hint annotation: "
            guard body.count == 1, case .string(let bytes) = body[0].kind else {
                throw TextError(prefix + "unexpected token", at: open.location)
            }
            if branchHints[tokens.count] != nil { throw TextError(prefix + "duplicate annotation", at: open.location) }
            branchHints[tokens.count] = (bytes, open.location)
        default:
            break
        }
        return index
    }

    private static func parseCustom(_ body: [Token], at location: TextLocation) throws(TextError) -> Custom {
        func fail(_ message: String, _ at: TextLocation) -> TextError {
            TextError("@custom annotation: " + message, at: at)
        }
        guard let first = body.first, case .string(let name) = first.kind else {
            throw fail("missing section name", body.first?.location ?? location)
        }
        guard String(validating: name, as: UTF8.self) != nil else {
            throw fail("malformed UTF-8 encoding", first.location)
        }
        var index = 1
        var placement = CustomPlacement.after(.last)
        if index < body.count, body[index].kind == .leftParen {
            let open = body[index]
            guard index + 1 < body.count, let side = body[index + 1].atom, side == "before" || side == "after" else {
                throw fail("malformed placement", open.location)
            }
            guard index + 3 < body.count, let kindText = body[index + 2].atom,
                body[index + 3].kind == .rightParen, let kind = CustomPlacement.Anchor(rawValue: kindText)
            else {
                throw fail("malformed section kind", open.location)
            }
            placement = side == "before" ? .before(kind) : .after(kind)
            index += 4
        }
        var contents: [UInt8] = []
        while index < body.count {
            guard case .string(let bytes) = body[index].kind else {
                throw fail("unexpected token", body[index].location)
            }
            contents += bytes
            index += 1
        }
        return Custom(name: name, placement: placement, contents: contents, location: location)
    }
}

/// Where an `@custom` annotation puts its section among the module's known sections.
enum CustomPlacement: Equatable {
    /// The section kinds (and the two ends) a custom section can be placed against.
    enum Anchor: String {
        case first, type, `import`, `func`, table, memory, tag, global, export, start, elem, datacount, code, data, last
    }
    case before(Anchor)
    case after(Anchor)
}
