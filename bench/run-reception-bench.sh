#!/usr/bin/env bash
# The reception benchmarks of DESIGN.md ("Performance"), run by hand over loopback, each with
# its peer in the same run: intake (tickets/s) against node:http + better-sqlite3, waiting
# citizens over WebSocket (memory and CPU per connection, live place fan-out) against a plain
# `ws` server, and durable chat (messages/s, send-to-receive p99). Builds nothing.
#
#   bench/run-reception-bench.sh KELISIM_BIN LOAD_BIN [intake|ws|chat ...]
#
# KELISIM_BIN: a Release `kelisim`; LOAD_BIN: `reception_load` (bench/reception_load.cpp), e.g.
#   cmake --preset release && cmake --build build/release --target kelisim reception_load
#   bench/run-reception-bench.sh build/release/kelisim build/release/reception_load
# The Node peers need `npm ci --prefix bench/node` once. Knobs (environment): THREADS (server
# io threads, 1), CONNS (18000), CLIENTS (4 processes), CHAT_ROOMS (600), CHAT_RATE (18 a
# second per connection: the server's per-connection limit is 20), WINDOW (10 s a measuring window),
# NICE (0; servers, peers and load generators run at this niceness), PERF=1 (server profiles).
# Every process it starts stops by itself; all run on 127.0.0.x.
set -euo pipefail

KELISIM=$(realpath "${1:?usage: $0 KELISIM_BIN LOAD_BIN [intake|ws|chat ...]}")
LOAD=$(realpath "${2:?usage: $0 KELISIM_BIN LOAD_BIN [intake|ws|chat ...]}")
shift 2
BENCHES=${*:-intake ws chat}
HERE=$(cd "$(dirname "$0")" && pwd)
THREADS=${THREADS:-1}
CONNS=${CONNS:-18000}
CLIENTS=${CLIENTS:-4}
CHAT_ROOMS=${CHAT_ROOMS:-600}
CHAT_RATE=${CHAT_RATE:-18}
SECONDS_=${WINDOW:-10}
INTAKE_CONNS=${INTAKE_CONNS:-32}
NICE=${NICE:-0} # e.g. -10 when other jobs share the cores: servers, peers and load alike
PASSWORD=Bench-password-1
WORK=$(mktemp -d /tmp/kelisim-bench.XXXXXX)
ulimit -n "$(ulimit -Hn)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

say() { printf '%s\n' "$*"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)
pct() { awk -v a="$1" -v b="$2" -v s="$3" -v hz="$hz" 'BEGIN {printf "%.0f", (b - a) * 100 / hz / s}'; }
sum() { awk -v k="$1" '$1 == k {s += $2} END {print s + 0}' "${@:2}"; }
now_s() { date +%s.%N; }
# Nanoseconds the process's threads spent waiting for a core while runnable (schedstat).
run_wait_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{w += $2} END {printf "%.0f", w}'; }
waited() { awk -v a="$1" -v b="$2" -v s="$3" 'BEGIN {printf "%.0f%%", (b - a) / 1e7 / s}'; }
# PERF=1: a flat CPU profile of the server over a window (perf record, no call graphs).
profile_start() { # pid name seconds
  [[ ${PERF:-0} == 1 ]] || return 0
  perf record -F 499 -p "$1" -o "$WORK/$2.perf" -- sleep "$3" >/dev/null 2>&1 &
  PERF_PID=$!
}
profile_report() { # name
  [[ ${PERF:-0} == 1 ]] || return 0
  wait "$PERF_PID" || true
  say "server CPU profile ($1, perf record -F 499, top symbols):"
  perf report -i "$WORK/$1.perf" --stdio --no-children --sort dso,sym --percent-limit 1.5 2>/dev/null |
    grep -v -e '^#' -e '^$' | head -25 | sed 's/^/    /'
}

