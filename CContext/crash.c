// The fault handler: on SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT or SIGTRAP (a Swift trap on
// aarch64) it writes a crash report
// (signal, fault address, whether that address is a stack guard, i.e. a native stack
// overflow, and the native backtrace from the interrupted frame), then puts back the handler
// that was installed before it and lets that one, or the default action, take the signal.
//
// It runs on an alternate signal stack, because an overflowed stack has no room left for it.
// It only uses async-signal-safe calls (write, sigaction, libunwind's local unwinding) and
// never calls the previous handler itself: the previous handler (the Swift runtime's
// backtracer, a sanitizer) runs as if ours had never been there, on a fresh delivery: a
// fault simply happens again when the handler returns, a sent signal is sent again.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#include "crash_internal.h"
#include "wf_crash.h"
#include "wf_stack.h"

// Swift traps are SIGILL (ud2) on x86_64 but SIGTRAP (brk) on aarch64; SIGTRAP is not in the
// agreed list (wf_crash.h) yet: append it here if Swift traps should be reported too.
static const int handled[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
#define NHANDLED (sizeof handled / sizeof handled[0])

static struct sigaction previous[NHANDLED];
static atomic_int previous_ready[NHANDLED];  // sigaction fills `previous` after installing us
static atomic_int installed;
static atomic_int report_fd = 2;
static pthread_mutex_t install_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_long reporter;                 // id of the thread writing a report, or 0

// ---- Alternate signal stacks ----------------------------------------------------------

#define ALTSTACK_MIN ((size_t)64 * 1024)

static _Thread_local int altstack_ready;
static pthread_once_t altstack_once = PTHREAD_ONCE_INIT;
static pthread_key_t altstack_key;
static size_t altstack_page, altstack_size;  // usable size; one guard page lies below

static void altstack_release(void *mapping);

static void altstack_init(void) {
    long page = sysconf(_SC_PAGESIZE);
    altstack_page = page > 0 ? (size_t)page : 4096;
    size_t size = ALTSTACK_MIN;
#ifdef _SC_MINSIGSTKSZ
    // The kernel's own signal frame (large with AVX-512 or SVE) comes on top of our 64 KiB.
    long frame = sysconf(_SC_MINSIGSTKSZ);
    if (frame > 0) size += (size_t)frame;
#endif
    altstack_size = (size + altstack_page - 1) / altstack_page * altstack_page;
    (void)pthread_key_create(&altstack_key, altstack_release);
}

// At thread exit: drop our altstack if it is still the thread's, then unmap it. If someone
// replaced it meanwhile it may still be in use elsewhere, so it is left mapped.
static void altstack_release(void *mapping) {
    stack_t current;
    if (sigaltstack(NULL, &current) != 0 || (current.ss_flags & SS_ONSTACK)) return;
    if (current.ss_sp == (char *)mapping + altstack_page) {
        stack_t off = { .ss_sp = NULL, .ss_flags = SS_DISABLE, .ss_size = 0 };
        if (sigaltstack(&off, NULL) == 0) munmap(mapping, altstack_page + altstack_size);
    }
}

int wf_thread_ensure_altstack(void) {
    if (altstack_ready) return 0;
    stack_t old;
    if (sigaltstack(NULL, &old) != 0) return -1;
    // Keep an existing altstack only if it is big enough (the Swift 6 runtime gives the main
    // thread one of 64,192 bytes, which is replaced; its backtracer then runs on ours).
    if (!(old.ss_flags & SS_DISABLE) && old.ss_size >= ALTSTACK_MIN) {
        altstack_ready = 1;
        return 0;
    }
    if (old.ss_flags & SS_ONSTACK) { errno = EBUSY; return -1; }
    pthread_once(&altstack_once, altstack_init);
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_STACK
    flags |= MAP_STACK;
#endif
    char *mapping = mmap(NULL, altstack_page + altstack_size, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (mapping == MAP_FAILED) return -1;
    stack_t ss = { .ss_sp = mapping + altstack_page, .ss_flags = 0, .ss_size = altstack_size };
    if (mprotect(mapping, altstack_page, PROT_NONE) != 0 || sigaltstack(&ss, NULL) != 0) {
        int e = errno;
        munmap(mapping, altstack_page + altstack_size);
        errno = e;
        return -1;
    }
    (void)pthread_setspecific(altstack_key, mapping);
    altstack_ready = 1;
    return 0;
}

// ---- The report -----------------------------------------------------------------------

static long thread_id(void) {
#ifdef __linux__
    return (long)syscall(SYS_gettid);
#else
    return (long)(uintptr_t)pthread_self();
#endif
}

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
    case SIGTRAP: return "SIGTRAP";
    default: return "signal";
    }
}

