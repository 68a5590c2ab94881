/// A cursor over a window of a module's bytes, reading the primitive encodings of the binary
/// format: bytes, LEB128 integers, IEEE floats, lengths, vectors and UTF-8 names.
///
/// Offsets are absolute (from the start of the module) so that every error points into the
/// module. A read past `limit` is "unexpected end of section or function", or "unexpected
/// end" for the top-level reader (header, section ids and sizes). Section contents are read
/// with `limit` at the end of the module, as the reference interpreter reads them, and their
/// size is compared afterwards: the specification's messages for a wrong size depend on it.
/// Lengths are checked against the bytes left ("length out of bounds"), and vectors never
/// reserve more elements than the bytes left could hold, so a count that claims 4 GiB is an
/// error, never an allocation.
struct BinaryReader {
    /// The whole module (shared, never copied).
    let bytes: [UInt8]
    /// The offset of the next byte to read.
    var position: Int
    /// One past the last byte this reader may read.
    let limit: Int
    /// Whether this reader reads the module's top level (header, section ids and sizes),
    /// where running out of bytes is "unexpected end" rather than "... of section or function".
    let isTopLevel: Bool

    /// A reader over `bytes[range]`.
    init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.limit = range.upperBound
        self.isTopLevel = false
    }

    /// The top-level reader over the whole of `bytes`.
    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
        self.limit = bytes.count
        self.isTopLevel = true
    }

    var isAtEnd: Bool { position >= limit }
    var remaining: Int { limit - position }

    /// A reader over the next `count` bytes (already checked to be in bounds); the caller
    /// skips them with `position = sub.limit` or checks that `sub` consumed all of them.
    func window(count: Int) -> BinaryReader {
        BinaryReader(bytes: bytes, range: position..<(position + count))
    }

    /// The error for a read past `limit`.
    var endError: DecodingError {
        DecodingError(isTopLevel ? .unexpectedEnd : .unexpectedEndOfSection, at: position)
    }

    // MARK: Bytes

    @inline(__always)
    func peek() -> UInt8? { position < limit ? bytes[position] : nil }

    @inline(__always)
    mutating func readByte() throws(DecodingError) -> UInt8 {
        guard position < limit else { throw endError }
        let byte = bytes[position]
        position += 1
        return byte
    }

    /// Skips `count` bytes and returns their range.
    mutating func readBytes(_ count: Int) throws(DecodingError) -> Range<Int> {
        guard count <= remaining else {
            position = limit
            throw endError
        }
        let start = position
        position += count
        return start..<position
    }

    /// A little-endian fixed-width word of `count` bytes.
    mutating func readFixed(_ count: Int) throws(DecodingError) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<count {
            value |= UInt64(try readByte()) << (8 * UInt64(index))
        }
        return value
    }

    mutating func readF32Bits() throws(DecodingError) -> UInt32 { UInt32(truncatingIfNeeded: try readFixed(4)) }
    mutating func readF64Bits() throws(DecodingError) -> UInt64 { try readFixed(8) }

    // MARK: LEB128

    /// An unsigned LEB128 number of at most `bits` bits.
    ///
    /// The rules are the specification's: a number of N bits uses at most ceil(N/7) bytes
    /// ("integer representation too long" otherwise, at the extra byte), and the unused bits
    /// of the last byte must be zero ("integer too large", at that byte).
    @inline(__always)
    mutating func readUnsigned(bits: Int) throws(DecodingError) -> UInt64 {
        let first = try readByte()
        if first & 0x80 == 0 { return UInt64(first) }  // the common one-byte case
        var result = UInt64(first & 0x7F)
        var shift: UInt64 = 7
        var left = bits - 7
        while true {
            guard left > 0 else { throw DecodingError(.integerRepresentationTooLong, at: position) }
            let byte = try readByte()
            if left < 7 && UInt64(byte & 0x7F) >= (1 << UInt64(left)) {
                throw DecodingError(.integerTooLarge, at: position - 1)
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            left -= 7
        }
    }

    /// A signed LEB128 number of at most `bits` bits, sign-extended.
    ///
    /// In the last allowed byte the unused bits, and the sign bit, must all be equal
    /// ("integer too large" otherwise).
    @inline(__always)
    mutating func readSigned(bits: Int) throws(DecodingError) -> Int64 {
        var result: Int64 = 0
        var shift: Int64 = 0
        var left = bits
        while true {
            guard left > 0 else { throw DecodingError(.integerRepresentationTooLong, at: position) }
            let byte = try readByte()
            if left < 7 {
                let mask = UInt8(truncatingIfNeeded: -1 << (left - 1)) & 0x7F
                let high = byte & mask
                if high != 0 && high != mask { throw DecodingError(.integerTooLarge, at: position - 1) }
            }
            result |= Int64(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 { result |= -1 << shift }
                return result
            }
            left -= 7
        }
    }

    @inline(__always)
    mutating func readU32() throws(DecodingError) -> UInt32 { UInt32(truncatingIfNeeded: try readUnsigned(bits: 32)) }
    mutating func readU64() throws(DecodingError) -> UInt64 { try readUnsigned(bits: 64) }
    mutating func readS32() throws(DecodingError) -> Int32 { Int32(truncatingIfNeeded: try readSigned(bits: 32)) }
    mutating func readS33() throws(DecodingError) -> Int64 { try readSigned(bits: 33) }
    mutating func readS64() throws(DecodingError) -> Int64 { try readSigned(bits: 64) }

    /// A type constructor code, read (as the specification does) as a signed 7-bit LEB128
    /// number, returned as its canonical one-byte form (`-0x01` → `0x7F`).
    mutating func readTypeCode() throws(DecodingError) -> UInt8 {
        UInt8(truncatingIfNeeded: try readSigned(bits: 7)) & 0x7F
    }

    // MARK: Lengths, vectors, names

    /// A `u32` byte length that must fit in the bytes left ("length out of bounds").
    mutating func readLength() throws(DecodingError) -> Int {
        let start = position
        let length = Int(try readU32())
        guard length <= remaining else { throw DecodingError(.lengthOutOfBounds, at: start) }
        return length
    }

    /// A vector's element count (`u32`).
    ///
    /// The count is not checked against the bytes left: like the reference interpreter, the
    /// decoder reads elements until one fails, which gives the specification's messages
    /// ("unexpected end of section or function" rather than "length out of bounds"). Every
    /// element consumes at least one byte, so the loop is bounded by the bytes left.
    mutating func readCount() throws(DecodingError) -> Int {
        Int(try readU32())
    }

    /// A vector of elements read by `element`. Capacity is reserved only for as many
    /// elements as could fit in the bytes left (at `minimumSize` bytes each), so a count that
    /// claims 4 G elements costs nothing before it fails.
    mutating func readVector<T>(
        minimumSize: Int = 1, _ element: (inout BinaryReader) throws(DecodingError) -> T
    ) throws(DecodingError) -> [T] {
        let count = try readCount()
        var result: [T] = []
        result.reserveCapacity(Swift.min(count, remaining / Swift.max(minimumSize, 1), 1 << 12))
        for _ in 0..<count {
            let before = position
            result.append(try element(&self))
            if position == before { throw DecodingError(.unexpectedEndOfSection, at: position) }  // defensive
        }
        return result
    }

    /// A UTF-8 name (length-prefixed); invalid UTF-8 is "malformed UTF-8 encoding".
    mutating func readName() throws(DecodingError) -> String {
        let start = position
        let length = try readLength()
        let range = try readBytes(length)
        let name: String? = bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[range])
            return isWellFormedUTF8(slice) ? String(decoding: slice, as: UTF8.self) : nil
        }
        guard let name else { throw DecodingError(.malformedUTF8, at: start) }
        return name
    }
}

/// Whether `bytes` is well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates,
/// nothing above U+10FFFF). Written out rather than `String(validating:)` to stay available on
/// every deployment target, with a fast path for ASCII, which nearly every name is.
func isWellFormedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return false
        }
        guard count - index >= length else { return false }
        let second = bytes[index + 1]
        guard second >= low && second <= high else { return false }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
        index += length
    }
    return true
}
