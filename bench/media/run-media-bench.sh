#!/usr/bin/env bash
# The media benchmarks of issue 9 ("Benchmarks"), run by hand: Janus 1.1.2 VideoRoom (Debian)
# alone on core 0, the load generator on core 1 (taskset), the peer in the same run.
#
#   bench/media/run-media-bench.sh [--smoke] [panels|audience|turn|signalling|latency ...]
#
#   panels     N concurrent panels of 4, each publisher sending 3 simulcast layers (VP8
#              180p/360p/720p + Opus) and receiving the 3 others; N grows along PANELS until a
#              step misses loss < 1 %, jitter p95 < 30 ms or no freezes (goal: 10 on one core)
#   audience   one speaker at 360p to N receivers, N along AUDIENCE (goal: 150 on one core)
#   turn       the peer: coturn 4.6.1 (Debian) relaying, on core 0, the packet rate Janus
#              forwarded at its best step (turnutils_uclient on core 1); the published figures
#              of LiveKit, mediasoup and Jitsi Videobridge are printed beside, with the ratio
#   joins      JOINS (100) receivers of one speaker start evenly over JOIN_SECONDS (10), each on
#              its own thread, straight on Janus's API: time to first frame p50/p95
#   signalling (or signalling-joins, signalling-setups: one part) the same through Kelisim
#              (kelisim serve with its own Janus, KELISIM_BIN): JOINS guests open their mailed
#              links over JOIN_SECONDS, are let in from the lobby and set up real webrtcbin
#              receivers over /ws (time to first frame p50/p95); then SIG_CONFERENCES ×
#              SIG_GUESTS (4 × 250) guests, all let in, set up signalling-only links starting
#              over SIG_SPREAD s: per message type p50/p95/p99 (goal p99 ≤ 2 ms), beside the
#              same requests straight on Janus's API (SIG_DIRECT=1)
#   latency    glass to glass 1:1 through Kelisim (the app's call in real Chromium, its Janus),
#              without and with TURN (relay only): one-way p50/p95/max against ITU-T G.114's
#              150 ms (bench/media/latency.mjs in scripts/test-media.sh's namespaces;
#              KELISIM_BIN, default build/release/kelisim; LATENCY_WARMUP 10 s, LATENCY_WINDOW 20 s)
# (what each figure means and the known limits: README.md here)
#
# --smoke: one panel, an audience of 2, 4 joins in 1 s, 4,000 relayed packets/s, 2 × 5 set-ups,
# 3 s windows (latency: 3 s of warm-up, 5 s measured): checks that
# everything runs, measures nothing (what the next run on a quiet machine is for).
#
# Janus runs from a config written here the way `kelisim serve` writes its own
# (src/transport/media/engine_config.cpp: pfunix SOCK_SEQPACKET socket, api_secret, VideoRoom
# admin_key, only videoroom and pfunix loaded, one event loop), in a network namespace made for
# the run (a veth pair with 10.99.0.1 beside loopback, removed at the end), so that ICE has a
# non-loopback address and nothing leaves the namespace. The load generator
# (bench/media/media_load.py, GStreamer webrtcbin) replays VP8 and Opus encoded once at set-up
# (kept in MEDIA_DIR) and speaks the Janus API on the socket, as Kelisim's JanusClient does.
#
# Knobs (environment): PANELS ("4 6 8 10 12 14 16"), AUDIENCE ("50 100 150 200 250 300"),
# SUBSTREAM (2: the layer panel members receive, 0 = 180p … 2 = 720p), WARMUP (5 s), WINDOW
# (10 s), RUNS (3: each step's figures are the median run's), SERVER_CPU (0), LOAD_CPU (1; a
# list such as 1-3 on a bigger machine: the load costs ~3× Janus's CPU a packet, and a step
# where it used over 85 % of its cores is marked load-bound and ends the ladder),
# JANUS_SHARE (empty: all of core 0; a percentage such as 50: Janus may use only that share of
# core 0 on average, enforced by the kernel's CFS quota (a cgroup, 10 ms periods, with as much
# burst), and the load then runs on
# both cores unless LOAD_CPU says otherwise — on a 2-core machine the only way to make Janus the
# limit, since the load costs ~3× Janus a packet; a step's count on that share, scaled by
# 100 / JANUS_SHARE, is what one core carries),
# signalling: KELISIM_BIN (build/release/kelisim of this tree), KELISIM_THREADS (1: its io
# threads), KELISIM_CPU (SERVER_CPU: Kelisim shares Janus's core; another core on a bigger
# machine gives it its own, Janus and coturn staying on SERVER_CPU), SIG_CONFERENCES (4), SIG_GUESTS (250 a conference), SIG_SPREAD (1 s:
# the time over which the set-ups start), SIG_DIRECT (1: the same set-ups straight on Janus too);
# JOINS and JOIN_SECONDS as for joins.
# MEDIA_DIR (/tmp/kelisim-media-bench: the encoded loop, made once), KEEP=1 (keep the run's
# directory: Janus's log, each step's output), INSTALL=0 (only name missing
# packages). Needs root (the namespace) and load average < 0.3 for figures worth writing down:
# the script prints it at the start.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SMOKE=0
if [[ ${1:-} == --smoke ]]; then
  SMOKE=1
  shift
