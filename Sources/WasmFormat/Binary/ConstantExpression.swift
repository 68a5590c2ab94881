/// Constant expressions: global initializers, table initializers, element items and
/// segment offsets.
///
/// The decoder decodes them eagerly (they are short) into instructions; which instructions
/// are allowed (`i32.const`, `global.get`, `ref.func`, extended-const arithmetic, GC
/// allocations, ...) is checked by the validator, not here.
public struct ConstantExpression: Hashable, Sendable {
    /// The instructions, without the final `end`.
    public var instructions: [Instruction]
    /// The expression's bytes in the module, final `end` included.
    public var range: Range<Int>

    /// An expression from its instructions (without the final `end`) and its bytes.
    public init(_ instructions: [Instruction], range: Range<Int> = 0..<0) {
        self.instructions = instructions
        self.range = range
    }
}

extension BinaryReader {
    /// `expr`: instructions up to the `end` that closes the expression.
    mutating func readConstantExpression(_ features: FeatureSet) throws(DecodingError) -> ConstantExpression {
        let start = position
        var instructions = InstructionReader(
            bytes: bytes, range: position..<limit, features: features, hasDataCount: true, isFunctionBody: false)
        var result: [Instruction] = []
        while !instructions.isAtEnd, let instruction = try instructions.read() {
            result.append(instruction)
        }
        position = instructions.offset
        result.removeLast()  // the final `end`; present, since the loop only stops after it
        return ConstantExpression(result, range: start..<position)
    }
}
