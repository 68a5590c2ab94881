#!/usr/bin/env bash
# Builds the fixtures of WorkloadBenchmarks into Benchmarks/Workloads/wasm/ (not committed):
#   fib loops memory float program .wasm   the C workloads of ../shared/bench/workloads, compiled
#                                          exactly as ../shared/bench/run.sh compiles them
#   startup.wat, startup.wasm              gen_startup.py 5000, and its binary (wasm-tools parse)
#   hostcall.wasm                          hostcall.wat (10,000,000 WASI args_sizes_get calls)
# Needs clang-14 with wasm32-wasi (Debian: clang lld wasi-libc libclang-rt-dev-wasm32), python3
# and wasm-tools. Rebuilds only what is older than its source.
# WASMFIBER_SHARED overrides where `shared/` is (default: next to the repository).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SHARED="${WASMFIBER_SHARED:-$(cd "$HERE/../../.." && pwd)/shared}"
SRC="$SHARED/bench/workloads"
OUT="$HERE/wasm"
CC_WASM="${CC_WASM:-clang-14}"
CC_WASM_FLAGS=(--target=wasm32-wasi -O2 -Wl,--strip-all)

[ -d "$SRC" ] || { echo "build.sh: no workloads at $SRC (set WASMFIBER_SHARED)" >&2; exit 1; }
for tool in "$CC_WASM" python3 wasm-tools; do
    command -v "$tool" >/dev/null || { echo "build.sh: $tool not found" >&2; exit 1; }
done
mkdir -p "$OUT"

for n in fib loops memory float program; do
    if [ "$OUT/$n.wasm" -nt "$SRC/$n.c" ] && [ "$OUT/$n.wasm" -nt "$0" ]; then continue; fi
    extra=()
    # as run.sh: keep both recursive calls in fib (no accumulator tail-recursion elimination)
    [ "$n" = fib ] && extra=(-fno-optimize-sibling-calls)
    "$CC_WASM" "${CC_WASM_FLAGS[@]}" "${extra[@]}" -o "$OUT/$n.wasm" "$SRC/$n.c" -lm
    echo "built $OUT/$n.wasm"
done

if ! [ "$OUT/startup.wasm" -nt "$SRC/gen_startup.py" ] || ! [ "$OUT/startup.wasm" -nt "$0" ]; then
    python3 "$SRC/gen_startup.py" 5000 > "$OUT/startup.wat.tmp"
    mv "$OUT/startup.wat.tmp" "$OUT/startup.wat"
    wasm-tools parse "$OUT/startup.wat" -o "$OUT/startup.wasm"
    echo "built $OUT/startup.wat, $OUT/startup.wasm"
fi

if ! [ "$OUT/hostcall.wasm" -nt "$SRC/hostcall.wat" ] || ! [ "$OUT/hostcall.wasm" -nt "$0" ]; then
    wasm-tools parse "$SRC/hostcall.wat" -o "$OUT/hostcall.wasm"
    echo "built $OUT/hostcall.wasm"
fi
