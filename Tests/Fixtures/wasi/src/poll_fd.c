/*
 * poll_fd.c — poll_oneoff with fd_read / fd_write subscriptions.
 *
 * Checks: stdout (fd 1) is writable at once; a regular file is readable and
 * writable at once (files are always ready); with several ready
 * subscriptions every reported event is right (a runtime may report all or
 * only some of them); fd subscriptions together with a 5 s clock return at
 * once without the clock event; a subscription on a descriptor that is not
 * open reports EBADF (in its event or from the call); libc's poll() (built on
 * poll_oneoff) sees POLLOUT on stdout and POLLIN, POLLOUT on the file; polling
 * consumes no data.  The nbytes of file events is not printed: runtimes differ.
 *
 * Run:   wasmfiber run --dir SCRATCH::. poll_fd.wasm
 * SCRATCH is an empty host directory (the program creates and removes
 * poll.txt in it); stdout may be a pipe, a file or an in-memory capture.
 * Exit status 0 when every check passed; stdout must equal
 * expected/poll_fd.txt.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures;

static void yes(const char *what, int cond) {
    printf("%-52s %s\n", what, cond ? "yes" : "no  FAIL");
    if (!cond) failures++;
}

static __wasi_subscription_t fd_sub(uint64_t userdata, __wasi_eventtype_t type, int fd) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = type;
    if (type == __WASI_EVENTTYPE_FD_READ) s.u.u.fd_read.file_descriptor = (__wasi_fd_t)fd;
    else s.u.u.fd_write.file_descriptor = (__wasi_fd_t)fd;
    return s;
}

static __wasi_subscription_t clock_sub(uint64_t userdata, uint64_t ns) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s.u.u.clock.timeout = ns;
    return s;
}

static uint64_t mono_ns(void) {
    __wasi_timestamp_t t = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
    return t;
}

/* The event with this userdata, or NULL. */
static const __wasi_event_t *find(const __wasi_event_t *ev, int n, uint64_t userdata) {
    for (int i = 0; i < n; i++) if (ev[i].userdata == userdata) return &ev[i];
    return NULL;
}

static int ready(const __wasi_event_t *e, __wasi_eventtype_t type) {
    return e && e->type == type && e->error == 0;
}

