#!/usr/bin/env bash
# Builds the binaries of ContinuationBenchmarks into Benchmarks/Workloads/wasm/ (not committed)
# from the WAT in Benchmarks/Workloads/continuations/:
#   generator-plain.wasm          wasm-tools parse (WasmKit reads binaries only)
#   generator-asyncify.wasm       wasm-tools parse, then binaryen: wasm-opt --asyncify
#   generator-asyncify-O2.wasm    the same with -O2 after --asyncify (as toolchains ship it)
# The continuation modules (roundtrip, switch, idle, generator-cont) are read as text by
# WasmFiber. Needs wasm-tools and wasm-opt (Debian: apt-get install binaryen; tested with 108).
# Rebuilds only what is older than its source.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/continuations"
OUT="$HERE/wasm"
for tool in wasm-tools wasm-opt; do
    command -v "$tool" >/dev/null || { echo "build-continuations.sh: $tool not found (wasm-opt: apt-get install binaryen)" >&2; exit 1; }
done
mkdir -p "$OUT"

fresh() { [ "$1" -nt "$2" ] && [ "$1" -nt "$0" ]; }

if ! fresh "$OUT/generator-plain.wasm" "$SRC/generator-plain.wat"; then
    wasm-tools parse "$SRC/generator-plain.wat" -o "$OUT/generator-plain.wasm"
    echo "built $OUT/generator-plain.wasm"
fi
if ! fresh "$OUT/generator-asyncify.wasm" "$SRC/generator-asyncify.wat" || ! fresh "$OUT/generator-asyncify-O2.wasm" "$SRC/generator-asyncify.wat"; then
    # binaryen 108 does not know the newest name subsections: strip the names first.
    wasm-tools parse "$SRC/generator-asyncify.wat" | wasm-tools strip --all -o "$OUT/generator-asyncify.source.wasm"
    wasm-opt "$OUT/generator-asyncify.source.wasm" --asyncify -o "$OUT/generator-asyncify.wasm"
    wasm-opt "$OUT/generator-asyncify.source.wasm" --asyncify -O2 -o "$OUT/generator-asyncify-O2.wasm"
    rm "$OUT/generator-asyncify.source.wasm"
    echo "built $OUT/generator-asyncify.wasm, $OUT/generator-asyncify-O2.wasm ($(wasm-opt --version))"
fi
