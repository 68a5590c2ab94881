// CInterpreter: the dispatch of WebAssembly's internal code by direct threading.
//
// Every instruction record starts with one 64-bit word: the address of its handler shifted
// left by 16, ORed with the operator's number (`Op` in Swift), so that Swift code can still
// read a record's operator from its low bits. A handler runs its record, then jumps to the
// next record's handler by a guaranteed tail call: no shared dispatch branch, and no native
// stack growth from one instruction to the next.
//
// The handlers are `static inline` shells generated into `wf_handlers.inc`. Each calls the
// Swift body of its operator (`@_silgen_name("wf_body_<op>")`), inlined into the shell
// (ClangImporter emits the shell into the Swift module that references the handler table,
// where the bodies are defined). Branch decisions are taken here in C, so that each side of
// a branch ends in its own indirect jump (and the Swift body does not become a conditional
// move).
//
// Registers passed from handler to handler: `pc` (the current record), `fp` (slot 0 of the
// frame), `md`/`ms` (base and byte size of memory 0 when the fast memory path applies, else
// NULL/0), `cf` (the running `CompiledFunction`) and `cx` (the `ExecutionContext`, in the
// Swift context register).
#ifndef WF_CINTERPRETER_H
#define WF_CINTERPRETER_H
#include <stdbool.h>
#include <stdint.h>

/// The Swift calling conventions: `swiftasynccall` guarantees tail calls (and keeps the
/// handlers out of the optimiser's function merging, which would break them); the Swift
/// bodies use the plain Swift convention.
#define WF_SWIFTCC __attribute__((swiftcall))
#define WF_TAILCC __attribute__((swiftasynccall))
#define WF_CONTEXT __attribute__((swift_context))

/// Inlines the Swift body into its shell (a statement attribute since Clang 16).
#if defined(__clang__) && __clang_major__ >= 16
#define WF_INLINE [[clang::always_inline]]
#else
#define WF_INLINE
#endif

/// The signature every handler shares.
#define WF_HANDLER_PARAMETERS uint8_t *pc, uint64_t *fp, uint8_t *md, uint64_t ms, void *cf, WF_CONTEXT void *cx

/// An instruction handler.
typedef WF_TAILCC void (*wf_handler)(WF_HANDLER_PARAMETERS);

/// The handler of the record at `pc`.
static inline wf_handler wf_handler_at(const uint8_t *pc) {
    return (wf_handler)(uintptr_t)(*(const uint64_t *)pc >> 16);
}

/// Continues with the record at `pc` (a guaranteed tail call).
#define WF_NEXT() __attribute__((musttail)) return wf_handler_at(pc)(pc, fp, md, ms, cf, cx)

/// The record a branch operand at byte `offset` of the record at `pc` points to: the operand
/// is a signed 32-bit displacement from the operand's own address.
static inline uint8_t *wf_branch_target(uint8_t *pc, unsigned offset) {
    return pc + offset + *(const int32_t *)(pc + offset);
}

/// A handler whose body returns the next record.
#define WF_PLAIN(name)                                                                         \
    WF_TAILCC static inline void wf_op_##name(WF_HANDLER_PARAMETERS) {                         \
        WF_SWIFTCC uint8_t *wf_body_##name(uint8_t *, uint64_t *, uint8_t *, uint64_t, void *, void *); \
        WF_INLINE pc = wf_body_##name(pc, fp, md, ms, cf, cx);                                 \
        WF_NEXT();                                                                             \
    }

/// What a fallible body returns instead of a record when it failed: 0 when it kept its
/// error in the execution context itself, else the number of a trap (`QuickTrap` in Swift)
/// that `wf_fail` keeps. No record lives in the first page of memory.
#define WF_FAILURE_LIMIT 4096

/// The cold end of a failed handler, reached by a tail call so that the handler's hot path
/// makes no call (and needs no stack alignment or saved registers): keeps trap number `ms`
/// (if not 0) raised by the record at `pc`, then returns to `Executor.run`.
WF_TAILCC __attribute__((noinline, cold)) static void wf_fail(WF_HANDLER_PARAMETERS) {
    WF_SWIFTCC void wf_keep_trap(uint64_t, uint8_t *, void *, void *);
    (void)fp;
    (void)md;
    if (ms != 0) wf_keep_trap(ms, pc, cf, cx);
}