int main(void) {
    fflush(stdout);
    int fd = open("poll.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    yes("create poll.txt", fd >= 0);
    yes("write 10 bytes", write(fd, "0123456789", 10) == 10);
    lseek(fd, 0, SEEK_SET);

    __wasi_event_t ev[8];
    __wasi_size_t n = 0;

    {
        __wasi_subscription_t s = fd_sub(11, __WASI_EVENTTYPE_FD_WRITE, 1);
        memset(ev, 0, sizeof ev);
        yes("poll_oneoff fd_write(stdout) succeeds", __wasi_poll_oneoff(&s, ev, 1, &n) == 0);
        yes("  1 event, userdata 11, FD_WRITE, no error", n == 1 && ready(find(ev, n, 11), __WASI_EVENTTYPE_FD_WRITE));
    }
    {
        __wasi_subscription_t s = fd_sub(21, __WASI_EVENTTYPE_FD_READ, fd);
        memset(ev, 0, sizeof ev);
        yes("poll_oneoff fd_read(file) succeeds", __wasi_poll_oneoff(&s, ev, 1, &n) == 0);
        yes("  1 event, userdata 21, FD_READ, no error", n == 1 && ready(find(ev, n, 21), __WASI_EVENTTYPE_FD_READ));
        s = fd_sub(22, __WASI_EVENTTYPE_FD_WRITE, fd);
        memset(ev, 0, sizeof ev);
        yes("poll_oneoff fd_write(file) succeeds", __wasi_poll_oneoff(&s, ev, 1, &n) == 0);
        yes("  1 event, userdata 22, FD_WRITE, no error", n == 1 && ready(find(ev, n, 22), __WASI_EVENTTYPE_FD_WRITE));
    }
    {
        /* Several ready subscriptions: a runtime may report all of them or
           (as wasmtime does) only some; each reported one must be right. */
        __wasi_subscription_t s[2] = {fd_sub(23, __WASI_EVENTTYPE_FD_READ, fd),
                                      fd_sub(24, __WASI_EVENTTYPE_FD_WRITE, fd)};
        memset(ev, 0xff, sizeof ev);
        yes("poll_oneoff fd_read+fd_write(file) succeeds", __wasi_poll_oneoff(s, ev, 2, &n) == 0);
        int good = n >= 1 && n <= 2;
        for (__wasi_size_t i = 0; i < n && i < 2; i++)
            good &= (ev[i].userdata == 23 && ready(&ev[i], __WASI_EVENTTYPE_FD_READ)) ||
                    (ev[i].userdata == 24 && ready(&ev[i], __WASI_EVENTTYPE_FD_WRITE));
        yes("  1 or 2 events, each ready and of its own type", good);
    }
    {
        __wasi_subscription_t s[3] = {clock_sub(30, 5000000000ull),
                                      fd_sub(31, __WASI_EVENTTYPE_FD_READ, fd),
                                      fd_sub(32, __WASI_EVENTTYPE_FD_WRITE, 1)};
        memset(ev, 0xff, sizeof ev);
        uint64_t t0 = mono_ns();
        int rc = __wasi_poll_oneoff(s, ev, 3, &n);
        uint64_t dt = mono_ns() - t0;
        yes("poll_oneoff 5 s clock + fd_read(file) + fd_write(stdout)", rc == 0);
        yes("  returns at once (< 1 s)", dt < 1000000000ull);
        int good = n >= 1 && n <= 2;
        for (__wasi_size_t i = 0; i < n && i < 3; i++)
            good &= (ev[i].userdata == 31 && ready(&ev[i], __WASI_EVENTTYPE_FD_READ)) ||
                    (ev[i].userdata == 32 && ready(&ev[i], __WASI_EVENTTYPE_FD_WRITE));
        yes("  only fd events, each ready", good);
    }
    {
        __wasi_subscription_t s[2] = {fd_sub(41, __WASI_EVENTTYPE_FD_READ, 999),
                                      clock_sub(42, 0)};
        memset(ev, 0, sizeof ev);
        int rc = __wasi_poll_oneoff(s, ev, 2, &n);
        const __wasi_event_t *e = rc == 0 ? find(ev, n, 41) : NULL;
        yes("poll_oneoff fd_read(999, not open) reports EBADF",
            rc == __WASI_ERRNO_BADF || (e && e->error == __WASI_ERRNO_BADF));
    }
    {
        struct pollfd p[1] = {{1, POLLOUT, 0}};
        yes("poll() POLLOUT on stdout returns 1", poll(p, 1, 1000) == 1);
        yes("  revents has POLLOUT", (p[0].revents & POLLOUT) != 0);
        p[0] = (struct pollfd){fd, POLLIN, 0};
        yes("poll() POLLIN on the file returns 1", poll(p, 1, 1000) == 1);
        yes("  revents has POLLIN", (p[0].revents & POLLIN) != 0);
        p[0] = (struct pollfd){fd, POLLOUT, 0};
        yes("poll() POLLOUT on the file returns 1", poll(p, 1, 1000) == 1);
        yes("  revents has POLLOUT", (p[0].revents & POLLOUT) != 0);
    }
    {
        /* Readiness must not consume data: the file still reads from 0. */
        char buf[11] = {0};
        yes("file still reads \"0123456789\"", read(fd, buf, 10) == 10 && !strcmp(buf, "0123456789"));
    }
    close(fd);
    yes("remove poll.txt", unlink("poll.txt") == 0);

    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all poll checks passed");
    return failures ? 1 : 0;
}
