/*
 * args_env.c — WASI args_sizes_get/args_get and environ_sizes_get/environ_get.
 *
 * Prints argc, every argument in brackets (so empty and spaced arguments show),
 * the whole environment sorted, and getenv() of a few selected variables
 * (one set, one set to the empty string, one whose value contains '=', one
 * with UTF-8, one missing).  Arguments and environment are passed explicitly;
 * the guest must see nothing of the host's environment.
 *
 * Run:   wasmfiber run --env GREETING=hello --env EMPTY= --env EQUATION=a=b=c \
 *            --env UNICODE=héllo args_env.wasm one 'two words' '' ünïcode
 * (argv[0] is printed without its directory: the runtime passes the module
 *  path it was given.)  Exit status 0; stdout must equal expected/args_env.txt.
 * With no --env at all it prints "environ: 0 entries".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void show(const char *name) {
    const char *v = getenv(name);
    if (v) printf("getenv(%s) = [%s] (%zu bytes)\n", name, v, strlen(v));
    else printf("getenv(%s) = (unset)\n", name);
}

int main(int argc, char **argv) {
    printf("argc = %d\n", argc);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (i == 0) {
            const char *slash = strrchr(a, '/');
            if (slash) a = slash + 1;
        }
        printf("argv[%d] = [%s] (%zu bytes)\n", i, a, strlen(a));
    }
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "NOT NULL");

    size_t n = 0;
    while (environ && environ[n]) n++;
    printf("environ: %zu entries\n", n);
    char **sorted = malloc((n + 1) * sizeof *sorted);
    if (!sorted) return 1;
    memcpy(sorted, environ, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp);
    for (size_t i = 0; i < n; i++) printf("  [%s]\n", sorted[i]);
    free(sorted);

    show("GREETING");
    show("EMPTY");
    show("EQUATION");
    show("UNICODE");
    show("MISSING");
    show("PATH");
    return 0;
}
