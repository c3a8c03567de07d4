#!/usr/bin/env bash
# The main job on this machine, with local parts only: build the reference app (examples/flask-redis) with
# buildah, push it by digest to a local registry behind an ACR-style token server, commit the new image to a GitOps
# repository served by a local `git daemon`, show the push-mode plan, then write the delivery record and
# the HTML report. See docs/demo.md for what each step shows and where its output is.
#
# State lives in .slipway/demo/ (git-ignored): the registry's blobs and the cached base image stay there so a
# second run is fast; per-run secrets live in .slipway/demo/run/ and are deleted when the script ends.
# Servers listen on 127.0.0.1 only and are stopped by PID when the script ends, whatever happens.
#
# Environment: SLIPWAY_DEMO_REGISTRY_PORT (default 5015; part of the image names in the GitOps repository, so
# it is fixed across runs), SLIPWAY_DEMO_REBUILD_BASE=1 to make the base image again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STATE="$ROOT/.slipway/demo"
RUN="$STATE/run"                       # this run's secrets and server configs; removed on exit
REGISTRY_PORT="${SLIPWAY_DEMO_REGISTRY_PORT:-5015}"
REGISTRY="127.0.0.1:$REGISTRY_PORT"
IMAGE_REPO="$REGISTRY/visit-counter/web"
BASE_IMAGE="$REGISTRY/slipway-demo/python-base:bookworm"
REGISTRY_USER="demo"
APP="examples/flask-redis"
JAR="$ROOT/slipway-cli/target/slipway.jar"

started_at=$(date +%s)
step_started=$started_at
step_no=0
pids=()
fallbacks=()

