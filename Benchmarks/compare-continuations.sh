#!/usr/bin/env bash
# One table of the continuation benchmarks from ONE run of ContinuationBenchmarks
# (package-benchmark, release build): resume+suspend and switch round trips (ns), memory per
# idle suspended continuation (bytes, with what it is made of), and the generator workload
# four ways (ns per value), WasmFiber next to WasmKit 0.4.2 where WasmKit can run it.
# Builds the fixtures first (Workloads/build-continuations.sh: wasm-tools, binaryen's wasm-opt).
# Extra arguments go to `swift package benchmark`, e.g.
#   Benchmarks/compare-continuations.sh --filter 'generator:.*'   (the filter must match a whole name)
# KEEP=dir keeps the raw samples (one file per benchmark and metric) in dir; REPORT=dir prints
# the table of samples kept that way, without running anything.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -n "${REPORT:-}" ]; then
    OUT="$REPORT"
else
    "$HERE/Workloads/build-continuations.sh"
    OUT="${KEEP:-$(mktemp -d)}"
    mkdir -p "$OUT"
    [ -n "${KEEP:-}" ] || trap 'rm -rf "$OUT"' EXIT
    echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    cd "$HERE"
    "$HERE/package-benchmark.sh" --target '^ContinuationBenchmarks$' \
        --format histogramSamples --path "$OUT" --time-units microseconds --no-progress "$@" >&2
    echo "== done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
fi

python3 - "$OUT" <<'PY'
import glob, os, re, statistics, sys

folder = sys.argv[1]
# Current_run.ContinuationBenchmarks.<benchmark>.<metric>.histogram.samples.tsv ('/' and ' ' as '_')
samples = {}
for path in glob.glob(os.path.join(folder, "*.ContinuationBenchmarks.*.histogram.samples.tsv")):
    name = os.path.basename(path).split(".ContinuationBenchmarks.", 1)[1][: -len(".histogram.samples.tsv")]
    with open(path) as f:
        header = f.readline().strip()
        values = [float(line) for line in f if line.strip()]
    samples[name] = (header, values)
if not samples:
    sys.exit("compare-continuations.sh: no samples in %s (did the run fail?)" % folder)

def values(benchmark, metric):
    """The samples; counts in the header's unit (K, M) are scaled back to units."""
    entry = samples.get(benchmark.replace(" ", "_").replace("/", "_") + "." + metric)
    if not entry:
        return None
    unit = re.search(r"\(([KMG])\)\s*$", entry[0])
    factor = {"K": 1e3, "M": 1e6, "G": 1e9}[unit.group(1)] if unit else 1
    return [v * factor for v in entry[1]]

def scale(benchmark, metric):
    """Multiplier from the samples' unit to microseconds."""
    entry = samples.get(benchmark.replace(" ", "_").replace("/", "_") + "." + metric)
    unit = re.search(r"\(([^()]*)\)\s*$", entry[0]).group(1) if entry and "(" in entry[0] else "μs"
    return {"ns": 1e-3, "μs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}.get(unit, 1.0)

def per_op_ns(benchmark, ops):
    """(median, min, max) ns per operation from wall-clock samples of `ops` operations."""
    v = values(benchmark, "wallClock")
    if not v:
        return None
    s = scale(benchmark, "wallClock") * 1000.0 / ops
    return statistics.median(v) * s, min(v) * s, max(v) * s, len(v)

def ns(x):
    return "%.0f ns" % x if x >= 100 else "%.1f ns" % x

N = 1_000_000
print()
print("**Round trips** (one WebAssembly call runs 1,000,000; median ns each, min–max, n iterations)")
print()
print("| row | WasmFiber | min–max | n | target |")
print("|---|---:|---:|---:|---|")
for row, target in [("resume+suspend", 100), ("switch", None)]:
    r = per_op_ns("round trip: %s: WasmFiber" % row, N)
    if not r:
        print("| %s | — | | | |" % row); continue
    verdict = ("≤ %d ns: **%s**" % (target, "met" if r[0] <= target else "missed")) if target else "(no target)"
    print("| %s | %s | %s–%s | %d | %s |" % (row, ns(r[0]), ns(r[1]), ns(r[2]), r[3], verdict))

print()
print("**Idle suspended continuations** (10,000 per iteration, each suspended once, kept in a table; median bytes per continuation, min–max)")
print()
print("| what | bytes per continuation | min–max |")
print("|---|---:|---:|")
bench = "idle continuations: WasmFiber"
for label, metric in [
    ("RSS growth (/proc/self/statm)", "RSS_bytes_per_continuation"),
    ("= stack upper 3/4, written: native frames and first value slots (one shared page)", "stack_top_bytes_per_continuation"),
    ("+ stack lowest 1/4, written: deep native frames", "stack_bottom_bytes_per_continuation"),
    ("+ heap (RSS growth − written stack pages): Swift objects, tables", "heap_bytes_per_continuation"),
    ("heap, first iteration of the process (no memory to reuse)", "heap_bytes_per_continuation_first_iteration"),
    ("not in the RSS: stack lowest-quarter pages only read (shared zero page)", "stack_bottom_zero-page_bytes_per_continuation"),
    ("not in the RSS: page tables (VmPTE growth)", "page_table_bytes_per_continuation"),
]:
    v = values(bench, metric)
    if v:
        print("| %s | %.0f | %.0f–%.0f |" % (label, statistics.median(v), min(v), max(v)))
stacks = values(bench, "new_stacks")
mallocs = values(bench, "mallocCountTotal")
rss = values(bench, "RSS_bytes_per_continuation")
wall = values(bench, "wallClock")
extra = []
if stacks: extra.append("new stacks per iteration: %.0f" % statistics.median(stacks))
if mallocs: extra.append("mallocs per continuation: %.1f" % (statistics.median(mallocs) / 10_000))
if wall: extra.append("parking one (cont.new + resume + suspend, fresh stack): %.1f µs" % (statistics.median(wall) * scale(bench, "wallClock") / 10_000))
if rss: extra.append("target ≤ 8192 B: **%s**" % ("met" if statistics.median(rss) <= 8192 else "missed"))
print()
print("; ".join(extra))

print()
print("**Generator**, 1,000,000 values summed per iteration (median ns per value = ms per iteration; checksum checked every iteration)")
print()
print("| way | WasmFiber | WasmKit | WasmFiber / WasmKit | WasmFiber vs its plain calls | n |")
print("|---|---:|---:|---:|---:|---:|")
plain = per_op_ns("generator: plain calls: WasmFiber", N)
for way in ["plain calls", "typed continuations", "Asyncify", "Asyncify -O2"]:
    f = per_op_ns("generator: %s: WasmFiber" % way, N)
    k = per_op_ns("generator: %s: WasmKit" % way, N)
    cells = [ns(f[0]) if f else "—", ns(k[0]) if k else "— (no stack switching)" if way == "typed continuations" else "—",
             "%.2f×" % (f[0] / k[0]) if f and k else "—", "%.2f×" % (f[0] / plain[0]) if f and plain else "—",
             "%d/%s" % (f[3] if f else 0, k[3] if k else "—")]
    print("| %s | %s |" % (way, " | ".join(cells)))
print()
print("wall-clock medians; ratio < 1: WasmFiber faster")
PY
