#!/usr/bin/env bash
# The main job on this machine, with local parts only: one `slipway deliver -e dev` builds the reference app
# (examples/flask-redis) with buildah, pushes it by digest to a local registry behind an ACR-style token server,
# commits the new image to a GitOps repository served by a local `git daemon`, and writes the delivery record and
# its HTML report; the script then shows what the servers hold, the push-mode plan and the report of all demo
# deliveries. See docs/demo.md for what each step shows and where its output is.
#
# State lives in .slipway/demo/ (git-ignored): the registry's blobs and the cached base image stay there so a
# second run is fast; per-run secrets live in .slipway/demo/run/ and are deleted when the script ends.
# Servers listen on 127.0.0.1 only and are stopped by PID when the script ends, whatever happens.
#
# Environment: SLIPWAY_DEMO_REGISTRY_PORT (default 5015; part of the image names in the GitOps repository, so
# it is fixed across runs), SLIPWAY_DEMO_REBUILD_BASE=1 to make the base image again, SLIPWAY_DEMO_REBUILD=1 to
# build the app again when its source has not changed since the last delivery.
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
LAUNCHER="$ROOT/slipway-cli/target/slipway"   # the CLI's launcher, copied beside the jar by the build

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
slipway() { "$LAUNCHER" "$@"; }

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
step "Building the slipway CLI (slipway-cli/target/slipway and slipway.jar)"
if [ -f "$JAR" ] && [ -x "$LAUNCHER" ] && [ -z "$(find slipway-core/src/main slipway-cli/src/main slipway-test-support/src/main pom.xml ./*/pom.xml \
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
BASE_PUSHED=$(slipway push --layout "$BASE_ARCHIVE" --image "$BASE_IMAGE" --plain-http "$REGISTRY" \
  --username "$REGISTRY_USER" --password-env SLIPWAY_DEMO_REGISTRY_PASSWORD 2>"$RUN/push-base.log") \
  || { cat "$RUN/push-base.log" >&2; die "pushing the base image failed"; }
info "pushed base: $BASE_PUSHED"

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
SOURCE_COMMIT=$(git rev-parse HEAD)
SOURCE_BRANCH=$(git rev-parse --abbrev-ref HEAD)
SHORT=$(git rev-parse --short=7 HEAD)
# the source repository's URL for labels, trailers and the record: the checkout's origin, when it has one
SOURCE_URL=$(git config --get remote.origin.url | sed -E 's#(://)[^/@]*@#\1#' || true)   # without user:token@
source_url=()
if [ -n "$SOURCE_URL" ]; then source_url=(--source-url "$SOURCE_URL"); fi
DELIVERY_ID="demo-$(date -u +%Y%m%dT%H%M%SZ)-$SHORT"
CONFIG="$STATE/slipway.yaml"
RECORD="$STATE/records/$DELIVERY_ID.json"
step "slipway deliver -e dev: build, push by digest, GitOps commit (${CONFIG#"$ROOT"/})"
# The configuration for this machine: the example's dev environment with the local registry, base image and Git
# server. Written each run (the Git server's port changes); names the password's variable, never its value.
cat > "$CONFIG" <<YAML
# Written by scripts/demo.sh for this machine; the reference app's own file is $APP/slipway.yaml.
schemaVersion: 1
image:
  repository: $IMAGE_REPO
  tags: ["{gitCommitShort}"]
build:
  context: $APP/app
  args:
    BASE_IMAGE: $BASE_IMAGE
  insecureRegistries: ["$REGISTRY"]
  pullAuthFile: ${RUN#"$ROOT"/}/auth.json      # the base image's credentials; removed when the demo ends
registry:
  username: $REGISTRY_USER
  passwordEnv: SLIPWAY_DEMO_REGISTRY_PASSWORD
  plainHttp: true
environments:
  dev:
    mode: gitops
    gitops:
      repository: $GITOPS_URL
      branch: main
      path: k8s/overlays/dev
      author: "Slipway demo <demo@slipway.invalid>"
    # no wait: no Argo CD or Flux watches this local repository
YAML
sed 's/^/   | /' "$CONFIG"
# Unchanged source, base image and tag since the last delivery: deliver pushes that delivery's build (its OCI layout)
# instead of building again, so the same digest arrives and the GitOps update finds it there already. A build would
# make a new digest even from the same source (its created label and file times), so a new commit every run.
LAYOUT=.slipway/oci-layout                       # where slipway deliver's build writes its OCI layout
STAMP_FILE="$STATE/last-delivery"
stamp=$( { tar -C "$APP/app" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - . | sha256sum;
           printf '%s %s %s\n' "$BASE_PUSHED" "$IMAGE_REPO" "$SHORT"; } | sha256sum | cut -c1-64)
reuse=()
if [ "${SLIPWAY_DEMO_REBUILD:-0}" != 1 ] && [ -f "$STAMP_FILE" ] && [ -f "$LAYOUT/index.json" ]; then
  read -r last_stamp last_digest < "$STAMP_FILE"
  layout_digest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"][0]["digest"])' "$LAYOUT/index.json")
  if [ "$last_stamp" = "$stamp" ] && [ "$layout_digest" = "$last_digest" ]; then
    reuse=(--layout "$LAYOUT" --tag "$SHORT")
    info "source, base image and tag unchanged since the last delivery: pushing its build ${last_digest:0:19}… again (SLIPWAY_DEMO_REBUILD=1 builds anew)"
  fi
fi
before=$(git ls-remote "$GITOPS_URL" refs/heads/main | cut -f1)
deliver_status=0
slipway deliver -e dev --file "${CONFIG#"$ROOT"/}" --workspace . --record "${RECORD#"$ROOT"/}" \
  --delivery-id "$DELIVERY_ID" --git-commit "$SOURCE_COMMIT" --branch "$SOURCE_BRANCH" "${source_url[@]}" \
  --cache "$STATE/gitops-cache" "${reuse[@]}" > "$RUN/deliver.txt" 2> "$RUN/deliver.err" || deliver_status=$?
sed 's/^/   /' "$RUN/deliver.err" "$RUN/deliver.txt"
if [ "$deliver_status" -ne 0 ]; then
  [ -f "$RECORD" ] && info "the failed delivery's record: ${RECORD#"$ROOT"/} (report beside it)"
  die "slipway deliver failed (exit $deliver_status)"
fi
info "no wait phase: no Argo CD or Flux watches this local repository (with one, slipway.yaml's wait: makes deliver wait for it)"
# what the record says: the pushed digest and the GitOps commit
read -r DIGEST GITOPS_COMMIT < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
print(r["image"]["digest"], (r.get("commit") or {}).get("id") or "-")' "$RECORD")
IMAGE="$IMAGE_REPO:$SHORT@$DIGEST"
printf '%s %s\n' "$stamp" "$DIGEST" > "$STATE/last-delivery"

# ---------------------------------------------------------------------------------------------------------
step "What deliver pushed and committed, seen from the servers"
# another client confirms the push: skopeo (through the token server, credentials from the auth file) resolves the tag
served=$(skopeo inspect --authfile "$RUN/auth.json" --tls-verify=false --format '{{.Digest}}' "docker://$IMAGE_REPO:$SHORT")
[ "$served" = "$DIGEST" ] || die "the registry serves $served for tag $SHORT, not the pushed $DIGEST"
info "skopeo inspect: tag $SHORT -> $served"
after=$(git ls-remote "$GITOPS_URL" refs/heads/main | cut -f1)
if [ "$before" = "$after" ]; then
  info "already up to date: main stays at $after (this image is there already)"
else
  [ "$after" = "$GITOPS_COMMIT" ] || die "main is at $after on the server, the record says $GITOPS_COMMIT"
  info "main moved ${before:0:12} -> ${after:0:12}; the commit on the server:"
fi
git --git-dir="$BARE" show --stat --patch --format='   commit %H%n   Author: %an%n%n%w(0,7,7)%B' "$after" | sed 's/^/   /'
clone="$RUN/gitops"
git clone -q "$GITOPS_URL" "$clone"

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
# push mode applies the same kustomize overlay, with the pushed image substituted in every container that runs it
slipway deploy --plan --workspace "$clone" -f k8s/overlays/dev --image "$IMAGE" --kubeconfig "$RUN/kubeconfig" \
  --source-commit "$SOURCE_COMMIT" --delivery-id "$DELIVERY_ID" > "$RUN/plan.txt" 2> "$RUN/plan.err" \
  || { cat "$RUN/plan.err" >&2; die "slipway deploy --plan failed"; }
sed 's/^/   /' "$RUN/plan.err" "$RUN/plan.txt"
mkdir -p "$STATE/out"
cp "$RUN/plan.txt" "$STATE/out/push-mode-plan.txt"

# ---------------------------------------------------------------------------------------------------------
step "The HTML report of every demo delivery"
info "record: ${RECORD#"$ROOT"/} (written by slipway deliver, with its own report beside it)"
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
info "config      ${CONFIG#"$ROOT"/}  (what slipway deliver read)"
info "record      ${RECORD#"$ROOT"/}  (its report: $(basename "${RECORD%.json}").html beside it)"
info "report      .slipway/demo/out/report.html  (every demo delivery; open it in a browser, works offline)"
if ((${#fallbacks[@]})); then
  info "stand-ins, because this machine has no cluster:"
  for f in "${fallbacks[@]}"; do info "  - $f"; done
fi
printf '\nDemo finished in %ss.\n' "$(( $(date +%s) - started_at ))"