static const char *code_name(int sig, int code) {
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_QUEUE: return "SI_QUEUE";
#ifdef SI_TKILL
    case SI_TKILL: return "SI_TKILL";
#endif
#ifdef SI_KERNEL
    case SI_KERNEL: return "SI_KERNEL";
#endif
    }
    if (sig == SIGSEGV) {
        if (code == SEGV_MAPERR) return "SEGV_MAPERR";
        if (code == SEGV_ACCERR) return "SEGV_ACCERR";
    } else if (sig == SIGBUS) {
        if (code == BUS_ADRALN) return "BUS_ADRALN";
        if (code == BUS_ADRERR) return "BUS_ADRERR";
        if (code == BUS_OBJERR) return "BUS_OBJERR";
    } else if (sig == SIGILL) {
        if (code == ILL_ILLOPC) return "ILL_ILLOPC";
        if (code == ILL_ILLOPN) return "ILL_ILLOPN";
        if (code == ILL_ILLADR) return "ILL_ILLADR";
        if (code == ILL_ILLTRP) return "ILL_ILLTRP";
        if (code == ILL_PRVOPC) return "ILL_PRVOPC";
    } else if (sig == SIGFPE) {
        if (code == FPE_INTDIV) return "FPE_INTDIV";
        if (code == FPE_INTOVF) return "FPE_INTOVF";
        if (code == FPE_FLTDIV) return "FPE_FLTDIV";
        if (code == FPE_FLTINV) return "FPE_FLTINV";
    }
    return NULL;
}

static void write_overflow(wf_out *o, const char *what, uintptr_t address, const wf_guard_range *g) {
    wf_out_str(o, "native stack overflow: ");
    wf_out_str(o, what);
    wf_out_hex(o, address, 0);
    wf_out_str(o, " in the guard [");
    wf_out_hex(o, g->guard_lo, 0);
    wf_out_str(o, ", ");
    wf_out_hex(o, g->guard_hi, 0);
    wf_out_str(o, ") below stack [");
    wf_out_hex(o, g->stack_lo, 0);
    wf_out_str(o, ", ");
    wf_out_hex(o, g->stack_hi, 0);
    wf_out_str(o, ")\n");
}

// The interrupted pc from the signal's ucontext, or 0 where unknown: the only
// architecture-specific code here, for the fallback below.
static uintptr_t interrupted_pc(void *uc) {
    ucontext_t *u = uc;
#if defined(__linux__) && defined(__x86_64__)
    return (uintptr_t)u->uc_mcontext.gregs[REG_RIP];
#elif defined(__linux__) && defined(__aarch64__)
    return (uintptr_t)u->uc_mcontext.pc;
#elif defined(__APPLE__) && defined(__x86_64__)
    return (uintptr_t)u->uc_mcontext->__ss.__rip;
#elif defined(__APPLE__) && defined(__arm64__)
    return (uintptr_t)__darwin_arm_thread_state64_get_pc(u->uc_mcontext->__ss);
#else
    (void)u;
    return 0;
#endif
}

