/*
 * directories.c — WASI directory calls: path_create_directory, fd_readdir
 * (listing, cookies across several calls, rewinddir), path_remove_directory,
 * path_symlink + path_readlink, path_link (hard link), path_filestat_get with
 * and without following symlinks, path_rename of a directory, and the errors
 * EEXIST, ENOENT, ENOTDIR, ENOTEMPTY, EISDIR.
 *
 * Listings are sorted and leave out "." and ".." (WASI does not promise them).
 * 100 entries with long names make wasi-libc's 4 KiB readdir buffer refill,
 * and a raw fd_readdir loop with a 128-byte buffer checks that a runtime
 * hands out truncated last entries and resumes at any d_next cookie.
 *
 * Run:   wasmfiber run --dir SCRATCH::. directories.wasm
 * SCRATCH is an empty host directory; the program leaves it empty again.
 * Exit status 0 when every check passed; stdout must equal
 * expected/directories.txt.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures;

static const char *errname(int e) {
    static const char *const names[] = {
        [0] = "ok", [EACCES] = "EACCES", [EBADF] = "EBADF", [EEXIST] = "EEXIST",
        [EINVAL] = "EINVAL", [EIO] = "EIO", [EISDIR] = "EISDIR", [ELOOP] = "ELOOP",
        [ENOENT] = "ENOENT", [ENOSYS] = "ENOSYS", [ENOTDIR] = "ENOTDIR",
        [ENOTEMPTY] = "ENOTEMPTY", [ENOTSUP] = "ENOTSUP", [EPERM] = "EPERM",
        [EXDEV] = "EXDEV", [ENOTCAPABLE] = "ENOTCAPABLE", [ERANGE] = "ERANGE",
    };
    static char buf[16];
    if (e >= 0 && e < (int)(sizeof names / sizeof names[0]) && names[e])
        return names[e];
    snprintf(buf, sizeof buf, "E#%d", e);
    return buf;
}

static void res(const char *what, int r, int want_errno) {
    int e = r < 0 ? errno : 0;
    printf("%-40s %s", what, errname(e));
    if (e != want_errno) { printf("  FAIL (want %s)", errname(want_errno)); failures++; }
    printf("\n");
}

static void num(const char *what, long long got, long long want) {
    printf("%-40s %lld", what, got);
    if (got != want) { printf("  FAIL (want %lld)", want); failures++; }
    printf("\n");
}

/* Prints s in quotes with \n and other control bytes escaped. */
static void quoted(const char *s) {
    putchar('"');
    for (; *s; s++) {
        if (*s == '\n') fputs("\\n", stdout);
        else if ((unsigned char)*s < 0x20) printf("\\x%02x", (unsigned char)*s);
        else putchar(*s);
    }
    putchar('"');
}

static void str(const char *what, const char *got, const char *want) {
    printf("%-40s ", what);
    quoted(got);
    if (strcmp(got, want) != 0) { printf("  FAIL (want "); quoted(want); printf(")"); failures++; }
    printf("\n");
}

static void yes(const char *what, int cond) {
    printf("%-40s %s\n", what, cond ? "yes" : "no  FAIL");
    if (!cond) failures++;
}

static int make_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *type_name(unsigned char t) {
    switch (t) {
    case DT_REG: return "file";
    case DT_DIR: return "dir";
    case DT_LNK: return "symlink";
    case DT_UNKNOWN: return "unknown";
    default: return "other";
    }
}

/* Prints "name type" for each entry of path, sorted, without . and .. */
static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) { printf("opendir %s: %s  FAIL\n", path, errname(errno)); failures++; return; }
    char *lines[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (n == 64) break;
        char line[300];
        snprintf(line, sizeof line, "%s %s", e->d_name, type_name(e->d_type));
        lines[n++] = strdup(line);
    }
    closedir(d);
    qsort(lines, n, sizeof lines[0], cmp);
    printf("listing of %s: %d entries\n", path, n);
    for (int i = 0; i < n; i++) { printf("  %s\n", lines[i]); free(lines[i]); }
}

#define MANY 100
static const char *many_name(int i) {
    static char buf[80];
    snprintf(buf, sizeof buf, "many/entry-%03d-with-a-long-name-to-fill-the-buffer", i);
    return buf;
}

/* Counts the entries of dir "many" with libc, checking every expected name. */
static int count_many(DIR *d, int *seen) {
    int n = 0;
    struct dirent *e;
    memset(seen, 0, MANY * sizeof *seen);
    while ((e = readdir(d)) != NULL) {
        int i;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (sscanf(e->d_name, "entry-%d-", &i) == 1 && i >= 0 && i < MANY) seen[i]++;
        n++;
    }
    return n;
}

/* Raw fd_readdir with a small buffer: takes complete entries only and
   restarts from the last complete entry's d_next cookie. */
