#!/usr/bin/env bash
# Compare moat's parse throughput with acorn's on the same real-world files, in one run.
#
# Usage: scripts/bench-parse-vs-acorn.sh [NAME...]
#   NAME  restrict to these files of scripts/bench-sources.list (saved-as column), e.g.
#         typescript.js three.module.js; default: all of them.
# Environment: RUNS (timed runs per file, default 10), WARMUP (untimed runs, default 3 for moat,
#   5 for acorn), CARGO_TARGET_DIR (honoured when locating the built example), MIMALLOC=1 (build
#   parse_bench with the mimalloc global allocator instead of the system one).
#
# Fetches the sources (scripts/fetch-bench-sources.sh), installs acorn (pinned below) into
# target/bench-node/ with npm, builds moat's parse_bench example in release mode, then for each
# file prints moat's lex-only and lex+parse throughput, acorn's throughput (node,
# acorn.parse with ecmaVersion 'latest') and the ratio moat/acorn. Every figure is the median
# of RUNS runs in MB/s (10^6 bytes per second). Both engines are pinned to one CPU with
# taskset when it is available. The project's goals are checked at the end: moat >= 3x acorn
# (aggregate over all files) and typescript.js lex+parse < 150 ms. Exits 1 if a file fails to
# parse in either engine, 0 otherwise (missed goals are reported, not fatal).
set -euo pipefail

ACORN_VERSION=8.15.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sources="$root/target/bench-sources"
node_dir="$root/target/bench-node"
runs="${RUNS:-10}"

"$root/scripts/fetch-bench-sources.sh"

if [[ "$(node -p "try{require('$node_dir/node_modules/acorn/package.json').version}catch{''}")" != "$ACORN_VERSION" ]]; then
    mkdir -p "$node_dir"
    [[ -f "$node_dir/package.json" ]] || echo '{"private": true}' >"$node_dir/package.json"
    echo "installing acorn@$ACORN_VERSION into $node_dir" >&2
    (cd "$node_dir" && npm install --no-audit --no-fund --silent "acorn@$ACORN_VERSION")
fi

echo "building parse_bench (release)" >&2
# Build output (other crates' warnings) is shown only when the build fails.
if ! build_log="$(cd "$root" && cargo build --quiet --release -p moat-parser --example parse_bench \
    ${MIMALLOC:+--features bench-mimalloc} 2>&1)"; then
    printf '%s\n' "$build_log" >&2
    exit 1
fi
target_dir="${CARGO_TARGET_DIR:-$root/target}"
[[ "$target_dir" == /* ]] || target_dir="$root/$target_dir"
moat_bench="$target_dir/release/examples/parse_bench"

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi

# field N of a result line (tab separated: file bytes median_ms mb_per_s), or "error".
field() { cut -f "$2" <<<"$1"; }

status=0
total_bytes=0
moat_total_ms=0
acorn_total_ms=0
ts_ms=""
log_ratio_sum=0
files_measured=0
printf '%-32s %8s %10s %10s %10s %10s %10s %7s\n' file KB "lex MB/s" "parse MB/s" "parse ms" \
    "acorn MB/s" "acorn ms" "ratio"
while read -r _pkg _version _inner saved goal; do
    case "$_pkg" in '' | '#'*) continue ;; esac
    if (($# > 0)) && [[ " $* " != *" $saved "* ]]; then continue; fi
    file="$sources/$saved"
    flag=()
    [[ "$goal" == module ]] && flag=(--module)
    lex="$("${pin[@]}" "$moat_bench" --lex "${flag[@]}" --runs "$runs" --warmup "${WARMUP:-3}" "$file" || true)"
    parse="$("${pin[@]}" "$moat_bench" "${flag[@]}" --runs "$runs" --warmup "${WARMUP:-3}" "$file" || true)"
    acorn="$("${pin[@]}" node "$root/scripts/acorn-bench.mjs" "${flag[@]}" --runs "$runs" --warmup "${WARMUP:-5}" "$file" || true)"
    failed=""
    for result in "$lex" "$parse" "$acorn"; do
        if [[ "$(field "$result" 2)" == error || -z "$result" ]]; then failed="$result"; fi
    done
    bytes="$(stat -c %s "$file")"
    if [[ -n "$failed" ]]; then
        printf '%-32s %8d  ERROR: %s\n' "$saved" $((bytes / 1000)) "$(cut -f 3- <<<"$failed")"
        status=1
        continue
    fi
    moat_ms="$(field "$parse" 3)"
    acorn_ms="$(field "$acorn" 3)"
    ratio="$(awk -v a="$acorn_ms" -v m="$moat_ms" 'BEGIN { printf "%.2f", a / m }')"
    printf '%-32s %8d %10s %10s %10s %10s %10s %6sx\n' "$saved" $((bytes / 1000)) \
        "$(field "$lex" 4)" "$(field "$parse" 4)" "$moat_ms" "$(field "$acorn" 4)" "$acorn_ms" "$ratio"
    total_bytes=$((total_bytes + bytes))
    moat_total_ms="$(awk -v a="$moat_total_ms" -v b="$moat_ms" 'BEGIN { print a + b }')"
    acorn_total_ms="$(awk -v a="$acorn_total_ms" -v b="$acorn_ms" 'BEGIN { print a + b }')"
    log_ratio_sum="$(awk -v s="$log_ratio_sum" -v r="$ratio" 'BEGIN { print s + log(r) }')"
    files_measured=$((files_measured + 1))
    [[ "$saved" == typescript.js ]] && ts_ms="$moat_ms"
done <"$root/scripts/bench-sources.list"

if ((total_bytes > 0)); then
    # The aggregate weighs files by size (typescript.js dominates); the geometric mean of the
    # per-file ratios weighs every file the same.
    awk -v bytes="$total_bytes" -v m="$moat_total_ms" -v a="$acorn_total_ms" \
        -v logs="$log_ratio_sum" -v n="$files_measured" 'BEGIN {
        ratio = a / m
        printf "\naggregate: moat %.1f MB/s, acorn %.1f MB/s, moat/acorn %.2fx (goal >= 3x: %s)\n",
            bytes / 1e3 / m, bytes / 1e3 / a, ratio, (ratio >= 3 ? "met" : "NOT met")
        printf "geometric mean of per-file ratios: %.2fx\n", exp(logs / n)
    }'
fi
if [[ -n "$ts_ms" ]]; then
    awk -v ms="$ts_ms" 'BEGIN {
        printf "typescript.js lex+parse: %.1f ms (goal < 150 ms: %s)\n", ms, (ms < 150 ? "met" : "NOT met")
    }'
fi
exit "$status"
