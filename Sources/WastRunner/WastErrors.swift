import WasmFiber
import WasmFormat
import WasmText

/// One-line descriptions of whatever a module or an action threw, for failure reports.
enum WastErrors {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let trap as Trap: return "trap \"\(trap.message)\""
        case let error as LinkError: return "link error \"\(error.message)\""
        case let exception as UncaughtException:
            return "uncaught exception (" + exception.payload.map(WastValueText.describe).joined(separator: ", ") + ")"
        case let error as CallError: return "call error \"\(error.message)\""
        case let error as InstantiationError: return "instantiation error \"\(error.message)\""
        case let error as WasmFormat.DecodingError:
            return "malformed module \"\(error.message)\" (at byte offset \(error.offset))"
        case let error as WasmFormat.ValidationError:
            return "invalid module \"\(error.message)\"" + (error.offset.map { " (at byte offset \($0))" } ?? "")
        case let error as TextError: return "text error \"\(error.message)\" (at \(error.location) of the module text)"
        default: return "\(type(of: error)): \(error)"
        }
    }
}