static int raw_count(int fd, int *seen, int *calls) {
    uint8_t buf[128];
    __wasi_dircookie_t cookie = __WASI_DIRCOOKIE_START;
    int n = 0;
    memset(seen, 0, MANY * sizeof *seen);
    *calls = 0;
    for (;;) {
        __wasi_size_t used = 0;
        if (__wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used) != 0) return -1;
        (*calls)++;
        size_t off = 0;
        int progressed = 0;
        while (off + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t de;
            memcpy(&de, buf + off, sizeof de);
            if (off + sizeof de + de.d_namlen > used) break; /* truncated */
            char name[80] = {0};
            memcpy(name, buf + off + sizeof de, de.d_namlen < 79 ? de.d_namlen : 79);
            int i;
            if (strcmp(name, ".") && strcmp(name, "..")) {
                if (sscanf(name, "entry-%d-", &i) == 1 && i >= 0 && i < MANY) seen[i]++;
                n++;
            }
            cookie = de.d_next;
            off += sizeof de + de.d_namlen;
            progressed = 1;
        }
        if (used < sizeof buf) return n;  /* end of directory */
        if (!progressed) return -2;       /* one entry bigger than the buffer */
        if (*calls > 10000) return -3;
    }
}

static int all_once(const int *seen) {
    for (int i = 0; i < MANY; i++) if (seen[i] != 1) return 0;
    return 1;
}