say "# kelisim reception benchmarks, $(date -u +%FT%TZ)"
say "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem/ {print $2}') GiB, $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "# server: $KELISIM --threads $THREADS (git $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?'))"
say "# command: $0 $KELISIM $LOAD $BENCHES (NICE=$NICE THREADS=$THREADS CONNS=$CONNS CLIENTS=$CLIENTS CHAT_ROOMS=$CHAT_ROOMS CHAT_RATE=$CHAT_RATE WINDOW=$SECONDS_)"

# A fresh demo database and a server on port 0; sets SERVER and PORT.
start_kelisim() {
  local d=$WORK/$1
  mkdir -p "$d"
  "$KELISIM" seed-demo --database "sqlite:$d/k.db" --password "$PASSWORD" --password-hash minimal >/dev/null 2>&1
  nice -n "$NICE" "$KELISIM" serve --database "sqlite:$d/k.db" --data-dir "$d" --listen 127.0.0.1:0 \
    --port-file "$d/port" --password-hash minimal --intake-per-minute 100000000 \
    --sign-in-per-minute 100000000 --threads "$THREADS" --log-level warn >"$d/server.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  for _ in $(seq 100); do [[ -s $d/port ]] && break; sleep 0.1; done
  PORT=$(cat "$d/port")
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# The event reception the demo lawyer (Astana centre) is on duty for.
lawyer_reception() {
  local jar=$WORK/jar.$PORT
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"lawyer@demo.kelisim.kz\",\"password\":\"$PASSWORD\"}" \
    "http://127.0.0.1:$PORT/api/v1/auth/sign-in" >/dev/null
  curl -sf -b "$jar" "http://127.0.0.1:$PORT/api/v1/desk" |
    python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin)["receptions"] if r["kind"]=="event"][0])'
}

# ---- intake: POST /api/v1/tickets, durable, against node:http + better-sqlite3 ----------
bench_intake() {
  say ""
  say "## intake: $INTAKE_CONNS keep-alive connections posting tickets back to back, ${SECONDS_} s window after 3 s warm-up"
  start_kelisim intake
  local reception
  reception=$(lawyer_reception)
  local r0 c0 c1 w0 w1 out=$WORK/intake.kelisim
  r0=$(rss_kib "$SERVER")
  c0=$(cpu_ticks "$SERVER")
  w0=$(run_wait_ns "$SERVER")
  profile_start "$SERVER" intake $((SECONDS_ + 3))
  nice -n "$NICE" "$LOAD" intake --port "$PORT" --reception "$reception" --connections "$INTAKE_CONNS" \
    --warmup 3 --seconds "$SECONDS_" >"$out"
  c1=$(cpu_ticks "$SERVER")
  w1=$(run_wait_ns "$SERVER")
  local created tps rss
  created=$(sum created "$out")
  tps=$(sum tickets_per_second "$out")
  rss=$(rss_kib "$SERVER")
  say "kelisim: $tps tickets/s (p50 $(sum latency_p50_us "$out") µs, p99 $(sum latency_p99_us "$out") µs," \
    "not created $(sum not_created "$out"), server CPU $(pct "$c0" "$c1" $((SECONDS_ + 3)))% of a core" \
    "(its threads also waited runnable for a core $(waited "$w0" "$w1" $((SECONDS_ + 3))) of the time)," \
    "RSS +$(((rss - r0) / 1024)) MiB for $created+ tickets ≈ $(((rss - r0) * 1024 / (created > 0 ? created : 1))) B/ticket)"
  grep -E '^(first_other|error)' "$out" || true
  profile_report intake
  stop "$SERVER"

  if [[ -e $HERE/node/node_modules/better-sqlite3/build/Release/better_sqlite3.node ]]; then
    local d=$WORK/intake-node
    mkdir -p "$d"
    nice -n "$NICE" node "$HERE/node/intake-server.mjs" "$d/t.db" "$d/port" 60 >"$d/log" 2>&1 &
    local peer=$!
    PIDS+=("$peer")
    for _ in $(seq 100); do [[ -s $d/port ]] && break; sleep 0.1; done
    c0=$(cpu_ticks "$peer")
    nice -n "$NICE" "$LOAD" intake --port "$(cat "$d/port")" --reception "$reception" \
      --connections "$INTAKE_CONNS" --warmup 3 --seconds "$SECONDS_" >"$out.node"
    c1=$(cpu_ticks "$peer")
    local ntps
    ntps=$(sum tickets_per_second "$out.node")
    say "peer node:http + better-sqlite3 (WAL, synchronous=FULL, one INSERT a ticket): $ntps tickets/s" \
      "(p50 $(sum latency_p50_us "$out.node") µs, p99 $(sum latency_p99_us "$out.node") µs, CPU $(pct "$c0" "$c1" $((SECONDS_ + 3)))% of a core)"
    say "ratio kelisim/peer: $(awk -v a="$tps" -v b="$ntps" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')"
    stop "$peer"
  else
    say "peer skipped: run npm ci --prefix bench/node"
  fi
}

