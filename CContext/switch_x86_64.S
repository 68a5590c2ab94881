/*
 * Context switch for x86_64, System V ABI (Linux, macOS).
 *
 * A suspended context is its stack pointer. Below it, on its own stack, lies the frame that
 * wf_context_switch pushed when it was suspended:
 *
 *        higher addresses
 *        +56  return address  (where the context continues)
 *        +48  rbp
 *        +40  rbx
 *        +32  r12
 *        +24  r13
 *        +16  r14
 *        +8   r15
 *        +0   MXCSR (4 bytes) | x87 control word (2 bytes) | unused (2 bytes)
 *   sp → (saved stack pointer)
 *
 * These are exactly the registers the ABI says survive a call (rsp is the saved pointer
 * itself); MXCSR's control bits and the x87 control word are callee-saved too. The return
 * MXCSR and the x87 control word are loaded only when the target's control bits differ from
 * the current ones (see .Lrestore). The return
 * is a pop + indirect jmp rather than `ret`: a `ret` to a different stack always mispredicts
 * the return-stack buffer, which measured ~8 ns more per switch on our machines.
 *
 * A fresh context (wf_context_make) gets a fake frame whose "return address" is the entry
 * trampoline, with r12 = entry function and r13 = its argument. Its stack top looks like:
 *
 *        top-8    resume slot        (the context's own stack pointer while suspended)
 *        top-16   parent-link slot   (the resumer's saved stack pointer)
 *
 * The trampoline's CFI computes its caller's frame through the parent-link slot, so an
 * unwinder walks from a fiber into whoever resumed it. Boundary, decided: frames above a
 * fiber's trampoline are the frames of its most recent resumer, at its call of
 * wf_context_switch.
 */

#if defined(__x86_64__)

#if defined(__APPLE__)
#define SYM(name) _##name
#define FUNC(name) .globl SYM(name); .private_extern SYM(name); .p2align 4; SYM(name):
#define LOCAL_FUNC(name) .p2align 4; SYM(name):
#define END(name)
#else
#define SYM(name) name
#define FUNC(name) .globl name; .hidden name; .type name, @function; .p2align 4; name:
#define LOCAL_FUNC(name) .type name, @function; .p2align 4; name:
#define END(name) .size name, . - name
#endif

    .text

/* uintptr_t wf_context_switch(void **save, void *target, uintptr_t value)
 *                             rdi          rsi           rdx            -> rax */
FUNC(wf_context_switch)
    .cfi_startproc
    pushq   %rbp
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %rbp, 0
    pushq   %rbx
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %rbx, 0
    pushq   %r12
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r12, 0
    pushq   %r13
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r13, 0
    pushq   %r14
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r14, 0
    pushq   %r15
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %r15, 0
    subq    $8, %rsp
    .cfi_adjust_cfa_offset 8
    stmxcsr (%rsp)
    fnstcw  4(%rsp)
    movl    (%rsp), %r8d            /* keep our control state in scratch registers, to */
    movzwl  4(%rsp), %r9d           /* compare with the target's below                */

    movq    %rsp, (%rdi)            /* publish where this context can be resumed */
    movq    %rsi, %rsp              /* from here on we are on the target's stack; its frame */
                                    /* has the same layout, so the CFI above stays true   */
    movq    %rdx, %rax              /* the value travels in rax (return value) ...        */
    movq    %rdx, %rdi              /* ... and rdi (first argument of a fresh entry)       */

.Lrestore:
    .cfi_remember_state
    /* Load the target's MXCSR and x87 control word only when they differ from ours.
     * ldmxcsr measured ~90 ns here whenever the value changed, and the sticky status flags
     * (MXCSR bits 0-5, caller-saved by the ABI) differ between contexts all the time, so
     * only the control bits (6-15) are compared. r8d = our MXCSR, r9w = our x87 CW. */
    xorl    (%rsp), %r8d
    testl   $0xffc0, %r8d
    jnz     .Lload_mxcsr
.Lmxcsr_done:
    cmpw    4(%rsp), %r9w
    jne     .Lload_fcw
