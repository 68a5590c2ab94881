import Synchronization

/// A growable array whose elements never change or move once appended, so that any thread can
/// read them without taking a lock while appends happen (the type registry's storage: lookups
/// on hot paths such as `call_indirect` must not contend on its mutex).
///
/// Elements live in fixed-size chunks reached through a directory allocated once, so
/// appending never moves an element. Appends must be serialized by the caller (the registry
/// appends under its mutex). The count is published with release ordering after the element
/// is initialized and read with acquire ordering, so a reader that finds an index below the
/// count sees that element fully initialized.
final class AppendOnlyTable<Element>: @unchecked Sendable {
    /// log2 of the number of elements per chunk.
    private static var chunkShift: Int { 12 }
    /// The number of elements per chunk.
    private static var chunkSize: Int { 1 << chunkShift }
    /// The number of chunk pointers in the directory.
    private static var directorySize: Int { 4096 }
    /// The most elements a table can hold (16 Mi).
    static var capacity: Int { chunkSize * directorySize }

    /// The chunks, in order; `nil` past the last allocated one.
    private let directory: UnsafeMutablePointer<UnsafeMutablePointer<Element>?>
    /// The number of initialized elements, published by `append`.
    private let published = Atomic<Int>(0)

    /// An empty table.
    init() {
        directory = .allocate(capacity: Self.directorySize)
        directory.initialize(repeating: nil, count: Self.directorySize)
    }

    /// Destroys the elements and frees the chunks (no other thread can hold the table now).
    deinit {
        var remaining = published.load(ordering: .acquiring)
        for chunk in 0..<Self.directorySize {
            guard let elements = directory[chunk] else { break }
            let count = min(remaining, Self.chunkSize)
            elements.deinitialize(count: count)
            elements.deallocate()
            remaining -= count
        }
        directory.deallocate()
    }

    /// The number of elements (all of them readable).
    var count: Int { published.load(ordering: .acquiring) }

    /// Appends `element` and returns its index. Callers must not append concurrently.
    @discardableResult
    func append(_ element: Element) -> Int {
        let index = published.load(ordering: .relaxed)
        precondition(index < Self.capacity, "AppendOnlyTable: more than \(Self.capacity) elements")
        let chunk = index >> Self.chunkShift
        if directory[chunk] == nil { directory[chunk] = .allocate(capacity: Self.chunkSize) }
        (directory[chunk].unsafelyUnwrapped + (index & (Self.chunkSize - 1))).initialize(to: element)
        published.store(index + 1, ordering: .releasing)
        return index
    }

    /// The element at `index`, read in place (a stored property of it is loaded without
    /// copying the rest). Traps unless `0 <= index < count`.
    subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < published.load(ordering: .acquiring), "AppendOnlyTable: index \(index) out of range")
            return UnsafePointer(directory[index >> Self.chunkShift].unsafelyUnwrapped + (index & (Self.chunkSize - 1)))
        }
    }
}
