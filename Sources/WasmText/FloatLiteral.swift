/// Float literals of the text format, rounded exactly to `f32`/`f64` bit patterns.
///
/// Forms: decimal `1.5e-3`, hexadecimal `0x1.8p3`, `inf`, `nan`, `nan:0x…` (an explicit
/// payload), each with an optional sign and underscores between digits. Rounding is
/// round-to-nearest-even from the exact value, as the spec requires; a finite literal that
/// rounds to infinity is out of range.
enum FloatLiteral {
    /// The bits of an `f32` literal.
    static func f32(_ text: String) -> Result<UInt32, IntegerLiteral.Failure> {
        switch classify(text) {
        case .failure(let f): return .failure(f)
        case .success(let form):
            switch form {
            case .infinity(let negative):
                return .success((negative ? 0x8000_0000 : 0) | 0x7F80_0000)
            case .nan(let negative, let payload):
                let bits = payload ?? 0x40_0000
                guard bits >= 1, bits <= 0x7F_FFFF else { return .failure(.outOfRange) }
                return .success((negative ? 0x8000_0000 : 0) | 0x7F80_0000 | UInt32(bits))
            case .finite(let cleaned):
                guard let value = Float(cleaned) else { return .failure(.notANumber) }
                guard value.isFinite else { return .failure(.outOfRange) }
                return .success(value.bitPattern)
            }
        }
    }

    /// The bits of an `f64` literal.
    static func f64(_ text: String) -> Result<UInt64, IntegerLiteral.Failure> {
        switch classify(text) {
        case .failure(let f): return .failure(f)
        case .success(let form):
            switch form {
            case .infinity(let negative):
                return .success((negative ? 0x8000_0000_0000_0000 : 0) | 0x7FF0_0000_0000_0000)
            case .nan(let negative, let payload):
                let bits = payload ?? 0x8_0000_0000_0000
                guard bits >= 1, bits <= 0xF_FFFF_FFFF_FFFF else { return .failure(.outOfRange) }
                return .success((negative ? 0x8000_0000_0000_0000 : 0) | 0x7FF0_0000_0000_0000 | bits)
            case .finite(let cleaned):
                guard let value = Double(cleaned) else { return .failure(.notANumber) }
                guard value.isFinite else { return .failure(.outOfRange) }
                return .success(value.bitPattern)
            }
        }
    }

    private enum Form {
        case infinity(negative: Bool)
        case nan(negative: Bool, payload: UInt64?)
        /// A decimal or hexadecimal literal with underscores removed, ready for `strtod`.
        case finite(String)
    }

    /// Checks the literal's syntax strictly (the C library would accept more) and splits it.
    private static func classify(_ text: String) -> Result<Form, IntegerLiteral.Failure> {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        if body == "inf" { return .success(.infinity(negative: negative)) }
        if body == "nan" { return .success(.nan(negative: negative, payload: nil)) }
        if body.hasPrefix("nan:0x") {
            switch IntegerLiteral.unsigned(String(body.dropFirst(4)), max: UInt64.max) {
            case .success(let payload): return .success(.nan(negative: negative, payload: payload))
            case .failure(.outOfRange): return .failure(.outOfRange)
            case .failure(.notANumber): return .failure(.notANumber)
            }
        }
        let hex = body.hasPrefix("0x")
        if hex { body = body.dropFirst(2) }
        let isDigit: (Character) -> Bool = { c in hex ? c.isHexDigit : ("0"..."9").contains(c) }
        let exponentMarks: Set<Character> = hex ? ["p", "P"] : ["e", "E"]
        var cleaned = negative ? "-" : ""
        if hex { cleaned += "0x" }
        // mantissa: num ('.' num?)?, then (exp sign? num)?
        var index = body.startIndex
        func scanNum(required: Bool) -> Bool {
            var sawDigit = false
            var previousDigit = false
            while index < body.endIndex {
                let c = body[index]
                if isDigit(c) {
                    cleaned.append(c)
                    sawDigit = true
                    previousDigit = true
                } else if c == "_" {
                    guard previousDigit else { return false }
                    previousDigit = false
                } else {
                    break
                }
                index = body.index(after: index)
            }
            if sawDigit && !previousDigit { return false }
            return sawDigit || !required
        }
        guard scanNum(required: true) else { return .failure(.notANumber) }
        if index < body.endIndex, body[index] == "." {
            cleaned.append(".")
            index = body.index(after: index)
            guard scanNum(required: false) else { return .failure(.notANumber) }
        }
        if index < body.endIndex, exponentMarks.contains(body[index]) {
            cleaned.append(hex ? "p" : "e")
            index = body.index(after: index)
            if index < body.endIndex, body[index] == "+" || body[index] == "-" {
                cleaned.append(body[index])
                index = body.index(after: index)
            }
            var decimalIndex = index
            var sawDigit = false
            var previousDigit = false
            while decimalIndex < body.endIndex {
                let c = body[decimalIndex]
                if ("0"..."9").contains(c) {
                    cleaned.append(c); sawDigit = true; previousDigit = true
                } else if c == "_" {
                    guard previousDigit else { return .failure(.notANumber) }
                    previousDigit = false
                } else {
                    return .failure(.notANumber)
                }
                decimalIndex = body.index(after: decimalIndex)
            }
            guard sawDigit, previousDigit else { return .failure(.notANumber) }
            index = decimalIndex
        } else if hex {
            cleaned.append("p0")
        }
        guard index == body.endIndex else { return .failure(.notANumber) }
        return .success(.finite(cleaned))
    }
}