// A cursor at the interrupted frame. libunwind >= 1.6 starts from the signal's ucontext;
// elsewhere (older or LLVM libunwind, macOS) walk out of the handler to the frame at the
// interrupted pc, or else to the one marked as a signal frame (nongnu libunwind marks the
// interrupted frame, LLVM's the trampoline: either way, close enough).
static int cursor_at_interrupted(unw_cursor_t *cursor, unw_context_t *context, void *uc) {
#if defined(UNW_VERSION) && UNW_VERSION >= UNW_VERSION_CODE(1, 6)
    if (unw_init_local2(cursor, (unw_context_t *)uc, UNW_INIT_SIGNAL_FRAME) == 0) return 0;
#endif
    if (unw_getcontext(context) != 0 || unw_init_local(cursor, context) != 0) return -1;
    uintptr_t pc = interrupted_pc(uc);
    unw_cursor_t probe = *cursor;
    for (int i = 0; i < 16; i++) {
        unw_word_t ip = 0;
        (void)unw_get_reg(&probe, UNW_REG_IP, &ip);
        if (pc != 0 ? (uintptr_t)ip == pc : unw_is_signal_frame(&probe) > 0) {
            *cursor = probe;
            break;
        }
        if (unw_step(&probe) <= 0) break;
    }
    return 0;  // not found: the backtrace starts in the handler, still useful
}

static void write_report(int sig, siginfo_t *info, void *uc) {
    wf_out o = { .fd = atomic_load(&report_fd), .len = 0 };
    wf_out_str(&o, WF_CRASH_BANNER "\n");
    wf_out_str(&o, "signal ");
    wf_out_str(&o, signal_name(sig));
    wf_out_str(&o, " (");
    wf_out_dec(&o, sig);
    wf_out_str(&o, "), si_code ");
    wf_out_dec(&o, info->si_code);
    const char *code = code_name(sig, info->si_code);
    if (code) { wf_out_str(&o, " ("); wf_out_str(&o, code); wf_out_char(&o, ')'); }
    int sent = info->si_code <= 0;  // sent by kill/raise/sigqueue: no fault address
    if (sent) {
        wf_out_str(&o, ", sent by pid ");
        wf_out_dec(&o, (long)info->si_pid);
    } else {
        wf_out_str(&o, ", fault address ");
        wf_out_hex(&o, (uintptr_t)info->si_addr, 0);
    }
    wf_out_str(&o, "\npid ");
    wf_out_dec(&o, (long)getpid());
    wf_out_str(&o, ", thread ");
    wf_out_dec(&o, thread_id());

    unw_context_t context;
    unw_cursor_t cursor;
    int have_cursor = cursor_at_interrupted(&cursor, &context, uc) == 0;
    unw_word_t ip = 0, sp = 0;
    if (have_cursor) {
        (void)unw_get_reg(&cursor, UNW_REG_IP, &ip);
        (void)unw_get_reg(&cursor, UNW_REG_SP, &sp);
        wf_out_str(&o, ", pc ");
        wf_out_hex(&o, (uintptr_t)ip, 0);
        wf_out_str(&o, ", sp ");
        wf_out_hex(&o, (uintptr_t)sp, 0);
    }
    wf_out_char(&o, '\n');

    wf_guard_range guard;
    if (!sent && (sig == SIGSEGV || sig == SIGBUS)
        && wf_guard_lookup((uintptr_t)info->si_addr, &guard))
        write_overflow(&o, "fault at ", (uintptr_t)info->si_addr, &guard);
    else if (have_cursor && sp != 0 && wf_guard_lookup((uintptr_t)sp, &guard))
        write_overflow(&o, "stack pointer ", (uintptr_t)sp, &guard);
    wf_out_flush(&o);  // the most important lines are out before the riskier unwinding

    wf_out_str(&o, "native backtrace:\n");
    if (have_cursor) wf_write_frames(&o, &cursor);
    else wf_out_str(&o, "  (libunwind could not start)\n");
    wf_out_str(&o, "end of crash report\n");
    wf_out_flush(&o);
}

