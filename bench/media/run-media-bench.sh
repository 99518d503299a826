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
#   signalling the same through Kelisim's /ws, with per-message latency: not built yet
#   latency    glass to glass 1:1 through Kelisim (the app's call in real Chromium, its Janus),
#              without and with TURN (relay only): one-way p50/p95/max against ITU-T G.114's
#              150 ms (bench/media/latency.mjs in scripts/test-media.sh's namespaces;
#              KELISIM_BIN, default build/release/kelisim; LATENCY_WARMUP 10 s, LATENCY_WINDOW 20 s)
# (what each figure means, the known limits and the plans for the last two: README.md here)
#
# --smoke: one panel, an audience of 2, 4 joins in 1 s, 4,000 relayed packets/s, 3 s windows (latency:
# 3 s of warm-up, 5 s measured): checks that
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
else
  PANELS=${PANELS:-4 6 8 10 12 14 16}
  AUDIENCE=${AUDIENCE:-50 100 150 200 250 300}
  WARMUP=${WARMUP:-5}
  WINDOW=${WINDOW:-10}
  RUNS=${RUNS:-3}
  TURN_RATE=${TURN_RATE:-} # empty: Janus's best packets/s of this run
  JOINS=${JOINS:-100}
  JOIN_SECONDS=${JOIN_SECONDS:-10}
fi
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
    say ""
    say "## signalling: not built yet. Plan: kelisim serve (Release, --media-engine spawn) in the namespace,"
    say "## 100 audience pages over /ws (call.watch → call.receive → call.offer → call.answer) within 10 s;"
    say "## time to first frame p50/p95 as \`joins\` measures it on Janus alone, and per-message latency p99 at"
    say "## 1,000 concurrent set-ups (target ≤ 2 ms). The plan: bench/media/README.md."
    ;;
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
