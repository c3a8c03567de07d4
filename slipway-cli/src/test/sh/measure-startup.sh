#!/bin/sh
# Start-up of 'slipway --version' through the launcher, with and without its AppCDS archive: runs alternate (so a
# busy machine slows both alike) and the median of each is printed, with their ratio.
# Usage: slipway-cli/src/test/sh/measure-startup.sh [RUNS] (default 15), after
#   ./mvnw -q -pl slipway-cli -am package -DskipTests
set -eu
runs=${1:-15}
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
launcher=$here/../../../target/slipway
SLIPWAY_CDS_DIR=$(mktemp -d)
export SLIPWAY_CDS_DIR
trap 'rm -rf "$SLIPWAY_CDS_DIR"' EXIT

millis() {
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

"$launcher" --version >/dev/null # the first run records the archive
with=$(mktemp)
without=$(mktemp)
i=0
while [ "$i" -lt "$runs" ]; do
  millis env SLIPWAY_CDS=on "$launcher" --version >>"$with"
  millis env SLIPWAY_CDS=off "$launcher" --version >>"$without"
  i=$((i + 1))
done
cds=$(median <"$with")
plain=$(median <"$without")
rm -f "$with" "$without"
echo "slipway --version, median of $runs runs: ${cds} ms with AppCDS, ${plain} ms without (ratio $(awk "BEGIN { printf \"%.2f\", $plain / $cds }"))"
