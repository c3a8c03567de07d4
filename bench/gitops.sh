#!/usr/bin/env bash
# Slipway CLI vs a shell baseline for one GitOps update over smart HTTP (lighttpd + git-http-backend):
#   baseline: git clone --depth 1 --single-branch, sed, git commit, git push   (a cold clone every time)
#   slipway:  slipway gitops update --repo ... (cold: empty cache; warm: the cached clone, fetch only)
# plus 32 concurrent slipway updates of one branch (p50/p95 of their durations; every update must land).
# The repository: 5,000 files and 1,000 commits, generated with git fast-import.
# Run by hand from the repository root:  bench/gitops.sh [rounds]   (default 5). Cold processes on both sides; medians.
# Needs: lighttpd, git, python3, a JDK 17. SLIPWAY_JAVA_OPTS is passed to the CLI's JVM.
# Goals: cold ratio <= 1.0, warm ratio <= 0.3. Run it on a quiet machine: the load average is printed with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
files=${BENCH_FILES:-5000}
commits=${BENCH_COMMITS:-1000}
concurrent=${BENCH_CONCURRENT:-32}
work=$(mktemp -d /tmp/slipway-bench-gitops-XXXXXX)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "building the CLI class path..." >&2
./mvnw -q -o -pl slipway-cli -am compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2
cp="slipway-cli/target/classes:slipway-core/target/classes:$(cat "$work/cp.txt")"
slipway() { java ${SLIPWAY_JAVA_OPTS:-} -cp "$cp" dev.slipway.cli.SlipwayCommand "$@"; }

echo "generating $files files and $commits commits..." >&2
mkdir -p "$work/repos"
git init -q --bare -b main "$work/repos/gitops.git"
python3 - "$files" "$commits" <<'PY' | git --git-dir="$work/repos/gitops.git" fast-import --quiet
import sys
files, commits = int(sys.argv[1]), int(sys.argv[2])
def blob(text):
    data = text.encode()
    return b"data %d\n" % len(data) + data + b"\n"
out = sys.stdout.buffer
for c in range(commits):
    out.write(b"commit refs/heads/main\ncommitter Bench <bench@example.invalid> %d +0000\n" % (1700000000 + c))
    out.write(blob("commit %d" % c))
    if c == 0:
        for f in range(files):
            out.write(b"M 100644 inline apps/app%04d/deployment.yaml\n" % f)
            out.write(blob("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app%04d\nspec:\n  template:\n    spec:\n"
                           "      containers:\n        - name: app\n          image: bench.azurecr.io/app%04d:1.0.0\n" % (f, f)))
    else:
        f = c % files
        out.write(b"M 100644 inline apps/app%04d/notes.txt\n" % f)
        out.write(blob("change %d\n" % c))
PY
git --git-dir="$work/repos/gitops.git" config http.receivepack true

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/lighttpd.conf" <<CONF
server.modules = ( "mod_alias", "mod_setenv", "mod_cgi" )
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$work"
server.errorlog = "$work/lighttpd-error.log"
alias.url = ( "/git/" => "/usr/lib/git-core/git-http-backend/" )
\$HTTP["url"] =~ "^/git/" {
  cgi.assign = ( "" => "" )
  setenv.add-environment = ( "GIT_PROJECT_ROOT" => "$work/repos", "GIT_HTTP_EXPORT_ALL" => "", "REMOTE_USER" => "bench" )
}
CONF
lighttpd -D -f "$work/lighttpd.conf" &
server_pid=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
url="http://127.0.0.1:$port/git/gitops.git"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; print a[i]}'; }

baseline_once() { # $1: tag
  local dir="$work/baseline-$RANDOM$RANDOM"
  git clone -q --depth 1 --single-branch --branch main "$url" "$dir"
  sed -i "s#image: bench.azurecr.io/app0000:.*#image: bench.azurecr.io/app0000:$1#" "$dir/apps/app0000/deployment.yaml"
  git -C "$dir" -c user.name=Bench -c user.email=bench@example.invalid commit -q -am "Deliver app0000 $1"
  git -C "$dir" push -q origin main
  rm -rf "$dir"
}

slipway_once() { # $1: tag, $2: cache dir, $3: app number
  local log="$2.log"
  slipway gitops update --repo "$url" --image "bench.azurecr.io/app${3:-0000}:$1" --cache "$2" \
      --path "apps/app${3:-0000}" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
}

: > "$work/base.txt"; : > "$work/cold.txt"; : > "$work/warm.txt"
for r in $(seq "$rounds"); do
  t=$(now); baseline_once "b$r"; echo "$(echo "$(now) - $t" | bc)" >> "$work/base.txt"
  rm -rf "$work/cache"
  t=$(now); slipway_once "c$r" "$work/cache"; echo "$(echo "$(now) - $t" | bc)" >> "$work/cold.txt"
  t=$(now); slipway_once "w$r" "$work/cache"; echo "$(echo "$(now) - $t" | bc)" >> "$work/warm.txt"
  echo "round $r: baseline $(tail -1 "$work/base.txt")s, slipway cold $(tail -1 "$work/cold.txt")s, warm $(tail -1 "$work/warm.txt")s" >&2
done

echo "$concurrent concurrent slipway updates (one file each)..." >&2
: > "$work/concurrent.txt"
pids=()
for i in $(seq 0 $((concurrent - 1))); do
  (n=$(printf '%04d' "$i"); t=$(now); slipway_once "p$i" "$work/cache-p$i" "$n"; echo "$(echo "$(now) - $t" | bc)" >> "$work/concurrent.txt") &
  pids+=($!)
done
wait "${pids[@]}"   # not the server
landed=$(git --git-dir="$work/repos/gitops.git" log --format=%s -n $((concurrent + 1)) main | grep -c '^Deliver bench.azurecr.io/app' || true)

base=$(median < "$work/base.txt"); cold=$(median < "$work/cold.txt"); warm=$(median < "$work/warm.txt")
p50=$(percentile 50 < "$work/concurrent.txt"); p95=$(percentile 95 < "$work/concurrent.txt")
echo
echo "GitOps update over smart HTTP: $files files, $commits commits, $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  baseline (clone --depth 1, sed, commit, push)  median %6.2f s\n' "$base"
printf '  slipway cold cache                             median %6.2f s   ratio %.2f (goal <= 1.0)\n' "$cold" "$(echo "$cold / $base" | bc -l)"
printf '  slipway warm cache (fetch only)                median %6.2f s   ratio %.2f (goal <= 0.3)\n' "$warm" "$(echo "$warm / $base" | bc -l)"
printf '  %d concurrent slipway updates                  p50 %6.2f s   p95 %6.2f s   landed %d of %d\n' \
    "$concurrent" "$p50" "$p95" "$((landed > concurrent ? concurrent : landed))" "$concurrent"
