/// A set of WebAssembly features (proposals) that the decoder accepts.
///
/// An embedder passes one to `decodeModule` to switch proposals off: an instruction, type or
/// encoding that belongs to a feature outside the set is a `DecodingError` (`.featureDisabled`).
/// The set is a bit mask, so `contains` costs one AND on the decoder's hot path.
public struct FeatureSet: Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// One bit per `Feature`, by its position in `Feature.allCases`.
    public private(set) var rawValue: UInt32

    /// The set with exactly these features (`.mvp` is always added: nothing decodes without it).
    public init(_ features: some Sequence<Feature>) {
        rawValue = Feature.mvp.bit
        for feature in features { rawValue |= feature.bit }
    }

    /// The set of the listed features (plus `.mvp`).
    public init(arrayLiteral elements: Feature...) { self.init(elements) }

    /// Every feature in scope: everything but SIMD, which this runtime does not implement yet.
    public static let `default` = FeatureSet(Feature.allCases.filter { $0 != .simd })

    /// Only the WebAssembly 1.0 (MVP) feature set.
    public static let mvp: FeatureSet = [.mvp]

    /// Whether `feature` is switched on.
    @inline(__always)
    public func contains(_ feature: Feature) -> Bool { rawValue & feature.bit != 0 }

    /// Switches `feature` on.
    public mutating func insert(_ feature: Feature) { rawValue |= feature.bit }

    /// Removes a feature (`.mvp` cannot be removed).
    public mutating func remove(_ feature: Feature) {
        if feature != .mvp { rawValue &= ~feature.bit }
    }

    /// A copy without the given features.
    public func removing(_ features: Feature...) -> FeatureSet {
        var copy = self
        for feature in features { copy.remove(feature) }
        return copy
    }

    /// A readable form, for diagnostics and test failures.
    public var description: String {
        "[" + Feature.allCases.filter(contains).map(\.rawValue).joined(separator: ", ") + "]"
    }
}

extension Feature {
    /// The feature's bit in `FeatureSet.rawValue`; a `switch` so that no table lookup is needed.
    @usableFromInline
    var bit: UInt32 {
        switch self {
        case .mvp: 1 << 0
        case .signExtension: 1 << 1
        case .saturatingFloatToInt: 1 << 2
        case .multiValue: 1 << 3
        case .bulkMemory: 1 << 4
        case .referenceTypes: 1 << 5
        case .extendedConst: 1 << 6
        case .tailCall: 1 << 7
        case .functionReferences: 1 << 8
        case .exceptions: 1 << 9
        case .legacyExceptions: 1 << 10
        case .gc: 1 << 11
        case .multiMemory: 1 << 12
        case .memory64: 1 << 13
        case .threads: 1 << 14
        case .stackSwitching: 1 << 15
        case .simd: 1 << 16
        }
    }
}