int main(void) {
    struct stat st, st2;
    char buf[128];

    printf("-- mkdir, files, listing\n");
    res("mkdir d", mkdir("d", 0755), 0);
    res("mkdir d again", mkdir("d", 0755), EEXIST);
    res("mkdir x/y (no parent)", mkdir("x/y", 0755), ENOENT);
    res("stat d", stat("d", &st), 0);
    yes("  S_ISDIR", S_ISDIR(st.st_mode));
    res("create d/b.txt", make_file("d/b.txt", "bee\n"), 0);
    res("create d/a.txt", make_file("d/a.txt", "alpha\n"), 0);
    res("create d/c", make_file("d/c", ""), 0);
    res("mkdir d/sub", mkdir("d/sub", 0755), 0);
    res("mkdir d/sub/deeper", mkdir("d/sub/deeper", 0755), 0);
    res("mkdir with trailing slash d/t/", mkdir("d/t/", 0755), 0);
    res("rmdir d/t", rmdir("d/t"), 0);
    list("d");
    list("d/sub/deeper");
    res("opendir d/a.txt", opendir("d/a.txt") ? 0 : -1, ENOTDIR);
    res("opendir d/missing", opendir("d/missing") ? 0 : -1, ENOENT);
    res("stat d/a.txt", stat("d/a.txt", &st), 0);
    yes("  S_ISREG", S_ISREG(st.st_mode));
    num("  st_size", (long long)st.st_size, 6);

    printf("-- symlinks\n");
    res("symlink a.txt -> d/link", symlink("a.txt", "d/link"), 0);
    res("symlink again (exists)", symlink("a.txt", "d/link"), EEXIST);
    {
        ssize_t n = readlink("d/link", buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = 0;
        num("readlink d/link", n, 5);
        str("  target", buf, "a.txt");
        n = readlink("d/link", buf, 3);
        num("readlink into 3 bytes (truncates)", n, 3);
        res("readlink d/a.txt (not a link)", (int)readlink("d/a.txt", buf, sizeof buf), EINVAL);
    }
    res("lstat d/link", lstat("d/link", &st), 0);
    yes("  S_ISLNK", S_ISLNK(st.st_mode));
    num("  st_size (length of the target)", (long long)st.st_size, 5);
    res("stat d/link (follows)", stat("d/link", &st), 0);
    yes("  S_ISREG", S_ISREG(st.st_mode));
    num("  st_size", (long long)st.st_size, 6);
    {
        int fd = open("d/link", O_RDONLY);
        memset(buf, 0, sizeof buf);
        res("open d/link", fd, 0);
        num("  read", read(fd, buf, sizeof buf - 1), 6);
        str("  content", buf, "alpha\n");
        close(fd);
        res("open d/link O_NOFOLLOW", open("d/link", O_RDONLY | O_NOFOLLOW), ELOOP);
    }
    res("symlink nowhere -> d/dangling", symlink("nowhere", "d/dangling"), 0);
    res("stat d/dangling", stat("d/dangling", &st), ENOENT);
    res("lstat d/dangling", lstat("d/dangling", &st), 0);
    yes("  S_ISLNK", S_ISLNK(st.st_mode));
    res("symlink sub -> d/sublink", symlink("sub", "d/sublink"), 0);
    res("create d/sublink/through.txt", make_file("d/sublink/through.txt", "via link\n"), 0);
    res("stat d/sub/through.txt", stat("d/sub/through.txt", &st), 0);
    num("  st_size", (long long)st.st_size, 9);
    res("stat d/sublink (follows)", stat("d/sublink", &st), 0);
    yes("  S_ISDIR", S_ISDIR(st.st_mode));
    res("symlink ../a.txt -> d/sub/up", symlink("../a.txt", "d/sub/up"), 0);
    res("stat d/sub/up", stat("d/sub/up", &st), 0);
    num("  st_size", (long long)st.st_size, 6);

    printf("-- hard links\n");
    res("link d/a.txt -> d/hard", link("d/a.txt", "d/hard"), 0);
    res("stat d/a.txt", stat("d/a.txt", &st), 0);
    res("stat d/hard", stat("d/hard", &st2), 0);
    num("  st_nlink", (long long)st.st_nlink, 2);
    yes("  same st_ino and st_dev", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
    {
        int fd = open("d/hard", O_WRONLY | O_APPEND);
        num("append \"more\\n\" through d/hard", write(fd, "more\n", 5), 5);
        close(fd);
        fd = open("d/a.txt", O_RDONLY);
        memset(buf, 0, sizeof buf);
        num("read d/a.txt", read(fd, buf, sizeof buf - 1), 11);
        close(fd);
        str("  content", buf, "alpha\nmore\n");
    }
    res("link d/link -> d/hardlink (the link itself)", link("d/link", "d/hardlink"), 0);
    res("lstat d/hardlink", lstat("d/hardlink", &st), 0);
    yes("  S_ISLNK (link() does not follow)", S_ISLNK(st.st_mode));
    res("link d/a.txt -> d/b.txt (exists)", link("d/a.txt", "d/b.txt"), EEXIST);
    res("link d/sub -> d/dirlink (a directory)", link("d/sub", "d/dirlink"), EPERM);
    list("d");

    printf("-- rename, rmdir, unlink\n");
    res("rename d/sub -> d/sub2", rename("d/sub", "d/sub2"), 0);
    res("stat d/sub", stat("d/sub", &st), ENOENT);
    res("stat d/sub2/deeper", stat("d/sub2/deeper", &st), 0);
    res("rename d/a.txt -> d/sub2 (dir)", rename("d/a.txt", "d/sub2"), EISDIR);
    res("rename d/sub2 -> d/b.txt (file)", rename("d/sub2", "d/b.txt"), ENOTDIR);
    res("mkdir d/empty", mkdir("d/empty", 0755), 0);
    res("rename d/sub2/deeper -> d/empty (empty dir)", rename("d/sub2/deeper", "d/empty"), 0);
    res("stat d/sub2/deeper", stat("d/sub2/deeper", &st), ENOENT);
    res("rmdir d (not empty)", rmdir("d"), ENOTEMPTY);
    res("rmdir d/a.txt (a file)", rmdir("d/a.txt"), ENOTDIR);
    res("unlink d/sub2 (a directory)", unlink("d/sub2"), EISDIR);
    res("rmdir d/missing", rmdir("d/missing"), ENOENT);
    res("unlink d/sublink (removes the link only)", unlink("d/sublink"), 0);
    res("stat d/sub2/through.txt", stat("d/sub2/through.txt", &st), 0);

    printf("-- many entries\n");
    {
        res("mkdir many", mkdir("many", 0755), 0);
        int made = 0;
        for (int i = 0; i < MANY; i++) made += make_file(many_name(i), "") == 0;
        num("created files", made, MANY);
        int seen[MANY], calls;
        DIR *d = opendir("many");
        res("opendir many", d ? 0 : -1, 0);
        if (d) {
            num("readdir count", count_many(d, seen), MANY);
            yes("  every name exactly once", all_once(seen));
            rewinddir(d);
            num("readdir count after rewinddir", count_many(d, seen), MANY);
            yes("  every name exactly once", all_once(seen));
            closedir(d);
        }
        int fd = open("many", O_RDONLY | O_DIRECTORY);
        res("open many O_DIRECTORY", fd, 0);
        num("raw fd_readdir count (128-byte buffer)", raw_count(fd, seen, &calls), MANY);
        yes("  every name exactly once", all_once(seen));
        yes("  needed many calls", calls > MANY / 2);
        close(fd);
        int removed = 0;
        for (int i = 0; i < MANY; i++) removed += unlink(many_name(i)) == 0;
        num("removed files", removed, MANY);
        res("rmdir many", rmdir("many"), 0);
    }

    printf("-- cleanup\n");
    const char *files[] = {"d/a.txt", "d/b.txt", "d/c", "d/link", "d/dangling",
                           "d/hard", "d/hardlink", "d/sub2/through.txt", "d/sub2/up"};
    int bad = 0;
    for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) bad |= unlink(files[i]);
    bad |= rmdir("d/empty") | rmdir("d/sub2") | rmdir("d");
    res("removed everything", bad ? -1 : 0, 0);
    list(".");

    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all directory checks passed");
    return failures ? 1 : 0;
}
