#!/usr/bin/env bash
# Slipway CLI vs a shell baseline for one GitOps update over smart HTTP (lighttpd + git-http-backend):
#   baseline: git clone --depth 1 --single-branch, sed, git commit, git push   (a cold clone every time)
#   slipway:  slipway gitops update --repo ... --build-number N (the downgrade guard on; cold: empty cache;
#             warm: the cached clone, fetch only)
# plus 32 concurrent updates of one branch, each process a different image (file), on both sides: the baseline
# re-applies its sed on the new head and pushes again when rejected, like Slipway; p50/p95 of the per-process
# wall times (of the processes whose update landed) and the wall time of the whole batch; every update should land.
# The repository: 5,000 files and 1,000 commits, generated with git fast-import.
# Run by hand from the repository root:  bench/gitops.sh [rounds]   (default 3). Cold processes on both sides; medians.
# The CLI runs as users run it: the launcher slipway-cli/target/slipway with the runnable jar, on the JDK in
# BENCH_JAVA_HOME (default: the newest JDK in /usr/lib/jvm, else JAVA_HOME), with its start-up cache (an ahead-of-time
# cache on Java 24+, AppCDS before) made by one training update in the bench's temp folder before the timed runs
# (BENCH_CDS=0: none); SLIPWAY_JAVA_OPTS is passed on to the CLI's JVM. Also: warm updates in one long-lived JVM
# (bench/InProcessUpdates.java), the way the Jenkins steps run the engine on an agent.
# Needs: lighttpd, git, python3, bc, a JDK 17 or newer. Goals: cold ratio <= 1.0, warm ratio <= 0.3. Run it on a quiet
# machine: the load average is printed with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
files=${BENCH_FILES:-5000}
commits=${BENCH_COMMITS:-1000}
concurrent=${BENCH_CONCURRENT:-32}
# BENCH_TMPDIR: where the server's repository, the baseline's clones and Slipway's cache live (default: TMPDIR,
# else /tmp). Its file system matters: the baseline checks out 5,000 files every time, Slipway writes one.
work=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/slipway-bench-gitops-XXXXXX")
server_pid=
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

