/// The structural key of a rec group: the integers that decide iso-recursive type equivalence
/// (WebAssembly 3.0, "type equivalence").
///
/// Two rec groups are equivalent exactly when their keys are equal. In a key, a reference to a
/// type of the group itself is its relative position in the group, and a reference to an
/// earlier type is that type's canonical identity, so the key does not depend on where the
/// group sits in its module. The key is self-delimiting (every list carries its length), so
/// different structures never give equal keys. Validation (per module) and the runtime's type
/// registry (across modules) both hash-cons groups by this key.
///
/// - Parameters:
///   - group: the group's type definitions, in order.
///   - start: the index, in the index space the definitions' references use, of the group's
///     first type: a reference to `start + k` (with `k < group.count`) is to the group's
///     `k`-th type, and any other reference is to an earlier type.
///   - identity: the canonical identity of an earlier type, given its index.
/// - Returns: the key; equal keys mean equivalent groups.
public func recGroupKey(
    _ group: some Collection<SubType>, startingAt start: Int, identity: (Int) -> Int
) -> [Int] {
    let members = start..<(start + group.count)
    var key: [Int] = [group.count]
    func append(_ heapType: HeapType) {
        switch heapType {
        case .abstract(let type):
            key += [1, Int(type.rawValue)]
        case .concrete(let target):
            if members.contains(Int(target)) {
                key += [2, Int(target) - start]
            } else {
                key += [3, identity(Int(target))]
            }
        }
    }
    func append(_ value: ValueType) {
        switch value {
        case .i32: key.append(10)
        case .i64: key.append(11)
        case .f32: key.append(12)
        case .f64: key.append(13)
        case .v128: key.append(14)
        case .ref(let reference):
            key += [15, reference.isNullable ? 1 : 0]
            append(reference.heapType)
        }
    }
    func append(_ field: FieldType) {
        key.append(field.isMutable ? 1 : 0)
        switch field.storage {
        case .i8: key.append(16)
        case .i16: key.append(17)
        case .value(let value): append(value)
        }
    }
    for type in group {
        key += [type.isFinal ? 1 : 0, type.supertypes.count]
        for supertype in type.supertypes { append(.concrete(supertype)) }
        switch type.composite {
        case .function(let function):
            key += [20, function.parameters.count]
            for value in function.parameters { append(value) }
            key.append(function.results.count)
            for value in function.results { append(value) }
        case .struct(let fields):
            key += [21, fields.count]
            for field in fields { append(field) }
        case .array(let field):
            key.append(22)
            append(field)
        case .continuation(let heapType):
            key.append(23)
            append(heapType)
        }
    }
    return key
}
