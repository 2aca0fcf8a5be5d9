#!/usr/bin/env bash
# Fetch the real-world JavaScript files used by the parse benchmarks and the real-code check.
#
# Usage: scripts/fetch-bench-sources.sh
#
# Downloads each package listed in scripts/bench-sources.list (exact versions) from the npm
# registry with `npm pack` and keeps only the listed file, saved under target/bench-sources/
# (gitignored: never committed). Idempotent: files already present are skipped, so re-running
# costs nothing. Needs npm and tar; the npm registry is the only network endpoint used.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
list="$root/scripts/bench-sources.list"
dest="$root/target/bench-sources"
mkdir -p "$dest"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Packed tarballs are cached per package@version so several files from one package cost one
# download.
fetched=0
skipped=0
while read -r pkg version inner saved _goal; do
    case "$pkg" in '' | '#'*) continue ;; esac
    if [[ -s "$dest/$saved" ]]; then
        skipped=$((skipped + 1))
        continue
    fi
    unpack="$tmp/unpacked/${pkg//\//_}@$version"
    if [[ ! -d "$unpack" ]]; then
        mkdir -p "$tmp/packs" "$unpack"
        echo "fetching $pkg@$version" >&2
        tarball="$(cd "$tmp/packs" && npm pack --silent "$pkg@$version" | tail -n 1)"
        tar -xzf "$tmp/packs/$tarball" -C "$unpack"
    fi
    # npm tarballs nearly always use `package/` as their root folder, but not all do.
    src="$(find "$unpack" -mindepth 1 -maxdepth 1 -type d | head -n 1)/$inner"
    if [[ ! -f "$src" ]]; then
        echo "error: $pkg@$version has no file $inner" >&2
        exit 1
    fi
    cp "$src" "$dest/$saved.part"
    mv "$dest/$saved.part" "$dest/$saved"
    fetched=$((fetched + 1))
done <"$list"

echo "bench sources in $dest: $fetched fetched, $skipped already present" >&2