fi
BENCHES=${*:-panels audience joins turn}
SERVER_CPU=${SERVER_CPU:-0}
JANUS_SHARE=${JANUS_SHARE:-}
if [[ -n $JANUS_SHARE ]]; then
  LOAD_CPU=${LOAD_CPU:-0-$(($(nproc) - 1))}
else
  LOAD_CPU=${LOAD_CPU:-1}
fi
MEDIA_DIR=${MEDIA_DIR:-/tmp/kelisim-media-bench}
if [[ $SMOKE == 1 ]]; then
  PANELS=${PANELS:-1}
  AUDIENCE=${AUDIENCE:-2}
  WARMUP=${WARMUP:-3}
  WINDOW=${WINDOW:-3}
  RUNS=${RUNS:-1}
  TURN_RATE=${TURN_RATE:-4000}
  JOINS=${JOINS:-4}
  JOIN_SECONDS=${JOIN_SECONDS:-1}
  SIG_CONFERENCES=${SIG_CONFERENCES:-2}
  SIG_GUESTS=${SIG_GUESTS:-5}
  SIG_SPREAD=${SIG_SPREAD:-0.5}
else
  PANELS=${PANELS:-4 6 8 10 12 14 16}
  AUDIENCE=${AUDIENCE:-50 100 150 200 250 300}
  WARMUP=${WARMUP:-5}
  WINDOW=${WINDOW:-10}
  RUNS=${RUNS:-3}
  TURN_RATE=${TURN_RATE:-} # empty: Janus's best packets/s of this run
  JOINS=${JOINS:-100}
  JOIN_SECONDS=${JOIN_SECONDS:-10}
  SIG_CONFERENCES=${SIG_CONFERENCES:-4}
  SIG_GUESTS=${SIG_GUESTS:-250}
  SIG_SPREAD=${SIG_SPREAD:-1}
fi
SIG_DIRECT=${SIG_DIRECT:-1}
KELISIM_THREADS=${KELISIM_THREADS:-1}
KELISIM_CPU=${KELISIM_CPU:-$SERVER_CPU}
# The server for `signalling`: a Release build (build/release), the development one only
# to try the harness.
KELISIM_BIN=${KELISIM_BIN:-$ROOT/build/release/kelisim}
SUBSTREAM=${SUBSTREAM:-2}
PY=/usr/bin/python3 # Debian's, for python3-gst-1.0 (not a pyenv or venv one)
NS=kmbench$$
IP=10.99.0.1
WORK=$(mktemp -d /tmp/kelisim-media-bench.XXXXXX)
hz=$(getconf CLK_TCK)
ulimit -n "$(ulimit -Hn)" # a thousand TURN clients, hundreds of webrtcbins
PIDS=()
CGROUP=""

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  [[ -z $CGROUP ]] || rmdir "$CGROUP" 2>/dev/null || true
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

say() { printf '%s\n' "$*"; }
# A command prefix, not a function: `ip netns exec` and taskset exec the program, so that `$!`
# of a background job is the program's own pid (a backgrounded function would be a subshell).
IN_NS=(ip netns exec "$NS")
ON_SERVER=(taskset -c "$SERVER_CPU")
ON_LOAD=(taskset -c "$LOAD_CPU")
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rand() { openssl rand -hex 24; }

[[ $(id -u) == 0 ]] || {
  say "run-media-bench: needs root (a network namespace for Janus and the load)"
  exit 1
}

# ---- packages: Debian only (scripts/install-deps.sh --media-bench) ----
need=()
for p in janus coturn gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad \
  gstreamer1.0-nice python3-gst-1.0 gir1.2-gst-plugins-bad-1.0; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ ${INSTALL:-1} == 1 ]]; then
    "$ROOT/scripts/install-deps.sh" --media-bench
  else
    say "missing: ${need[*]} (scripts/install-deps.sh --media-bench)"
    exit 1
  fi
fi

say "# media benchmarks $(date -u +%FT%TZ), $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)$([[ $SMOKE == 1 ]] && echo ', SMOKE: figures mean nothing')"
say "# janus $(dpkg-query -W -f='${Version}' janus), coturn $(dpkg-query -W -f='${Version}' coturn)," \
  "gstreamer $(dpkg-query -W -f='${Version}' gstreamer1.0-plugins-bad); janus and coturn on core $SERVER_CPU${JANUS_SHARE:+ (Janus limited to $JANUS_SHARE % of it)}, load on cores $LOAD_CPU"

# ---- Janus's share of its core (JANUS_SHARE): a cgroup v1 cpu controller with a CFS quota ----
if [[ -n $JANUS_SHARE ]]; then
  CG_ROOT=/sys/fs/cgroup/cpu
  [[ -f $CG_ROOT/cpu.cfs_quota_us ]] || CG_ROOT=/sys/fs/cgroup/cpu,cpuacct
  [[ -f $CG_ROOT/cpu.cfs_quota_us ]] || {
    say "JANUS_SHARE needs the cgroup v1 cpu controller (cpu.cfs_quota_us) under /sys/fs/cgroup/cpu"
    exit 1
  }
  CGROUP=$CG_ROOT/kelisim-media-bench$$
  mkdir "$CGROUP"
  echo 10000 >"$CGROUP/cpu.cfs_period_us"
  echo $((JANUS_SHARE * 100)) >"$CGROUP/cpu.cfs_quota_us"
  # A forwarder works in bursts (a key frame is tens of packets at once): quota left unused in
  # one period may be spent in the next, up to one period's worth more, so that the share
  # limits Janus's average, not each 10 ms (without it, 25 % throttled Janus in a third of
  # the periods while it used under 20 % on average, and the freezes were the throttling's).
  [[ ! -f $CGROUP/cpu.cfs_burst_us ]] || echo $((JANUS_SHARE * 100)) >"$CGROUP/cpu.cfs_burst_us"
