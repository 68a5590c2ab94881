import WasmFiber

/// WASI preview 1 (`wasi_snapshot_preview1`) for one command module: its arguments,
/// environment, preopened directories and standard streams, and the host functions that give
/// the guest exactly those and nothing more.
///
/// ```swift
/// let output = WASIOutputCapture()
/// let wasi = try WASI(arguments: ["prog", "input.txt"], environment: ["LANG": "C"],
///                     preopens: [WASIPreopen(hostPath: "/tmp/box", guestPath: ".")],
///                     stdout: .capture(output))
/// var imports = Imports()
/// wasi.link(into: &imports)                      // or: let imports = wasi.imports
/// let instance = try Instance(module, imports: imports, engine: Engine())
/// let status = try wasi.start(instance)          // runs _start; proc_exit(n) → n
/// ```
///
/// The guest reaches the host file system only beneath the preopens (see `WASISandboxedPath`),
/// sees only the environment given here (none of the host's), and gets its arguments as given
/// (`arguments[0]` is, by convention, the program name). One `WASI` serves one instance at a
/// time, on the thread that runs it: it owns the instance's file-descriptor table.
public final class WASI {
    /// The guest's `argv`.
    public let arguments: [String]
    /// The guest's environment, in the order `environ_get` lists it.
    public let environment: [(name: String, value: String)]
    /// The guest's file descriptors: stdio, the preopens, and what it opens.
    public let fileDescriptors: WASIFileDescriptorTable

    /// `argv` as one buffer of NUL-terminated strings, and each string's offset in it.
    let argumentBlob: WASIStringBlob
    /// The environment as `NAME=value` strings, likewise.
    let environmentBlob: WASIStringBlob

    /// A WASI configuration; opens the preopens now (in order: guest fds 3, 4, …).
    ///
    /// - Parameters:
    ///   - arguments: the guest's `argv` (WASI programs expect the program name first).
    ///   - environment: the guest's variables; listed sorted by name.
    ///   - preopens: the only host directories the guest can reach.
    ///   - stdin, stdout, stderr: inherit the host's streams, capture output in memory, or
    ///     feed input from bytes.
    /// - Throws: `WASIErrno` of the first preopen that cannot be opened (e.g. `noent`).
    public convenience init(
        arguments: [String] = [], environment: [String: String] = [:], preopens: [WASIPreopen] = [],
        stdin: WASIStdio = .inherit, stdout: WASIStdio = .inherit, stderr: WASIStdio = .inherit
    ) throws(WASIErrno) {
        try self.init(arguments: arguments,
                      environment: environment.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) },
                      fileDescriptors: WASIFileDescriptorTable(preopens: preopens, stdin: stdin, stdout: stdout, stderr: stderr))
    }

    /// A WASI configuration with the environment in a given order and a file-descriptor table
    /// made by the caller (e.g. with a chosen resolution strategy or descriptor limit).
    public init(arguments: [String], environment: [(name: String, value: String)], fileDescriptors: WASIFileDescriptorTable) throws(WASIErrno) {
        self.arguments = arguments
        self.environment = environment
        self.fileDescriptors = fileDescriptors
        argumentBlob = WASIStringBlob(arguments)
        environmentBlob = WASIStringBlob(environment.map { "\($0.name)=\($0.value)" })
    }

    /// The name WASI preview 1 modules import their functions from.
    public static let moduleName = "wasi_snapshot_preview1"

    /// Every `wasi_snapshot_preview1` function, bound to this configuration.
    public var imports: Imports {
        var imports = Imports()
        link(into: &imports)
        return imports
    }

    /// Defines every `wasi_snapshot_preview1` function in `imports` (replacing earlier
    /// definitions of those names), bound to this configuration.
    public func link(into imports: inout Imports) {
        for (name, function) in hostFunctions() {
            imports.define(Self.moduleName, name, .function(function))
        }
    }

    /// Runs the command: calls the instance's `_start` export and returns its exit status —
    /// 0 when `_start` returns, `n` after `proc_exit(n)`.
    ///
    /// - Throws: the ``Trap`` (or ``UncaughtException``) the program ended with, or
    ///   ``WASIStartError/noStartFunction`` when the instance exports no `_start`.
    public func start(_ instance: Instance) throws -> UInt32 {
        guard let start = instance.function("_start") else { throw WASIStartError.noStartFunction }
        do {
            _ = try start.call([])
            return 0
        } catch let trap as Trap {
            if let exit = trap.hostError as? WASIExit { return exit.code }
            throw trap
        }
    }
}

/// Why ``WASI/start(_:)`` could not run a module.
public enum WASIStartError: Error, Sendable, CustomStringConvertible {
    /// The instance exports no function `_start` (it is not a WASI command).
    case noStartFunction

    /// What went wrong, for people.
    public var description: String {
        switch self {
        case .noStartFunction: "the module exports no function '_start' (not a WASI command)"
        }
    }
}

/// Strings laid out as `args_get` / `environ_get` hand them to the guest: one buffer of
/// NUL-terminated strings, and where each starts.
struct WASIStringBlob {
    let bytes: [UInt8]
    let offsets: [UInt32]

    init(_ strings: [String]) {
        var bytes: [UInt8] = []
        var offsets: [UInt32] = []
        for string in strings {
            offsets.append(UInt32(bytes.count))
            bytes.append(contentsOf: string.utf8)
            bytes.append(0)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    /// Writes the pointer array at `pointers` and the strings at `buffer` (both checked first).
    func write(pointers: UInt32, buffer: UInt32, into memory: WASIGuestMemory) throws(WASIErrno) {
        let array = try memory.address(pointers, count: offsets.count * 4)
        let target = try memory.bytes(buffer, count: bytes.count)
        for (index, offset) in offsets.enumerated() {
            let (pointer, overflow) = buffer.addingReportingOverflow(offset)
            if overflow { throw .fault }
            array.storeBytes(of: pointer.littleEndian, toByteOffset: index * 4, as: UInt32.self)
        }
        bytes.withUnsafeBytes { target.copyMemory(from: $0) }
    }
}
