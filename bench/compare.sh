#!/usr/bin/env bash
# Side by side: how long `catalog build --targets html` takes against Hugo on
# the same content, and against the "goldmark-only floor" (reading and
# rendering every body, nothing else). Run from the repository root:
#
#   bash bench/compare.sh                 # 1,000 and 10,000 practices, 5 runs
#   SIZES=1000 RUNS=3 bash bench/compare.sh
#
# For each size it generates a catalog (internal/synth, seed 1), converts it
# to an equivalent Hugo site (bench/hugosite: same bodies, same
# fields, a page per practice and per country and theme, in es and en), runs
# each tool once untimed, then RUNS times in turn, timed by /usr/bin/time
# (wall seconds, peak RSS). Hugo gets a fresh output folder and an empty
# cache folder every run; so does catalog. Progress goes to stderr, the
# Markdown table to stdout.
set -euo pipefail

SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}

die() { echo "compare.sh: $*" >&2; exit 2; }

[ -f go.mod ] && [ -d cmd/catalog ] || die "run me from the repository root (bash bench/compare.sh)"
[ -x /usr/bin/time ] || die "needs GNU time at /usr/bin/time (Debian: apt-get install time)"
if ! command -v hugo >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		echo "compare.sh: hugo is not on PATH; installing Debian's package" >&2
		# --no-install-recommends: the package recommends golang-any, which
		# would put an old go in /usr/bin.
		apt-get install -y --no-install-recommends hugo >&2 ||
			{ apt-get update >&2 && apt-get install -y --no-install-recommends hugo >&2; }
	else
		die "hugo is not on PATH: install it (sudo apt-get install hugo, or https://gohugo.io/installation/) and run me again"
	fi
fi

HUGO_VERSION=$(hugo version)
GO_VERSION=$(go version)
echo "$HUGO_VERSION"
echo "$GO_VERSION"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/catalog-compare.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

echo "building catalog and the helper commands…" >&2
go build -o "$TMP/bin/catalog" ./cmd/catalog
go build -o "$TMP/bin/synth" ./bench/synth
go build -o "$TMP/bin/hugosite" ./bench/hugosite
go build -o "$TMP/bin/floor" ./bench/floor

# timed LOG CMD...: runs CMD under /usr/bin/time and appends "wall rssKB" to
# LOG. Whatever CMD prints is kept in LOG.out (and shown if it fails).
timed() {
	local log=$1
	shift
	if ! /usr/bin/time -f '%e %M' -o "$log.time" "$@" >"$log.out" 2>&1; then
		cat "$log.out" "$log.time" >&2
		die "failed: $*"
	fi
	tail -n 1 "$log.time" >>"$log"
}

# median COLUMN < LOG: the median of a column of numbers.
median() {
	awk -v c="$1" '{ print $c }' | sort -g | awk '{ a[NR] = $1 }
		END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# floor_wall WORKERS < OUTPUT: the wall seconds of the floor's line for WORKERS.
floor_wall() {
	sed -n "s/^floor workers=$1 .* wall=\([0-9.]*\)s\$/\1/p"
}

NPROC=$(nproc)
ROWS=()
WARNINGS=()
for n in $SIZES; do
	d="$TMP/n$n"
	mkdir -p "$d"
	echo "== $n practices: generating the catalog and the Hugo site" >&2
	"$TMP/bin/synth" -n "$n" -seed 1 -out "$d/cat" 2>/dev/null
	"$TMP/bin/hugosite" -catalog "$d/cat" -out "$d/site" 2>/dev/null
	files=$(find "$d/cat/practices" -name '*.md' | wc -l)

	# hugo_run LOG [--quiet]
	hugo_run() { rm -rf "$d/hugo-out" "$d/hugo-cache"; timed "$1" hugo ${2:-} -s "$d/site" -d "$d/hugo-out" --cacheDir "$d/hugo-cache"; }
	catalog_run() { rm -rf "$d/catalog-out"; timed "$1" "$TMP/bin/catalog" build --dir "$d/cat" --targets html -o "$d/catalog-out"; }

	# The warm-up runs Hugo without --quiet (which hides warnings too), so
	# that a warning or error about the generated site shows.
	echo "   warm-up run of each" >&2
	hugo_run "$d/warm-hugo"
	catalog_run "$d/warm-catalog"
	if grep -E '^(WARN|ERROR)' "$d/warm-hugo.out" >&2; then
		WARNINGS+=("hugo warned on $n practices (above)")
	fi

	for r in $(seq "$RUNS"); do
		hugo_run "$d/hugo" --quiet
		catalog_run "$d/catalog"
		"$TMP/bin/floor" -catalog "$d/cat" -workers "$NPROC" >"$d/floor.out"
		floor_wall "$NPROC" <"$d/floor.out" >>"$d/floorN"
		floor_wall 1 <"$d/floor.out" >>"$d/floor1"
		printf '   run %d: hugo %s s, catalog %s s, floor %s s\n' "$r" \
			"$(tail -n 1 "$d/hugo" | cut -d' ' -f1)" "$(tail -n 1 "$d/catalog" | cut -d' ' -f1)" "$(tail -n 1 "$d/floorN")" >&2
	done

	hw=$(median 1 <"$d/hugo")
	hm=$(median 2 <"$d/hugo")
	cw=$(median 1 <"$d/catalog")
	cm=$(median 2 <"$d/catalog")
	fN=$(median 1 <"$d/floorN")
	f1=$(median 1 <"$d/floor1")
	hh=$(find "$d/hugo-out" -name '*.html' | wc -l)
	ch=$(find "$d/catalog-out" -name '*.html' | wc -l)
	ROWS+=("$(awk -v n="$n" -v files="$files" -v hw="$hw" -v hm="$hm" -v cw="$cw" -v cm="$cm" \
		-v fN="$fN" -v f1="$f1" -v hh="$hh" -v ch="$ch" 'BEGIN {
		printf "| %d | %d | %.2f | %.0f | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d |",
			n, files, hw, hm / 1024, cw, cm / 1024, cw / hw, fN, f1, cw / fN, hh, ch }')")
done

echo
echo "Median of $RUNS runs each. Wall in seconds, peak RSS in MiB; floor = read and render every body with goldmark alone ($NPROC workers; and 1)."
echo
echo "| practices | .md files | hugo wall | hugo RSS | catalog wall | catalog RSS | catalog/hugo | floor wall | floor 1-worker | catalog/floor | hugo HTML files | catalog HTML files |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
echo
if [ ${#WARNINGS[@]} -gt 0 ]; then printf '%s\n' "${WARNINGS[@]}"; else echo "hugo printed no warnings or errors."; fi
echo "machine: $NPROC CPUs (nproc), $(uname -m); $HUGO_VERSION; $GO_VERSION"