fi
throttled() { [[ -z $CGROUP ]] && echo "0 0" || awk '$1 == "nr_periods" {p = $2} $1 == "nr_throttled" {t = $2} END {print p, t}' "$CGROUP/cpu.stat"; }

# ---- the encoded loop, made once (the only encoding; not during a run) ----
"${ON_LOAD[@]}" "$PY" "$HERE/media_load.py" setup "$MEDIA_DIR" --seconds 10

# ---- the namespace: loopback and a veth pair with one address, nothing else ----
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add v0 type veth peer name v1 # both ends inside: this kernel has no dummy
ip -n "$NS" addr add "$IP/24" dev v0
ip -n "$NS" link set v1 up
ip -n "$NS" link set v0 up
# Socket receive buffers stay at the kernel's default (212,992 bytes): net.core.rmem_* are
# shown in a child namespace on this kernel but refuse writes (EINVAL), and the host's are not
# this script's to change. A busy load generator overflows them in bursts: each step prints
# the datagrams dropped on Janus's sockets and on the load's, apart.

# ---- Janus, configured as kelisim serve configures it (engine_config.cpp) ----
API_SECRET=$(rand)
ROOM_ADMIN=$(rand)
J=$WORK/janus
mkdir -p "$J/conf" "$J/plugins" "$J/transports" "$J/none"
LIB=/usr/lib/x86_64-linux-gnu/janus
ln -s "$LIB/plugins/libjanus_videoroom.so" "$J/plugins/"
ln -s "$LIB/transports/libjanus_pfunix.so" "$J/transports/"
cat >"$J/janus.jcfg" <<EOF
general: {
  configs_folder = "$J/conf"
  plugins_folder = "$J/plugins"
  transports_folder = "$J/transports"
  events_folder = "$J/none"
  loggers_folder = "$J/none"
  debug_level = 4
  debug_timestamps = true
  debug_colors = false
  api_secret = "$API_SECRET"
  admin_secret = "$(rand)"
  server_name = "kelisim-janus-bench"
  session_timeout = 60
  reclaim_session_timeout = 0
  event_loops = 1
  hide_dependencies = true
}
certificates: {
}
media: {
  rtp_port_range = "20000-40000"
  no_media_timer = 2
  slowlink_threshold = 4
  twcc_period = 200
}
nat: {
  nice_debug = false
  ignore_mdns = true
  ice_enforce_list = "$IP"
}
plugins: {
}
transports: {
}
loggers: {
}
events: {
  broadcast = false
}
EOF
cat >"$J/conf/janus.transport.pfunix.jcfg" <<EOF
general: {
  enabled = true
  json = "compact"
  path = "$J/api.sock"
  type = "SOCK_SEQPACKET"
}
admin: {
  admin_enabled = false
}
EOF
cat >"$J/conf/janus.plugin.videoroom.jcfg" <<EOF
general: {
  admin_key = "$ROOM_ADMIN"
  lock_rtp_forward = true
  events = false
  string_ids = true
}
EOF

JANUS_PID=""
# Janus 1.1.2 fails to start now and then on a busy machine with "No Janus API transport is
# available": janus_pfunix_thread loops `while (initialized && !stopping)`, and init sets
# `initialized` only after starting the thread, so a thread that runs first ends at once. A
# start that fails is tried again (kelisim's ChildProcess restarts it the same way). Janus
# starts on any core and all its threads are pinned once it is up (threads made later inherit
# the pinning).
start_janus() {
  local attempt _
  for attempt in 1 2 3 4 5; do
    rm -f "$J/api.sock"
    [[ ! -f $J/janus.log ]] || mv "$J/janus.log" "$J/janus.log.$attempt"
    "${IN_NS[@]}" janus -C "$J/janus.jcfg" -F "$J/conf" -o -L "$J/janus.log" -N >>"$J/janus.stdout" 2>&1 &
    JANUS_PID=$!
    PIDS+=("$JANUS_PID")
    for _ in $(seq 100); do
      sleep 0.1
      kill -0 "$JANUS_PID" 2>/dev/null || break
      if [[ -S $J/api.sock ]] && grep -q "Sessions watchdog started" "$J/janus.log" &&
        ! grep -q FATAL "$J/janus.log"; then
        sleep 0.3
        if kill -0 "$JANUS_PID" 2>/dev/null; then
          taskset -a -p -c "$SERVER_CPU" "$JANUS_PID" >/dev/null
          if [[ -n $CGROUP ]]; then # every thread now; the ones made later inherit it
            ls "/proc/$JANUS_PID/task" | while read -r tid; do echo "$tid" >"$CGROUP/tasks" 2>/dev/null || true; done
          fi
          return 0
        fi
      fi
    done
    kill "$JANUS_PID" 2>/dev/null || true
    wait "$JANUS_PID" 2>/dev/null || true
    say "  janus did not start (attempt $attempt):" >&2
    grep -E "FATAL|ERR" "$J/janus.log" | tail -3 | sed 's/^/    /' >&2
  done
  return 1
}
stop_janus() {
  kill "$JANUS_PID" 2>/dev/null || true
  wait "$JANUS_PID" 2>/dev/null || true
}

