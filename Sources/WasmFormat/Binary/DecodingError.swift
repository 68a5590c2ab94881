/// Why a binary module could not be decoded, and where.
///
/// Every error carries the byte offset (from the start of the module) at which decoding
/// failed, and a message. Where the specification's test scripts assert a message
/// (`assert_malformed`), `message` is that text, so a spec-test runner can compare it
/// (the scripts match by prefix, for example "unexpected end" also accepts
/// "unexpected end of section or function").
public struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of malformation.
    public enum Kind: Hashable, Sendable {
        /// The module ends before a complete header or section header.
        case unexpectedEnd
        /// A read ran past the end of the current section, function body or expression.
        case unexpectedEndOfSection
        /// A LEB128 number's last byte has bits set beyond the type's width.
        case integerTooLarge
        /// A LEB128 number uses more bytes than its width allows.
        case integerRepresentationTooLong
        case magicHeaderNotDetected
        case unknownBinaryVersion
        case malformedSectionID
        /// A section, function body or segment did not consume exactly its declared size.
        case sectionSizeMismatch
        /// A length or count claims more bytes than remain.
        case lengthOutOfBounds
        /// A function declares 2^32 or more locals.
        case tooManyLocals
        case malformedUTF8
        case inconsistentFunctionAndCodeLengths
        case inconsistentDataCount
        /// `memory.init`, `data.drop`, `array.new_data` or `array.init_data` without a data count section.
        case dataCountSectionRequired
        /// An opcode that no instruction in scope has; carries the encoding for the message.
        case illegalOpcode(Encoding)
        /// A `0xFD`-prefixed instruction: SIMD is not implemented.
        case simdNotSupported
        /// An instruction, type or encoding of a feature that the `FeatureSet` switched off.
        case featureDisabled(Feature)
        case malformedValueType
        case malformedReferenceType
        case malformedHeapType
        case malformedStorageType
        case malformedDefinitionType
        case zeroByteExpected
        case malformedImportKind
        case malformedExportKind
        case malformedMutability
        case malformedLimitsFlags
        case malformedMemopFlags
        case malformedElementKind
        case malformedElementSegmentKind
        case malformedDataSegmentKind
        case malformedCatchClause
        case malformedHandlerClause
        case malformedCastFlags
        /// A section out of order, or a second section with the same id.
        case unexpectedContentAfterLastSection
        /// A function body does not end with `end`.
        case endOpcodeExpected
        /// A structural opcode (`else`, `end`, ...) where none may appear.
        case misplacedOpcode(String)
    }

    /// What went wrong.
    public let kind: Kind
    /// Byte offset from the start of the module.
    public let offset: Int

    /// An error of the given kind at a byte offset from the start of the module.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The message; the specification's wording where its test suite asserts one.
    public var message: String {
        switch kind {
        case .unexpectedEnd: "unexpected end"
        case .unexpectedEndOfSection: "unexpected end of section or function"
        case .integerTooLarge: "integer too large"
        case .integerRepresentationTooLong: "integer representation too long"
        case .magicHeaderNotDetected: "magic header not detected"
        case .unknownBinaryVersion: "unknown binary version"
        case .malformedSectionID: "malformed section id"
        case .sectionSizeMismatch: "section size mismatch"
        case .lengthOutOfBounds: "length out of bounds"
        case .tooManyLocals: "too many locals"
        case .malformedUTF8: "malformed UTF-8 encoding"
        case .inconsistentFunctionAndCodeLengths: "function and code section have inconsistent lengths"
        case .inconsistentDataCount: "data count and data section have inconsistent lengths"
        case .dataCountSectionRequired: "data count section required"
        case .illegalOpcode(let encoding):
            if let prefix = encoding.prefix {
                "illegal opcode \(hex(UInt32(prefix))) \(hex(encoding.code))"
            } else {
                "illegal opcode \(hex(encoding.code))"
            }
        case .simdNotSupported: "SIMD is not supported yet"
        case .featureDisabled(let feature): "\(feature.rawValue) support is not enabled"
        case .malformedValueType: "malformed value type"
        case .malformedReferenceType: "malformed reference type"
        case .malformedHeapType: "malformed heap type"
        case .malformedStorageType: "malformed storage type"
        case .malformedDefinitionType: "malformed definition type"
        case .zeroByteExpected: "zero byte expected"
        case .malformedImportKind: "malformed import kind"
        case .malformedExportKind: "malformed export kind"
        case .malformedMutability: "malformed mutability"
        case .malformedLimitsFlags: "malformed limits flags"
        case .malformedMemopFlags: "malformed memop flags"
        case .malformedElementKind: "malformed element kind"
        case .malformedElementSegmentKind: "malformed elements segment kind"
        case .malformedDataSegmentKind: "malformed data segment kind"
        case .malformedCatchClause: "malformed catch clause"
        case .malformedHandlerClause: "malformed handler clause"
        case .malformedCastFlags: "malformed br_on_cast flags"
        case .unexpectedContentAfterLastSection: "unexpected content after last section"
        case .endOpcodeExpected: "END opcode expected"
        case .misplacedOpcode(let name): "misplaced \(name) opcode"
        }
    }

    /// The message with its offset, for diagnostics.
    public var description: String { "\(message) (at byte offset \(offset))" }
}

/// Two lower-case hex digits at least, as the reference interpreter prints opcodes.
private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return digits.count < 2 ? "0" + digits : digits
}
