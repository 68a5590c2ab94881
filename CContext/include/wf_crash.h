// Crash reports: a fault handler on an alternate signal stack, and native backtraces walked
// with libunwind across fiber stacks and the host stack.
#ifndef WF_CRASH_H
#define WF_CRASH_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Installs the fault handler for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP (Swift
/// traps are SIGILL on x86_64, SIGTRAP on aarch64) — idempotent, thread-safe — and gives the calling thread an alternate signal stack. On a fatal signal it
/// writes a crash report to `fd` (normally 2): the signal, the fault address, whether the
/// address lies in a known stack guard (a native stack overflow, naming that stack), and the
/// native backtrace. Then the previously installed handler, or the default action, runs.
/// Returns 0, or -1 with errno set.
int wf_crash_install(int fd);

/// 1 once `wf_crash_install` has run.
int wf_crash_installed(void);

/// Gives the calling thread an alternate signal stack (at least 64 KiB) if it has none, so
/// that a fault on an exhausted stack can still be reported. Idempotent; cheap once done.
int wf_thread_ensure_altstack(void);

/// A text line written at the start of every crash report; tests and tools look for it.
#define WF_CRASH_BANNER "WasmFiber crash report"

/// One frame of a native backtrace.
typedef struct wf_frame {
    uintptr_t ip;             ///< instruction pointer (return address for outer frames)
    uintptr_t offset;         ///< offset of `ip` from the start of its function
    char name[256];           ///< symbol name (mangled), or "" when unknown
} wf_frame;

/// Walks the calling thread's stack with libunwind, from the caller outwards, crossing from a
/// fiber into its resumer through the entry trampoline's unwind information. Returns the
/// number of frames written (at most `max`).
size_t wf_backtrace(wf_frame *frames, size_t max);

/// Writes a backtrace of the calling thread to `fd`, one frame per line. Async-signal-safe
/// as far as libunwind is.
void wf_backtrace_write(int fd);

#ifdef __cplusplus
}
#endif
#endif