# One measured step: the load generator's key/value lines for SCENARIO COUNT, on a fresh Janus
# (so that one step's leftovers never weigh on the next), into $WORK/STEP.out.
step() {
  local scenario=$1 count=$2 out=$3
  start_janus || return 1
  local rc=0 th0 th1
  th0=$(throttled)
  "${IN_NS[@]}" "${ON_LOAD[@]}" "$PY" "$HERE/media_load.py" "$scenario" --media "$MEDIA_DIR" --socket "$J/api.sock" \
    --secret "$API_SECRET" --admin-key "$ROOM_ADMIN" --janus-pid "$JANUS_PID" --count "$count" \
    --substream "$SUBSTREAM" --join-seconds "$JOIN_SECONDS" --warmup "$WARMUP" --window "$WINDOW" \
    >"$out" 2>"$out.err" || rc=$?
  th1=$(throttled)
  stop_janus
  # The share of CFS periods in which Janus hit its quota (the whole step, warm-up included).
  echo "$th0 $th1" | awk '{p = $3 - $1; t = $4 - $2; printf "janus_throttled_pct %.1f\n", (p > 0 ? 100 * t / p : 0)}' >>"$out"
  if [[ $rc != 0 ]]; then
    {
      say "  $scenario $count: load generator failed ($rc):"
      tail -8 "$out.err" | sed 's/^/    /'
      say "  janus's log:"
      tail -5 "$J/janus.log" | sed 's/^/    /'
    } >&2
    return 1
  fi
}
val() { awk -v k="$1" '$1 == k {print $2}' "$2"; }

# Runs a step RUNS times and keeps the run with the median packets/s per core.
median_step() {
  local scenario=$1 count=$2 r files=()
  for r in $(seq "$RUNS"); do
    step "$scenario" "$count" "$WORK/$scenario-$count-$r.out" || return 1
    files+=("$WORK/$scenario-$count-$r.out")
  done
  local f
  for f in "${files[@]}"; do printf '%s %s\n' "$(val janus_pps_per_core "$f")" "$f"; done |
    sort -n | awk -v n="${#files[@]}" 'NR == int((n + 1) / 2) {print $2}'
}

BEST_PPS_PER_CORE=0
BEST_PPS=0
BEST_STREAMS_PER_CORE=0
table_header() {
  say "| $1 | Janus in pkt/s | out pkt/s | Janus CPU % of core $SERVER_CPU | pkt/s per core | loss % (worst subscriber) | jitter p95 ms | freezes | first frame p50/p95 ms | streams sent per core | load CPU % | UDP drops: Janus / load | verdict |${CGROUP:+ Janus throttled (% of periods) |}"
  say "|---|---|---|---|---|---|---|---|---|---|---|---|---|${CGROUP:+---|}"
}
table_row() {
  local count=$1 f=$2
  say "| $count | $(val janus_in_pps "$f") | $(val janus_out_pps "$f") | $(val janus_cpu_pct "$f") |" \
    "$(val janus_pps_per_core "$f") | $(val loss_pct "$f") ($(val worst_subscriber_loss_pct "$f")) |" \
    "$(val jitter_p95_ms "$f") | $(val freezes "$f") | $(val first_frame_p50_ms "$f")/$(val first_frame_p95_ms "$f") |" \
    "$(val streams_per_core "$f") | $(val load_cpu_pct "$f") | $(val udp_drops_janus "$f") / $(val udp_drops_load "$f") | $(val verdict "$f") |${CGROUP:+ $(val janus_throttled_pct "$f") |}"
  local ppc pps
  ppc=$(val janus_pps_per_core "$f")
  pps=$(awk -v a="$(val janus_in_pps "$f")" -v b="$(val janus_out_pps "$f")" 'BEGIN {print a + b}')
  if awk -v a="$ppc" -v b="$BEST_PPS_PER_CORE" 'BEGIN {exit !(a > b)}'; then
    BEST_PPS_PER_CORE=$ppc
    BEST_PPS=$pps
    BEST_STREAMS_PER_CORE=$(val streams_per_core "$f")
  fi
}

ladder() {
  local scenario=$1 label=$2 counts=$3 goal=$4 count f verdict best=0
  say ""
  say "## $scenario (goal: $goal on one core; median of $RUNS runs, ${WINDOW} s windows after ${WARMUP} s)"
  table_header "$label"
  for count in $counts; do
    f=$(median_step "$scenario" "$count") || break
    table_row "$count" "$f"
    verdict=$(val verdict "$f")
    if [[ $verdict == load-bound ]]; then
      say "$scenario: the load generator used over 85 % of cores $LOAD_CPU at $count: Janus was not the limit;" \
        "the ceiling is above $best (more load cores needed to find it)"
      return
    fi
    [[ $verdict == ok ]] || break
    best=$count
  done
  if [[ -n $CGROUP ]]; then
    say "$scenario: most with loss < 1 %, jitter p95 < 30 ms, no freezes: $best on $JANUS_SHARE % of a core," \
      "so about $((best * 100 / JANUS_SHARE)) on one core (goal $goal)"
  else
    say "$scenario: most with loss < 1 %, jitter p95 < 30 ms, no freezes: $best (goal $goal)"
  fi
}

