import WasmFiber
import WasmFormat

/// The `spectest` host module that the spec scripts import from (the reference interpreter's
/// `spectest` registry): print functions, four constant globals, a table, a 64-bit table, a
/// memory and a shared memory.
///
/// | name | type |
/// |---|---|
/// | `print` | `(func)` |
/// | `print_i32`, `print_i64`, `print_f32`, `print_f64` | `(func (param t))` |
/// | `print_i32_f32` | `(func (param i32 f32))` |
/// | `print_f64_f64` | `(func (param f64 f64))` |
/// | `global_i32`, `global_i64` | immutable, 666 |
/// | `global_f32`, `global_f64` | immutable, 666.6 |
/// | `table` | `(table 10 20 funcref)` |
/// | `table64` | `(table i64 10 20 funcref)` |
/// | `memory` | `(memory 1 2)` |
/// | `shared_memory` | `(memory 1 2 shared)` |
///
/// The print functions write each argument as the reference interpreter does, one line per
/// value: `42 : i32`.
public enum SpecTestHost {
    /// The module name scripts import from.
    public static let moduleName = "spectest"

    /// Receives the lines the print functions write.
    public typealias Output = @Sendable (String) -> Void

    /// The print functions' names and parameter types.
    public static let printFunctions: [(name: String, parameters: [ValueType])] = [
        ("print", []),
        ("print_i32", [.i32]),
        ("print_i64", [.i64]),
        ("print_f32", [.f32]),
        ("print_f64", [.f64]),
        ("print_i32_f32", [.i32, .f32]),
        ("print_f64_f64", [.f64, .f64]),
    ]

    /// Defines a fresh `spectest` module (new table, memories and globals) in `imports`.
    ///
    /// - Returns: a note for every object that could not be created (the runtime refused its
    ///   type); such names are left undefined, so a module importing them fails to link.
    @discardableResult
    public static func define(in imports: inout Imports, output: Output?) -> [String] {
        var problems: [String] = []
        for function in printFunctions {
            imports.define(moduleName, function.name, type: FunctionType(parameters: function.parameters, results: [])) {
                _, arguments in
                if let output {
                    for argument in arguments { output(line(for: argument)) }
                }
                return []
            }
        }
        func add(_ name: String, _ make: () throws -> ExternalValue) {
            do { imports.define(moduleName, name, try make()) } catch {
                problems.append("\(moduleName).\(name) not available: \(error)")
            }
        }
        add("global_i32") { .global(try Global(type: GlobalType(.i32, mutable: false), value: .i32(666))) }
        add("global_i64") { .global(try Global(type: GlobalType(.i64, mutable: false), value: .i64(666))) }
        add("global_f32") { .global(try Global(type: GlobalType(.f32, mutable: false), value: .f32(666.6))) }
        add("global_f64") { .global(try Global(type: GlobalType(.f64, mutable: false), value: .f64(666.6))) }
        add("table") {
            .table(try Table(type: TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20)), initial: .funcRef(nil)))
        }
        add("table64") {
            .table(try Table(type: TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20), addressType: .i64),
                             initial: .funcRef(nil)))
        }
        add("memory") { .memory(try Memory(type: MemoryType(limits: Limits(min: 1, max: 2)))) }
        add("shared_memory") { .memory(try Memory(type: MemoryType(limits: Limits(min: 1, max: 2), shared: true))) }
        return problems
    }

    /// `value : type`, as the reference interpreter prints an argument.
    /// Integers are grouped by three digits with `_`, as the spec's reference interpreter
    /// prints them (its outputs are what `reference-output/` files hold).
    public static func line(for value: Value) -> String {
        switch value {
        case .i32(let v): "\(grouped(Int64(v))) : i32"
        case .i64(let v): "\(grouped(v)) : i64"
        case .f32(let v): "\(v) : f32"
        case .f64(let v): "\(v) : f64"
        default: "\(value)"
        }
    }

    /// `1234567` as `1_234_567` (the sign stays in front).
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: "_")
    }
}
