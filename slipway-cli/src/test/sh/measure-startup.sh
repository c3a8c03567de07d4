#!/bin/sh
# Start-up of 'slipway --version' through the launcher, with and without its AppCDS archive: runs alternate (so a
# busy machine slows both alike); prints the median wall time and the median CPU time (user + system, which a
# busy machine disturbs less) of each, and their ratios. Needs GNU time (/usr/bin/time, Debian package 'time').
# Usage: slipway-cli/src/test/sh/measure-startup.sh [RUNS] (default 15), after
#   ./mvnw -q -pl slipway-cli -am package -DskipTests
set -eu
runs=${1:-15}
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
launcher=$here/../../../target/slipway
SLIPWAY_CDS_DIR=$(mktemp -d)
export SLIPWAY_CDS_DIR
work=$(mktemp -d)
trap 'rm -rf "$SLIPWAY_CDS_DIR" "$work"' EXIT

# one run: "<wall ms> <cpu ms>" appended to $1
measure() {
  file=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$work/time" >>"$file"
}

median() {
  cut -d ' ' -f "$1" "$2" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

"$launcher" --version >/dev/null # the first run records the archive
i=0
while [ "$i" -lt "$runs" ]; do
  measure "$work/with" env SLIPWAY_CDS=on "$launcher" --version
  measure "$work/without" env SLIPWAY_CDS=off "$launcher" --version
  i=$((i + 1))
done
wall_cds=$(median 1 "$work/with")
wall_plain=$(median 1 "$work/without")
cpu_cds=$(median 2 "$work/with")
cpu_plain=$(median 2 "$work/without")
echo "slipway --version, medians of $runs alternating runs:"
echo "  wall: ${wall_cds} ms with AppCDS, ${wall_plain} ms without (ratio $(awk "BEGIN { printf \"%.2f\", $wall_plain / $wall_cds }"))"
echo "  cpu:  ${cpu_cds} ms with AppCDS, ${cpu_plain} ms without (ratio $(awk "BEGIN { printf \"%.2f\", $cpu_plain / $cpu_cds }"))"