.Lfcw_done:
    addq    $8, %rsp
    .cfi_adjust_cfa_offset -8
    popq    %r15
    .cfi_adjust_cfa_offset -8
    .cfi_restore %r15
    popq    %r14
    .cfi_adjust_cfa_offset -8
    .cfi_restore %r14
    popq    %r13
    .cfi_adjust_cfa_offset -8
    .cfi_restore %r13
    popq    %r12
    .cfi_adjust_cfa_offset -8
    .cfi_restore %r12
    popq    %rbx
    .cfi_adjust_cfa_offset -8
    .cfi_restore %rbx
    popq    %rbp
    .cfi_adjust_cfa_offset -8
    .cfi_restore %rbp
    popq    %rcx                    /* the address the target continues at */
    .cfi_adjust_cfa_offset -8
    .cfi_register %rip, %rcx
    jmpq    *%rcx

    /* Out of line: the control state rarely differs. CFA rules here are those of .Lrestore. */
    .cfi_restore_state
.Lload_mxcsr:
    ldmxcsr (%rsp)
    jmp     .Lmxcsr_done
.Lload_fcw:
    fldcw   4(%rsp)
    jmp     .Lfcw_done
    .cfi_endproc
END(wf_context_switch)

/* void wf_context_exit(void *target, uintptr_t value)   rdi, rsi   (never returns) */
FUNC(wf_context_exit)
    .cfi_startproc
    .cfi_undefined %rip             /* the abandoned stack has nothing worth unwinding */
    stmxcsr -8(%rsp)                /* our control state, as .Lrestore expects it */
    fnstcw  -4(%rsp)
    movl    -8(%rsp), %r8d
    movzwl  -4(%rsp), %r9d
    movq    %rdi, %rsp
    movq    %rsi, %rax
    movq    %rsi, %rdi
    /* Reach the restore sequence with the CFA rules it expects (a full saved frame). */
    .cfi_def_cfa %rsp, 64
    .cfi_offset %rip, -8
    jmp     .Lrestore
    .cfi_endproc
END(wf_context_exit)

/* The first code a fresh context runs: rdi = value of the first switch, r12 = entry,
 * r13 = arg. rsp = top - 16, which holds the parent-link slot, 16-byte aligned. */
LOCAL_FUNC(wf_context_trampoline)
    .cfi_startproc
    /* CFA := *(rsp + 0) + 64: the resumer's stack pointer after its wf_context_switch frame.
     * DW_CFA_def_cfa_expression, 5 bytes: DW_OP_breg7(rsp) 0, DW_OP_deref, DW_OP_plus_uconst 64 */
    .cfi_escape 0x0f, 0x05, 0x77, 0x00, 0x06, 0x23, 0x40
    .cfi_offset %rip, -8
    .cfi_offset %rbp, -16
    .cfi_offset %rbx, -24
    .cfi_offset %r12, -32
    .cfi_offset %r13, -40
    .cfi_offset %r14, -48
    .cfi_offset %r15, -56
    movq    %r13, %rsi
    callq   *%r12
    ud2                             /* an entry function must never return */
    .cfi_endproc
END(wf_context_trampoline)

/* void *wf_context_make(void *stack_top, wf_entry_fn entry, void *arg)   rdi, rsi, rdx */
FUNC(wf_context_make)
    .cfi_startproc
    movq    %rdi, %rax
    andq    $-16, %rax
    movq    $0, -8(%rax)                    /* resume slot */
    movq    $0, -16(%rax)                   /* parent-link slot: no resumer yet */
    leaq    wf_context_trampoline(%rip), %rcx
    movq    %rcx, -24(%rax)                 /* +56 return address → trampoline */
    movq    $0, -32(%rax)                   /* +48 rbp (0 ends frame-pointer walks) */
    movq    $0, -40(%rax)                   /* +40 rbx */
    movq    %rsi, -48(%rax)                 /* +32 r12 = entry */
    movq    %rdx, -56(%rax)                 /* +24 r13 = arg */
    movq    $0, -64(%rax)                   /* +16 r14 */
    movq    $0, -72(%rax)                   /* +8  r15 */
    movq    $0, -80(%rax)
    stmxcsr -80(%rax)                       /* +0  the creator's MXCSR and x87 CW */
    fnstcw  -76(%rax)
    subq    $80, %rax
    ret
    .cfi_endproc
END(wf_context_make)

#endif /* __x86_64__ */

#if defined(__linux__) && defined(__ELF__)
    .section .note.GNU-stack,"",%progbits
#endif