# ---- signalling: kelisim serve with its own Janus (--media-engine spawn), people over /ws ----
# A fresh server for every run: its own data directory (SQLite, the mails, Janus's configs),
# the demo accounts (seed-demo), pinned with its Janus and coturn (children inherit the
# pinning) to SERVER_CPU in the namespace; the load (signalling_load.py) on LOAD_CPU.
KELISIM_PID=""
KELISIM_PORT=""
KELISIM_READY_LINES=0
KDIR=""
SEED_PASSWORD=Bench-$(openssl rand -hex 8)
start_kelisim() {
  KDIR=$(mktemp -d "$WORK/kelisim.XXXXXX")
  mkdir -p "$KDIR/static" "$KDIR/data"
  local db="sqlite:$KDIR/kelisim.db" _
  "$KELISIM_BIN" seed-demo --password "$SEED_PASSWORD" --database "$db" --password-hash minimal \
    --data-dir "$KDIR/data" --log-level warn >"$KDIR/seed.log" 2>&1 || {
    say "  seed-demo failed:" >&2
    tail -5 "$KDIR/seed.log" | sed 's/^/    /' >&2
    return 1
  }
  # Limits made for browsers are lifted for one load address: a thousand people sign in
  # and hold sockets from 127.0.0.1. Started from its directory (a core file of a child
  # lands there, not in the tree); `exec` keeps $! the server's own pid.
  (cd "$KDIR" && exec "${IN_NS[@]}" "${ON_SERVER[@]}" "$KELISIM_BIN" serve --database "$db" --listen 127.0.0.1:0 \
    --port-file "$KDIR/port" --public-url http://127.0.0.1:0 --static-dir "$KDIR/static" \
    --data-dir "$KDIR/data" --password-hash minimal --threads "$KELISIM_THREADS" --log-level warn \
    --sign-in-per-minute 1000000 --sign-up-per-minute 1000000 \
    --max-connections-per-address 100000 --mail-poll-ms 100 \
    --media-engine spawn --media-interfaces "$IP" --media-rtp-ports 20000-40000 \
    >"$KDIR/serve.log" 2>&1) &
  KELISIM_PID=$!
  PIDS+=("$KELISIM_PID")
  for _ in $(seq 300); do
    sleep 0.1
    kill -0 "$KELISIM_PID" 2>/dev/null || break
    if [[ -z $KELISIM_PORT ]] && [[ $(wc -l <"$KDIR/port" 2>/dev/null || echo 0) -ge 1 ]]; then
      KELISIM_PORT=$(head -1 "$KDIR/port")
    fi
    if [[ -n $KELISIM_PORT ]] &&
      "${IN_NS[@]}" curl -fs "http://127.0.0.1:$KELISIM_PORT/readyz" 2>/dev/null | grep -q '"janus":"up"'; then
      KELISIM_READY_LINES=$(wc -l <"$KDIR/serve.log") # what it logged while starting is not the run's
      if [[ $KELISIM_CPU != "$SERVER_CPU" ]]; then
        # Kelisim on a core of its own, its Janus and coturn staying on SERVER_CPU (threads
        # made later inherit their creator's pinning).
        taskset -a -p -c "$KELISIM_CPU" "$KELISIM_PID" >/dev/null
        local child
        for child in $(pgrep -P "$KELISIM_PID"); do taskset -a -p -c "$SERVER_CPU" "$child" >/dev/null; done
      fi
      return 0
    fi
  done
  say "  kelisim serve did not come up with its Janus in 30 s:" >&2
  tail -5 "$KDIR/serve.log" | sed 's/^/    /' >&2
  tail -3 "$KDIR/data/media/janus.log" 2>/dev/null | sed 's/^/    janus: /' >&2
  stop_kelisim
  return 1
}
stop_kelisim() {
  local child
  child=$(pgrep -P "$KELISIM_PID" 2>/dev/null || true)
  kill "$KELISIM_PID" 2>/dev/null || true
  wait "$KELISIM_PID" 2>/dev/null || true
  for p in $child; do kill "$p" 2>/dev/null || true; done # its Janus and coturn, if left
  KELISIM_PORT=""
}

# One signalling run: signalling_load.py SCENARIO against a fresh server, into OUT.
sig_step() {
  local scenario=$1 out=$2
  shift 2
  start_kelisim || return 1
  local rc=0
  "${IN_NS[@]}" "${ON_LOAD[@]}" "$PY" "$HERE/signalling_load.py" "$scenario" --base "http://127.0.0.1:$KELISIM_PORT" \
    --data-dir "$KDIR/data" --password "$SEED_PASSWORD" --media "$MEDIA_DIR" --kelisim-pid "$KELISIM_PID" \
    --warmup "$WARMUP" --window "$WINDOW" "$@" >"$out" 2>"$out.err" || rc=$?
  # What the server logged as a problem during the run (slow clients dropped, Janus lost…).
  local warnings
  warnings=$(tail -n +"$((KELISIM_READY_LINES + 1))" "$KDIR/serve.log" | grep -E '"level":"(warning|error|critical)"' |
    grep -oE '"event":"[^"]*"' |
    cut -d'"' -f4 | sort | uniq -c | awk '{printf "%s%s×%s", (NR > 1 ? "," : ""), $2, $1}' || true)
  echo "server_warnings ${warnings:-none}" >>"$out"
  cp "$KDIR/serve.log" "$out.serve.log"
  stop_kelisim
  if [[ $rc != 0 ]]; then
    {
      say "  signalling $scenario: load failed ($rc):"
      tail -8 "$out.err" | sed 's/^/    /'
      say "  kelisim's log:"
      tail -5 "$out.serve.log" | sed 's/^/    /'
    } >&2
    return 1
  fi
}

