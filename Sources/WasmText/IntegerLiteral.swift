/// Integer literals of the text format: `sign? digits` or `sign? 0x hexdigits`, with single
/// underscores allowed between digits.
///
/// `i32`/`i64` constants accept the union of the signed and unsigned ranges and keep the two's
/// complement bits; indices, limits and alignments accept only unsigned values.
enum IntegerLiteral {
    /// Why a text is not an integer of the requested kind.
    enum Failure: Error {
        /// The text is not an integer literal at all.
        case notANumber
        /// It is an integer literal, but outside the range.
        case outOfRange
    }

    /// Splits a literal into its sign and magnitude; `outOfRange` when above `UInt64.max`.
    static func parse(_ text: String) -> Result<(negative: Bool, magnitude: UInt64), Failure> {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var radix: UInt64 = 10
        if bytes.starts(with: "0x".utf8) {
            radix = 16
            bytes = bytes.dropFirst(2)
        }
        guard !bytes.isEmpty else { return .failure(.notANumber) }
        var value: UInt64 = 0
        var overflow = false
        var previousWasDigit = false
        for c in bytes {
            if c == UInt8(ascii: "_") {
                guard previousWasDigit else { return .failure(.notANumber) }
                previousWasDigit = false
                continue
            }
            guard let digit = Lexer.hexValue(c), UInt64(digit) < radix else { return .failure(.notANumber) }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(UInt64(digit))
            if o1 || o2 { overflow = true }
            value = s
            previousWasDigit = true
        }
        guard previousWasDigit else { return .failure(.notANumber) }
        return overflow ? .failure(.outOfRange) : .success((negative, value))
    }

    /// Whether the text has the shape of an integer literal (whatever its size).
    static func isInteger(_ text: String) -> Bool {
        if case .failure(.notANumber) = parse(text) { return false }
        return true
    }

    /// The bits of an `i32` constant (range −2³¹ … 2³²−1).
    static func i32(_ text: String) -> Result<UInt32, Failure> {
        switch parse(text) {
        case .failure(let f): return .failure(f)
        case .success(let (negative, magnitude)):
            if negative {
                guard magnitude <= 0x8000_0000 else { return .failure(.outOfRange) }
                return .success(UInt32(truncatingIfNeeded: 0 &- magnitude))
            }
            guard magnitude <= UInt64(UInt32.max) else { return .failure(.outOfRange) }
            return .success(UInt32(magnitude))
        }
    }

    /// The bits of an `i64` constant (range −2⁶³ … 2⁶⁴−1).
    static func i64(_ text: String) -> Result<UInt64, Failure> {
        switch parse(text) {
        case .failure(let f): return .failure(f)
        case .success(let (negative, magnitude)):
            if negative {
                guard magnitude <= 0x8000_0000_0000_0000 else { return .failure(.outOfRange) }
                return .success(0 &- magnitude)
            }
            return .success(magnitude)
        }
    }

    /// The bits of a narrow integer constant of `bits` bits (SIMD lanes, page sizes).
    static func narrow(_ text: String, bits: Int) -> Result<UInt64, Failure> {
        switch parse(text) {
        case .failure(let f): return .failure(f)
        case .success(let (negative, magnitude)):
            let limit: UInt64 = 1 << UInt64(bits)
            if negative {
                guard magnitude <= limit / 2 else { return .failure(.outOfRange) }
                return .success((0 &- magnitude) & (limit - 1))
            }
            guard magnitude < limit else { return .failure(.outOfRange) }
            return .success(magnitude)
        }
    }

    /// An unsigned literal without sign, at most `max`.
    static func unsigned(_ text: String, max: UInt64) -> Result<UInt64, Failure> {
        guard let first = text.utf8.first, first != UInt8(ascii: "+"), first != UInt8(ascii: "-") else {
            return .failure(.notANumber)
        }
        switch parse(text) {
        case .failure(let f): return .failure(f)
        case .success(let (_, magnitude)):
            return magnitude <= max ? .success(magnitude) : .failure(.outOfRange)
        }
    }
}
