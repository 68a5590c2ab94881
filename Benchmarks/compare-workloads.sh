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
# ROUNDS=n runs the whole set n times in a row (default 1): on a shared VM the speed drifts
# over minutes, and each runtime's samples of one round come in one block, so one round's
# ratio can be off by ±0.3; the table then shows the median over rounds and every round's ratio.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$HERE/Workloads/build.sh"

OUT="${KEEP:-$(mktemp -d)}"
mkdir -p "$OUT"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$OUT"' EXIT

ROUNDS="${ROUNDS:-1}"
case "$ROUNDS" in ''|*[!0-9]*|0) echo "compare-workloads.sh: ROUNDS must be a positive number, not '$ROUNDS'" >&2; exit 2 ;; esac
cd "$HERE"
for round in $(seq 1 "$ROUNDS"); do
    mkdir -p "$OUT/round-$round"
    echo "== round $round of $ROUNDS: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    "$HERE/package-benchmark.sh" --target '^WorkloadBenchmarks$' \
        --format histogramSamples --path "$OUT/round-$round" --time-units microseconds --no-progress "$@" >&2
done
echo "== done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$OUT" "$ROUNDS" <<'PY'
import glob, os, re, statistics, sys

folder, rounds = sys.argv[1], int(sys.argv[2])

def read_round(path):
    """{(workload, runtime, metric): (header, samples)} of one round's folder."""
    # Current_run.WorkloadBenchmarks.<benchmark>.<metric>.histogram.samples.tsv, spaces as '_'
    found = {}
    for file in glob.glob(os.path.join(path, "*.WorkloadBenchmarks.*.histogram.samples.tsv")):
        name = os.path.basename(file).split(".WorkloadBenchmarks.", 1)[1][: -len(".histogram.samples.tsv")]
        benchmark, metric = name.rsplit(".", 1) if "." in name else (name, "?")
        with open(file) as f:
            header = f.readline().strip()
            values = [float(line) for line in f if line.strip()]
        workload, runtime = benchmark.split(":_", 1)
        if runtime == "interleaved":  # its metrics are the runtimes' times and the pairs' ratio
            runtime, metric = metric, "interleaved"
        found[(workload, runtime, metric)] = (header, values)
    return found

runs = [read_round(os.path.join(folder, "round-%d" % r)) for r in range(1, rounds + 1)]
runs = [run for run in runs if run]
if not runs:
    sys.exit("compare-workloads.sh: no samples in %s (did the run fail?)" % folder)
metrics = {m for run in runs for (_, _, m) in run}
if "wallClock" not in metrics:
    sys.exit("compare-workloads.sh: no wall-clock samples in %s (did the run fail?)" % folder)
wall, cpu = "wallClock", "cpuTotal"
header = next(h for run in runs for (_, _, m), (h, _) in run.items() if m == wall)
found = re.search(r"\(([^()]*)\)\s*$", header)
unit = found.group(1) if found else ""
scale = {"ns": 1e-6, "μs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}.get(unit, 1.0)

def ms(value):
    v = value * scale
    return "%.0f ms" % v if v >= 100 else ("%.1f ms" % v if v >= 10 else "%.2f ms" % v)

def medians(workload, runtime, metric):
    """The median of each round that measured it."""
    return [statistics.median(run[(workload, runtime, metric)][1]) for run in runs if (workload, runtime, metric) in run]

order = ["fib", "loops", "memory", "float", "program", "hostcall", "startup", "startup-instantiate"]
workloads = sorted({w for run in runs for (w, _, _) in run}, key=lambda w: (order.index(w) if w in order else 99, w))
several = len(runs) > 1
print()
def paired(w):
    """The median ratio of the interleaved pairs (all rounds), and how many pairs."""
    ratios = [v / 1000 for run in runs for v in run.get((w, "ratio", "interleaved"), ("", []))[1]]
    return ("%.2f×" % statistics.median(ratios), len(ratios)) if ratios else ("—", 0)

print("| workload | WasmFiber | WasmKit | ratio (WasmFiber/WasmKit) | CPU-time ratio | WasmFiber min–max | WasmKit min–max | n |"
      + " paired ratio (pairs) |" + (" ratio per round |" if several else ""))
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---|" if several else ""))
for w in workloads:
    fiber, kit = medians(w, "WasmFiber", wall), medians(w, "WasmKit", wall)
    pooled = lambda runtime: [v for run in runs for v in run.get((w, runtime, wall), ("", []))[1]]
    if len(fiber) != len(runs) or len(kit) != len(runs):
        print("| %s | %s | %s | — | | | | |" % (w, ms(statistics.median(fiber)) if fiber else "—", ms(statistics.median(kit)) if kit else "—"))
        continue
    ratios = [f / k for f, k in zip(fiber, kit)]
    # CPU time comes from the kernel's tick accounting (10 ms steps here): only shown when
    # both medians are long enough for that to be under ~5 %.
    fc, kc = medians(w, "WasmFiber", cpu), medians(w, "WasmKit", cpu)
    cratio = "—"
    if len(fc) == len(kc) == len(runs) and min(fc + kc) * scale >= 200:
        cratio = "%.2f×" % statistics.median([f / k for f, k in zip(fc, kc)])
    pf, pk = pooled("WasmFiber"), pooled("WasmKit")
    row = "| %s | %s | %s | **%.2f×** | %s | %s–%s | %s–%s | %d/%d |" % (
        w, ms(statistics.median(fiber)), ms(statistics.median(kit)), statistics.median(ratios), cratio,
        ms(min(pf)), ms(max(pf)), ms(min(pk)), ms(max(pk)), len(pf), len(pk))
    row += " %s (%d) |" % paired(w) if paired(w)[1] else " — |"
    print(row + (" %s |" % " ".join("%.2f" % r for r in ratios) if several else ""))
print()
print("medians of wall-clock time per iteration%s; CPU-time ratio: of the CPU-time medians (10 ms resolution, so — below 200 ms);"
      % (" (over %d rounds: the median of the rounds' medians and of their ratios)" % len(runs) if several else ""))
print("n = samples (WasmFiber/WasmKit); ratio < 1: WasmFiber faster; paired ratio: median of WasmFiber/WasmKit over")
print("the iterations of `<workload>: interleaved`, which runs both back to back (Interleaved.swift)")
PY
