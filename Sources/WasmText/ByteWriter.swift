/// Appends binary-format primitives (bytes, LEB128 integers, names, vectors) to a buffer.
///
/// Everything the text compiler produces goes through this, so the binary encodings of
/// integers live in one place.
struct ByteWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Unsigned LEB128 (used for `u32` and `u64` immediates, counts and lengths).
    mutating func unsigned(_ value: UInt64) {
        var value = value
        repeat {
            var b = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { b |= 0x80 }
            bytes.append(b)
        } while value != 0
    }

    mutating func u32(_ value: UInt32) { unsigned(UInt64(value)) }

    mutating func u32(_ value: Int) { unsigned(UInt64(value)) }

    /// Signed LEB128 (used for `i32`/`i64` constants and `s33` type indices).
    mutating func signed(_ value: Int64) {
        var value = value
        while true {
            let b = UInt8(truncatingIfNeeded: value) & 0x7F
            value >>= 7
            let done = (value == 0 && b & 0x40 == 0) || (value == -1 && b & 0x40 != 0)
            bytes.append(done ? b : b | 0x80)
            if done { return }
        }
    }

    /// Little-endian fixed-width bytes (float constants).
    mutating func fixed32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func fixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// A name or byte string: its length, then its bytes.
    mutating func name(_ value: [UInt8]) {
        u32(value.count)
        append(value)
    }

    mutating func name(_ value: String) { name(Array(value.utf8)) }

    /// A section: id, size, contents.
    mutating func section(_ id: UInt8, _ contents: [UInt8]) {
        byte(id)
        u32(contents.count)
        append(contents)
    }
}
