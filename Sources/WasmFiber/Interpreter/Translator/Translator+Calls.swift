import WasmFormat

/// Calls, tail calls and the throwing instructions.
extension Translator {
    mutating func call(_ opcode: Opcode, _ immediates: Immediates, before: Int) {
        switch opcode {
        case .call, .returnCall:
            let callee = instance.functions[Int(immediates.index ?? 0)]
            let base = slot(before - callee.parameterCount)
            if opcode == .call {
                code.emit(callee.host == nil ? .call : .callHost)
            } else {
                code.emit(.returnCall)
                reachable = false
            }
            code.slot(base)
            code.object(callee)
        case .callIndirect, .returnCallIndirect:
            guard let (typeIndex, tableIndex) = immediates.indices else { return }
            let type = instance.context.types[Int(typeIndex)]
            guard case .function(let functionType) = type.composite else { return }
            let base = slot(before - 1 - functionType.parameters.count)
            code.emit(opcode == .callIndirect ? .callIndirect : .returnCallIndirect)
            code.slot(base)
            code.slot(slot(before - 1))
            code.u32(UInt32(instance.typeIDs[Int(typeIndex)]))
            code.object(instance.tables[Int(tableIndex)])
            if opcode == .returnCallIndirect { reachable = false }
        case .callRef, .returnCallRef:
            let typeIndex = Int(immediates.index ?? 0)
            guard case .function(let functionType) = instance.context.types[typeIndex].composite else { return }
            code.emit(opcode == .callRef ? .callRef : .returnCallRef)
            code.slot(slot(before - 1 - functionType.parameters.count))
            code.slot(slot(before - 1))
            if opcode == .returnCallRef { reachable = false }
        default:
            break
        }
    }

    /// `throw $tag` (tag index@8, payload slot@12), `throw_ref` (exnref slot@8), legacy
    /// `rethrow $label` (the caught exception's hidden slot@8).
    mutating func throwInstruction(_ opcode: Opcode, _ immediates: Immediates, before: Int) {
        switch opcode {
        case .throw:
            let tagIndex = Int(immediates.index ?? 0)
            let arity = instance.tags[tagIndex].type.parameters.count
            code.emit(.throw)
            code.slot(tagIndex)
            code.slot(slot(before - arity))
        case .throwRef:
            code.emit(.throwRef)
            code.slot(slot(before - 1))
        case .rethrow:
            let entry = control[control.count - 1 - Int(immediates.index ?? 0)]
            code.emit(.rethrow)
            code.slot(entry.exceptionSlot)
        default:
            break
        }
    }
}
