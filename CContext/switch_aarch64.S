/*
 * Context switch for aarch64, AAPCS64 (Linux, macOS).
 *
 * A suspended context is its stack pointer. Below it, on its own stack, lies the 176-byte
 * frame that wf_context_switch pushed when it was suspended:
 *
 *        higher addresses
 *        +160  FPCR      | unused
 *        +144  d14       | d15
 *        +128  d12       | d13
 *        +112  d10       | d11
 *        +96   d8        | d9
 *        +80   x29 (fp)  | x30 (lr: where the context continues)
 *        +64   x27       | x28
 *        +48   x25       | x26
 *        +32   x23       | x24
 *        +16   x21       | x22
 *        +0    x19       | x20
 *   sp → (saved stack pointer, 16-byte aligned)
 *
 * AAPCS64 makes x19–x28, the frame pointer x29, sp and the low 64 bits of v8–v15 (d8–d15)
 * callee-saved; FPCR (rounding mode, flush-to-zero) is part of the state a callee must
 * preserve. x18 is the platform register and is left alone.
 *
 * A fresh context (wf_context_make) gets a fake frame with x30 = the entry trampoline,
 * x19 = entry function, x20 = its argument. Its stack top holds:
 *
 *        top-8    resume slot        (the context's own stack pointer while suspended)
 *        top-16   parent-link slot   (the resumer's saved stack pointer)
 *
 * The trampoline's CFI computes its caller's frame through the parent-link slot, so an
 * unwinder walks from a fiber into whoever resumed it (the frames of the most recent
 * resumer, at its call of wf_context_switch).
 */

#if defined(__aarch64__)

#if defined(__APPLE__)
#define SYM(name) _##name
#define FUNC(name) .globl SYM(name); .private_extern SYM(name); .p2align 4; SYM(name):
#define LOCAL_FUNC(name) .p2align 4; SYM(name):
#define END(name)
#define ADDR_OF(reg, name) adrp reg, SYM(name)@PAGE; add reg, reg, SYM(name)@PAGEOFF
#else
#define SYM(name) name
#define FUNC(name) .globl name; .hidden name; .type name, %function; .p2align 4; name:
#define LOCAL_FUNC(name) .globl name; .hidden name; .type name, %function; .p2align 4; name:
#define END(name) .size name, . - name
#define ADDR_OF(reg, name) adrp reg, name; add reg, reg, :lo12:name
#endif

    .text

/* uintptr_t wf_context_switch(void **save, void *target, uintptr_t value)
 *                             x0           x1            x2             -> x0 */
