/// An import or export name, equal to another only if their UTF-8 bytes are equal.
///
/// WebAssembly names are byte strings; Swift's `String ==` is Unicode canonical equivalence,
/// under which `"\u{C5}"`, `"A\u{30A}"` and `"\u{212B}"` are one name — a module may export all
/// three (spec `names.wast`), so dictionaries of names are keyed by this instead.
struct ExactName: Hashable, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: ExactName, b: ExactName) -> Bool {
        a.string.utf8.elementsEqual(b.string.utf8)
    }

    func hash(into hasher: inout Hasher) {
        // Native strings hash their bytes in one call; others byte by byte.
        let hashed: Void? = string.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            for byte in string.utf8 { hasher.combine(byte) }
        }
        hasher.combine(0xFF as UInt8)  // not a UTF-8 byte: ends the name
    }
}
