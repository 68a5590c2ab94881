// The context switch.
//
// A suspended context is nothing but a stack pointer: the switch pushes the callee-saved
// registers (and the floating-point control state) on the current stack, stores the stack
// pointer, loads the target's, pops its registers and jumps to where it left off. One
// pointer-sized value travels across every switch.
//
// These functions are implemented in assembly (switch_x86_64.S, switch_aarch64.S) and are
// called directly from Swift: an out-of-line C wrapper would double the cost of a switch.
#ifndef WF_SWITCH_H
#define WF_SWITCH_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The function a fresh context starts in. `value` is what the first switch into the
/// context carried; `arg` is what was given to `wf_context_make`. It must never return:
/// a context ends by `wf_context_exit` to another one.
typedef void (*wf_entry_fn)(uintptr_t value, void *arg);

/// Saves the current context, storing its stack pointer in `*save`, and resumes the context
/// whose stack pointer is `target`. Returns the value carried by the switch that later
/// resumes the saved context.
uintptr_t wf_context_switch(void **save, void *target, uintptr_t value);

/// Resumes `target` without saving the current context (the current stack is abandoned).
__attribute__((noreturn)) void wf_context_exit(void *target, uintptr_t value);

/// Bytes reserved at the top of every stack made by `wf_context_make`: the parent-link
/// slot and the resume slot (see below).
#define WF_CONTEXT_TOP_RESERVED 16

/// Prepares a fresh context on the stack whose highest address is `stack_top` (16-byte
/// aligned). The first switch to the returned stack pointer calls `entry(value, arg)`.
///
/// The first word below the top is the *parent-link slot*: whoever switches into this
/// context must save its own stack pointer there (`wf_context_switch(slot, sp, v)`). The
/// entry trampoline's unwind information reads that slot, so debuggers, libunwind and the
/// Swift backtracer walk from the context's frames into the frames of its resumer.
void *wf_context_make(void *stack_top, wf_entry_fn entry, void *arg);

/// The parent-link slot of a stack prepared by `wf_context_make` (at `stack_top - 16`).
static inline void **wf_context_parent_slot(void *stack_top) {
    return (void **)((char *)stack_top - 16);
}

/// The resume slot of a stack prepared by `wf_context_make` (at `stack_top - 8`): where the
/// context's own stack pointer is kept while it is suspended. Keeping both slots in the
/// stack's memory lets callers switch with plain pointers (no language-level access to an
/// object's fields stays open across a switch).
static inline void **wf_context_resume_slot(void *stack_top) {
    return (void **)((char *)stack_top - 8);
}

/// The current stack pointer (approximately: the address of a local of the caller's frame).
/// The interpreter compares it against a stack's limit to trap before overflowing.
static inline __attribute__((always_inline)) uintptr_t wf_stack_pointer(void) {
    return (uintptr_t)__builtin_frame_address(0);
}

// ---- Sanitizer bookkeeping ----------------------------------------------------------------
// ThreadSanitizer keeps per-context state (its shadow stack, its clocks): it must be told
// about every switch, or it reads one context's state on another's stack. These hooks are
// empty in normal builds and compile to nothing; with -fsanitize=thread (`make test-tsan`,
// which passes it to the C layer and to Swift's C importer) they call TSan's fiber API.
// They are always inlined: TSan's own function-entry/exit records of an out-of-line hook would
// land on the wrong context's shadow stack. Call wf_sanitizer_switch_to directly before the
// switch, with no function returning in between.

#define WF_SANITIZER_HOOK static inline __attribute__((always_inline))

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WF_THREAD_SANITIZER 1
#endif
#endif

#ifdef WF_THREAD_SANITIZER
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
#endif

/// 1 when built with ThreadSanitizer (which allocates a shadow stack per context, so tests
/// that hold 100,000 contexts scale down under it).
WF_SANITIZER_HOOK int wf_sanitizer_tracks_contexts(void) {
#ifdef WF_THREAD_SANITIZER
    return 1;
#else
    return 0;
#endif
}

/// The sanitizer state of the running context (NULL in normal builds).
WF_SANITIZER_HOOK void *wf_sanitizer_current(void) {
#ifdef WF_THREAD_SANITIZER
    return __tsan_get_current_fiber();
#else
    return NULL;
#endif
}

/// Makes sanitizer state for a new context (NULL in normal builds).
WF_SANITIZER_HOOK void *wf_sanitizer_create(void) {
#ifdef WF_THREAD_SANITIZER
    return __tsan_create_fiber(0);
#else
    return NULL;
#endif
}

/// Frees the state of a context that will never run again.
WF_SANITIZER_HOOK void wf_sanitizer_destroy(void *state) {
#ifdef WF_THREAD_SANITIZER
    if (state != NULL) __tsan_destroy_fiber(state);
#else
    (void)state;
#endif
}

/// Call right before switching to the context whose state this is.
WF_SANITIZER_HOOK void wf_sanitizer_switch_to(void *state) {
#ifdef WF_THREAD_SANITIZER
    if (state != NULL) __tsan_switch_to_fiber(state, 0);
#else
    (void)state;
#endif
}

#ifdef __cplusplus
}
#endif
#endif
