#!/usr/bin/env bash
# Installs what Kelisim needs on Debian 12: Debian packages (apt-get) and the web front
# end's npm packages. Idempotent and quick when everything is already there.
#   --media-bench: also what bench/media/run-media-bench.sh needs (GStreamer's webrtcbin with
#   its Python bindings, for the load generator), which tests and `make run` do not.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  clang-14 libfuzzer-14-dev libclang-rt-14-dev clang-format
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15
  libsodium-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libicu-dev libhpdf-dev fonts-dejavu-core poppler-utils zlib1g-dev libmimalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium chromium-driver
  libcurl4-openssl-dev python3-aiosmtpd
  curl procps openssl
  janus coturn nftables iproute2
)
if [[ ${1:-} == --media-bench ]]; then
  packages+=(
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
    gstreamer1.0-nice python3-gst-1.0 gir1.2-gst-plugins-bad-1.0 gstreamer1.0-tools
  )
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# Node.js may come from another packaging that bundles npm; ask Debian only when absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Kelisim starts Janus and coturn itself from configs it writes under data_dir/media; the
  # distribution's own services (with /etc/janus and /etc/turnserver.conf) stay stopped.
  for service in janus coturn; do
    if [ -d /run/systemd/system ]; then
      $sudo_cmd systemctl disable --now "$service" >/dev/null 2>&1 || true
    elif [ -x "/etc/init.d/$service" ]; then
      $sudo_cmd "/etc/init.d/$service" stop >/dev/null 2>&1 || true
      $sudo_cmd update-rc.d "$service" disable >/dev/null 2>&1 || true
    fi
  done
fi

# Front end: npm ci when the lock file changed since the last install.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.kelisim-lock
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi
