import WasmFormat

/// Memory and table instructions other than plain loads and stores. Memories and tables are
/// operands by address (the instance's objects never move); segments by index.
extension Translator {
    /// Returns whether `opcode` was one of these.
    mutating func translateMemoryOrTable(_ opcode: Opcode, _ immediates: Immediates, before: Int) throws(ExecutionError) -> Bool {
        let index = Int(immediates.index ?? 0)
        switch opcode {
        case .memorySize:
            code.emit(.memorySize)
            code.slot(slot(before))
            code.object(instance.memories[index])
        case .memoryGrow:
            code.emit(.memoryGrow)
            code.slot(slot(before - 1))
            code.object(instance.memories[index])
        case .memoryInit:
            guard let (data, memory) = immediates.indices else { return true }
            code.emit(.memoryInit)
            code.slot(Int(data))
            operands(before: before, count: 3)
            code.object(instance.memories[Int(memory)])
        case .dataDrop:
            code.emit(.dataDrop)
            code.slot(index)
        case .memoryCopy:
            guard let (destination, source) = immediates.indices else { return true }
            code.emit(.memoryCopy)
            operands(before: before, count: 3)
            code.object(instance.memories[Int(destination)])
            code.object(instance.memories[Int(source)])
        case .memoryFill:
            code.emit(.memoryFill)
            operands(before: before, count: 3)
            code.object(instance.memories[index])
        case .tableGet:
            code.emit(.tableGet)
            code.slot(slot(before - 1))
            code.slot(slot(before - 1))
            code.object(instance.tables[index])
        case .tableSet:
            code.emit(.tableSet)
            operands(before: before, count: 2)
            code.object(instance.tables[index])
        case .tableSize:
            code.emit(.tableSize)
            code.slot(slot(before))
            code.object(instance.tables[index])
        case .tableGrow:
            code.emit(.tableGrow)
            operands(before: before, count: 2)
            code.object(instance.tables[index])
        case .tableFill:
            code.emit(.tableFill)
            operands(before: before, count: 3)
            code.object(instance.tables[index])
        case .tableCopy:
            guard let (destination, source) = immediates.indices else { return true }
            code.emit(.tableCopy)
            operands(before: before, count: 3)
            code.object(instance.tables[Int(destination)])
            code.object(instance.tables[Int(source)])
        case .tableInit:
            guard let (element, table) = immediates.indices else { return true }
            code.emit(.tableInit)
            code.slot(Int(element))
            operands(before: before, count: 3)
            code.object(instance.tables[Int(table)])
        case .elemDrop:
            code.emit(.elemDrop)
            code.slot(index)
        default:
            return false
        }
        return true
    }

    /// The slots of the top `count` operands, deepest first.
    mutating func operands(before: Int, count: Int) {
        for i in 0..<count { code.slot(slot(before - count + i)) }
    }
}
