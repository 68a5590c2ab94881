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

#ifdef __cplusplus
}
#endif
#endif
