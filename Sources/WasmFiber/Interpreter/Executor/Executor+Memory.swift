import WasmFormat

/// Memory and table instructions other than plain loads and stores (layouts in the
/// translator's `Translator+Memory.swift`). Each returns the next record.
extension Executor {
    @inline(never)
    static func memoryInstruction(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ instanceReference: Unmanaged<ModuleInstance>?
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        switch pc.load(as: Op.self) {
        case .memorySize:
            let memory = pc.memory(16).takeUnretainedValue()
            fp[pc.slot(8)] = memory.sizeInPages
            return pc + 24
        case .memoryGrow:
            let memory = pc.memory(16).takeUnretainedValue()
            let delta = fp[pc.slot(8)]
            let result = memory.grow(by: delta)
            fp[pc.slot(8)] = memory.isMemory64 ? UInt64(bitPattern: result) : UInt64(UInt32(truncatingIfNeeded: result))
            return pc + 24
        case .memoryInit:
            let segment = instanceReference!.takeUnretainedValue().dataSegments[pc.slot(8)]
            let memory = pc.memory(24).takeUnretainedValue()
            let (destination, source, count) = (fp[pc.slot(12)], fp[pc.slot(16)], fp[pc.slot(20)])
            let result: Result<Void, MemoryError> = segment.withUnsafeBytes { bytes in
                Result { () throws(MemoryError) in
                    try memory.initialize(from: bytes, destination: destination, sourceOffset: source, count: count)
                }
            }
            try memoryAccess { () throws(MemoryError) in try result.get() }
            return pc + 32
        case .dataDrop:
            instanceReference!.takeUnretainedValue().dataSegments[pc.slot(8)] = []
            return pc + 16
        case .memoryCopy:
            let destinationMemory = pc.memory(24).takeUnretainedValue()
            let sourceMemory = pc.memory(32).takeUnretainedValue()
            let (destination, source, count) = (fp[pc.slot(8)], fp[pc.slot(12)], fp[pc.slot(16)])
            try memoryAccess { () throws(MemoryError) in
                if destinationMemory === sourceMemory {
                    try destinationMemory.copy(destination: destination, source: source, count: count)
                } else {
                    try destinationMemory.copy(destination: destination, from: sourceMemory, source: source, count: count)
                }
            }
            return pc + 40
        case .memoryFill:
            let memory = pc.memory(24).takeUnretainedValue()
            let (destination, value, count) = (fp[pc.slot(8)], fp[pc.slot(12)], fp[pc.slot(16)])
            try memoryAccess { () throws(MemoryError) in
                try memory.fill(destination: destination, value: UInt8(truncatingIfNeeded: value), count: count)
            }
            return pc + 32
        default:
            preconditionFailure("not a memory instruction")
        }
    }

    @inline(never)
    static func tableInstruction(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ instanceReference: Unmanaged<ModuleInstance>?
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let outOfBounds = ExecutionError.trap(Trap(.outOfBoundsTableAccess))
        switch pc.load(as: Op.self) {
        case .tableGet:
            let table = pc.object(16, as: TableInstance.self).takeUnretainedValue()
            let index = fp[pc.slot(12)]
            guard index < UInt64(table.count) else { throw outOfBounds }
            fp[pc.slot(8)] = table.elements[Int(index)]
            return pc + 24
        case .tableSet:
            let table = pc.object(16, as: TableInstance.self).takeUnretainedValue()
            let index = fp[pc.slot(8)]
            guard index < UInt64(table.count) else { throw outOfBounds }
            table.elements[Int(index)] = fp[pc.slot(12)]
            return pc + 24
        case .tableSize:
            let table = pc.object(16, as: TableInstance.self).takeUnretainedValue()
            fp[pc.slot(8)] = UInt64(table.count)
            return pc + 24
        case .tableGrow:
            let table = pc.object(16, as: TableInstance.self).takeUnretainedValue()
            let result = table.grow(by: fp[pc.slot(12)], initial: fp[pc.slot(8)])
            fp[pc.slot(8)] = table.addressType == .i64 ? UInt64(bitPattern: result) : UInt64(UInt32(truncatingIfNeeded: result))
            return pc + 24
        case .tableFill:
            let table = pc.object(24, as: TableInstance.self).takeUnretainedValue()
            let (start, value, count) = (fp[pc.slot(8)], fp[pc.slot(12)], fp[pc.slot(16)])
            guard start <= UInt64(table.count), count <= UInt64(table.count) - start else { throw outOfBounds }
            (table.elements + Int(start)).update(repeating: value, count: Int(count))
            return pc + 32
        case .tableCopy:
            let destinationTable = pc.object(24, as: TableInstance.self).takeUnretainedValue()
            let sourceTable = pc.object(32, as: TableInstance.self).takeUnretainedValue()
            let (destination, source, count) = (fp[pc.slot(8)], fp[pc.slot(12)], fp[pc.slot(16)])
            guard destination <= UInt64(destinationTable.count), count <= UInt64(destinationTable.count) - destination,
                  source <= UInt64(sourceTable.count), count <= UInt64(sourceTable.count) - source else { throw outOfBounds }
            (destinationTable.elements + Int(destination)).update(from: sourceTable.elements + Int(source), count: Int(count))
            return pc + 40
        case .tableInit:
            let table = pc.object(24, as: TableInstance.self).takeUnretainedValue()
            let segment = instanceReference!.takeUnretainedValue().elements[pc.slot(8)]
            let (destination, source, count) = (fp[pc.slot(12)], fp[pc.slot(16)], fp[pc.slot(20)])
            guard destination <= UInt64(table.count), count <= UInt64(table.count) - destination,
                  source <= UInt64(segment.count), count <= UInt64(segment.count) - source else { throw outOfBounds }
            for i in 0..<Int(count) { table.elements[Int(destination) + i] = segment[Int(source) + i] }
            return pc + 32
        case .elemDrop:
            instanceReference!.takeUnretainedValue().elements[pc.slot(8)] = []
            return pc + 16
        default:
            preconditionFailure("not a table instruction")
        }
    }
}