# Runs a signalling step RUNS times and keeps the run with the median of key KEY.
sig_median() {
  local scenario=$1 key=$2 r files=() f
  shift 2
  for r in $(seq "$RUNS"); do
    f=$WORK/signalling-$scenario-$r.out
    sig_step "$scenario" "$f" "$@" || return 1
    files+=("$f")
  done
  for f in "${files[@]}"; do printf '%s %s\n' "$(val "$key" "$f")" "$f"; done |
    sort -n | awk -v n="${#files[@]}" 'NR == int((n + 1) / 2) {print $2}'
}

signalling_joins() {
  local f
  if [[ ! -x $KELISIM_BIN ]]; then
    say ""
    say "## signalling: no kelisim at $KELISIM_BIN (make a Release build, or set KELISIM_BIN)"
    return 0
  fi
  say ""
  say "## signalling joins: $JOINS guests join one conference over $JOIN_SECONDS s through Kelisim" \
    "(link → /ws → lobby → let in → call.watch → call.receive → call.answer → first frame; median of $RUNS runs)"
  table_header "guests joining"
  f=$(sig_median joins first_frame_p95_ms --count "$JOINS" --join-seconds "$JOIN_SECONDS") || return 0
  table_row "$JOINS" "$f"
  say "signalling joins: time to first frame from call.watch p50 $(val first_frame_p50_ms "$f") ms," \
    "p95 $(val first_frame_p95_ms "$f") ms (\`joins\` measures the same from Janus's attach);" \
    "from the link opened p50 $(val first_frame_from_link_p50_ms "$f") ms, p95 $(val first_frame_from_link_p95_ms "$f") ms;" \
    "$(val joins_failed "$f") failed, $(val subscribers_without_video "$f") without video;" \
    "while they joined ($(val join_window_s "$f") s): Kelisim $(val join_kelisim_cpu_pct "$f") %, Janus $(val join_janus_cpu_pct "$f") %," \
    "load $(val join_load_cpu_pct "$f") % of a core; server warnings logged: $(val server_warnings "$f")"
  sig_latency_table "$f" ""
}

# Per message type: through Kelisim, and (when measured) straight on Janus and the difference.
sig_latency_table() {
  local f=$1 direct=$2 t req
  say ""
  if [[ -n $direct ]]; then
    say "| message (reply) | count | p50 ms | p95 ms | p99 ms | max ms | straight on Janus p50 / p95 / p99 ms | Kelisim adds p50 / p95 / p99 ms |"
    say "|---|---|---|---|---|---|---|---|"
  else
    say "| message (reply) | count | p50 ms | p95 ms | p99 ms | max ms |"
    say "|---|---|---|---|---|---|"
  fi
  for t in watch receive answer candidate; do
    case $t in
    watch) req="call.watch (call.watching)" ;;
    receive) req="call.receive (call.offer)" ;;
    answer) req="call.answer (handled: the next ping's pong)" ;;
    candidate) req="call.candidate completed (the same)" ;;
    esac
    local row="| $req | $(val "lat_${t}_count" "$f") | $(val "lat_${t}_p50_ms" "$f") | $(val "lat_${t}_p95_ms" "$f") | $(val "lat_${t}_p99_ms" "$f") | $(val "lat_${t}_max_ms" "$f") |"
    if [[ -n $direct ]]; then
      local p d=""
      for p in 50 95 99; do
        d+=$(awk -v a="$(val "lat_${t}_p${p}_ms" "$f")" -v b="$(val "janus_${t}_p${p}_ms" "$f")" 'BEGIN {printf "%.2f", a - b}')
        [[ $p == 99 ]] || d+=" / "
      done
      row+=" $(val "janus_${t}_p50_ms" "$f") / $(val "janus_${t}_p95_ms" "$f") / $(val "janus_${t}_p99_ms" "$f") | $d |"
    fi
    say "$row"
  done
}

