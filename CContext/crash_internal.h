// Shared by crash.c and backtrace.c: an async-signal-safe line writer (a stack buffer
// flushed with write(2); numbers formatted by hand, since printf may lock or malloc) and the
// libunwind frame printer both the fault handler and wf_backtrace_write use.
#ifndef WF_CRASH_INTERNAL_H
#define WF_CRASH_INTERNAL_H
#define UNW_LOCAL_ONLY
#include <errno.h>
#include <libunwind.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

/// Frames printed at most (the first 3/4 and the last 1/4 of a longer walk).
#define WF_BACKTRACE_MAX_FRAMES 256

typedef struct wf_out {
    int fd;
    size_t len;
    char buf[512];
} wf_out;

static inline void wf_out_flush(wf_out *o) {
    size_t done = 0;
    while (done < o->len) {
        ssize_t n = write(o->fd, o->buf + done, o->len - done);
        if (n > 0) done += (size_t)n;
        else if (n < 0 && errno == EINTR) continue;
        else break;  // nothing sensible to do about a broken report fd
    }
    o->len = 0;
}

static inline void wf_out_char(wf_out *o, char c) {
    if (o->len == sizeof o->buf) wf_out_flush(o);
    o->buf[o->len++] = c;
}

static inline void wf_out_str(wf_out *o, const char *s) {
    while (*s) wf_out_char(o, *s++);
}

/// "0x" and the hex digits of `v`, zero-padded to at least `width` digits.
static inline void wf_out_hex(wf_out *o, uintptr_t v, int width) {
    char t[2 * sizeof v];
    int n = 0;
    do { t[n++] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v != 0);
    while (n < width && n < (int)sizeof t) t[n++] = '0';
    wf_out_str(o, "0x");
    while (n > 0) wf_out_char(o, t[--n]);
}

static inline void wf_out_dec(wf_out *o, long v) {
    char t[24];
    int n = 0;
    // Negate through unsigned so that LONG_MIN does not overflow.
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    do { t[n++] = (char)('0' + u % 10); u /= 10; } while (u != 0);
    if (v < 0) wf_out_char(o, '-');
    while (n > 0) wf_out_char(o, t[--n]);
}

/// Prints the frames of `cursor`, from its current frame outwards, one per line
/// ("  #3    0x... name+0x1c"), at most WF_BACKTRACE_MAX_FRAMES of them. Returns the number
/// of frames walked. In backtrace.c.
__attribute__((visibility("hidden")))
size_t wf_write_frames(wf_out *o, unw_cursor_t *cursor);

#endif
