import WasmFormat

/// The stack-switching instructions (typed continuations). Layouts:
/// - `contNew` ref@8; `contBind` base@8 bound@12 (the contref follows the bound arguments)
/// - `resume` base@8 arguments@12 table@16; `resumeThrow` base@8 tag@12 table@16 payload@20;
///   `resumeThrowRef` base@8 (the exnref) table@16 — the contref follows the operands
/// - `suspend` base@8 payload@12 tag@16 (by address); `switchContinuation` base@8
///   arguments@12 tag@16 (by address; the target contref follows the arguments)
extension Translator {
    mutating func stackSwitching(_ opcode: Opcode, _ immediates: Immediates, before: Int, reader: inout InstructionReader) {
        switch opcode {
        case .contNew:
            code.emit(.contNew)
            code.slot(slot(before - 1))
        case .contBind:
            guard let (sourceIndex, targetIndex) = immediates.indices,
                  let source = continuationFunctionType(sourceIndex),
                  let target = continuationFunctionType(targetIndex) else { return }
            let bound = source.parameters.count - target.parameters.count
            code.emit(.contBind)
            code.slot(slot(before - 1 - bound))
            code.slot(bound)
        case .resume, .resumeThrow, .resumeThrowRef:
            guard case .resume(let typeIndex, let tag, let clauses) = immediates else { return }
            let table = resumeTable(Array(reader.handlers(clauses)))
            switch opcode {
            case .resume:
                let count = continuationFunctionType(typeIndex)?.parameters.count ?? 0
                code.emit(.resume)
                code.slot(slot(before - 1 - count))
                code.slot(count)
                code.slot(table)
            case .resumeThrow:
                let tagIndex = Int(tag ?? 0)
                let count = instance.tags[tagIndex].type.parameters.count
                code.emit(.resumeThrow)
                code.slot(slot(before - 1 - count))
                code.slot(tagIndex)
                code.slot(table)
                code.slot(count)
            default:
                code.emit(.resumeThrowRef)
                code.slot(slot(before - 2))
                code.slot(0)
                code.slot(table)
            }
        case .suspend:
            let tag = instance.tags[Int(immediates.index ?? 0)]
            code.emit(.suspend)
            code.slot(slot(before - tag.type.parameters.count))
            code.slot(tag.type.parameters.count)
            code.object(tag)
        case .switch:
            guard let (typeIndex, tagIndex) = immediates.indices,
                  let target = continuationFunctionType(typeIndex) else { return }
            let count = target.parameters.count - 1
            code.emit(.switchContinuation)
            code.slot(slot(before - 1 - count))
            code.slot(count)
            code.object(instance.tags[Int(tagIndex)])
        default:
            break
        }
    }

    /// The function type of the continuation type at `typeIndex`.
    func continuationFunctionType(_ typeIndex: UInt32) -> FunctionType? {
        guard case .continuation(let heapType) = instance.context.types[Int(typeIndex)].composite,
              case .concrete(let functionIndex) = heapType,
              case .function(let type) = instance.context.types[Int(functionIndex)].composite else { return nil }
        return type
    }

    /// Resolves a `resume`'s handler clauses into a table; returns its index.
    mutating func resumeTable(_ clauses: [HandlerClause]) -> Int {
        let index = resumeTables.count
        var table: [ResumeHandler] = []
        for (position, clause) in clauses.enumerated() {
            switch clause {
            case .onSwitch(let tag):
                table.append(ResumeHandler(tag: instance.tags[Int(tag)], kind: .switch))
            case .onLabel(let tag, let label):
                let target = control.count - 1 - Int(label)
                let entry = control[target]
                if entry.kind == .loop {
                    table.append(ResumeHandler(tag: instance.tags[Int(tag)], kind: .label(slot: slot(entry.height), target: entry.loopStart)))
                } else {
                    table.append(ResumeHandler(tag: instance.tags[Int(tag)], kind: .label(slot: slot(entry.height), target: 0)))
                    control[target].resumePatches.append((index, position))
                }
            }
        }
        resumeTables.append(table)
        return index
    }
}