static size_t signal_index(int sig) {
    for (size_t i = 0; i < NHANDLED; i++)
        if (handled[i] == sig) return i;
    return NHANDLED;  // not ours: restore_previous then gives the default action
}

static void restore_previous(int sig, size_t i) {
    if (i < NHANDLED && atomic_load(&previous_ready[i])) {
        sigaction(sig, &previous[i], NULL);
    } else {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(sig, &dfl, NULL);
    }
}

// The signal stays blocked until the handler returns, so it is delivered to the restored
// handler only then, against the interrupted context, as the first time.
static void resend(int sig, siginfo_t *info) {
#ifdef __linux__
    // Re-queues the original siginfo (sender pid and code), which raise() would replace.
    if (syscall(SYS_rt_tgsigqueueinfo, getpid(), thread_id(), sig, info) == 0) return;
#else
    (void)info;
#endif
    raise(sig);
}

static void handler(int sig, siginfo_t *info, void *uc) {
    int saved_errno = errno;
    size_t i = signal_index(sig);
    long self = thread_id();
    long expected = 0;
    int report = atomic_compare_exchange_strong(&reporter, &expected, self);
    if (!report && expected == self) {
        // Re-entered on this thread while reporting (e.g. abort() inside the unwinder; a fault
        // of a blocked signal is turned into the default action by the kernel itself).
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigaction(sig, &dfl, NULL);
        if (sig == SIGABRT || info->si_code <= 0) resend(sig, info);
        errno = saved_errno;
        return;
    }
    // Another thread is reporting: wait for it (it usually ends the process), up to ~5 s,
    // so that two reports do not interleave.
    for (int waited = 0; !report && waited < 5000; waited++) {
        struct timespec ms = { 0, 1000000 };
        nanosleep(&ms, NULL);
        expected = 0;
        report = atomic_compare_exchange_strong(&reporter, &expected, self);
    }
    if (report) write_report(sig, info, uc);
    restore_previous(sig, i);
    if (report) atomic_store(&reporter, 0);
    if (sig == SIGABRT || info->si_code <= 0) resend(sig, info);
    errno = saved_errno;
}

// ---- Installation ---------------------------------------------------------------------

int wf_crash_install(int fd) {
    atomic_store(&report_fd, fd);  // a later call may redirect the report
    int result = 0;
    if (!atomic_load_explicit(&installed, memory_order_acquire)) {
        pthread_mutex_lock(&install_lock);
        if (!atomic_load_explicit(&installed, memory_order_relaxed)) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_sigaction = handler;
            sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
            // All of them blocked while reporting: a fault inside the handler then gets the
            // default action from the kernel at once instead of a recursive report.
            sigemptyset(&sa.sa_mask);
            for (size_t i = 0; i < NHANDLED; i++) sigaddset(&sa.sa_mask, handled[i]);
            size_t done = 0;
            while (done < NHANDLED && sigaction(handled[done], &sa, &previous[done]) == 0)
                atomic_store(&previous_ready[done++], 1);
            if (done < NHANDLED) {  // undo, so that a failure leaves things as they were
                int e = errno;
                while (done-- > 0) {
                    sigaction(handled[done], &previous[done], NULL);
                    atomic_store(&previous_ready[done], 0);
                }
                errno = e;
                result = -1;
            } else {
                atomic_store_explicit(&installed, 1, memory_order_release);
            }
        }
        pthread_mutex_unlock(&install_lock);
    }
    if (result != 0) return -1;
    // Without an altstack (ENOMEM) the handler is still there for every other fault.
    return wf_thread_ensure_altstack();
}

int wf_crash_installed(void) {
    return atomic_load_explicit(&installed, memory_order_acquire);
}
