// openat2(2) through syscall(2): glibc 2.36 has no wrapper, and Swift cannot call the variadic
// syscall() itself.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE // syscall(), O_PATH
#endif
#include "wf_wasi.h"

#include <errno.h>

#if defined(__linux__)
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437 // the same number on x86_64 and aarch64 (asm-generic table)
#endif

// struct open_how from <linux/openat2.h>, spelled out so that old kernel headers build too.
struct wf_open_how {
    uint64_t flags;
    uint64_t mode;
    uint64_t resolve;
};

int wf_wasi_openat2(int dirfd, const char *path, int flags, unsigned int mode, unsigned long long resolve) {
    struct wf_open_how how = {
        .flags = (uint64_t)(unsigned int)flags,
        .mode = mode,
        .resolve = resolve,
    };
    long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    return (int)fd;
}

int wf_wasi_o_path(void) { return O_PATH; }

#else

int wf_wasi_openat2(int dirfd, const char *path, int flags, unsigned int mode, unsigned long long resolve) {
    (void)dirfd; (void)path; (void)flags; (void)mode; (void)resolve;
    errno = ENOSYS;
    return -1;
}

int wf_wasi_o_path(void) { return 0; }

#endif