echo "building the CLI..." >&2
./mvnw -q -o -pl slipway-cli -am package -DskipTests >&2
launcher=$PWD/slipway-cli/target/slipway
java_home=${BENCH_JAVA_HOME:-}
if [ -z "$java_home" ]; then
  # the newest JDK installed, by the feature version in its release file
  java_home=$(for release in /usr/lib/jvm/*/release; do
      [ -f "$release" ] && printf '%s %s\n' "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")" "$(dirname "$release")"
    done 2>/dev/null | sort -n | tail -1 | cut -d' ' -f2)
  java_home=${java_home:-${JAVA_HOME:-}}
fi
export JAVA_HOME=$java_home
export SLIPWAY_CDS_DIR="$work/cds"
[ "${BENCH_CDS:-1}" != 0 ] || export SLIPWAY_CDS=off
slipway() { "$launcher" "$@"; }

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
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.05; done
url="http://127.0.0.1:$port/git/gitops.git"

if [ "${BENCH_CDS:-1}" != 0 ]; then
  # the first update of the launcher makes the start-up cache: not timed, like a laptop's or agent's first run
  echo "training run for the start-up cache..." >&2
  last=$(printf '%04d' $((files - 1)))
  slipway gitops update --repo "$url" --image "bench.azurecr.io/app$last:train" --cache "$work/cache-train" --path "apps/app$last" \
      --build-number 1 >/dev/null 2>"$work/train.log" || { cat "$work/train.log" >&2; exit 1; }
  rm -rf "$work/cache-train"
fi

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; print a[i]}'; }

baseline_once() { # $1: tag, $2: app number; re-applies the edit on the new head when the push is rejected
  local dir="$work/baseline-$RANDOM$RANDOM" app=${2:-0000}
  git clone -q --depth 1 --single-branch --branch main "$url" "$dir"
  for _ in $(seq 25); do
    sed -i "s#image: bench.azurecr.io/app$app:.*#image: bench.azurecr.io/app$app:$1#" "$dir/apps/app$app/deployment.yaml"
    git -C "$dir" -c user.name=Bench -c user.email=bench@example.invalid commit -q -am "Deliver app$app $1"
    git -C "$dir" push -q origin main 2>/dev/null && { rm -rf "$dir"; return 0; }
    sleep "0.$((RANDOM % 4))"
    git -C "$dir" fetch -q origin main && git -C "$dir" reset -q --hard FETCH_HEAD
  done
  echo "baseline: app$app not pushed in 25 attempts" >&2; rm -rf "$dir"; return 1
}

slipway_once() { # $1: tag, $2: cache dir, $3: app number, $4: build number
  local log="$2.log"
  slipway gitops update --repo "$url" --image "bench.azurecr.io/app${3:-0000}:$1" --cache "$2" \
      --path "apps/app${3:-0000}" --build-number "${4:-1}" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
}

: > "$work/base.txt"; : > "$work/cold.txt"; : > "$work/warm.txt"
for r in $(seq "$rounds"); do
  t=$(now); baseline_once "b$r"; echo "$(now) - $t" | bc >> "$work/base.txt"
  rm -rf "$work/cache"
  t=$(now); slipway_once "c$r" "$work/cache" 0000 $((r * 10 + 1)); echo "$(now) - $t" | bc >> "$work/cold.txt"
  t=$(now); slipway_once "w$r" "$work/cache" 0000 $((r * 10 + 2)); echo "$(now) - $t" | bc >> "$work/warm.txt"
  echo "round $r: baseline $(tail -1 "$work/base.txt")s, slipway cold $(tail -1 "$work/cold.txt")s, warm $(tail -1 "$work/warm.txt")s" >&2
done

# the same warm update in one long-lived JVM with default options, as the Jenkins steps run the engine on an
# agent: the first run warms the JVM and the cache, the median of the others is reported
echo "warm updates in one JVM (as on a Jenkins agent)..." >&2
in_jvm_app=$(printf '%04d' $((files - 2)))   # an app of its own: the guard compares build numbers per field
: > "$work/in-jvm.txt"
"$JAVA_HOME/bin/java" -cp slipway-cli/target/slipway.jar bench/InProcessUpdates.java \
    "$work/in-jvm.txt" $((rounds + 1)) gitops update --repo "$url" --image "bench.azurecr.io/app$in_jvm_app:j%N" \
    --cache "$work/cache-in-jvm" --path "apps/app$in_jvm_app" --build-number "500%N" >/dev/null 2>"$work/in-jvm.log" \
    || { cat "$work/in-jvm.log" >&2; exit 1; }

concurrently() { # $1: baseline|slipway, $2: times file; prints the batch's wall time
  local pids=() i start
  : > "$2"
  start=$(now)
  for i in $(seq 0 $((concurrent - 1))); do
    (n=$(printf '%04d' "$i"); t=$(now)
     if [ "$1" = baseline ]; then baseline_once "q$i" "$n"; else slipway_once "p$i" "$work/cache-p$i" "$n" $((1000 + i)); fi
     echo "$(now) - $t" | bc >> "$2") &
    pids+=($!)
  done
  wait "${pids[@]}" || true   # not the server; a failed update shows in the landed count
  echo "$(now) - $start" | bc
}
landed() { git --git-dir="$work/repos/gitops.git" log --format=%s -n $((concurrent * 3)) main | grep -c "$1" || true; }

echo "$concurrent concurrent baseline updates (one file each)..." >&2
base_total=$(concurrently baseline "$work/concurrent-base.txt")
base_landed=$(landed '^Deliver app[0-9]* q[0-9]*$')
echo "$concurrent concurrent slipway updates (one file each)..." >&2
slip_total=$(concurrently slipway "$work/concurrent.txt")
slip_landed=$(landed '^Deliver bench.azurecr.io/app[0-9]*:p[0-9]* to')

base=$(median < "$work/base.txt"); cold=$(median < "$work/cold.txt"); warm=$(median < "$work/warm.txt")
in_jvm=$(tail -n +2 "$work/in-jvm.txt" | median)
p50=$(percentile 50 < "$work/concurrent.txt"); p95=$(percentile 95 < "$work/concurrent.txt")
b50=$(percentile 50 < "$work/concurrent-base.txt"); b95=$(percentile 95 < "$work/concurrent-base.txt")
ratio() { echo "$1 / $2" | bc -l; }
echo
echo "GitOps update over smart HTTP: $files files, $commits commits, $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  files in $(df -T "$work" | awk 'NR == 2 {print $2}') ($(dirname "$work"))"
echo "  CLI: slipway-cli/target/slipway on $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), start-up cache: $( [ "${BENCH_CDS:-1}" != 0 ] && echo on || echo off), SLIPWAY_JAVA_OPTS: ${SLIPWAY_JAVA_OPTS:-(none)}"
printf '  baseline (clone --depth 1, sed, commit, push)  median %6.2f s\n' "$base"
printf '  slipway cold cache                             median %6.2f s   ratio %.2f (goal <= 1.0)\n' "$cold" "$(ratio "$cold" "$base")"
printf '  slipway warm cache (fetch only)                median %6.2f s   ratio %.2f (goal <= 0.3)\n' "$warm" "$(ratio "$warm" "$base")"
printf '  slipway warm, in one JVM (as on an agent)     median %6.2f s   ratio %.2f\n' "$in_jvm" "$(ratio "$in_jvm" "$base")"
printf '  %d concurrent baseline updates               p50 %6.2f s   p95 %6.2f s   all %6.2f s   landed %d of %d\n' \
    "$concurrent" "$b50" "$b95" "$base_total" "$base_landed" "$concurrent"
printf '  %d concurrent slipway updates (cold caches)  p50 %6.2f s   p95 %6.2f s   all %6.2f s   landed %d of %d\n' \
    "$concurrent" "$p50" "$p95" "$slip_total" "$slip_landed" "$concurrent"
printf '  %d-way ratios slipway/baseline               p50 %.2f   p95 %.2f   all %.2f\n' \
    "$concurrent" "$(ratio "$p50" "$b50")" "$(ratio "$p95" "$b95")" "$(ratio "$slip_total" "$base_total")"
