#!/usr/bin/env bash
# Check that moat accepts exactly the real-world files node accepts.
#
# Usage: scripts/real-code-check.sh [NAME...]
#   NAME  restrict to these files of scripts/bench-sources.list (saved-as column); default all.
# Environment: CARGO_TARGET_DIR (honoured when locating the built binary); MOAT_BIN (use this
#   moat binary instead of building one).
#
# Fetches the sources (scripts/fetch-bench-sources.sh), builds the `moat` binary in release
# mode, then for each file runs `node --check` and `moat --check` and prints a table: file,
# node verdict, moat verdict, MATCH/MISMATCH, followed by the error messages of every
# mismatch. Files whose goal in the list is `module` (ES module bundles such as
# three.module.js) are checked as modules by both: node gets a `.mjs` copy, moat `--module`.
# Script files are given to node as a `.cjs` copy so no package.json can turn them into
# modules; note that node compiles CommonJS inside a function wrapper, so top-level `return`
# passes node but not moat (no bundle in the list relies on it). Exits 1 on any mismatch.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sources="$root/target/bench-sources"

"$root/scripts/fetch-bench-sources.sh"

if [[ -n "${MOAT_BIN:-}" ]]; then
    moat="$MOAT_BIN"
else
    echo "building moat (release)" >&2
    # Build output (other crates' warnings) is shown only when the build fails.
    if ! build_log="$(cd "$root" && cargo build --quiet --release --bin moat 2>&1)"; then
        printf '%s\n' "$build_log" >&2
        exit 1
    fi
    target_dir="${CARGO_TARGET_DIR:-$root/target}"
    [[ "$target_dir" == /* ]] || target_dir="$root/$target_dir"
    moat="$target_dir/release/moat"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mismatches=0
details=""
printf '%-32s %-7s %-12s %-12s %s\n' file goal node moat result
while read -r pkg _version _inner saved goal; do
    case "$pkg" in '' | '#'*) continue ;; esac
    if (($# > 0)) && [[ " $* " != *" $saved "* ]]; then continue; fi
    file="$sources/$saved"
    if [[ "$goal" == module ]]; then
        copy="$tmp/${saved%.*}.mjs"
        moat_flags=(--module)
    else
        copy="$tmp/${saved%.*}.cjs"
        moat_flags=()
    fi
    cp "$file" "$copy"

    if node_out="$(node --check "$copy" 2>&1)"; then node_verdict=ok; else node_verdict=SyntaxError; fi
    if moat_out="$("$moat" --check "${moat_flags[@]}" "$file" 2>&1)"; then
        moat_verdict=ok
    else
        code=$?
        # Exit 1 is a reported SyntaxError; anything else (a crash) is a failure on its own.
        if ((code == 1)); then moat_verdict=SyntaxError; else moat_verdict="crash($code)"; fi
    fi

    if [[ "$node_verdict" == "$moat_verdict" ]]; then
        result=MATCH
    else
        result=MISMATCH
        mismatches=$((mismatches + 1))
        details+=$'\n'"== $saved ($goal)"$'\n'"node ($node_verdict): ${node_out:-<no output>}"$'\n'"moat ($moat_verdict): ${moat_out:-<no output>}"$'\n'
    fi
    printf '%-32s %-7s %-12s %-12s %s\n' "$saved" "$goal" "$node_verdict" "$moat_verdict" "$result"
done <"$root/scripts/bench-sources.list"

if ((mismatches > 0)); then
    printf '%s\n' "$details" | head -c 20000
    echo "$mismatches mismatch(es)"
    exit 1
fi
echo "all files: moat agrees with node"
