/*
 * sandbox.c — WASI capability sandbox: every way out of a preopened directory
 * must be refused, and the legitimate ways around inside it must work.
 *
 * Checks (each line prints the errno name, or "ok"):
 *   - "../outside"             (parent of the preopen)            refused
 *   - "/etc/passwd"            (absolute path)                    refused
 *   - "sub/../../outside"      (`..` after a subdirectory)        refused
 *   - "sub/../inside.txt"      (`..` that stays inside)           ok
 *   - symlink("../..", "escape"), then "escape/x", "escape"       refused
 *   - symlink("../outside", "leak"), then "leak"                  refused
 *   - symlink("/etc/passwd", "abs") by the guest                  refused
 *   - "hostabs/passwd", hostabs being a host-made link to /etc    refused
 *   - readlink("hostabs") (would reveal a host path)              refused
 *   - links that stay inside ("sub/../inside.txt", "../inside.txt" in sub/) ok
 *   - a symlink loop                                              ELOOP
 *   - mkdir/stat/unlink/rename/link/readlink/set-times through ".." refused
 * The escape attempts are made with the raw `__wasi_*` calls on the preopen's
 * descriptor, so the path reaches the runtime exactly as written (wasi-libc
 * would rewrite absolute paths against its preopen table); "../outside" is
 * also tried through libc's open().  Refusal is ENOTCAPABLE or EPERM.
 *
 * Host layout (the test creates it; ROOT is a fresh temporary directory):
 *   ROOT/outside          a regular file containing "secret\n"
 *   ROOT/box/             the preopen, empty except for:
 *   ROOT/box/hostabs      a symlink to the absolute path /etc
 * Run:   wasmfiber run --dir ROOT/box::. sandbox.wasm
 * Exit status 0 when every check passed, 1 otherwise; stdout must equal
 * expected/sandbox.txt.  Everything the program creates is removed again,
 * so ROOT/box ends as it started.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures;

static const char *errname(int e) {
    static const char *const names[] = {
        [0] = "ok", [EACCES] = "EACCES", [EBADF] = "EBADF", [EEXIST] = "EEXIST",
        [EINVAL] = "EINVAL", [EIO] = "EIO", [EISDIR] = "EISDIR", [ELOOP] = "ELOOP",
        [ENAMETOOLONG] = "ENAMETOOLONG", [ENOENT] = "ENOENT", [ENOSYS] = "ENOSYS",
        [ENOTDIR] = "ENOTDIR", [ENOTEMPTY] = "ENOTEMPTY", [ENOTSUP] = "ENOTSUP",
        [EPERM] = "EPERM", [EXDEV] = "EXDEV", [ENOTCAPABLE] = "ENOTCAPABLE",
        [EILSEQ] = "EILSEQ", [EROFS] = "EROFS",
    };
    static char buf[16];
    if (e >= 0 && e < (int)(sizeof names / sizeof names[0]) && names[e])
        return names[e];
    snprintf(buf, sizeof buf, "E#%d", e);
    return buf;
}

/* An escape: the runtime must refuse it with ENOTCAPABLE or EPERM. */
static void refused(const char *what, int err) {
    int ok = err == ENOTCAPABLE || err == EPERM;
    printf("%-44s %s%s\n", what, errname(err), ok ? "" : "  FAIL (want ENOTCAPABLE or EPERM)");
    if (!ok) failures++;
}

/* Any other outcome that must be exactly `want`. */
static void expect(const char *what, int err, int want) {
    printf("%-44s %s", what, errname(err));
    if (err != want) { printf("  FAIL (want %s)", errname(want)); failures++; }
    printf("\n");
}

static __wasi_fd_t preopen = (__wasi_fd_t)-1;

static void find_preopen(void) {
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        if (ps.tag != __WASI_PREOPENTYPE_DIR) continue;
        char name[256] = {0};
        if (ps.u.dir.pr_name_len >= sizeof name) continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, ps.u.dir.pr_name_len) != 0) continue;
        if (strcmp(name, ".") == 0) { preopen = fd; return; }
    }
}

static const __wasi_rights_t READ = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK |
                                    __WASI_RIGHTS_FD_FILESTAT_GET;

