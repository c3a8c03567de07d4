#!/usr/bin/env bash
# Slipway CLI vs skopeo: push, re-push (all blobs exist) and copy to another repository of a 3-layer ~300 MB image.
# Run by hand from the repository root:  bench/push.sh [rounds]   (default 5)
# Cold processes on both sides (a new JVM / skopeo process per operation), the same OCI layout, a fresh
# docker-registry per round and tool (so neither side can mount blobs it pushed in an earlier round), medians.
# Needs: docker-registry, skopeo, python3, a JDK 17. Prints the medians and the ratio slipway/skopeo (goal <= 1.0).
# SLIPWAY_JAVA_OPTS is passed to the CLI's JVM (e.g. "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" for short runs).
# Run it on a quiet machine: the load average is printed with the figures, and a JVM suffers more from a busy CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
work=$(mktemp -d /tmp/slipway-bench-XXXXXX)
registry_pid=
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "building the CLI class path..." >&2
./mvnw -q -o -pl slipway-cli -am compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2
cp="slipway-cli/target/classes:slipway-core/target/classes:$(cat "$work/cp.txt")"

echo "writing a 3-layer ~300 MB OCI layout..." >&2
python3 - "$work/layout" <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]; blobs = os.path.join(root, "blobs", "sha256"); os.makedirs(blobs)
def put(data):
    d = hashlib.sha256(data).hexdigest(); open(os.path.join(blobs, d), "wb").write(data); return d
layers = []
for i in range(3):
    h = hashlib.sha256(); path = os.path.join(root, "tmp"); size = 100 * 1024 * 1024
    with open(path, "wb") as f:
        chunk = os.urandom(1 << 20)
        for n in range(size >> 20):
            b = n.to_bytes(8, "big") + chunk[8:]; h.update(b); f.write(b)
    d = h.hexdigest(); os.rename(path, os.path.join(blobs, d))
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": "sha256:" + d, "size": size})
config = json.dumps({"architecture": "amd64", "os": "linux",
                     "rootfs": {"type": "layers", "diff_ids": [l["digest"] for l in layers]}}).encode()
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + put(config), "size": len(config)},
    "layers": layers}).encode()
md = put(manifest)
open(os.path.join(root, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
open(os.path.join(root, "index.json"), "w").write(json.dumps({"schemaVersion": 2, "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:" + md, "size": len(manifest),
     "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}))
PY

start_registry() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null || true
  rm -rf "$work/reg"; mkdir -p "$work/reg"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat > "$work/reg/config.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/reg/data}}
http: {addr: 127.0.0.1:$port}
YML
  docker-registry serve "$work/reg/config.yml" >"$work/reg/log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
  reg=127.0.0.1:$port
}

now() { date +%s.%N; }
timed() { local t0; t0=$(now); "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 1; }; python3 -c "print($(now)-$t0)"; }
# shellcheck disable=SC2086
slipway() { java ${SLIPWAY_JAVA_OPTS:-} -cp "$cp" dev.slipway.cli.SlipwayCommand "$@"; }

: > "$work/times"
for round in $(seq "$rounds"); do
  start_registry
  echo "slipway push $(timed slipway push --layout "$work/layout" --image "$reg/bench/app:1" --plain-http "$reg")" >> "$work/times"
  echo "slipway repush $(timed slipway push --layout "$work/layout" --image "$reg/bench/app:1" --plain-http "$reg")" >> "$work/times"
  digest=$(slipway push --layout "$work/layout" --image "$reg/bench/app" --plain-http "$reg" 2>/dev/null)
  echo "slipway copy $(timed slipway copy --from "$digest" --to "$reg/bench/copy:1" --plain-http "$reg")" >> "$work/times"
  start_registry
  echo "skopeo push $(timed skopeo copy --quiet --dest-tls-verify=false "oci:$work/layout:latest" "docker://$reg/bench/app:1")" >> "$work/times"
  echo "skopeo repush $(timed skopeo copy --quiet --dest-tls-verify=false "oci:$work/layout:latest" "docker://$reg/bench/app:1")" >> "$work/times"
  echo "skopeo copy $(timed skopeo copy --quiet --src-tls-verify=false --dest-tls-verify=false "docker://$reg/bench/app:1" "docker://$reg/bench/copy:1")" >> "$work/times"
  echo "round $round done" >&2
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); java options: ${SLIPWAY_JAVA_OPTS:-(none)}"
python3 - "$work/times" "$rounds" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    tool, op, t = line.split(); times.setdefault((tool, op), []).append(float(t))
print(f"rounds: {sys.argv[2]}  (median seconds; ratio = slipway / skopeo, goal <= 1.0)")
print(f"{'operation':<10}{'slipway':>10}{'skopeo':>10}{'ratio':>8}")
for op in ("push", "repush", "copy"):
    s = statistics.median(times[("slipway", op)]); k = statistics.median(times[("skopeo", op)])
    print(f"{op:<10}{s:>10.2f}{k:>10.2f}{s / k:>8.2f}")
PY
