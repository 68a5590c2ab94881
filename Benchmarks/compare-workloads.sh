#!/usr/bin/env bash
# One table of the interpreter workloads, WasmFiber next to WasmKit 0.4.2, from ONE run of
# WorkloadBenchmarks (package-benchmark, release build):
#
#   workload | WasmFiber | WasmKit | ratio (WasmFiber / WasmKit)
#
# wall-clock medians, then the ratio of CPU-time medians (less disturbed when other jobs share
# this 2-vCPU VM) and the spread (min–max). Builds the fixtures first
# (Workloads/build.sh). Extra arguments go to `swift package benchmark`, e.g.
#   Benchmarks/compare-workloads.sh --filter '(fib|loops):.*'   (the filter must match a whole name)
# KEEP=dir keeps the raw samples (one file per benchmark and metric) in dir. Built by
# package-benchmark.sh: frame pointers omitted as in `make release` (FRAME_POINTERS=keep: kept).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$HERE/Workloads/build.sh"

OUT="${KEEP:-$(mktemp -d)}"
mkdir -p "$OUT"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$OUT"' EXIT

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cd "$HERE"
"$HERE/package-benchmark.sh" --target '^WorkloadBenchmarks$' \
    --format histogramSamples --path "$OUT" --time-units microseconds --no-progress "$@" >&2
echo "== done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$OUT" <<'PY'
import glob, os, re, statistics, sys

folder = sys.argv[1]
# Current_run.WorkloadBenchmarks.<benchmark>.<metric>.histogram.samples.tsv, spaces as '_'
samples = {}
for path in glob.glob(os.path.join(folder, "*.WorkloadBenchmarks.*.histogram.samples.tsv")):
    name = os.path.basename(path).split(".WorkloadBenchmarks.", 1)[1][: -len(".histogram.samples.tsv")]
    benchmark, metric = name.rsplit(".", 1) if "." in name else (name, "?")
    with open(path) as f:
        header = f.readline().strip()
        values = [float(line) for line in f if line.strip()]
    workload, runtime = benchmark.split(":_", 1)
    samples[(workload, runtime, metric)] = (header, values)

def cell(workload, runtime, metric):
    entry = samples.get((workload, runtime, metric))
    return entry[1] if entry else None

def unit_of(metric):
    for (w, r, m), (header, _) in samples.items():
        if m == metric:
            found = re.search(r"\(([^()]*)\)\s*$", header)
            return found.group(1) if found else ""
    return ""

wall = "wallClock" if any(m == "wallClock" for (_, _, m) in samples) else None
if wall is None:
    sys.exit("compare-workloads.sh: no wall-clock samples in %s (did the run fail?)" % folder)
unit = unit_of(wall)
scale = {"ns": 1e-6, "μs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}.get(unit, None)
cpu = "cpuTotal" 

def ms(value):
    v = value * scale if scale else value
    return "%.0f ms" % v if v >= 100 else ("%.1f ms" % v if v >= 10 else "%.2f ms" % v)

order = ["fib", "loops", "memory", "float", "program", "hostcall", "startup", "startup-instantiate"]
workloads = sorted({w for (w, _, _) in samples}, key=lambda w: (order.index(w) if w in order else 99, w))
print()
print("| workload | WasmFiber | WasmKit | ratio (WasmFiber/WasmKit) | CPU-time ratio | WasmFiber min–max | WasmKit min–max | n |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for w in workloads:
    fiber, kit = cell(w, "WasmFiber", wall), cell(w, "WasmKit", wall)
    if not fiber or not kit:
        print("| %s | %s | %s | — | | | | |" % (w, ms(statistics.median(fiber)) if fiber else "—", ms(statistics.median(kit)) if kit else "—"))
        continue
    f, k = statistics.median(fiber), statistics.median(kit)
    cratio = ""
    fc, kc = cell(w, "WasmFiber", cpu), cell(w, "WasmKit", cpu)
    # CPU time comes from the kernel's tick accounting (10 ms steps here): only shown when
    # both medians are long enough for that to be under ~5 %.
    if fc and kc and min(statistics.median(fc), statistics.median(kc)) * (scale or 1) >= 200:
        cratio = "%.2f×" % (statistics.median(fc) / statistics.median(kc))
    else:
        cratio = "—"
    n = "%d/%d" % (len(fiber), len(kit))
    print("| %s | %s | %s | **%.2f×** | %s | %s–%s | %s–%s | %s |" % (
        w, ms(f), ms(k), f / k, cratio, ms(min(fiber)), ms(max(fiber)), ms(min(kit)), ms(max(kit)), n))
print()
print("medians of wall-clock time per iteration; CPU-time ratio: of the CPU-time medians (10 ms resolution, so — below 200 ms);")
print("n = samples (WasmFiber/WasmKit); ratio < 1: WasmFiber faster")
PY
