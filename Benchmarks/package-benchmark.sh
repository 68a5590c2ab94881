#!/usr/bin/env bash
# `swift package benchmark` in Benchmarks/, built the way the release command-line tool is
# (`make release`): frame pointers omitted, for WasmFiber and WasmKit alike. SwiftPM keeps them
# by default on Linux, and then every interpreter handler of both runtimes pushes and pops one
# (Benchmarks/README.md, "Frame pointers"). FRAME_POINTERS=keep measures SwiftPM's default
# build instead (switching rebuilds the whole package). Arguments go to the benchmark plugin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
flags=(--omit-frame-pointers)
case "${FRAME_POINTERS:-omit}" in
    omit) ;;
    keep) flags=() ;;
    *) echo "package-benchmark.sh: FRAME_POINTERS is 'omit' (default) or 'keep', not '$FRAME_POINTERS'" >&2; exit 2 ;;
esac
echo "== frame pointers: ${FRAME_POINTERS:-omit}" >&2
exec swift package "${flags[@]}" --allow-writing-to-package-directory benchmark "$@"
