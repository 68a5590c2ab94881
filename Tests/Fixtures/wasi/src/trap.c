/*
 * trap.c — a trap three named calls deep, for trap messages and WebAssembly
 * backtraces with names from the `name` section.
 *
 *   trap.wasm [KIND]
 * main -> trap_depth1 -> trap_depth2 -> trap_depth3, which traps with KIND:
 *   unreachable  (default) __builtin_trap(), i.e. the `unreachable` opcode
 *   div0         i32.div_s by zero            ("integer divide by zero")
 *   oob          i32.load far past the end    ("out of bounds memory access")
 *   recursion    trap_depth3 recurses without end ("call stack exhausted")
 * Before the call it prints "trap.c: calling trap_depth1 (KIND)" and flushes
 * stdout; nothing is printed after the trap.  An unknown KIND prints a usage
 * line to stderr and exits with status 2.
 *
 * Run:   wasmfiber run trap.wasm            (and: trap.wasm div0 | oob | recursion)
 * The run must fail with a non-zero exit status; stdout must equal
 * expected/trap-KIND.txt; stderr must carry the trap message and a backtrace
 * whose innermost frames are, in order,
 *     trap_depth3, trap_depth2, trap_depth1, main
 * (for recursion: many trap_depth3 frames, then the same tail).  Beyond
 * main come wasi-libc's frames (__main_void, __original_main, _start).
 */
#include <stdio.h>
#include <string.h>

static volatile int sink;          /* keeps the calls from being folded away */
static volatile int zero = 0;
static volatile unsigned far_away = 0xFFFFFFF0u;

enum kind { UNREACHABLE, DIV0, OOB, RECURSION };

__attribute__((noinline)) int trap_depth3(enum kind k, int n) {
    sink = n;
    switch (k) {
    case DIV0:
        return n / zero;
    case OOB:
        return *(volatile int *)(unsigned long)far_away;
    case RECURSION:
        /* Not a tail call: the addition happens after the return. */
        return trap_depth3(k, n + 1) + sink;
    case UNREACHABLE:
    default:
        __builtin_trap();
    }
}

__attribute__((noinline)) int trap_depth2(enum kind k, int n) {
    int r = trap_depth3(k, n + 1);
    sink = r;
    return r + 2;
}

__attribute__((noinline)) int trap_depth1(enum kind k, int n) {
    int r = trap_depth2(k, n + 1);
    sink = r;
    return r + 1;
}

int main(int argc, char **argv) {
    const char *name = argc > 1 ? argv[1] : "unreachable";
    enum kind k;
    if (!strcmp(name, "unreachable")) k = UNREACHABLE;
    else if (!strcmp(name, "div0")) k = DIV0;
    else if (!strcmp(name, "oob")) k = OOB;
    else if (!strcmp(name, "recursion")) k = RECURSION;
    else {
        fprintf(stderr, "usage: trap.wasm [unreachable|div0|oob|recursion]\n");
        return 2;
    }
    printf("trap.c: calling trap_depth1 (%s)\n", name);
    fflush(stdout);
    int r = trap_depth1(k, 0);
    printf("trap.c: no trap happened (%d)\n", r);
    return 0;
}