/// A handler whose body may fail: it returns a value below `WF_FAILURE_LIMIT` then, and the
/// shell continues at `wf_fail`, which returns to `Executor.run`.
#define WF_FALLIBLE(name)                                                                      \
    WF_TAILCC static inline void wf_op_##name(WF_HANDLER_PARAMETERS) {                         \
        WF_SWIFTCC uint8_t *wf_body_##name(uint8_t *, uint64_t *, uint8_t *, uint64_t, void *, void *); \
        uint8_t *next;                                                                         \
        WF_INLINE next = wf_body_##name(pc, fp, md, ms, cf, cx);                               \
        if (__builtin_expect((uintptr_t)next < WF_FAILURE_LIMIT, 0)) {                         \
            __attribute__((musttail)) return wf_fail(pc, fp, md, (uint64_t)(uintptr_t)next, cf, cx); \
        }                                                                                      \
        pc = next;                                                                             \
        WF_NEXT();                                                                             \
    }

/// A handler whose body may change the registers: memory 0's size (calls, `memory.grow`,
/// `resume`…), or the running function and its memory (tail calls).
#define WF_RELOAD(name)                                                                        \
    WF_TAILCC static inline void wf_op_##name(WF_HANDLER_PARAMETERS) {                         \
        WF_SWIFTCC uint8_t *wf_body_##name(uint8_t *, uint64_t *, uint8_t **, uint64_t *, void **, void *); \
        WF_INLINE pc = wf_body_##name(pc, fp, &md, &ms, &cf, cx);                              \
        if (__builtin_expect(pc == 0, 0)) return;                                              \
        WF_NEXT();                                                                             \
    }

/// A conditional branch: the body decides, the shell continues at the target (the operand at
/// byte `target`) or after the record (`size` bytes).
#define WF_BRANCH(name, target, size)                                                          \
    WF_TAILCC static inline void wf_op_##name(WF_HANDLER_PARAMETERS) {                         \
        WF_SWIFTCC bool wf_body_##name(uint8_t *, uint64_t *, uint8_t *, uint64_t, void *, void *); \
        bool taken;                                                                            \
        WF_INLINE taken = wf_body_##name(pc, fp, md, ms, cf, cx);                              \
        if (taken) {                                                                           \
            pc = wf_branch_target(pc, target);                                                 \
            WF_NEXT();                                                                         \
        }                                                                                      \
        pc += size;                                                                            \
        WF_NEXT();                                                                             \
    }

/// A handler that ends the run (`ret`, the exit record).
#define WF_RETURN(name)                                                                        \
    WF_TAILCC static inline void wf_op_##name(WF_HANDLER_PARAMETERS) {                         \
        WF_SWIFTCC void wf_body_##name(uint8_t *, uint64_t *, uint8_t *, uint64_t, void *, void *); \
        WF_INLINE wf_body_##name(pc, fp, md, ms, cf, cx);                                      \
    }

#include "wf_handlers.inc"

/// `f64.sqrt` as the hardware's instruction: no `errno` check and libm call for negative
/// operands (what `squareRoot()` compiles to on Linux, where C keeps `math-errno`).
static inline double wf_sqrt_f64(double x) {
#if __has_builtin(__builtin_elementwise_sqrt)
    return __builtin_elementwise_sqrt(x);
#else
    return __builtin_sqrt(x);
#endif
}

/// `f32.sqrt` as the hardware's instruction (see `wf_sqrt_f64`).
static inline float wf_sqrt_f32(float x) {
#if __has_builtin(__builtin_elementwise_sqrt)
    return __builtin_elementwise_sqrt(x);
#else
    return __builtin_sqrtf(x);
#endif
}

/// A word that is always 0: the size of memory 0 for code that has no fast memory path.
static inline const uintptr_t *wf_zero_word(void) {
    static const uintptr_t zero = 0;
    return &zero;
}

/// Runs code from the record at `pc` until a handler returns (`ret`, the exit record, or a
/// failure that kept its error in the execution context).
static inline void wf_run(void *pc, uint64_t *fp, void *md, uint64_t ms, void *cf, void *cx) {
    wf_handler_at((uint8_t *)pc)((uint8_t *)pc, fp, (uint8_t *)md, ms, cf, cx);
}

#endif
