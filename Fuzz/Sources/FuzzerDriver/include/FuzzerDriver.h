// libFuzzer's driver, called from each fuzzer's Swift `main`.
//
// SwiftPM links an executable target with `--defsym main=<Module>_main`, so libFuzzer's own
// `main` never runs: the Swift entry point calls `LLVMFuzzerRunDriver` (libFuzzer's public
// API for custom mains) itself, with the test-one-input callback.
#ifndef FUZZER_DRIVER_H
#define FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer on `callback` with the process's arguments (corpus folders, `-max_total_time=…`).
int wf_run_fuzzer(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
