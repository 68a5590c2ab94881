/// A GC array object. Only constant expressions create arrays so far (`array.new`,
/// `array.new_default`, `array.new_fixed` in element segments and global initializers); the
/// array instructions of function bodies come with the GC proposal's implementation.
///
/// An `arrayref` is the unretained address of its `ArrayInstance`; the engine keeps every
/// array alive (there is no collector yet), so `ref.eq` can compare addresses.
final class ArrayInstance {
    /// The canonical identity of the array's type.
    let typeID: Int
    /// The elements, slot-encoded (packed `i8`/`i16` fields hold their value zero-extended).
    var elements: [UInt64]

    init(typeID: Int, elements: [UInt64]) {
        self.typeID = typeID
        self.elements = elements
    }
}
