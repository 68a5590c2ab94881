/// The identifiers and index spaces of one module being compiled from text.
///
/// The text format lets any field refer to any other by `$name` before or after its
/// definition, so the module parser first collects every definition's identifier here (a
/// quick scan of the fields), then compiles the fields with all names known.
struct ModuleContext {
    /// The module's index spaces.
    enum Space: String, CaseIterable {
        case type, function, table, memory, global, tag, elem, data

        /// The word used in "duplicate …" messages (the spec interpreter's wording).
        var keyword: String {
            switch self {
            case .function: return "func"
            default: return rawValue
            }
        }

        /// The words used in "unknown …" messages.
        var noun: String {
            switch self {
            case .function: return "function"
            case .elem: return "elem segment"
            case .data: return "data segment"
            default: return rawValue
            }
        }
    }

    /// Names and size of one index space.
    struct IndexSpace {
        var names: [String: UInt32] = [:]
        var count: UInt32 = 0
    }

    /// What is known about a defined type, for type uses and field names.
    struct TypeDefinition {
        enum Kind: Equatable {
            /// A function type; parameter and result types in their binary encoding.
            case function(params: [[UInt8]], results: [[UInt8]])
            case structure
            case array
            case continuation
            /// Not parsed yet (during the identifier scan).
            case pending
        }
        var kind: Kind = .pending
        /// Final, without supertypes and alone in its recursion group: only such a type is
        /// reused for an inline type use (`(param …) (result …)` without `(type …)`).
        var isPlainFunction = false
        /// Struct field names to field indices.
        var fieldNames: [String: UInt32] = [:]
    }

    private(set) var spaces: [Space: IndexSpace] = Dictionary(uniqueKeysWithValues: Space.allCases.map { ($0, IndexSpace()) })
    /// Every type of the type index space: explicit ones first, then implicit ones appended
    /// by inline type uses.
    var types: [TypeDefinition] = []

    /// Adds a definition to a space, with its identifier if it has one.
    @discardableResult
    mutating func define(_ space: Space, name: String?, at location: TextLocation) throws(TextError) -> UInt32 {
        var entry = spaces[space]!
        let index = entry.count
        if let name {
            guard entry.names[name] == nil else { throw TextError("duplicate \(space.keyword) $\(name)", at: location) }
            entry.names[name] = index
        }
        entry.count += 1
        spaces[space] = entry
        return index
    }

    /// The number of entries in a space.
    func count(_ space: Space) -> UInt32 { spaces[space]!.count }

    /// Looks up an identifier.
    func lookup(_ space: Space, _ name: String) -> UInt32? { spaces[space]!.names[name] }

    /// The identifier of index `index` in a space, if it has one (for the name section).
    func names(_ space: Space) -> [String: UInt32] { spaces[space]!.names }

    /// Reads an index (number or `$name`) of a space at the cursor.
    func index(_ space: Space, _ cursor: inout TokenCursor) throws(TextError) -> UInt32 {
        if case .identifier(let name) = cursor.current.kind {
            guard let index = lookup(space, name) else {
                throw cursor.error("unknown \(space.noun) $\(name)")
            }
            cursor.advance()
            return index
        }
        guard cursor.atUnsigned else { throw cursor.unexpected() }
        return try cursor.expectU32()
    }

    /// Whether an index of any space is next (a number or an identifier).
    static func atIndex(_ cursor: TokenCursor) -> Bool {
        if case .identifier = cursor.current.kind { return true }
        return cursor.atUnsigned
    }

    /// The function type at `index`, if it is one.
    func functionType(_ index: UInt32) -> (params: [[UInt8]], results: [[UInt8]])? {
        guard Int(index) < types.count, case .function(let params, let results) = types[Int(index)].kind else { return nil }
        return (params, results)
    }
}
