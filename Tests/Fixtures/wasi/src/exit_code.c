/*
 * exit_code.c — process exit status through exit(), return from main and a
 * direct proc_exit.
 *
 *   exit_code.wasm N             prints "exit(N)", calls exit(N); the atexit
 *                                handler runs and prints "atexit handler ran"
 *   exit_code.wasm return N      prints "return N", returns N from main
 *                                (the atexit handler runs too)
 *   exit_code.wasm proc_exit N   prints "proc_exit(N)", flushes stdout and
 *                                calls __wasi_proc_exit(N) directly: no atexit
 *                                handler, and the unflushed line
 *                                "NOT FLUSHED" is never written
 *   exit_code.wasm               like "exit_code.wasm 0"
 * Run:   wasmfiber run exit_code.wasm 7        (exit status 7)
 *        wasmfiber run exit_code.wasm return 3 (exit status 3)
 *        wasmfiber run exit_code.wasm proc_exit 9 (exit status 9)
 * stdout must equal expected/exit_code-exit7.txt, exit_code-return3.txt,
 * exit_code-proc_exit9.txt, exit_code-default.txt (no arguments, status 0).
 * A proc_exit inside a nested call must unwind the whole instance, hence the
 * call goes through two named functions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static void on_exit_handler(void) {
    printf("atexit handler ran\n");
}

__attribute__((noinline)) static void exit_directly(int code) {
    printf("proc_exit(%d)\n", code);
    fflush(stdout);
    printf("NOT FLUSHED\n"); /* stays in stdio's buffer: proc_exit skips libc */
    __wasi_proc_exit((__wasi_exitcode_t)code);
}

__attribute__((noinline)) static void nested_exit(int code) {
    exit_directly(code);
    printf("unreachable: proc_exit returned\n");
}

int main(int argc, char **argv) {
    atexit(on_exit_handler);
    if (argc >= 3 && strcmp(argv[1], "proc_exit") == 0) {
        nested_exit(atoi(argv[2]));
        return 99;
    }
    if (argc >= 3 && strcmp(argv[1], "return") == 0) {
        int code = atoi(argv[2]);
        printf("return %d\n", code);
        return code;
    }
    int code = argc >= 2 ? atoi(argv[1]) : 0;
    printf("exit(%d)\n", code);
    exit(code);
}
