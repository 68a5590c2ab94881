// Round-trip loops for the reference context switches (see SwitchBaselines.h).
#define _GNU_SOURCE
#include "SwitchBaselines.h"
#include "../../../CContext/include/wf_switch.h"

#include <stdlib.h>
#include <ucontext.h>

#define STACK_BYTES (256 * 1024)

// ---- CContext --------------------------------------------------------------------------

static void wf_echo(uintptr_t value, void *arg) {
    void **slots = arg;  // [0] = parent-link slot pointer, [1] = own resume slot
    for (;;) value = wf_context_switch((void **)slots[1], *(void **)slots[0], value + 1);
}

int baseline_wf_context_roundtrips(uint64_t n) {
    char *stack = malloc(STACK_BYTES);
    if (stack == NULL) return -1;
    void *top = (void *)(((uintptr_t)stack + STACK_BYTES) & ~(uintptr_t)15);
    void *slots[2] = {wf_context_parent_slot(top), wf_context_resume_slot(top)};
    *wf_context_resume_slot(top) = wf_context_make(top, wf_echo, slots);
    uintptr_t value = 0;
    for (uint64_t i = 0; i < n; i++)
        value = wf_context_switch(wf_context_parent_slot(top), *wf_context_resume_slot(top), value);
    free(stack);  // the context is abandoned while suspended; nothing on it needs unwinding
    return value == n ? 0 : -1;
}

// ---- boost.context ---------------------------------------------------------------------

typedef void *fcontext_t;
typedef struct { fcontext_t fctx; void *data; } transfer_t;
extern transfer_t jump_fcontext(fcontext_t const to, void *vp);
extern fcontext_t make_fcontext(void *sp, size_t size, void (*fn)(transfer_t));

static void boost_echo(transfer_t t) {
    for (;;) t = jump_fcontext(t.fctx, (void *)((uintptr_t)t.data + 1));
}

int baseline_boost_fcontext_roundtrips(uint64_t n) {
    char *stack = malloc(STACK_BYTES);
    if (stack == NULL) return -1;
    fcontext_t context = make_fcontext(stack + STACK_BYTES, STACK_BYTES, boost_echo);
    uintptr_t value = 0;
    for (uint64_t i = 0; i < n; i++) {
        transfer_t t = jump_fcontext(context, (void *)value);
        context = t.fctx;
        value = (uintptr_t)t.data;
    }
    free(stack);
    return value == n ? 0 : -1;
}

// ---- glibc swapcontext -----------------------------------------------------------------

static ucontext_t caller_context, echo_context;
static volatile uint64_t echo_value;

static void swap_echo(void) {
    for (;;) {
        echo_value++;
        swapcontext(&echo_context, &caller_context);
    }
}

int baseline_swapcontext_roundtrips(uint64_t n) {
    char *stack = malloc(STACK_BYTES);
    if (stack == NULL) return -1;
    getcontext(&echo_context);
    echo_context.uc_stack.ss_sp = stack;
    echo_context.uc_stack.ss_size = STACK_BYTES;
    echo_context.uc_link = NULL;
    makecontext(&echo_context, swap_echo, 0);
    echo_value = 0;
    for (uint64_t i = 0; i < n; i++) swapcontext(&caller_context, &echo_context);
    free(stack);
    return echo_value == n ? 0 : -1;
}
