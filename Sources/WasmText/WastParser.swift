import WasmFormat

/// Parses a spec script (WAST) into commands.
///
/// Text modules are compiled to binary here (a text module that does not parse makes the
/// script malformed), except where the script expects malformed text (`assert_malformed`):
/// those, and every `module quote`, are kept as text and parsed when the command runs.
///
/// - Throws: `TextError` with line and column for a malformed script.
///
/// `features` are the proposals the script's text modules may use (see `parseWAT`).
public func parseWAST(_ text: String, features: FeatureSet = .default) throws(TextError) -> WastScript {
    try parseWAST(bytes: Array(text.utf8), features: features)
}

/// Parses a spec script given as UTF-8 bytes.
public func parseWAST(bytes: [UInt8], features: FeatureSet = .default) throws(TextError) -> WastScript {
    let tokens = try Lexer.tokenize(bytes)
    let stream = try AnnotatedTokens(tokens)
    var parser = WastParser(cursor: TokenCursor(stream), source: bytes, features: features)
    return WastScript(commands: try parser.commands())
}

/// The script grammar: commands, actions, constants and result patterns.
struct WastParser {
    var cursor: TokenCursor
    let source: [UInt8]
    let features: FeatureSet

    mutating func commands() throws(TextError) -> [WastCommand] {
        var commands: [WastCommand] = []
        // A script may also be a single module given by its fields.
        if cursor.current.kind == .leftParen, let keyword = cursor.peek(1).atom,
            ModuleParser.importSpace(keyword) != nil || ["type", "rec", "import", "export", "start", "elem", "data"].contains(keyword)
        {
            let line = cursor.location.line
            var parser = try ModuleParser(cursor, allowBare: true, features: features)
            let bytes = try parser.compile()
            return [WastCommand(line: line, kind: .module(WastModule(name: nil, source: .text(bytes))))]
        }
        while cursor.current.kind != .end {
            commands.append(try command())
        }
        return commands
    }

    private mutating func command() throws(TextError) -> WastCommand {
        let line = cursor.location.line
        guard cursor.current.kind == .leftParen, let keyword = cursor.peek(1).atom else { throw cursor.unexpected() }
        let kind: WastCommand.Kind
        switch keyword {
        case "module":
            if cursor.peek(2).atom == "instance" {
                cursor.advance(); cursor.advance(); cursor.advance()
                let name = cursor.takeIdentifier()
                let definition = cursor.takeIdentifier()
                try cursor.expectRight()
                kind = .instance(name: name, definition: definition)
            } else {
                kind = .module(try module(expectMalformed: false))
            }
        case "register":
            cursor.advance(); cursor.advance()
            let name = try cursor.expectName()
            let module = cursor.takeIdentifier()
            try cursor.expectRight()
            kind = .register(name: String(decoding: name, as: UTF8.self), module: module)
        case "invoke", "get":
            kind = .action(try action())
        case "assert_return":
            cursor.advance(); cursor.advance()
            let action = try action()
            var expected: [WastExpected] = []
            while cursor.current.kind == .leftParen { expected.append(try result()) }
            try cursor.expectRight()
            kind = .assertReturn(action, expected)
        case "assert_trap":
            cursor.advance(); cursor.advance()
            if cursor.isGroup("module") {
                let module = try module(expectMalformed: false)
                kind = .assertModuleTrap(module, message: try message())
            } else {
                let action = try action()
                kind = .assertTrap(action, message: try message())
            }
        case "assert_exhaustion", "assert_suspension":
            cursor.advance(); cursor.advance()
            let action = try action()
            let text = try message()
            kind = keyword == "assert_exhaustion" ? .assertExhaustion(action, message: text) : .assertSuspension(action, message: text)
        case "assert_exception":
            cursor.advance(); cursor.advance()
            let action = try action()
            try cursor.expectRight()
            kind = .assertException(action)
        case "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable",
            "assert_malformed_custom", "assert_invalid_custom":
            cursor.advance(); cursor.advance()
            let module = try module(expectMalformed: keyword.hasPrefix("assert_malformed"))
            let text = try message()
            switch keyword {
            case "assert_invalid": kind = .assertInvalid(module, message: text)
            case "assert_malformed": kind = .assertMalformed(module, message: text)
            case "assert_unlinkable": kind = .assertUnlinkable(module, message: text)
            case "assert_uninstantiable": kind = .assertUninstantiable(module, message: text)
            case "assert_malformed_custom": kind = .assertMalformedCustom(module, message: text)
            default: kind = .assertInvalidCustom(module, message: text)
            }
        default:
            cursor.advance()
            throw cursor.error("unknown command \(keyword)")
        }
        return WastCommand(line: line, kind: kind)
    }

