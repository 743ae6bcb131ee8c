#!/usr/bin/env bash
# Two (or more) builds of catalog side by side on one catalog, in turn:
# what to trust on a machine whose speed swings by a third within minutes,
# where two runs an hour apart say little. Run from anywhere:
#
#   bash bench/ab.sh CATALOG_DIR TARGETS BINARY...
#   RUNS=5 OUT=/dev/shm bash bench/ab.sh /tmp/s10k html,pdf,data /tmp/old /tmp/new
#
# Each binary builds CATALOG_DIR (--targets TARGETS) RUNS times (3 by
# default), the binaries alternating, into a fresh folder under OUT (a
# temporary folder by default; /dev/shm keeps the disk's own swings out).
# The folders are removed only at the end: on ext4, making files soon
# after removing tens of thousands is slow, and the next run would pay for
# this one's removal. So OUT needs room for RUNS × binaries outputs (about
# 1 GB each for 10,000 practices and every target). It prints each
# binary's median wall time and its runs, and the median of its peak
# memory.
set -euo pipefail

RUNS=${RUNS:-3}
[ $# -ge 3 ] || { echo "usage: bash bench/ab.sh CATALOG_DIR TARGETS BINARY..." >&2; exit 2; }
dir=$1 targets=$2
shift 2
[ -x /usr/bin/time ] || { echo "ab.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }
OUT=$(mktemp -d "${OUT:-${TMPDIR:-/tmp}}/catalog-ab.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

for r in $(seq "$RUNS"); do
	for i in $(seq $#); do
		bin=${!i}
		out="$OUT/out-$r-$i"
		if ! /usr/bin/time -f '%e %M' -a -o "$OUT/times-$i" "$bin" build --dir "$dir" --targets "$targets" --out "$out" >/dev/null 2>"$OUT/err"; then
			cat "$OUT/err" >&2
			exit 1
		fi
	done
done

# median COLUMN < FILE: the median of a column of numbers.
median() {
	awk -v c="$1" '{ print $c }' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

for i in $(seq $#); do
	printf '%s: median %s s (runs: %s), median peak %s MiB\n' "${!i}" \
		"$(median 1 <"$OUT/times-$i")" "$(awk '{ printf "%s ", $1 }' "$OUT/times-$i")" \
		"$(median 2 <"$OUT/times-$i" | awk '{ printf "%.0f", $1 / 1024 }')"
done