step() {
  local now; now=$(date +%s)
  if [ "$step_no" -gt 0 ]; then printf '   (%ss)\n' "$((now - step_started))"; fi
  step_no=$((step_no + 1)); step_started=$now
  printf '\n== %s. %s\n' "$step_no" "$*"
}
info() { printf '   %s\n' "$*"; }
fallback() { fallbacks+=("$*"); printf '   FALLBACK: %s\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }
slipway() { java -jar "$JAR" "$@"; }

cleanup() {
  local code=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$RUN"
  if [ "$code" -ne 0 ]; then
    printf '\ndemo: FAILED (exit %s) in step %s; servers stopped, secrets removed. State kept in %s\n' \
      "$code" "$step_no" "${STATE#"$ROOT"/}" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until an HTTP URL answers with one of the given status codes (the registry, the API stand-in).
wait_http() {
  local url=$1 codes=$2 code=""
  for _ in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    case " $codes " in *" $code "*) return 0 ;; esac
    sleep 0.1
  done
  die "$url did not answer (last status ${code:-none})"
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---------------------------------------------------------------------------------------------------------
step "Checking what the demo needs"
need=()
declare -A package_of=([java]=openjdk-17-jdk-headless [git]=git [docker-registry]=docker-registry [buildah]=buildah
  [skopeo]=skopeo [kubectl]=kubectl [python3]=python3 [curl]=curl [debootstrap]=debootstrap [openssl]=openssl)
for tool in java git docker-registry buildah skopeo kubectl python3 curl debootstrap openssl; do
  command -v "$tool" >/dev/null 2>&1 || need+=("${package_of[$tool]}")
done
if ((${#need[@]})); then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    info "installing: ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    die "missing tools; install them with: sudo apt-get install -y ${need[*]}"
  fi
fi
info "java, git, docker-registry, buildah, skopeo, kubectl, python3, curl, debootstrap, openssl: present"
mkdir -p "$STATE"
rm -rf "$RUN"; mkdir -m 700 "$RUN"

# ---------------------------------------------------------------------------------------------------------
step "Building the slipway CLI (slipway-cli/target/slipway.jar)"
if [ -f "$JAR" ] && [ -z "$(find slipway-core/src/main slipway-cli/src/main slipway-test-support/src/main pom.xml ./*/pom.xml \
     -newer "$JAR" -type f -print -quit)" ]; then
  info "up to date (no source newer than the jar)"
else
  ./mvnw -q -pl slipway-cli -am package -DskipTests
  info "built $(du -h "$JAR" | cut -f1) jar"
fi
info "$(slipway --version)"

# ---------------------------------------------------------------------------------------------------------
step "Starting the registry on $REGISTRY (Debian docker-registry) behind an ACR-style token server"
port_free "$REGISTRY_PORT" || die "port $REGISTRY_PORT is in use; set SLIPWAY_DEMO_REGISTRY_PORT to a free port"
# A fresh random password each run: kept in a mode-600 file and handed on in environment variables, never on a
# command line, never printed.
umask 077
openssl rand -base64 30 | tr -d '/+=\n' > "$RUN/registry-password"
SLIPWAY_DEMO_REGISTRY_PASSWORD="$(cat "$RUN/registry-password")"
export SLIPWAY_DEMO_REGISTRY_PASSWORD
# buildah reads base-image credentials from an auth file (containers-auth.json); it lives in $RUN, removed on exit
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$REGISTRY" \
  "$(printf '%s:%s' "$REGISTRY_USER" "$SLIPWAY_DEMO_REGISTRY_PASSWORD" | base64 -w0)" > "$RUN/auth.json"
umask 022
# The token server is slipway-test-support's AcrStyleTokenServerMain (ACR's GET /oauth2/token with basic auth, as
# for an ACR admin user or token; POST /oauth2/exchange and /oauth2/token): a stand-in for ACR's token service.
classpath_file="$STATE/cache/token-server.classpath"
if [ ! -f "$classpath_file" ] || [ slipway-test-support/pom.xml -nt "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  mkdir -p "$STATE/cache"
  ./mvnw -q -pl slipway-test-support dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$classpath_file" >/dev/null
fi
SLIPWAY_TOKEN_SERVER_USERNAME="$REGISTRY_USER" SLIPWAY_TOKEN_SERVER_PASSWORD="$SLIPWAY_DEMO_REGISTRY_PASSWORD" \
  java -cp "slipway-test-support/target/classes:$(cat "$classpath_file")" \
  dev.slipway.testsupport.registry.AcrStyleTokenServerMain "$RUN/token-server" "$REGISTRY" > "$RUN/token-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do [ -f "$RUN/token-server/registry-auth.yml" ] && break; sleep 0.1; done
[ -f "$RUN/token-server/registry-auth.yml" ] || { cat "$RUN/token-server.log" >&2; die "the token server did not start"; }
info "$(head -1 "$RUN/token-server.log")"
mkdir -p "$STATE/registry"
{
  cat <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY
  secret: $(openssl rand -hex 16)
YAML
  cat "$RUN/token-server/registry-auth.yml"
} > "$RUN/registry.yml"
docker-registry serve "$RUN/registry.yml" > "$RUN/registry.log" 2>&1 &
pids+=($!)
wait_http "http://$REGISTRY/v2/" 401
info "registry up: $(curl -s -D - -o /dev/null "http://$REGISTRY/v2/" | tr -d '\r' | grep -i '^www-authenticate:')"
info "the CLI and buildah log in as '$REGISTRY_USER' (password from the environment / a mode-600 auth file) and get tokens"

# ---------------------------------------------------------------------------------------------------------
step "Base image $BASE_IMAGE (Debian bookworm minbase + python3-flask/redis/gunicorn; no Docker Hub here)"
BASE_ARCHIVE="$STATE/cache/python-base.oci.tar"
if [ -f "$BASE_ARCHIVE" ] && [ "${SLIPWAY_DEMO_REBUILD_BASE:-0}" != 1 ]; then
  info "cached: ${BASE_ARCHIVE#"$ROOT"/} (SLIPWAY_DEMO_REBUILD_BASE=1 makes it again)"
else
  mkdir -p "$STATE/cache"
  rootfs="$STATE/cache/rootfs"
  rm -rf "$rootfs"
  info "debootstrap --variant=minbase bookworm (from deb.debian.org; a few minutes the first time)"
  debootstrap --variant=minbase --include=python3-flask,python3-redis,python3-gunicorn bookworm "$rootfs" \
    http://deb.debian.org/debian > "$STATE/cache/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see ${STATE#"$ROOT"/}/cache/debootstrap.log"
  # what an image does not need: package caches, documentation, manuals, translations
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc \
    "$rootfs"/usr/share/man "$rootfs"/usr/share/info "$rootfs"/usr/share/locale "$rootfs"/var/log/*
  # buildah with a storage private to this step (vfs: plain folders, nothing mounted), removed afterwards
  export CONTAINERS_STORAGE_CONF="$RUN/base-storage.conf"
  printf '[storage]\ndriver = "vfs"\ngraphroot = "%s"\nrunroot = "%s"\n' "$RUN/base-storage/root" "$RUN/base-storage/run" \
    > "$CONTAINERS_STORAGE_CONF"
  container=$(buildah from --quiet scratch)
  tar -C "$rootfs" -cf "$RUN/rootfs.tar" .
  buildah add --quiet "$container" "$RUN/rootfs.tar" / >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 \
    --cmd /usr/bin/python3 --label org.opencontainers.image.description="Debian bookworm minbase with Flask, redis-py, gunicorn (slipway demo)" \
    "$container"
  rm -f "$BASE_ARCHIVE"
  buildah commit --quiet --format oci "$container" "oci-archive:$BASE_ARCHIVE" >/dev/null
  buildah rm "$container" >/dev/null
  unset CONTAINERS_STORAGE_CONF
  rm -rf "$RUN/base-storage" "$RUN/rootfs.tar" "$rootfs"
  info "made ${BASE_ARCHIVE#"$ROOT"/} ($(du -h "$BASE_ARCHIVE" | cut -f1))"
fi
slipway push --layout "$BASE_ARCHIVE" --image "$BASE_IMAGE" --plain-http "$REGISTRY" \
  --username "$REGISTRY_USER" --password-env SLIPWAY_DEMO_REGISTRY_PASSWORD 2>"$RUN/push-base.log" \
  | sed 's/^/   pushed base: /' || { cat "$RUN/push-base.log" >&2; die "pushing the base image failed"; }

# ---------------------------------------------------------------------------------------------------------
SOURCE_COMMIT=$(git rev-parse HEAD)
SOURCE_BRANCH=$(git rev-parse --abbrev-ref HEAD)
SHORT=$(git rev-parse --short=7 HEAD)
# the source repository's URL for labels, trailers and the record: the checkout's origin, when it has one
SOURCE_URL=$(git config --get remote.origin.url | sed -E 's#(://)[^/@]*@#\1#' || true)   # without user:token@
source_url_build=(); source_url_update=()
if [ -n "$SOURCE_URL" ]; then
  source_url_build=(--source-url "$SOURCE_URL"); source_url_update=(--source-repository "$SOURCE_URL")
fi
step "slipway build: $APP/app with buildah (BASE_IMAGE from the local registry) into an OCI layout"
build_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
slipway build --workspace . --context "$APP/app" --image "$IMAGE_REPO" --tag '{gitCommitShort}' \
  --build-arg "BASE_IMAGE=$BASE_IMAGE" --insecure-registry "$REGISTRY" --pull-auth-file "${RUN#"$ROOT"/}/auth.json" \
  --git-commit "$SOURCE_COMMIT" --branch "$SOURCE_BRANCH" "${source_url_build[@]}" \
  --layout .slipway/demo/oci-layout 2>&1 | sed 's/^/   /'
build_finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# ---------------------------------------------------------------------------------------------------------
step "slipway push: the layout to $IMAGE_REPO, by digest, then tag $SHORT"
push_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
PUSHED=$(slipway push --layout .slipway/demo/oci-layout --image "$IMAGE_REPO" --tag "$SHORT" --plain-http "$REGISTRY" \
  --username "$REGISTRY_USER" --password-env SLIPWAY_DEMO_REGISTRY_PASSWORD 2> >(sed 's/^/   /' >&2))
push_finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)
DIGEST=${PUSHED##*@}
IMAGE="$IMAGE_REPO:$SHORT@$DIGEST"
info "pushed: $PUSHED"
info "image for the manifests: $IMAGE"
# another client confirms it: skopeo (through the token server, credentials from the auth file) resolves the tag
served=$(skopeo inspect --authfile "$RUN/auth.json" --tls-verify=false --format '{{.Digest}}' "docker://$IMAGE_REPO:$SHORT")
[ "$served" = "$DIGEST" ] || die "the registry serves $served for tag $SHORT, not the pushed $DIGEST"
info "skopeo inspect: tag $SHORT -> $served"

# ---------------------------------------------------------------------------------------------------------
step "GitOps repository on git://127.0.0.1 (git daemon), seeded once from $APP"
GIT_BASE="$STATE/git"
BARE="$GIT_BASE/visit-counter-gitops.git"
if [ ! -d "$BARE" ]; then
  mkdir -p "$GIT_BASE"
  git init -q --bare -b main "$BARE"
  seed="$RUN/seed"
  mkdir -p "$seed"
  cp -r "$APP/k8s" "$APP/argocd" "$APP/flux" "$seed/"
  # the example names the image at slipwaydemo.azurecr.io; here the registry is the local one
  grep -rl 'slipwaydemo.azurecr.io' "$seed" | xargs sed -i "s#slipwaydemo.azurecr.io#$REGISTRY#g"
  git -C "$seed" init -q -b main
  git -C "$seed" -c user.name="Slipway demo" -c user.email=demo@slipway.invalid add -A
  git -C "$seed" -c user.name="Slipway demo" -c user.email=demo@slipway.invalid commit -q -m "Visit counter manifests (from $APP)"
  git -C "$seed" push -q "$BARE" main
  info "seeded ${BARE#"$ROOT"/}"
fi
GIT_PORT=$(free_port)
git daemon --listen=127.0.0.1 --port="$GIT_PORT" --base-path="$GIT_BASE" --export-all --enable=receive-pack \
  --reuseaddr --informative-errors "$GIT_BASE" > "$RUN/git-daemon.log" 2>&1 &
pids+=($!)
GITOPS_URL="git://127.0.0.1:$GIT_PORT/visit-counter-gitops.git"
for _ in $(seq 1 50); do git ls-remote "$GITOPS_URL" >/dev/null 2>&1 && break; sleep 0.1; done
git ls-remote "$GITOPS_URL" >/dev/null || die "git daemon did not answer on $GITOPS_URL"
info "serving $GITOPS_URL"

# ---------------------------------------------------------------------------------------------------------
step "slipway gitops update: k8s/overlays/dev to $IMAGE_REPO:$SHORT@${DIGEST:0:19}…, committed and pushed"
update_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
before=$(git ls-remote "$GITOPS_URL" refs/heads/main | cut -f1)
slipway gitops update --repo "$GITOPS_URL" --branch main --path k8s/overlays/dev --image "$IMAGE" \
  --author "Slipway demo <demo@slipway.invalid>" --source-commit "$SOURCE_COMMIT" \
  "${source_url_update[@]}" --cache "$STATE/gitops-cache" \
  > "$RUN/update.txt" 2> "$RUN/update.err" || { cat "$RUN/update.err" "$RUN/update.txt" >&2; die "slipway gitops update failed"; }
sed 's/^/   /' "$RUN/update.err" "$RUN/update.txt"
GITOPS_COMMIT=$(git ls-remote "$GITOPS_URL" refs/heads/main | cut -f1)
clone="$RUN/gitops"
git clone -q "$GITOPS_URL" "$clone"
update_finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)
: > "$RUN/commit-message.txt"
if [ "$before" = "$GITOPS_COMMIT" ]; then
  info "already up to date: main stays at $GITOPS_COMMIT (this image is there already)"
else
  info "main moved ${before:0:12} -> ${GITOPS_COMMIT:0:12}; the commit on the server:"
  git --git-dir="$BARE" log -1 --format=%B "$GITOPS_COMMIT" > "$RUN/commit-message.txt"
fi
git --git-dir="$BARE" show --stat --patch --format='   commit %H%n   Author: %an%n%n%w(0,7,7)%B' "$GITOPS_COMMIT" | sed 's/^/   /'

# ---------------------------------------------------------------------------------------------------------
step "Push mode, planned: what 'slipway deploy' would apply (no cluster is configured)"
fallback "no Kubernetes cluster here and 'deploy --plan' needs one: it plans against a stand-in API on 127.0.0.1 that knows no objects (every GET is 404), so each object shows 'would create'"
API_PORT=$(free_port)
python3 - "$API_PORT" > "$RUN/api.log" 2>&1 <<'PY' &
# An empty Kubernetes API for the plan: every object is "not found", nothing can be written.
import http.server, json, sys
class EmptyCluster(http.server.BaseHTTPRequestHandler):
    def answer(self, code, reason):
        body = json.dumps({"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": reason, "code": code}).encode()
        self.send_response(code); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        if self.path.startswith("/version"):
            body = json.dumps({"major": "1", "minor": "31", "gitVersion": "v1.31.0-empty-stand-in"}).encode()
            self.send_response(200); self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
        else:
            self.answer(404, "NotFound")
    def do_PATCH(self): self.answer(405, "MethodNotAllowed")
    do_POST = do_PUT = do_DELETE = do_PATCH
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), EmptyCluster).serve_forever()
PY
pids+=($!)
wait_http "http://127.0.0.1:$API_PORT/version" 200
cat > "$RUN/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: empty-stand-in
    cluster:
      server: http://127.0.0.1:$API_PORT
users:
  - name: nobody
    user: {}
contexts:
  - name: empty-stand-in
    context: {cluster: empty-stand-in, user: nobody, namespace: default}
current-context: empty-stand-in
YAML
plan_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# push mode applies the same kustomize overlay, with the pushed image substituted in every container that runs it
slipway deploy --plan --workspace "$clone" -f k8s/overlays/dev --image "$IMAGE" --kubeconfig "$RUN/kubeconfig" \
  --source-commit "$SOURCE_COMMIT" > "$RUN/plan.txt" 2> "$RUN/plan.err" \
  || { cat "$RUN/plan.err" >&2; die "slipway deploy --plan failed"; }
plan_finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sed 's/^/   /' "$RUN/plan.err" "$RUN/plan.txt"
mkdir -p "$STATE/out"
cp "$RUN/plan.txt" "$STATE/out/push-mode-plan.txt"

# ---------------------------------------------------------------------------------------------------------
step "Delivery record and HTML report"
fallback "'slipway deliver' (which records as it goes) is not there yet: the script writes the record from the steps' results"
mkdir -p "$STATE/records"
DELIVERY_ID="demo-$(date -u +%Y%m%dT%H%M%SZ)-$SHORT"
RECORD="$STATE/records/$DELIVERY_ID.json"
SIZE=$(python3 -c 'import json,sys,os
layout=sys.argv[1]; idx=json.load(open(os.path.join(layout,"index.json")))
d=idx["manifests"][0]["digest"].split(":",1); m=json.load(open(os.path.join(layout,"blobs",d[0],d[1])))
print(m["config"]["size"]+sum(l["size"] for l in m["layers"]))' .slipway/demo/oci-layout)
DELIVERY_ID="$DELIVERY_ID" STARTED="$(date -u -d "@$started_at" +%Y-%m-%dT%H:%M:%SZ)" FINISHED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
SOURCE_COMMIT="$SOURCE_COMMIT" SOURCE_BRANCH="$SOURCE_BRANCH" SOURCE_URL="$SOURCE_URL" REGISTRY="$REGISTRY" DIGEST="$DIGEST" SHORT="$SHORT" SIZE="$SIZE" \
GITOPS_URL="$GITOPS_URL" GITOPS_COMMIT="$GITOPS_COMMIT" COMMIT_MESSAGE="$RUN/commit-message.txt" PLAN_TXT="$RUN/plan.txt" \
T_BUILD="$build_started $build_finished" T_PUSH="$push_started $push_finished" T_UPDATE="$update_started $update_finished" \
T_PLAN="$plan_started $plan_finished" python3 - > "$RECORD" <<'PY'
import json, os, re
e = os.environ
def phase(name, times, message):
    start, end = e[times].split()
    return {"name": name, "status": "SUCCEEDED", "startedAt": start, "finishedAt": end, "message": message}
# the GitOps commit message lists its changes: "- FILE: FIELD OLD -> NEW", OLD "(added)" for a new field
changes = []
for line in open(e["COMMIT_MESSAGE"]):
    m = re.match(r"- (\S+): (\S+) (\S+) -> (\S+)$", line.strip())
    if m:
        changes.append({"location": m.group(1), "document": 0, "field": m.group(2),
                        "oldValue": None if m.group(3) == "(added)" else m.group(3), "newValue": m.group(4)})
plan = open(e["PLAN_TXT"]).read().strip().splitlines()
record = {
    "schemaVersion": 1, "id": e["DELIVERY_ID"], "environment": "dev", "mode": "GITOPS", "outcome": "SUCCEEDED",
    "startedAt": e["STARTED"], "finishedAt": e["FINISHED"],
    "source": dict({"commit": e["SOURCE_COMMIT"], "branch": e["SOURCE_BRANCH"]},
                   **({"repository": e["SOURCE_URL"]} if e["SOURCE_URL"] else {})),
    "build": {"driver": "buildah"},
    "image": {"registry": e["REGISTRY"], "repository": "visit-counter/web", "digest": e["DIGEST"], "tags": [e["SHORT"]],
              "sizeBytes": int(e["SIZE"])},
    "target": {"repository": e["GITOPS_URL"], "branch": "main", "path": "k8s/overlays/dev"},
    "changes": changes,
    "commit": {"id": e["GITOPS_COMMIT"]},
    "phases": [
        phase("build", "T_BUILD", "buildah build of examples/flask-redis/app"),
        phase("push", "T_PUSH", "pushed by digest " + e["DIGEST"]),
        phase("update", "T_UPDATE", "committed " + e["GITOPS_COMMIT"][:12] + " to main"),
        phase("plan", "T_PLAN", "push mode: " + (plan[-1] if plan else "planned")),
        {"name": "wait", "status": "SKIPPED", "message": "no Argo CD or Flux watches this local repository"},
    ],
    "links": [],
}
print(json.dumps(record, indent=2))
PY
info "record: ${RECORD#"$ROOT"/}"
slipway report "$STATE/records" --html "$STATE/out/report.html" | sed 's/^/   /'

# the password of this run must not be in anything the demo wrote or logged (its own secret files aside)
if grep -rlF --exclude=registry-password --exclude=auth.json --exclude-dir=registry --exclude-dir=cache \
     -f "$RUN/registry-password" "$STATE" >/dev/null 2>&1; then
  die "the registry password was found in a file under ${STATE#"$ROOT"/}"
fi
info "checked: this run's password is in no output, log, record or report under ${STATE#"$ROOT"/}"

# ---------------------------------------------------------------------------------------------------------
step "Done"
info "image       $IMAGE"
info "registry    http://$REGISTRY (stopped now; its blobs stay in .slipway/demo/registry)"
info "GitOps repo .slipway/demo/git/visit-counter-gitops.git  ->  git --git-dir=.slipway/demo/git/visit-counter-gitops.git log -p -1"
info "plan        .slipway/demo/out/push-mode-plan.txt"
info "record      ${RECORD#"$ROOT"/}"
info "report      .slipway/demo/out/report.html  (open it in a browser; works offline)"
if ((${#fallbacks[@]})); then
  info "steps done by the script until the CLI has them:"
  for f in "${fallbacks[@]}"; do info "  - $f"; done
fi
printf '\nDemo finished in %ss.\n' "$(( $(date +%s) - started_at ))"
