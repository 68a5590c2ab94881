// Native backtraces with libunwind (local unwinding, by DWARF CFI rather than frame
// pointers, so frames built with --omit-frame-pointers and the fiber entry trampoline, whose
// CFI leads into the resumer's stack, are walked too). The frame printer here is also the
// one the fault handler uses, so it keeps to async-signal-safe calls.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "crash_internal.h"
#include "wf_crash.h"

/// The name and offset of the cursor's frame; "" and 0 when unknown. A name too long for
/// the buffer comes back truncated (libunwind says -UNW_ENOMEM but still fills it).
static void frame_name(unw_cursor_t *c, char *name, size_t size, uintptr_t *offset) {
    unw_word_t off = 0;
    int r = unw_get_proc_name(c, name, size, &off);
    // nongnu libunwind returns -UNW_ENOMEM, LLVM's (macOS) UNW_ENOMEM, itself negative.
    if (r != 0 && r != -UNW_ENOMEM && r != UNW_ENOMEM) { name[0] = '\0'; off = 0; }
    name[size - 1] = '\0';
    *offset = (uintptr_t)off;
}

/// Reads the cursor's ip and sp; 0 when there is no frame, or when the walk made no progress
/// (same ip and sp as the previous frame: a corrupt stack or bad CFI would loop).
static int frame_regs(unw_cursor_t *c, int first, unw_word_t *ip, unw_word_t *sp) {
    unw_word_t new_ip = 0, new_sp = 0;
    if (unw_get_reg(c, UNW_REG_IP, &new_ip) < 0 || new_ip == 0) return 0;
    (void)unw_get_reg(c, UNW_REG_SP, &new_sp);
    if (!first && new_ip == *ip && new_sp == *sp) return 0;
    *ip = new_ip;
    *sp = new_sp;
    return 1;
}

/// Steps to the next frame; 0 at the end. A libunwind error is kept in `*error`.
static int next_frame(unw_cursor_t *c, unw_word_t *ip, unw_word_t *sp, int *error) {
    int r = unw_step(c);
    if (r < 0) *error = r;
    return r > 0 && frame_regs(c, 0, ip, sp);
}

static void write_frame(wf_out *o, unw_cursor_t *c, size_t index, unw_word_t ip) {
    char name[256];
    uintptr_t off;
    frame_name(c, name, sizeof name, &off);
    wf_out_str(o, "  #");
    wf_out_dec(o, (long)index);
    wf_out_str(o, index < 10 ? "    " : index < 100 ? "   " : index < 1000 ? "  " : " ");
    wf_out_hex(o, (uintptr_t)ip, 2 * (int)sizeof(uintptr_t));
    wf_out_char(o, ' ');
    if (name[0]) {
        wf_out_str(o, name);
        wf_out_char(o, '+');
        wf_out_hex(o, off, 0);
    } else {
        wf_out_str(o, "??");
    }
    wf_out_char(o, '\n');
}

// A deep recursion (the usual stack overflow) has its interesting frames at both ends: the
// one that recursed, and the fiber entry and host frames below it. So a long walk is
// counted first, then printed as its first HEAD and last TAIL frames.
#define HEAD (WF_BACKTRACE_MAX_FRAMES * 3 / 4)
#define TAIL (WF_BACKTRACE_MAX_FRAMES - HEAD)
#define WALK_LIMIT 100000  // frames counted at most: beyond, assume the walk is looping

size_t wf_write_frames(wf_out *o, unw_cursor_t *c) {
    unw_cursor_t start = *c;  // cursors are plain memory: a copy restarts the walk
    unw_word_t ip = 0, sp = 0;
    int error = 0;
    size_t total = 0;
    if (frame_regs(c, 1, &ip, &sp))
        for (total = 1; total < WALK_LIMIT && next_frame(c, &ip, &sp, &error); total++) {}
    int endless = total == WALK_LIMIT;
    size_t head = total <= WF_BACKTRACE_MAX_FRAMES ? total : endless ? WF_BACKTRACE_MAX_FRAMES : HEAD;
    size_t tail_start = total <= WF_BACKTRACE_MAX_FRAMES || endless ? total : total - TAIL;

    *c = start;
    int ignored = 0;
    for (size_t n = 0; n < total; n++) {
        if (n == 0 ? !frame_regs(c, 1, &ip, &sp) : !next_frame(c, &ip, &sp, &ignored)) break;
        if (n < head || n >= tail_start) write_frame(o, c, n, ip);
        else if (n == head) {
            wf_out_str(o, "  ... ");
            wf_out_dec(o, (long)(tail_start - head));
            wf_out_str(o, " frames not shown ...\n");
        }
        if (endless && n + 1 == head) {
            wf_out_str(o, "  ... (more frames not shown: the walk does not end)\n");
            break;
        }
    }
    if (error != 0) {
        // Say so: a walk that ends early (e.g. a stack without CFI) is worth knowing about.
        wf_out_str(o, "  (unwinding stopped: libunwind error ");
        wf_out_dec(o, error);
        wf_out_str(o, ")\n");
    }
    return total;
}

// noinline: the first frame libunwind sees must be this function's own, which is skipped.
__attribute__((noinline)) size_t wf_backtrace(wf_frame *frames, size_t max) {
    unw_context_t context;
    unw_cursor_t cursor;
    if (max == 0 || unw_getcontext(&context) != 0 || unw_init_local(&cursor, &context) != 0)
        return 0;
    unw_word_t ip = 0, sp = 0;
    size_t n = 0;
    while (n < max && unw_step(&cursor) > 0 && frame_regs(&cursor, n == 0, &ip, &sp)) {
        frames[n].ip = (uintptr_t)ip;
        frame_name(&cursor, frames[n].name, sizeof frames[n].name, &frames[n].offset);
        n++;
    }
    return n;
}

__attribute__((noinline)) void wf_backtrace_write(int fd) {
    unw_context_t context;
    unw_cursor_t cursor;
    wf_out o = { .fd = fd, .len = 0 };
    if (unw_getcontext(&context) == 0 && unw_init_local(&cursor, &context) == 0
        && unw_step(&cursor) > 0)
        wf_write_frames(&o, &cursor);
    else
        wf_out_str(&o, "  (no backtrace: libunwind could not start)\n");
    wf_out_flush(&o);
}
