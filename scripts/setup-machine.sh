#!/usr/bin/env bash
# Installs what Slipway's tests and demo need on a fresh Debian machine (root or sudo).
# Idempotent: packages already present are not reinstalled. Maven itself comes from ./mvnw.
set -euo pipefail

packages=(
  docker-registry   # the real OCI registry the tests push to (distribution 2.8)
  buildah           # daemonless image builds
  skopeo            # the peer tool tests and benchmarks compare against
  lighttpd          # smart-HTTP Git server (git-http-backend) for tests
  openssh-server    # Git over SSH for tests
  apache2-utils     # htpasswd (bcrypt) for registry and Git basic auth
  busybox-static    # the local base image (there is no Docker Hub here)
  openssl
  uidmap
  git
  python3           # the reference app's unit test (Debian's /usr/bin/python3)
  python3-flask
  python3-redis
  debootstrap       # the demo's base image (Debian minbase + Flask), made locally by scripts/demo.sh
  shellcheck        # DemoScriptTest lints scripts/demo.sh and the slipway launcher
  chromium          # headless browser tests of the delivery pages (Playwright drives /usr/bin/chromium)
)
# Node.js and npm run the browser tests (playwright-core from the npm registry); many machines have them already.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# sshd (Git over SSH in tests) refuses to start without its privilege-separation folder.
[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd

java -version 2>&1 | head -1
echo "Machine ready."