# ---- waiting citizens over WebSocket -----------------------------------------------------
# CLIENTS processes, each from its own source address (127.0.0.2, .3, …: one address pair has
# about 28,000 ephemeral ports), open CONNS/CLIENTS connections each.
start_clients() { # name port extra-args…
  local name=$1 port=$2 per=$((CONNS / CLIENTS)) hold=$3
  shift 3
  CLIENT_PIDS=()
  for i in $(seq 0 $((CLIENTS - 1))); do
    nice -n "$NICE" "$LOAD" citizens --port "$port" --bind "127.0.0.$((i + 2))" --count "$per" \
      --seconds "$hold" --ready "$WORK/$name.ready.$i" --stop "$WORK/$name.stop" "$@" >"$WORK/$name.out.$i" 2>&1 &
    CLIENT_PIDS+=($!)
    PIDS+=($!)
  done
}
wait_ready() { # name timeout
  local deadline=$(($(date +%s) + $2))
  while (($(date +%s) < deadline)); do
    local n=0
    for i in $(seq 0 $((CLIENTS - 1))); do [[ -e $WORK/$1.ready.$i ]] && n=$((n + 1)); done
    ((n == CLIENTS)) && return 0
    sleep 0.5
  done
  return 1
}

bench_ws() {
  say ""
  say "## waiting citizens: $CONNS WebSocket connections from $CLIENTS processes on 127.0.0.2–$((CLIENTS + 1))"
  start_kelisim ws
  local reception
  reception=$(lawyer_reception)
  sleep 1
  local r0 t0 c0 c1 c2 c3 hold=600
  r0=$(rss_kib "$SERVER")
  t0=$(now_s)
  start_clients ws "$PORT" "$hold" --reception "$reception"
  if ! wait_ready ws 420; then say "kelisim: not all clients ready after 420 s"; fi
  local ready setup
  ready=$(sum ready "$WORK"/ws.out.*)
  setup=$(awk -v a="$t0" -v b="$(now_s)" 'BEGIN {printf "%.1f", b - a}')
  sleep 2
  local r1
  r1=$(rss_kib "$SERVER")
  KELISIM_PER_CITIZEN=$(((r1 - r0) * 1024 / (ready > 0 ? ready : 1)))
  c0=$(cpu_ticks "$SERVER")
  sleep "$SECONDS_"
  c1=$(cpu_ticks "$SERVER")
  say "kelisim: $ready citizens waiting (each: POST /api/v1/tickets, then /ws with its guest cookie) in $setup s;" \
    "failed $(sum failed "$WORK"/ws.out.*)"
  say "kelisim: server RSS $((r0 / 1024)) MiB → $((r1 / 1024)) MiB: $(((r1 - r0) * 1024 / (ready > 0 ? ready : 1))) B per waiting citizen" \
    "(ticket, guest session and connection); idle CPU $(pct "$c0" "$c1" "$SECONDS_")% of a core"
  # A specialist takes the head ticket TAKES times: everyone behind moves up one place.
  local takes=5
  c2=$(cpu_ticks "$SERVER")
  profile_start "$SERVER" ws $((takes * 3 + 2))
  nice -n "$NICE" "$LOAD" taker --port "$PORT" --email lawyer@demo.kelisim.kz --password "$PASSWORD" \
    --takes "$takes" --interval-ms 3000 >"$WORK/ws.takes"
  sleep 2
  c3=$(cpu_ticks "$SERVER")
  say "kelisim: $takes takes, 3 s apart; server CPU $(pct "$c2" "$c3" $((takes * 3 + 2)))% of a core over those $((takes * 3 + 2)) s"
  # Stop the clients (they print their waves on exit).
  touch "$WORK/ws.stop"
  for p in "${CLIENT_PIDS[@]}"; do wait "$p" || true; done
  local waves=$WORK/ws.waves
  cat "$WORK"/ws.out.* | awk '$1 == "wave"' >"$waves"
  awk -v takes="$WORK/ws.takes" '
    BEGIN { while ((getline l < takes) > 0) { split(l, f, " "); if (f[1] == "take") t0[f[2]] = f[3] } }
    $1 == "wave" { n[$2] += $3; if (!($2 in first) || $4 < first[$2]) first[$2] = $4; if ($5 > last[$2]) last[$2] = $5 }
    END { for (k = 1; k in n; k++) printf "kelisim: take %d → %d citizens told their new place; first after %.1f ms, all after %.1f ms\n",
            k, n[k], (first[k] - t0[k]) / 1e6, (last[k] - t0[k]) / 1e6 }' "$waves"
  # The same by arrival time: each place event belongs to the last take before it (the waves
  # above trust each citizen's place from its POST, which concurrent intake can leave stale).
  cat "$WORK"/ws.out.* | awk '$1 == "place_at" {print $2}' | sort -n | awk -v takes="$WORK/ws.takes" '
    BEGIN { while ((getline l < takes) > 0) { split(l, f, " "); if (f[1] == "take") { t0[f[2]] = f[3]; if (f[2] > m) m = f[2] } } }
    { k = 0; for (i = 1; i <= m; i++) if ($1 >= t0[i]) k = i; if (k) v[k, ++n[k]] = $1 - t0[k] }
    END { for (k = 1; k <= m; k++) if (n[k]) printf "kelisim: take %d → %d place events by arrival; first %.1f ms, p50 %.1f ms, p99 %.1f ms, all %.1f ms after the take\n",
            k, n[k], v[k, 1] / 1e6, v[k, int(n[k] * 0.5) + 1] / 1e6, v[k, int(n[k] * 0.99) + 1] / 1e6, v[k, n[k]] / 1e6 }'
  grep -h '^error' "$WORK"/ws.out.* | sort | uniq -c | head -5 || true
  profile_report ws
  stop "$SERVER"

  # Peer: a plain `ws` server, the same number of connections (no ticket: just the upgrade).
  if [[ -d $HERE/node/node_modules/ws ]]; then
    local d=$WORK/ws-node
    mkdir -p "$d"
    nice -n "$NICE" node "$HERE/node/ws-server.mjs" "$d/port" 120 >"$d/log" 2>&1 &
    local peer=$!
    PIDS+=("$peer")
    for _ in $(seq 100); do [[ -s $d/port ]] && break; sleep 0.1; done
    sleep 1
    r0=$(rss_kib "$peer")
    start_clients wsnode "$(cat "$d/port")" 40 --no-ticket
    wait_ready wsnode 60 || say "peer: not all clients ready after 60 s"
    sleep 3
    r1=$(rss_kib "$peer")
    c0=$(cpu_ticks "$peer")
    sleep "$SECONDS_"
    c1=$(cpu_ticks "$peer")
    ready=$(sum ready "$WORK"/wsnode.out.*)
    local per_conn=$(((r1 - r0) * 1024 / (ready > 0 ? ready : 1)))
    say "peer node ws $(node -p 'require(process.argv[1]).version' "$HERE/node/node_modules/ws/package.json"):" \
      "$ready connections, RSS $((r0 / 1024)) → $((r1 / 1024)) MiB: $per_conn B per connection; idle CPU $(pct "$c0" "$c1" "$SECONDS_")% of a core"
    say "ratio kelisim (per waiting citizen, ticket and session included)/peer (per bare connection):" \
      "$(awk -v a="$KELISIM_PER_CITIZEN" -v b="$per_conn" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')"
    touch "$WORK/wsnode.stop"
    for p in "${CLIENT_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    stop "$peer"
  fi
}

# ---- durable chat --------------------------------------------------------------------------
bench_chat() {
  say ""
  say "## chat: $CHAT_ROOMS rooms (one citizen, one specialist each), each connection sending $CHAT_RATE messages a second"
  start_kelisim chat
  local pairs=$WORK/chat.pairs
  "$LOAD" chat-setup --port "$PORT" --password "$PASSWORD" --specialists "$CHAT_ROOMS" >"$pairs"
  local half=$(((CHAT_ROOMS + 1) / 2)) c0 c1 w0 w1
  for i in 0 1; do
    nice -n "$NICE" "$LOAD" chat --port "$PORT" --password "$PASSWORD" --pairs "$pairs" --first $((i * half)) \
      --rooms "$half" --rate "$CHAT_RATE" --warmup 3 --seconds "$SECONDS_" \
      --samples "$WORK/chat.samples.$i" --ready "$WORK/chat.ready.$i" --go "$WORK/chat.go" \
      >"$WORK/chat.out.$i" 2>&1 &
    PIDS+=($!)
    CHAT_PIDS[i]=$!
  done
  local t0
  t0=$(now_s)
  for _ in $(seq 1200); do [[ -e $WORK/chat.ready.0 && -e $WORK/chat.ready.1 ]] && break; sleep 0.1; done
  say "kelisim: rooms set up in $(awk -v a="$t0" -v b="$(now_s)" 'BEGIN {printf "%.1f", b - a}') s (ticket, sign-in, take next, two WebSockets each)"
  touch "$WORK/chat.go"
  c0=$(cpu_ticks "$SERVER")
  w0=$(run_wait_ns "$SERVER")
  profile_start "$SERVER" chat $((SECONDS_ + 3))
  sleep $((SECONDS_ + 3))
  c1=$(cpu_ticks "$SERVER")
  w1=$(run_wait_ns "$SERVER")
  for p in "${CHAT_PIDS[@]}"; do wait "$p" || true; done
  local o=("$WORK"/chat.out.*)
  local sent acks delivered
  sent=$(sum sent "${o[@]}")
  acks=$(sum acks "${o[@]}")
  delivered=$(sum delivered "${o[@]}")
  say "kelisim: $(sum rooms "${o[@]}") rooms, $(sum connections "${o[@]}") connections; offered $((sent / SECONDS_)) messages/s;" \
    "acknowledged (committed) $((acks / SECONDS_))/s; delivered to the other member $((delivered / SECONDS_))/s;" \
    "error events $(sum errors "${o[@]}")"
  cat "$WORK"/chat.samples.* | sort -k1,1 -k2,2n | awk '
    { v[$1, ++n[$1]] = $2 }
    END { for (k in n) { c = n[k]; printf "kelisim: %s latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)\n",
            (k == "a" ? "send→ack" : "send→receive"), v[k, int(c * 0.5) + 1] / 1000, v[k, int(c * 0.99) + 1] / 1000, v[k, c] / 1000, c } }'
  say "kelisim: server CPU $(pct "$c0" "$c1" $((SECONDS_ + 3)))% of a core over warm-up and window; runnable but waiting for a core $(waited "$w0" "$w1" $((SECONDS_ + 3)))"
  grep -h -E '^(error|error_event)' "${o[@]}" | head -3 || true
  profile_report chat
  stop "$SERVER"
  say "peer: none runs here (no ejabberd on this machine); DESIGN.md's ejabberd 23.01 figures (SQLite archive ~370/s) were measured earlier, not in this run"
}

for b in $BENCHES; do "bench_$b"; done
say ""
say "# done in ${SECONDS}s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