/* path_open through the preopen; on success reads up to 63 bytes into out. */
static int raw_open(const char *path, __wasi_lookupflags_t look, __wasi_oflags_t of,
                    char *out) {
    __wasi_fd_t fd;
    __wasi_errno_t e = __wasi_path_open(preopen, look, path, of,
                                        READ | __WASI_RIGHTS_FD_READDIR, 0, 0, &fd);
    if (e != 0) return e;
    if (out && !(of & __WASI_OFLAGS_DIRECTORY)) {
        char buf[64];
        __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
        __wasi_size_t n = 0;
        e = __wasi_fd_read(fd, &iov, 1, &n);
        buf[e == 0 ? n : 0] = 0;
        if (n && buf[n - 1] == '\n') buf[n - 1] = 0;
        strcpy(out, buf);
    }
    (void)__wasi_fd_close(fd);
    return e;
}

static void try_escape(const char *path, __wasi_lookupflags_t look, __wasi_oflags_t of) {
    char what[96];
    snprintf(what, sizeof what, "path_open %s%s%s", path,
             of & __WASI_OFLAGS_DIRECTORY ? " (directory)" : "",
             look & __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW ? "" : " (nofollow)");
    char content[64] = "";
    int e = raw_open(path, look, of, content);
    refused(what, e);
    if (e == 0) printf("  LEAKED: read \"%s\"\n", content);
}

static void try_inside(const char *path, const char *want_content) {
    char what[96], content[64] = "";
    snprintf(what, sizeof what, "path_open %s", path);
    int e = raw_open(path, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, content);
    printf("%-44s %s", what, errname(e));
    if (e == 0) printf(" \"%s\"", content);
    if (e != 0 || strcmp(content, want_content) != 0) {
        printf("  FAIL (want ok \"%s\")", want_content);
        failures++;
    }
    printf("\n");
}

static int make_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return errno;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : EIO;
}

static int rc(int r) { return r == 0 ? 0 : errno; }