signalling_setups() {
  local f n verdict direct_flag=()
  [[ -x $KELISIM_BIN ]] || return 0
  n=$((SIG_CONFERENCES * SIG_GUESTS))
  [[ $SIG_DIRECT != 1 ]] || direct_flag=(--direct)
  say ""
  say "## signalling set-ups: $SIG_CONFERENCES conferences × $SIG_GUESTS guests, all let in, then $n set-ups" \
    "(call.watch, call.receive, call.answer, call.candidate; no media) starting evenly over $SIG_SPREAD s" \
    "(goal: p99 ≤ 2 ms a message at 1,000 concurrent set-ups; median of $RUNS runs by call.receive's p99)"
  f=$(sig_median setups lat_receive_p99_ms --conferences "$SIG_CONFERENCES" --count "$SIG_GUESTS" \
    --spread "$SIG_SPREAD" "${direct_flag[@]}") || return 0
  sig_latency_table "$f" "$([[ $SIG_DIRECT == 1 ]] && echo direct)"
  verdict=$(awk -v a="$(val lat_watch_p99_ms "$f")" -v b="$(val lat_receive_p99_ms "$f")" \
    -v c="$(val lat_answer_p99_ms "$f")" -v d="$(val lat_candidate_p99_ms "$f")" \
    'BEGIN {m = a; if (b > m) m = b; if (c > m) m = c; if (d > m) m = d; printf "%s (worst p99 %.2f ms)", (m <= 2 ? "met" : "missed"), m}')
  say ""
  say "signalling set-ups: $(val setups "$f") set-ups, $(val setups_failed "$f") failed ($(val let_in_failed "$f") not let in);" \
    "at most $(val max_in_flight "$f") in flight at once; over $(val window_s "$f") s Kelisim used $(val kelisim_cpu_pct "$f") %" \
    "and Janus $(val janus_cpu_pct "$f") % of a core (Kelisim on $KELISIM_CPU, Janus on $SERVER_CPU; $(val kelisim_cpu_us_per_message "$f") µs of Kelisim's CPU a message," \
    "$(val janus_cpu_ms_per_setup "$f") ms of Janus's a set-up), the load $(val load_cpu_pct "$f") %$([[ $(val load_bound "$f") == 1 ]] && echo ' (load-bound: its own delays are in the figures)');" \
    "$([[ $SIG_DIRECT != 1 ]] || echo "straight on Janus: Janus $(val direct_janus_cpu_pct "$f") % over $(val direct_window_s "$f") s, $(val direct_failed "$f") failed; ")p99 ≤ 2 ms a message: $verdict;" \
    "server warnings logged: $(val server_warnings "$f")"
}

for bench in $BENCHES; do
  case $bench in
  panels) ladder panels "panels of 4 (simulcast, layer $SUBSTREAM received)" "$PANELS" 10 ;;
  audience) ladder audience "audience at 360p" "$AUDIENCE" 150 ;;
  joins)
    say ""
    say "## joins: $JOINS receivers of one 360p speaker start evenly over $JOIN_SECONDS s, straight on Janus's API" \
      "(the Janus half of \"100 people join a conference within 10 s\"; median of $RUNS runs)"
    table_header "receivers joining"
    if f=$(median_step joins "$JOINS"); then
      table_row "$JOINS" "$f"
      say "joins: time to first frame p50 $(val first_frame_p50_ms "$f") ms, p95 $(val first_frame_p95_ms "$f") ms;" \
        "$(val joins_failed "$f") failed, $(val subscribers_without_video "$f") without video;" \
        "$(val key_frames_forced "$f") key frames forced by PLIs (the loop has one every 2 s; a PLI that reaches the replay" \
        "jumps to the next, as an encoder would answer it: with none, up to 2 s of the figure is waiting for one)"
    fi
    ;;
  turn)
    # The peer: coturn forwarding the same packets/s, its CPU per packet beside Janus's.
    rate=${TURN_RATE:-$BEST_PPS}
    [[ -n $rate && $rate != 0 ]] || rate=10000
    say ""
    say "## turn: coturn $(dpkg-query -W -f='${Version}' coturn) relaying $rate packets/s in + out (client to client over its relays)"
    TURN_SECRET=$(rand)
    cat >"$WORK/turnserver.conf" <<EOF
