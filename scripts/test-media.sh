#!/usr/bin/env bash
# Browser media tests (web/e2e/media): real Chromium, real Kelisim, real Janus and coturn, in
# network namespaces this script makes and removes — no route out of them, no traffic to
# any address but theirs and loopback:
#   <srv>  10.77.0.1  kelisim (HTTPS, a self-signed certificate), its janus and turnserver
#   <cit>  10.77.0.2  the test runner (node) and the Chromium it starts, with fake devices
# joined by one veth pair; and a citizen behind a NAT (scripts/media-nat.sh). Prints the
# runner's `ok`/`not ok` lines and its summary "media e2e: N passed, M failed". Needs root (ip netns). Usage: scripts/test-media.sh [BUILD_DIR]
# KELISIM_BIN: another kelisim binary than BUILD_DIR/kelisim; KELISIM_MEDIA_RUNNER: another
# runner than web/e2e/media/run.mjs in the same set-up (bench/media/latency.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build/main}
bin=${KELISIM_BIN:-$build/kelisim}
tag=$$
srv=kmsrv$tag
cit=kmcit$tag
work=$(mktemp -d /tmp/kelisim-media.XXXXXX)
chmod 755 "$work"
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && ip netns exec "$srv" kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  ip netns del "$srv" 2>/dev/null || true
  ip netns del "$cit" 2>/dev/null || true
  scripts/media-nat.sh down "$tag"
  ip netns del "kmweak$tag" 2>/dev/null || true # web/e2e/media/shape.mjs's, if a test left it
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$srv"
ip netns add "$cit"
# No IPv6: a link-local address settling after the link is up reads to Chromium as the
# network changing under a page (ERR_NETWORK_CHANGED).
for ns in "$srv" "$cit"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add "ks$tag" type veth peer name "kc$tag"
ip link set "ks$tag" netns "$srv"
ip link set "kc$tag" netns "$cit"
ip -n "$srv" addr add 10.77.0.1/24 dev "ks$tag"
ip -n "$cit" addr add 10.77.0.2/24 dev "kc$tag"
for ns in "$srv" "$cit"; do ip -n "$ns" link set lo up; done
ip -n "$srv" link set "ks$tag" up
ip -n "$cit" link set "kc$tag" up
scripts/media-nat.sh up "$srv" "$cit" "$tag" "$work"

# HTTPS, as in production: a page on plain http://10.77.0.1 is no secure context, so it
# could not use the camera.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=10.77.0.1" -addext "subjectAltName=IP:10.77.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1

password="Demo-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
"$bin" seed-demo --database "sqlite:$work/k.db" --password "$password" \
  --password-hash minimal >/dev/null 2>&1
ip netns exec "$srv" "$bin" serve --database "sqlite:$work/k.db" --data-dir "$work/data" \
  --static-dir web/dist --listen 10.77.0.1:8443 --port-file "$work/port" \
  --public-url https://10.77.0.1:8443 --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" \
  --password-hash minimal --sign-in-per-minute 1000 --sign-up-per-minute 1000 \
  --intake-per-minute 1000 --media-interfaces 10.77.0.1 --media-rtp-ports 40000-40199 \
  2>"$work/server.log" &
server_pid=$!
for _ in $(seq 150); do
  if [ -s "$work/port" ] && ip netns exec "$cit" curl -skf https://10.77.0.1:8443/readyz | grep -q '"janus":"up"'; then break; fi
  sleep 0.1
done

rc=0
ip netns exec "$cit" env KELISIM_URL=https://10.77.0.1:8443 KELISIM_DEMO_PASSWORD="$password" \
  KELISIM_DATA_DIR="$work/data" KELISIM_NAT_CHROMIUM="$work/chromium-nat" KELISIM_MEDIA_SRV_NS="$srv" \
  node "${KELISIM_MEDIA_RUNNER:-web/e2e/media/run.mjs}" "${KELISIM_MEDIA_FILTER:-}" || rc=$?

# No address of a person in any log: not Kelisim's, not Janus's (coturn's goes nowhere);
# nor those of the citizen behind the NAT (its own, and the NAT's the server sees).
for log in "$work/server.log" "$work/data/media/janus.log"; do
  if grep -qE '10\.77\.0\.2|10\.7[89]\.0\.2' "$log"; then
    echo "not ok - a citizen's address appears in $(basename "$log")"
    grep -m3 -E '10\.77\.0\.2|10\.7[89]\.0\.2' "$log"
    rc=1
  else
    echo "ok - no citizen address in $(basename "$log")"
  fi
done
if [ $rc -ne 0 ]; then
  echo "---- server log (last 30 lines)"
  tail -30 "$work/server.log"
  echo "---- janus log (last 30 lines)"
  tail -30 "$work/data/media/janus.log" 2>/dev/null
fi
exit $rc
