/*
 * stdio.c — inherited standard streams: fd_read on stdin until EOF (in small
 * 7-byte reads, so a runtime must return short reads and then 0), fd_write
 * to stdout and stderr, and fd_fdstat_get on fds 0, 1, 2.
 *
 * Echoes stdin to stdout with ASCII letters uppercased (other bytes, e.g.
 * UTF-8, unchanged), then writes one line to stderr:
 *     stdio: read N bytes
 * (N is the total, however the runtime splits the stream into reads).
 *
 * Run:   wasmfiber run stdio.wasm < expected/stdio.stdin.txt
 * Exit status 0 (1 if a read or write failed, 2 if fd_fdstat_get failed);
 * stdout must equal expected/stdio.txt, stderr expected/stdio.stderr.txt.
 * With empty stdin it prints nothing to stdout and
 * "stdio: read 0 bytes" to stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int main(void) {
    for (int fd = 0; fd <= 2; fd++) {
        __wasi_fdstat_t st;
        if (__wasi_fd_fdstat_get(fd, &st) != 0) {
            char msg[64];
            snprintf(msg, sizeof msg, "stdio: fd_fdstat_get(%d) failed\n", fd);
            write_all(2, msg, strlen(msg));
            return 2;
        }
    }
    char buf[7];
    long total = 0;
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            write_all(2, "stdio: read failed\n", 19);
            return 1;
        }
        if (n == 0) break;
        total += n;
        for (ssize_t i = 0; i < n; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] = (char)(buf[i] - 'a' + 'A');
        if (write_all(1, buf, (size_t)n) != 0) return 1;
    }
    char msg[80];
    snprintf(msg, sizeof msg, "stdio: read %ld bytes\n", total);
    if (write_all(2, msg, strlen(msg)) != 0) return 1;
    return 0;
}