FUNC(wf_context_switch)
    .cfi_startproc
    sub     sp, sp, #176
    .cfi_def_cfa_offset 176
    stp     x19, x20, [sp, #0]
    stp     x21, x22, [sp, #16]
    stp     x23, x24, [sp, #32]
    stp     x25, x26, [sp, #48]
    stp     x27, x28, [sp, #64]
    stp     x29, x30, [sp, #80]
    .cfi_offset x19, -176
    .cfi_offset x20, -168
    .cfi_offset x21, -160
    .cfi_offset x22, -152
    .cfi_offset x23, -144
    .cfi_offset x24, -136
    .cfi_offset x25, -128
    .cfi_offset x26, -120
    .cfi_offset x27, -112
    .cfi_offset x28, -104
    .cfi_offset x29, -96
    .cfi_offset x30, -88
    stp     d8,  d9,  [sp, #96]
    stp     d10, d11, [sp, #112]
    stp     d12, d13, [sp, #128]
    stp     d14, d15, [sp, #144]
    .cfi_offset d8,  -80
    .cfi_offset d9,  -72
    .cfi_offset d10, -64
    .cfi_offset d11, -56
    .cfi_offset d12, -48
    .cfi_offset d13, -40
    .cfi_offset d14, -32
    .cfi_offset d15, -24
    mrs     x9, fpcr
    str     x9, [sp, #160]

    mov     x10, sp
    str     x10, [x0]               /* publish where this context can be resumed */
    mov     sp, x1                  /* now on the target's stack; same frame layout */
    mov     x0, x2                  /* the value: return value, and first argument of */
                                    /* a fresh entry                                   */
.Lrestore:
    /* x9 = our FPCR. Writing FPCR can serialize the pipeline, and it almost never differs
     * between contexts, so it is written only when it does. */
    ldr     x10, [sp, #160]
    cmp     x9, x10
    b.eq    1f
    msr     fpcr, x10
1:
    ldp     d8,  d9,  [sp, #96]
    ldp     d10, d11, [sp, #112]
    ldp     d12, d13, [sp, #128]
    ldp     d14, d15, [sp, #144]
    ldp     x19, x20, [sp, #0]
    ldp     x21, x22, [sp, #16]
    ldp     x23, x24, [sp, #32]
    ldp     x25, x26, [sp, #48]
    ldp     x27, x28, [sp, #64]
    ldp     x29, x30, [sp, #80]
    add     sp, sp, #176
    .cfi_def_cfa_offset 0
    .cfi_restore x19
    .cfi_restore x20
    .cfi_restore x21
    .cfi_restore x22
    .cfi_restore x23
    .cfi_restore x24
    .cfi_restore x25
    .cfi_restore x26
    .cfi_restore x27
    .cfi_restore x28
    .cfi_restore x29
    .cfi_restore x30
    .cfi_restore d8
    .cfi_restore d9
    .cfi_restore d10
    .cfi_restore d11
    .cfi_restore d12
    .cfi_restore d13
    .cfi_restore d14
    .cfi_restore d15
    ret
    .cfi_endproc
END(wf_context_switch)

/* void wf_context_exit(void *target, uintptr_t value)   x0, x1   (never returns) */
FUNC(wf_context_exit)
    .cfi_startproc
    .cfi_undefined x30              /* the abandoned stack has nothing worth unwinding */
    mrs     x9, fpcr                /* our FPCR, as .Lrestore expects it */
    mov     sp, x0
    mov     x0, x1
    b       .Lrestore
    .cfi_endproc
END(wf_context_exit)

/* The first code a fresh context runs: x0 = value of the first switch, x19 = entry,
 * x20 = arg, sp = top - 16 (holding the parent-link slot). */
LOCAL_FUNC(wf_context_trampoline)
    .cfi_startproc
    /* CFA := *(sp + 0) + 176: the resumer's sp after its wf_context_switch frame.
     * DW_CFA_def_cfa_expression, 6 bytes: DW_OP_breg31(sp) 0, DW_OP_deref,
     * DW_OP_plus_uconst 176 (ULEB128 0xb0 0x01) */
    .cfi_escape 0x0f, 0x06, 0x8f, 0x00, 0x06, 0x23, 0xb0, 0x01
    .cfi_offset x19, -176
    .cfi_offset x20, -168
    .cfi_offset x21, -160
    .cfi_offset x22, -152
    .cfi_offset x23, -144
    .cfi_offset x24, -136
    .cfi_offset x25, -128
    .cfi_offset x26, -120
    .cfi_offset x27, -112
    .cfi_offset x28, -104
    .cfi_offset x29, -96
    .cfi_offset x30, -88
    .cfi_offset d8,  -80
    .cfi_offset d9,  -72
    .cfi_offset d10, -64
    .cfi_offset d11, -56
    .cfi_offset d12, -48
    .cfi_offset d13, -40
    .cfi_offset d14, -32
    .cfi_offset d15, -24
    mov     x1, x20
    blr     x19
    brk     #0                      /* an entry function must never return */
    .cfi_endproc
END(wf_context_trampoline)

/* void *wf_context_make(void *stack_top, wf_entry_fn entry, void *arg)   x0, x1, x2 */
FUNC(wf_context_make)
    .cfi_startproc
    and     x9, x0, #~15
    stp     xzr, xzr, [x9, #-16]            /* parent-link slot and resume slot */
    sub     x0, x9, #(16 + 176)             /* the fake saved frame */
    stp     x1, x2, [x0, #0]                /* x19 = entry, x20 = arg */
    stp     xzr, xzr, [x0, #16]
    stp     xzr, xzr, [x0, #32]
    stp     xzr, xzr, [x0, #48]
    stp     xzr, xzr, [x0, #64]
    ADDR_OF(x10, wf_context_trampoline)
    stp     xzr, x10, [x0, #80]             /* x29 = 0 ends frame-pointer walks; x30 */
    stp     xzr, xzr, [x0, #96]
    stp     xzr, xzr, [x0, #112]
    stp     xzr, xzr, [x0, #128]
    stp     xzr, xzr, [x0, #144]
    mrs     x10, fpcr                       /* the creator's FPCR */
    stp     x10, xzr, [x0, #160]
    ret
    .cfi_endproc
END(wf_context_make)

#endif /* __aarch64__ */

#if defined(__linux__) && defined(__ELF__)
    .section .note.GNU-stack,"",%progbits
#endif
