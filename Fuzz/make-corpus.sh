#!/bin/sh
# Writes the fuzzers' seed corpora into Fuzz/corpus/{binary,text} from the spec test suite
# (default ../../shared/wasm-testsuite, i.e. shared/ next to the repository; or $WASM_TESTSUITE).
# Uses the package's own CorpusMaker (WasmText), not the wasmfiber tool.
set -eu
cd "$(dirname "$0")"
suite="${WASM_TESTSUITE:-../../shared/wasm-testsuite}"
[ -d "$suite" ] || { echo "no test suite at $suite (set WASM_TESTSUITE)" >&2; exit 1; }
swift build -c release --scratch-path .build/tools --product CorpusMaker
.build/tools/release/CorpusMaker "$suite" corpus
