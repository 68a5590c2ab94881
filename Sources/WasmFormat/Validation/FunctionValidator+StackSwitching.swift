/// Stack-switching instructions (WebAssembly/stack-switching, Explainer "Instructions"):
/// `cont.new`, `cont.bind`, `suspend`, `resume`, `resume_throw`, `resume_throw_ref` and
/// `switch`, with the handler clauses `(on $tag $label)` and `(on $tag switch)`.
///
/// Every instruction names a continuation type `$ct = cont $ft`; the context's `contType`
/// resolves `$ft` ("non-continuation type" otherwise).

extension FunctionValidator {
    mutating func stackSwitching(
        _ opcode: Opcode, _ immediates: Immediates, _ reader: inout InstructionReader
    ) throws(ValidationError) {
        switch opcode {
        case .contNew:
            // cont.new $ct : [(ref null $ft)] -> [(ref $ct)]
            let typeIndex = immediates.index ?? 0
            let (functionTypeIndex, _) = try shared.context.contType(ofTypeIndex: typeIndex, at: offset)
            try pop(Self.nullableReference(functionTypeIndex))
            push(.ref(RefType(nullable: false, .concrete(typeIndex))))
        case .contBind:
            // cont.bind $ct $ct' : [t1* (ref null $ct)] -> [(ref $ct')]
            //   iff $ct ~~ cont [t1* t1'*] -> [t2*], $ct' ~~ cont [t1''*] -> [t2''*]
            //   and [t1'*] -> [t2*] <: [t1''*] -> [t2''*]
            let (sourceIndex, targetIndex) = immediates.indices ?? (0, 0)
            let source = try shared.context.contType(ofTypeIndex: sourceIndex, at: offset).functionType
            let target = try shared.context.contType(ofTypeIndex: targetIndex, at: offset).functionType
            let bound = source.parameters.count - target.parameters.count
            guard bound >= 0 else { throw mismatch() }
            for index in 0..<target.parameters.count
            where !isSubtype(target.parameters[index], source.parameters[bound + index]) {
                throw mismatch()
            }
            guard shared.context.isSubtype(source.results, target.results) else { throw mismatch() }
            try pop(Self.nullableReference(sourceIndex))
            var index = bound
            while index > 0 {
                index -= 1
                try pop(source.parameters[index])
            }
            push(.ref(RefType(nullable: false, .concrete(targetIndex))))
        case .suspend:
            // suspend $t : [t1*] -> [t2*] iff $t : tag [t1*] -> [t2*]
            let type = try shared.context.tagFunctionType(immediates.index ?? 0, at: offset)
            try pop(type.parameters)
            push(type.results)
        case .resume, .resumeThrow, .resumeThrowRef:
            guard case .resume(let typeIndex, let tag, let handlers) = immediates else { throw mismatch() }
            let type = try shared.context.contType(ofTypeIndex: typeIndex, at: offset).functionType
            var thrown: FunctionType?
            if opcode == .resumeThrow {
                let tagType = try shared.context.tagFunctionType(tag ?? 0, at: offset)
                guard tagType.results.isEmpty else { throw mismatch() }
                thrown = tagType
            }
            for handler in reader.handlers(handlers) { try checkHandler(handler, resumeResults: type.results) }
            try pop(Self.nullableReference(typeIndex))
            switch opcode {
            case .resume: try pop(type.parameters)
            case .resumeThrow: try pop(thrown?.parameters ?? [])
            default: try pop(.ref(RefType(nullable: true, .abstract(.exn))))
            }
            for result in type.results { push(result) }
        case .switch:
            try switchInstruction(immediates)
        default:
            throw mismatch()
        }
    }

    /// `switch $ct1 $e : [t1* (ref null $ct1)] -> [t2*]`
    ///   iff `$e : tag [] -> [t*]`, `$ct1 ~~ cont [t1* (ref null? $ct2)] -> [te1*]`, `te1* <: t*`,
    ///   `$ct2 ~~ cont [t2*] -> [te2*]` and `t* <: te2*`.
    mutating func switchInstruction(_ immediates: Immediates) throws(ValidationError) {
        let (typeIndex, tag) = immediates.indices ?? (0, 0)
        let target = try shared.context.contType(ofTypeIndex: typeIndex, at: offset).functionType
        let tagType = try shared.context.tagFunctionType(tag, at: offset)
        guard tagType.parameters.isEmpty else { throw error("type mismatch in switch tag") }
        guard let last = target.parameters.last, case .ref(let reference) = last,
              case .concrete(let returnIndex) = reference.heapType,
              let current = try? shared.context.contType(ofTypeIndex: returnIndex, at: offset).functionType
        else { throw mismatch() }
        guard shared.context.isSubtype(target.results, tagType.results),
              shared.context.isSubtype(tagType.results, current.results)
        else { throw error("type mismatch in switch tag") }
        try pop(Self.nullableReference(typeIndex))
        var index = target.parameters.count - 1
        while index > 0 {
            index -= 1
            try pop(target.parameters[index])
        }
        for parameter in current.parameters { push(parameter) }
    }

    /// A handler clause of a resume instruction whose continuation returns `resumeResults`.
    ///
    /// - `(on $e $l)`: `$e : tag [t1*] -> [t2*]`, `$l : [t1'* (ref null? $ct)]` with `t1* <: t1'*`
    ///   and `$ct ~~ cont [t2'*] -> [t'*]` where `[t2*] -> [resumeResults] <: [t2'*] -> [t'*]`.
    /// - `(on $e switch)`: `$e : tag [] -> [t*]` with `t* <: resumeResults`.
    func checkHandler(_ handler: HandlerClause, resumeResults: [ValueType]) throws(ValidationError) {
        switch handler {
        case .onLabel(let tag, let depth):
            let tagType = try shared.context.tagFunctionType(tag, at: offset)
            let types = labelTypes(try label(depth))
            guard types.count >= 1, case .ref(let reference) = type(types, types.count - 1),
                  case .concrete(let continuationIndex) = reference.heapType
            else {
                var described: [String] = []
                for index in 0..<types.count { described.append(type(types, index).description) }
                throw error("type mismatch: instruction requires concrete continuation reference type but label has ["
                    + described.joined(separator: " ") + "]")
            }
            let continuation = try shared.context.contType(ofTypeIndex: continuationIndex, at: offset).functionType
            guard tagType.parameters.count == types.count - 1 else { throw mismatch() }
            for index in 0..<tagType.parameters.count where !isSubtype(tagType.parameters[index], type(types, index)) {
                throw mismatch()
            }
            // Contravariant parameters: what the handler passes on resuming (t2'*) must be
            // accepted where the suspension expects its results (t2*).
            guard shared.context.isSubtype(continuation.parameters, tagType.results),
                  shared.context.isSubtype(resumeResults, continuation.results)
            else { throw mismatch() }
        case .onSwitch(let tag):
            let tagType = try shared.context.tagFunctionType(tag, at: offset)
            guard tagType.parameters.isEmpty, shared.context.isSubtype(tagType.results, resumeResults) else {
                throw mismatch()
            }
        }
    }
}
