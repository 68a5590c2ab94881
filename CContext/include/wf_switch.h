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
// The sanitizers keep per-context state and must be told about every switch:
// - ThreadSanitizer keeps a shadow stack and clocks per context; unannotated, it reads one
//   context's state on another's stack.
// - AddressSanitizer keeps the bounds of the running stack (when a function that never returns
//   is called it unpoisons from the stack pointer up to the top, and with bounds that are not
//   the running stack's it refuses, printing "ASan is ignoring requested
//   __asan_handle_no_return") and, for detect_stack_use_after_return, a "fake stack" per
//   context. Unannotated, it takes every fiber for the thread's own stack.
// These hooks are empty in normal builds and compile to nothing; with -fsanitize=thread
// (`make test-tsan`) or -fsanitize=address (`make test-asan`), which those targets pass to the
// C layer and to Swift's C importer, they call that sanitizer's fiber API.
// They are always inlined: TSan's own function-entry/exit records of an out-of-line hook would
// land on the wrong context's shadow stack. Call the leaving side's hooks directly before the
// switch, with no function returning in between, and wf_sanitizer_finish_switch first thing
// after arriving. They take and return values, never addresses of the caller's locals: in
// Swift an address-taken local costs a stack protector even where the hook is empty.
//
// The protocol, on every switch (the two sanitizers are never in one build; both sets of calls
// are made, the other sanitizer's compile to nothing):
//
//   leaving side:  wf_sanitizer_switch_to(the target's TSan state)
//                  fake = wf_sanitizer_start_switch(the target's stack)
//                  -- wf_context_switch --
//                  (or, when the leaving context ends for good, as a fiber's final
//                   wf_context_exit: wf_sanitizer_start_final_switch(the target's stack))
//   arriving side: from = wf_sanitizer_finish_switch(fake saved when it last left; NULL on
//                                                     its first arrival)
//
// A fiber keeps `from`, its resumer's stack, to switch back: it learns it on every arrival,
// since it may be resumed from another stack each time (a thread's, another fiber's).

#define WF_SANITIZER_HOOK static inline __attribute__((always_inline))

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WF_THREAD_SANITIZER 1
#endif
#if __has_feature(address_sanitizer)
#define WF_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) && !defined(WF_THREAD_SANITIZER)    // GCC's spelling
#define WF_THREAD_SANITIZER 1
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(WF_ADDRESS_SANITIZER)  // GCC's spelling
#define WF_ADDRESS_SANITIZER 1
#endif

#ifdef WF_THREAD_SANITIZER
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
#endif

#ifdef WF_ADDRESS_SANITIZER
#if defined(__has_include)
#if __has_include(<sanitizer/common_interface_defs.h>)
#include <sanitizer/common_interface_defs.h>
#define WF_HAVE_SANITIZER_INTERFACE 1
#endif
#endif
#ifndef WF_HAVE_SANITIZER_INTERFACE
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old,
                                     size_t *size_old);
#endif
#endif

/// A stack's bounds as AddressSanitizer wants them: [`bottom`, `bottom` + `size`).
typedef struct wf_sanitizer_stack {
    const void *bottom;
    size_t size;
} wf_sanitizer_stack;

/// What a context keeps about the context that last resumed it, to switch back to it under a
/// sanitizer. Unused (all zero) in normal builds.
typedef struct wf_sanitizer_resumer {
    void *fiber;              ///< ThreadSanitizer: the resumer's fiber
    wf_sanitizer_stack stack; ///< AddressSanitizer: the resumer's stack
} wf_sanitizer_resumer;

/// 1 when built with a sanitizer that keeps state per context: ThreadSanitizer (a shadow stack
/// per context) or AddressSanitizer (a fake stack per context that uses one). Tests that hold
/// 100,000 contexts scale down under them; the switch path does its sanitizer bookkeeping only
/// when this is 1 (a constant: the bookkeeping is gone from normal builds).
WF_SANITIZER_HOOK int wf_sanitizer_tracks_contexts(void) {
#if defined(WF_THREAD_SANITIZER) || defined(WF_ADDRESS_SANITIZER)
    return 1;
#else
    return 0;
#endif
}

/// The TSan state of the running context (NULL in other builds).
WF_SANITIZER_HOOK void *wf_sanitizer_current(void) {
#ifdef WF_THREAD_SANITIZER
    return __tsan_get_current_fiber();
#else
    return NULL;
#endif
}

/// Makes TSan state for a new context (NULL in other builds).
WF_SANITIZER_HOOK void *wf_sanitizer_create(void) {
#ifdef WF_THREAD_SANITIZER
    return __tsan_create_fiber(0);
#else
    return NULL;
#endif
}

/// Frees the TSan state of a context that will never run again.
WF_SANITIZER_HOOK void wf_sanitizer_destroy(void *state) {
#ifdef WF_THREAD_SANITIZER
    if (state != NULL) __tsan_destroy_fiber(state);
#else
    (void)state;
#endif
}

/// TSan: call right before switching to the context whose state this is.
WF_SANITIZER_HOOK void wf_sanitizer_switch_to(void *state) {
#ifdef WF_THREAD_SANITIZER
    if (state != NULL) __tsan_switch_to_fiber(state, 0);
#else
    (void)state;
#endif
}

/// ASan: call right before switching to a context that runs on `target`. Returns the current
/// context's fake stack, to be handed to wf_sanitizer_finish_switch when the current context
/// is resumed (NULL in other builds).
WF_SANITIZER_HOOK void *wf_sanitizer_start_switch(wf_sanitizer_stack target) {
#ifdef WF_ADDRESS_SANITIZER
    void *fake_stack = NULL;
    __sanitizer_start_switch_fiber(&fake_stack, target.bottom, target.size);
    return fake_stack;
#else
    (void)target;
    return NULL;
#endif
}

/// ASan: call right before the last switch of a context that ends for good (a fiber's final
/// wf_context_exit) to a context that runs on `target`: the ending context's fake stack is freed.
WF_SANITIZER_HOOK void wf_sanitizer_start_final_switch(wf_sanitizer_stack target) {
#ifdef WF_ADDRESS_SANITIZER
    __sanitizer_start_switch_fiber(NULL, target.bottom, target.size);
#else
    (void)target;
#endif
}

/// ASan: call first thing after arriving on a context, with the fake stack that its own
/// wf_sanitizer_start_switch returned when it left (NULL on its first arrival). Returns the
/// stack the switch came from (zero in other builds).
WF_SANITIZER_HOOK wf_sanitizer_stack wf_sanitizer_finish_switch(void *fake_stack) {
#ifdef WF_ADDRESS_SANITIZER
    wf_sanitizer_stack from;   // both fields written by ASan (no initializing call before it)
    __sanitizer_finish_switch_fiber(fake_stack, &from.bottom, &from.size);
    return from;
#else
    (void)fake_stack;
    wf_sanitizer_stack none = {NULL, 0};
    return none;
#endif
}

#ifdef __cplusplus
}
#endif
#endif