    /// The assertion's message string and the command's closing parenthesis.
    private mutating func message() throws(TextError) -> String {
        let bytes = try cursor.expectString()
        try cursor.expectRight()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `(module $id? …)`, `(module $id? binary "…"*)`, `(module $id? quote "…"*)`,
    /// `(module definition $id? …)`.
    private mutating func module(expectMalformed: Bool) throws(TextError) -> WastModule {
        let start = cursor.index
        guard cursor.isGroup("module") else { throw cursor.unexpected() }
        cursor.advance(); cursor.advance()
        let isDefinition = cursor.takeKeyword("definition")
        let name = cursor.takeIdentifier()
        if cursor.current.atom == "binary" || cursor.current.atom == "quote" {
            let quote = cursor.current.atom == "quote"
            cursor.advance()
            var bytes: [UInt8] = []
            while let piece = cursor.takeString() { bytes += piece }
            try cursor.expectRight()
            return WastModule(name: name, isDefinition: isDefinition, source: quote ? .quote(bytes) : .binary(bytes),
                              features: features)
        }
        if expectMalformed {
            // Keep malformed text as text: its failure belongs to the command.
            cursor.index = start
            let from = cursor.current.offset
            try cursor.skipGroup()
            let to = cursor.peek(-1).offset + 1
            return WastModule(name: name, isDefinition: isDefinition, source: .quote(Array(source[from..<to])),
                              features: features)
        }
        // Compile the fields: reposition so the module parser sees `(module $id? …)`.
        cursor.index = start
        var parser = try ModuleParser(cursor, allowBare: false, skipDefinitionKeyword: isDefinition,
                                      features: features)
        let bytes = try parser.compile()
        cursor = parser.cursor
        return WastModule(name: name, isDefinition: isDefinition, source: .text(bytes))
    }

    /// `(invoke $id? "name" const*)` or `(get $id? "name")`.
    private mutating func action() throws(TextError) -> WastAction {
        if cursor.takeGroup("invoke") {
            let module = cursor.takeIdentifier()
            let name = String(decoding: try cursor.expectName(), as: UTF8.self)
            var arguments: [WastValue] = []
            while cursor.current.kind == .leftParen { arguments.append(try value()) }
            try cursor.expectRight()
            return .invoke(module: module, name: name, arguments: arguments)
        }
        if cursor.takeGroup("get") {
            let module = cursor.takeIdentifier()
            let name = String(decoding: try cursor.expectName(), as: UTF8.self)
            try cursor.expectRight()
            return .get(module: module, name: name)
        }
        throw cursor.unexpected()
    }

    /// A constant argument: `(i32.const n)`, `(f64.const x)`, `(ref.null ht)`, `(ref.extern n)`, …
    private mutating func value() throws(TextError) -> WastValue {
        try cursor.expectLeft()
        guard let keyword = cursor.current.atom else { throw cursor.unexpected() }
        cursor.advance()
        let value: WastValue
        switch keyword {
        case "i32.const": value = .i32(try number { IntegerLiteral.i32($0) })
        case "i64.const": value = .i64(try number { IntegerLiteral.i64($0) })
        case "f32.const": value = .f32(try number { FloatLiteral.f32($0) })
        case "f64.const": value = .f64(try number { FloatLiteral.f64($0) })
        case "ref.null":
            guard let heap = cursor.current.atom ?? cursor.takeIdentifier() else { throw cursor.unexpected() }
            if cursor.current.atom != nil { cursor.advance() }
            value = .refNull(heap)
        case "ref.extern": value = .refExtern(try cursor.expectU32())
        case "ref.host": value = .refHost(try cursor.expectU32())
        case "v128.const":
            let shape = VectorShape(rawValue: cursor.current.atom ?? "")
            let lanes = try vectorLanes()
            var bytes: [UInt8] = []
            for lane in lanes {
                guard case .value(let v) = lane, let shape else { throw cursor.error("unexpected token") }
                bytes += shape.bytes(of: v)
            }
            value = .v128(bytes)
        default: throw cursor.error("unknown operator \(keyword)")
        }
        try cursor.expectRight()
        return value
    }

    /// An expected result pattern.
    private mutating func result() throws(TextError) -> WastExpected {
        guard cursor.current.kind == .leftParen, let keyword = cursor.peek(1).atom else { throw cursor.unexpected() }
        switch keyword {
        case "f32.const", "f64.const":
            let bits = keyword == "f32.const" ? 32 : 64
            if let atom = cursor.peek(2).atom, atom == "nan:canonical" || atom == "nan:arithmetic" {
                cursor.advance(); cursor.advance(); cursor.advance()
                try cursor.expectRight()
                return atom == "nan:canonical" ? .canonicalNaN(bits: bits) : .arithmeticNaN(bits: bits)
            }
            return .value(try value())
        case "v128.const":
            cursor.advance(); cursor.advance()
            let shapeText = cursor.current.atom ?? ""
            let lanes = try vectorLanes()
            try cursor.expectRight()
            if let shape = VectorShape(rawValue: shapeText),
                lanes.allSatisfy({ if case .value = $0 { return true } else { return false } })
            {
                var bytes: [UInt8] = []
                for case .value(let v) in lanes { bytes += shape.bytes(of: v) }
                return .value(.v128(bytes))
            }
            return .v128Lanes(shape: shapeText, lanes: lanes)
        case "ref.null":
            if cursor.peek(2).kind == .rightParen {
                cursor.advance(); cursor.advance(); cursor.advance()
                return .anyNull
            }
            return .value(try value())
        case "ref.extern":
            if cursor.peek(2).kind == .rightParen {
                cursor.advance(); cursor.advance(); cursor.advance()
                return .anyExtern
            }
            return .value(try value())
        case "ref.func":
            cursor.advance(); cursor.advance()
            var index: UInt32?
            if cursor.atUnsigned { index = try cursor.expectU32() }
            try cursor.expectRight()
            return .refFunc(index: index)
        case "either":
            cursor.advance(); cursor.advance()
            var alternatives: [WastExpected] = []
            while cursor.current.kind == .leftParen { alternatives.append(try result()) }
            try cursor.expectRight()
            return .either(alternatives)
        case "ref.any", "ref.eq", "ref.i31", "ref.struct", "ref.array", "ref.exn", "ref.cont", "ref.i31_shared":
            cursor.advance(); cursor.advance()
            try cursor.expectRight()
            return .refKind(String(keyword.dropFirst(4)))
        default:
            return .value(try value())
        }
    }

    /// `shape lane*` of a `v128.const` (the keyword already read): each lane as a value, or
    /// a NaN pattern for float lanes.
    private mutating func vectorLanes() throws(TextError) -> [WastExpected] {
        guard let shapeText = cursor.current.atom, let shape = VectorShape(rawValue: shapeText) else {
            throw cursor.unexpected()
        }
        cursor.advance()
        var lanes: [WastExpected] = []
        while !cursor.atRight {
            guard lanes.count < shape.laneCount else { throw cursor.error("wrong number of lane literals") }
            if let atom = cursor.current.atom, atom == "nan:canonical" || atom == "nan:arithmetic", shape.isFloat {
                cursor.advance()
                let bits = shape == .f32x4 ? 32 : 64
                lanes.append(atom == "nan:canonical" ? .canonicalNaN(bits: bits) : .arithmeticNaN(bits: bits))
                continue
            }
            switch shape {
            case .i8x16: lanes.append(.value(.i32(UInt32(try number { IntegerLiteral.narrow($0, bits: 8) }))))
            case .i16x8: lanes.append(.value(.i32(UInt32(try number { IntegerLiteral.narrow($0, bits: 16) }))))
            case .i32x4: lanes.append(.value(.i32(try number { IntegerLiteral.i32($0) })))
            case .i64x2: lanes.append(.value(.i64(try number { IntegerLiteral.i64($0) })))
            case .f32x4: lanes.append(.value(.f32(try number { FloatLiteral.f32($0) })))
            case .f64x2: lanes.append(.value(.f64(try number { FloatLiteral.f64($0) })))
            }
        }
        guard lanes.count == shape.laneCount else { throw cursor.error("wrong number of lane literals") }
        return lanes
    }

    /// A numeric literal operand of a script constant.
    private mutating func number<T>(_ parse: (String) -> Result<T, IntegerLiteral.Failure>) throws(TextError) -> T {
        guard let text = cursor.current.atom else { throw cursor.unexpected() }
        switch parse(text) {
        case .success(let value):
            cursor.advance()
            return value
        case .failure(.outOfRange): throw cursor.error("constant out of range")
        case .failure(.notANumber): throw cursor.error("unknown operator \(text)")
        }
    }
}

/// The lane shapes of a `v128.const`.
enum VectorShape: String {
    case i8x16, i16x8, i32x4, i64x2, f32x4, f64x2

    var laneCount: Int {
        switch self {
        case .i8x16: return 16
        case .i16x8: return 8
        case .i32x4, .f32x4: return 4
        case .i64x2, .f64x2: return 2
        }
    }

    var isFloat: Bool { self == .f32x4 || self == .f64x2 }

    /// The little-endian bytes of one lane value (narrow integer lanes are carried as `.i32`).
    func bytes(of value: WastValue) -> [UInt8] {
        var w = ByteWriter()
        switch value {
        case .i32(let v), .f32(let v): w.fixed32(v)
        case .i64(let v), .f64(let v): w.fixed64(v)
        default: break
        }
        switch self {
        case .i8x16: return Array(w.bytes.prefix(1))
        case .i16x8: return Array(w.bytes.prefix(2))
        default: return w.bytes
        }
    }
}