int main(void) {
    const __wasi_lookupflags_t FOLLOW = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
    find_preopen();
    if (preopen == (__wasi_fd_t)-1) {
        printf("no preopen named \".\" (run with --dir HOST::.)\n");
        return 1;
    }
    printf("preopen \".\" found\n");

    printf("-- setup\n");
    expect("mkdir sub", rc(mkdir("sub", 0755)), 0);
    expect("create inside.txt", make_file("inside.txt", "inside\n"), 0);
    expect("symlink escape -> ../..", rc(symlink("../..", "escape")), 0);
    expect("symlink leak -> ../outside", rc(symlink("../outside", "leak")), 0);
    expect("symlink ok-link -> sub/../inside.txt", rc(symlink("sub/../inside.txt", "ok-link")), 0);
    expect("symlink sub/up -> ../inside.txt", rc(symlink("../inside.txt", "sub/up")), 0);
    expect("symlink loop -> loop", rc(symlink("loop", "loop")), 0);
    /* A link with an absolute target is refused at creation; should a runtime
       allow it, following it must still be refused (checked below). */
    int abs_made = symlink("/etc/passwd", "abs") == 0;
    refused("symlink abs -> /etc/passwd", abs_made ? 0 : errno);

    printf("-- escapes through ..\n");
    try_escape("..", FOLLOW, __WASI_OFLAGS_DIRECTORY);
    try_escape("../outside", FOLLOW, 0);
    try_escape("../outside", 0, 0);
    try_escape("sub/../../outside", FOLLOW, 0);
    try_escape("sub/../..", FOLLOW, __WASI_OFLAGS_DIRECTORY);
    try_escape("./../outside", FOLLOW, 0);
    try_escape("sub/./../../outside", FOLLOW, 0);
    {
        int fd = open("../outside", O_RDONLY);
        refused("libc open ../outside", fd < 0 ? errno : 0);
        if (fd >= 0) close(fd);
    }

    printf("-- absolute paths\n");
    try_escape("/etc/passwd", FOLLOW, 0);
    try_escape("/", FOLLOW, __WASI_OFLAGS_DIRECTORY);
    try_escape("/outside", FOLLOW, 0);

    printf("-- symlinks\n");
    try_escape("escape/x", FOLLOW, 0);
    try_escape("escape", FOLLOW, __WASI_OFLAGS_DIRECTORY);
    try_escape("escape/outside", FOLLOW, 0);
    try_escape("leak", FOLLOW, 0);
    try_escape("sub/../leak", FOLLOW, 0);
    if (abs_made) try_escape("abs", FOLLOW, 0);
    try_escape("hostabs/passwd", FOLLOW, 0);
    try_escape("hostabs", FOLLOW, __WASI_OFLAGS_DIRECTORY);
    {
        char buf[64];
        ssize_t n = readlink("escape", buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = 0;
        printf("%-44s %s\n", "readlink escape (reading is allowed)", n >= 0 ? buf : errname(errno));
        if (n < 0 || strcmp(buf, "../..") != 0) failures++;
        /* The content of an absolute link names a host path: not revealed. */
        n = readlink("hostabs", buf, sizeof buf - 1);
        refused("readlink hostabs (absolute target)", n < 0 ? errno : 0);
    }
    {
        __wasi_filestat_t st;
        refused("path_filestat_get escape/x (follow)",
                __wasi_path_filestat_get(preopen, FOLLOW, "escape/x", &st));
        refused("path_filestat_get hostabs/passwd",
                __wasi_path_filestat_get(preopen, FOLLOW, "hostabs/passwd", &st));
        expect("path_filestat_get escape (nofollow)",
               __wasi_path_filestat_get(preopen, 0, "escape", &st), 0);
        printf("%-44s %s\n", "  its filetype",
               st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK ? "symlink" : "FAIL (not a symlink)");
        if (st.filetype != __WASI_FILETYPE_SYMBOLIC_LINK) failures++;
    }
    expect("path_open loop", raw_open("loop", FOLLOW, 0, NULL), ELOOP);

    printf("-- other calls through ..\n");
    {
        __wasi_filestat_t st;
        char buf[64];
        __wasi_size_t n;
        refused("path_filestat_get ..", __wasi_path_filestat_get(preopen, FOLLOW, "..", &st));
        refused("path_filestat_get ../outside",
                __wasi_path_filestat_get(preopen, FOLLOW, "../outside", &st));
        refused("path_create_directory ../newdir", __wasi_path_create_directory(preopen, "../newdir"));
        refused("path_create_directory sub/../../newdir",
                __wasi_path_create_directory(preopen, "sub/../../newdir"));
        refused("path_remove_directory ../box", __wasi_path_remove_directory(preopen, "../box"));
        refused("path_unlink_file ../outside", __wasi_path_unlink_file(preopen, "../outside"));
        refused("path_rename inside.txt -> ../stolen",
                __wasi_path_rename(preopen, "inside.txt", preopen, "../stolen"));
        refused("path_rename ../outside -> taken",
                __wasi_path_rename(preopen, "../outside", preopen, "taken"));
        refused("path_link ../outside -> hard",
                __wasi_path_link(preopen, 0, "../outside", preopen, "hard"));
        refused("path_link inside.txt -> ../hard",
                __wasi_path_link(preopen, 0, "inside.txt", preopen, "../hard"));
        refused("path_symlink x -> ../newlink", __wasi_path_symlink("x", preopen, "../newlink"));
        refused("path_readlink ../box/escape",
                __wasi_path_readlink(preopen, "../box/escape", (uint8_t *)buf, sizeof buf, &n));
        refused("path_filestat_set_times ../outside",
                __wasi_path_filestat_set_times(preopen, FOLLOW, "../outside", 0, 0,
                                               __WASI_FSTFLAGS_MTIM_NOW));
        refused("path_open ../created (create)",
                raw_open("../created", FOLLOW, __WASI_OFLAGS_CREAT, NULL));
    }

    printf("-- allowed paths inside the preopen\n");
    try_inside("inside.txt", "inside");
    try_inside("sub/../inside.txt", "inside");
    try_inside("./sub/./../inside.txt", "inside");
    try_inside("ok-link", "inside");
    try_inside("sub/up", "inside");
    expect("path_open . (directory)", raw_open(".", FOLLOW, __WASI_OFLAGS_DIRECTORY, NULL), 0);
    expect("path_open sub/.. (directory)", raw_open("sub/..", FOLLOW, __WASI_OFLAGS_DIRECTORY, NULL), 0);
    {
        int fd = open("sub/../inside.txt", O_RDONLY);
        expect("libc open sub/../inside.txt", fd < 0 ? errno : 0, 0);
        if (fd >= 0) close(fd);
    }

    printf("-- cleanup\n");
    int clean = 0;
    const char *links[] = {"escape", "leak", "ok-link", "sub/up", "loop", "inside.txt"};
    for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++) clean |= unlink(links[i]);
    if (abs_made) clean |= unlink("abs");
    clean |= rmdir("sub");
    expect("removed everything it created", clean ? errno : 0, 0);

    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all sandbox checks passed");
    return failures ? 1 : 0;
}