listening-ip=$IP
relay-ip=$IP
listening-port=3478
min-port=41000
max-port=49000
realm=bench
use-auth-secret
static-auth-secret=$TURN_SECRET
fingerprint
no-tls
no-dtls
no-cli
no-multicast-peers
no-software-attribute
total-quota=0
user-quota=0
pidfile=$WORK/turnserver.pid
log-file=/dev/null
no-stdout-log
simple-log
EOF
    "${IN_NS[@]}" "${ON_SERVER[@]}" turnserver -c "$WORK/turnserver.conf" >"$WORK/turnserver.stdout" 2>&1 &
    turn_pid=$!
    PIDS+=("$turn_pid")
    sleep 1
    # -y: clients send to each other's relay address, so a message crosses coturn twice: in
    # from client A, out of A's relay; in at B's relay, out to B. Four packets in + out a
    # message, as Janus's in + out are counted. 50 messages a second a client (-z 20),
    # 1,000-byte messages (-l), WARMUP + WINDOW + 2 seconds of them; clients chosen so that
    # coturn's packets in + out a second equal Janus's.
    clients=$(((rate + 199) / 200))
    clients=$(((clients + 1) / 2 * 2))
    msgs=$(awk -v s="$WARMUP" -v w="$WINDOW" 'BEGIN {printf "%d", (s + w + 2) * 50}')
    "${IN_NS[@]}" "${ON_LOAD[@]}" turnutils_uclient -y -c -m "$clients" -n "$msgs" -l 1000 -z 20 -W "$TURN_SECRET" -u bench \
      -L "$IP" "$IP" >"$WORK/uclient.out" 2>&1 &
    client_pid=$!
    PIDS+=("$client_pid")
    t0=$(cpu_ticks "$turn_pid")
    wait "$client_pid" || true
    t1=$(cpu_ticks "$turn_pid")
    kill "$turn_pid" 2>/dev/null || true
    wait "$turn_pid" 2>/dev/null || true
    # The whole run is counted (allocations included: a few hundred requests against
    # thousands of packets); each message delivered was 4 packets in + out of coturn.
    sent=$(grep -Eo 'tot_send_msgs=[0-9]+, tot_recv_msgs=[0-9]+$' "$WORK/uclient.out" | tail -1 | grep -Eo '[0-9]+' | head -1)
    recv=$(grep -Eo 'tot_send_msgs=[0-9]+, tot_recv_msgs=[0-9]+$' "$WORK/uclient.out" | tail -1 | grep -Eo '[0-9]+' | tail -1)
    secs=$(grep -Eo 'Total transmit time is [0-9]+' "$WORK/uclient.out" | grep -Eo '[0-9]+$' || echo 0)
    lost=$(grep -Eo 'Total lost packets [0-9]+ \([0-9.]+%\)' "$WORK/uclient.out" | tail -1 || true)
    turn_cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN {printf "%.2f", (b - a) / hz}')
    turn_ppc=$(awk -v r="${recv:-0}" -v c="$turn_cpu" 'BEGIN {if (c > 0) printf "%.0f", 4 * r / c; else print 0}')
    say "coturn: $clients clients × 50 messages/s ($((clients * 200)) packets in + out a second offered);" \
      "${sent:-?} messages sent, ${recv:-?} delivered in ${secs} s" \
      "($(awk -v r="${recv:-0}" -v s="$secs" 'BEGIN {if (s > 0) printf "%.0f", 4 * r / s; else print "?"}') packets in + out a second reached);" \
      "${turn_cpu} s of CPU on core $SERVER_CPU:" \
      "$turn_ppc packets (in + out) per CPU-second; ${lost:-uclient printed no loss line}"
    say ""
    say "| forwarder | per core | measured | ratio Janus / it |"
    say "|---|---|---|---|"
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
    if [[ $BEST_PPS_PER_CORE == 0 ]]; then
      say "| Janus 1.1.2 VideoRoom | not measured in this run (run panels or audience before turn) | - | - |"
    else
      say "| Janus 1.1.2 VideoRoom (the step with the most packets/s per core above) | $BEST_PPS_PER_CORE packets/s in + out; $BEST_STREAMS_PER_CORE streams sent | this run | 1 |"
    fi
    say "| coturn 4.6.1 relay | $turn_ppc packets/s in + out | this run | $(ratio "$BEST_PPS_PER_CORE" "$turn_ppc") |"
    # Published figures, measured elsewhere on other machines (issue 9 names them; sources in
    # bench/media/README.md): only the ratio's order of magnitude means anything.
    say "| LiveKit (published: ≈ 60,000 packets/s per vCPU) | 60000 packets/s | elsewhere | $(ratio "$BEST_PPS_PER_CORE" 60000) |"
    say "| mediasoup (published: ~500 consumers, i.e. streams sent, per worker = one core) | 500 streams | elsewhere | $(ratio "$BEST_STREAMS_PER_CORE" 500) |"
    say "| Jitsi Videobridge (published per machine and per conference size, not per core) | - | elsewhere | - |"
    ;;
  signalling)
    signalling_joins
    signalling_setups
    ;;
  signalling-joins) signalling_joins ;;
  signalling-setups) signalling_setups ;;
  latency)
    # Glass to glass 1:1 through Kelisim (its Janus and coturn, the app's own call) in real
    # Chromium, inside scripts/test-media.sh's namespaces: bench/media/latency.mjs is its
    # runner. Not pinned: kelisim, Janus, coturn and two Chromiums share the machine.
    say ""
    bin=${KELISIM_BIN:-$ROOT/build/release/kelisim}
    if [[ ! -x $bin ]]; then
      say "latency: no kelisim binary at $bin (set KELISIM_BIN)"
      exit 1
    fi
    bin=$(realpath "$bin") # scripts/test-media.sh runs from the repository's root
    if [[ ! -f $ROOT/web/dist/index.html ]]; then
      say "latency: $ROOT/web/dist is not built (cd web && npm run build)"
      exit 1
    fi
    if [[ $SMOKE == 1 ]]; then
      LATENCY_WARMUP=${LATENCY_WARMUP:-3}
      LATENCY_WINDOW=${LATENCY_WINDOW:-5}
    fi
    LATENCY_WARMUP=${LATENCY_WARMUP:-10}
    LATENCY_WINDOW=${LATENCY_WINDOW:-20}
    say "## latency: glass to glass, a 1:1 call through Kelisim ($bin) and its Janus," \
      "without and with TURN (relay only), against ITU-T G.114's 150 ms one way"
    rc=0
    KELISIM_BIN=$bin KELISIM_MEDIA_RUNNER=$HERE/latency.mjs LATENCY_WARMUP=$LATENCY_WARMUP LATENCY_WINDOW=$LATENCY_WINDOW \
      "$ROOT/scripts/test-media.sh" "$(dirname "$bin")" || rc=$?
    if [[ $rc != 0 ]]; then
      say "latency: failed ($rc)"
      exit "$rc"
    fi
    ;;
  *)
    say "unknown benchmark: $bench"
    exit 1
    ;;
  esac
done
