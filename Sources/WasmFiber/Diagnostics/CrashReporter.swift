import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process-wide fault handler that turns a fatal signal into a crash report.
///
/// Once installed, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP print a report — the signal,
/// the fault address, whether the fault hit the guard page of a known stack (a native stack
/// overflow, naming the stack), and the native backtrace across fiber stacks into the host
/// stack — and then the handler that was installed before (or the default action) runs.
///
/// Library users opt in; the `wasmfiber` command-line tool installs it at start-up. The
/// report is written with async-signal-safe calls only, on an alternate signal stack that
/// every thread using fibers gets, so a fault on an exhausted stack is still reported.
public enum CrashReporter {
    /// Installs the handler (once per process; later calls only prepare the calling thread).
    /// - Parameter fileDescriptor: where reports go (standard error by default).
    public static func install(fileDescriptor: Int32 = 2) throws(CrashReporterError) {
        guard wf_crash_install(fileDescriptor) == 0 else { throw CrashReporterError(errno: errno) }
    }

    /// Whether the handler is installed.
    public static var isInstalled: Bool { wf_crash_installed() != 0 }

    /// The first line of every report, for tools that look for one.
    public static let banner = WF_CRASH_BANNER
}

/// The fault handler could not be installed.
public struct CrashReporterError: Error, Sendable, CustomStringConvertible {
    /// The `errno` of the failing call (sigaction or sigaltstack).
    public let errno: Int32
    public var description: String { "cannot install the crash reporter (errno \(errno))" }
}
