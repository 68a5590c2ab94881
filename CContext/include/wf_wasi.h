// WASI support that Swift cannot express directly: the Linux `openat2` system call (no libc
// wrapper in glibc 2.36) and the few open(2) flags the Swift Glibc overlay does not export.
#ifndef WF_WASI_H
#define WF_WASI_H

#ifdef __cplusplus
extern "C" {
#endif

/// `RESOLVE_BENEATH`: every component must stay below the starting directory (no `..` above
/// it, no absolute paths, no absolute symlinks); violations fail with `EXDEV`.
#define WF_RESOLVE_BENEATH 0x08ULL
/// `RESOLVE_NO_MAGICLINKS`: refuse `/proc/<pid>/fd/N`-style links; they fail with `ELOOP`.
#define WF_RESOLVE_NO_MAGICLINKS 0x02ULL

/// Calls `openat2(dirfd, path, {flags, mode, resolve}, sizeof how)` (Linux ≥ 5.6, syscall 437
/// on x86_64 and aarch64). Returns the new fd, or -1 with `errno` set; `ENOSYS` where the kernel
/// (or a seccomp filter) lacks it and on every other platform.
int wf_wasi_openat2(int dirfd, const char *path, int flags, unsigned int mode, unsigned long long resolve);

/// `O_PATH` on Linux (an fd that only names a file: enough to resolve paths beneath it and
/// to `fstat` it), 0 elsewhere.
int wf_wasi_o_path(void);

#ifdef __cplusplus
}
#endif
#endif
