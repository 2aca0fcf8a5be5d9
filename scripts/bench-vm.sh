#!/usr/bin/env bash
# Compare moat's VM with node --jitless and QuickJS on the JS benchmark suite, in one run.
#
# Usage: scripts/bench-vm.sh [FILE...]
#   FILE  benchmark scripts to run; default: every benches/js/*.js.
# Environment:
#   RUNS              timed runs per file and engine (default 5); the median is reported
#   MOAT              a moat binary to use instead of building target/release/moat
#   CARGO_TARGET_DIR  honoured when locating the built binaries
#
# Needs node (on PATH), python3 and cargo. Builds tools/bench-compare (its own workspace:
# rquickjs, which compiles QuickJS from C) and the moat CLI in release mode, then for each file
# measures
#   - node --jitless FILE  (wall time of the whole process, startup included),
#   - QuickJS              (tools/bench-compare: a fresh runtime and context per run, in-process,
#                           so no process startup),
#   - moat FILE            (wall time of the whole process) when moat can run scripts; until the
#                           VM exists moat exits 2 saying so, and the column reads "n/a".
# and prints a table of the medians in milliseconds with the ratios moat/quickjs and
# moat/node-jitless (and, for context, quickjs/node-jitless), plus the geometric mean of each
# ratio column. Every benchmark checks its own checksum and throws on a mismatch; a failing run
# shows as FAIL and makes the script exit 1. Exits 0 otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"

if [[ $# -gt 0 ]]; then
    files=("$@")
else
    files=("$root"/benches/js/*.js)
fi

echo "building tools/bench-compare (release)" >&2
cargo build --quiet --release --manifest-path "$root/tools/bench-compare/Cargo.toml"
bc_target="${CARGO_TARGET_DIR:-$root/tools/bench-compare/target}"
[[ "$bc_target" == /* ]] || bc_target="$root/tools/bench-compare/$bc_target"
bench_compare="$bc_target/release/bench-compare"

# moat_state: "ok" when moat runs scripts, otherwise the reason shown in its column.
moat_state="ok"
moat="${MOAT:-}"
if [[ -z "$moat" ]]; then
    echo "building moat (release)" >&2
    moat_target="${CARGO_TARGET_DIR:-$root/target}"
    [[ "$moat_target" == /* ]] || moat_target="$root/$moat_target"
    moat="$moat_target/release/moat"
    if ! (cd "$root" && cargo build --quiet --release --bin moat); then
        moat_state="n/a (build failed)"
    fi
fi
if [[ "$moat_state" == "ok" ]]; then
    probe="$(mktemp --suffix=.js)"
    trap 'rm -f "$probe"' EXIT
    echo 'var result = 6 * 7; if (result !== 42) throw new Error("probe"); result;' >"$probe"
    set +e
    probe_err="$("$moat" "$probe" 2>&1 >/dev/null)"
    probe_rc=$?
    set -e
    if [[ $probe_rc -ne 0 ]]; then
        if [[ $probe_rc -eq 2 && "$probe_err" == *"not built"* ]]; then
            moat_state="n/a (VM not built)"
        else
            moat_state="n/a (probe script failed, exit $probe_rc)"
        fi
    fi
fi
[[ "$moat_state" == "ok" ]] || echo "moat: $moat_state" >&2

RUNS="$runs" BENCH_COMPARE="$bench_compare" MOAT_BIN="$moat" MOAT_STATE="$moat_state" \
    python3 - "${files[@]}" <<'PY'
"""Times each engine, then prints the table; see the comment atop scripts/bench-vm.sh."""
import json
import math
import os
import statistics
import subprocess
import sys
import time

RUNS = int(os.environ["RUNS"])
BENCH_COMPARE = os.environ["BENCH_COMPARE"]
MOAT_BIN = os.environ["MOAT_BIN"]
MOAT_STATE = os.environ["MOAT_STATE"]
FAIL = "FAIL"


def time_process(argv):
    """Median wall time in ms of RUNS runs of argv, or FAIL if any run exits non-zero."""
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = (time.perf_counter() - start) * 1000.0
        if done.returncode != 0:
            lines = done.stderr.decode(errors="replace").strip().splitlines()
            # node ends with its version line; the thrown error is the interesting one.
            errors = [l for l in lines if "Error" in l] or lines[-1:] or ["?"]
            print(f"  {' '.join(argv)}: exit {done.returncode}: {errors[-1].strip()}", file=sys.stderr)
            return FAIL
        samples.append(elapsed)
    return statistics.median(samples)


def time_quickjs(path):
    """Median ms reported by bench-compare, or FAIL when the file threw under QuickJS."""
    done = subprocess.run(
        [BENCH_COMPARE, "--runs", str(RUNS), path], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    for line in done.stdout.decode().splitlines():
        record = json.loads(line)
        if "median_ms" in record and done.returncode == 0:
            return record["median_ms"]
        if "error" in record:
            first = record["error"].splitlines()[:1] or ["?"]
            print(f"  quickjs {path}: {first[0]}", file=sys.stderr)
    return FAIL


def cell(value):
    if isinstance(value, float):
        return f"{value:.1f}"
    return value


def ratio(a, b):
    if isinstance(a, float) and isinstance(b, float) and b > 0:
        return a / b
    return None


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def fmt_ratio(r, missing):
    return f"{r:.2f}" if r is not None else missing


rows = []
failed = False
for path in sys.argv[1:]:
    name = os.path.basename(path)
    print(f"timing {name}", file=sys.stderr)
    node = time_process(["node", "--jitless", path])
    qjs = time_quickjs(path)
    moat = time_process([MOAT_BIN, path]) if MOAT_STATE == "ok" else "n/a"
    failed = failed or FAIL in (node, qjs, moat)
    rows.append((name, node, qjs, moat))

missing = "n/a" if MOAT_STATE != "ok" else "-"
header = ("workload", "node --jitless ms", "quickjs ms", "moat ms", "moat/quickjs",
          "moat/node-jitless", "quickjs/node-jitless")
table = []
ratios = {"mq": [], "mn": [], "qn": []}
for name, node, qjs, moat in rows:
    mq, mn, qn = ratio(moat, qjs), ratio(moat, node), ratio(qjs, node)
    ratios["mq"].append(mq)
    ratios["mn"].append(mn)
    ratios["qn"].append(qn)
    table.append((name, cell(node), cell(qjs), cell(moat),
                  fmt_ratio(mq, missing), fmt_ratio(mn, missing), fmt_ratio(qn, "-")))
table.append(("geomean", "", "", "", fmt_ratio(geomean(ratios["mq"]), missing),
              fmt_ratio(geomean(ratios["mn"]), missing), fmt_ratio(geomean(ratios["qn"]), "-")))

widths = [max(len(str(r[i])) for r in [header] + table) for i in range(len(header))]
def show(r):
    print("  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w)
                    for i, (v, w) in enumerate(zip(r, widths))))
show(header)
show(tuple("-" * w for w in widths))
for r in table[:-1]:
    show(r)
show(tuple("-" * w for w in widths))
show(table[-1])
print(f"(median of {RUNS} runs each; node and moat: whole-process wall time; "
      f"quickjs: in-process eval in a fresh runtime)")
if MOAT_STATE != "ok":
    print(f"moat: {MOAT_STATE}")
sys.exit(1 if failed else 0)
PY
