#!/usr/bin/env bash
# The reception benchmarks of DESIGN.md ("Performance"), run by hand over loopback, each with
# its peers in the same run: intake (tickets/s, CPU per ticket) against node:http and fastify
# with better-sqlite3 (`intake`) and, on a temporary PostgreSQL 15, kelisim against fastify +
# node-postgres (`intake-pg`); waiting citizens over WebSocket (memory and CPU per connection,
# live place fan-out) against a plain `ws` server (`ws`); durable chat (messages/s,
# send-to-receive p99) against ejabberd 23.01 with its archive on SQLite, on PostgreSQL and off
# (`chat`; `chat-ejabberd` runs only the ejabberd part); 10,000 active scripted users, chatting,
# typing and waiting at once, p99 latencies (`active`; no peer: DESIGN.md's target is absolute);
# routing end to end, 10,000 waiting and 500 specialists, against a PostgreSQL FOR UPDATE SKIP
# LOCKED queue driven by pgbench (`routing`); the HTTP floor, GET /healthz of kelisim and of
# fastify over the same connections (`floor`).
# Builds nothing.
#
#   bench/run-reception-bench.sh KELISIM_BIN LOAD_BIN [intake|intake-pg|ws|chat|chat-ejabberd|active|routing|floor ...]
#
# KELISIM_BIN: a Release `kelisim`; LOAD_BIN: `reception_load` (bench/reception_load.cpp), e.g.
#   cmake --preset release && cmake --build build/release --target kelisim reception_load
#   bench/run-reception-bench.sh build/release/kelisim build/release/reception_load
# Peers come from Debian and npm only: missing ones are installed at the start (apt-get install
# postgresql-15 ejabberd erlang-p1-sqlite3 erlang-p1-pgsql, without starting their system
# services; npm ci --prefix bench/node), or named and skipped with INSTALL=0. Knobs
# (environment): THREADS (server io threads, 1), CONNS (18000), CLIENTS (4 processes),
# CHAT_ROOMS (600 rooms or ejabberd user pairs), CHAT_RATE (18 a second per connection: the
# server's per-connection limit is 20), EJABBERD_MAM ("sqlite pg off": the archive modes to
# run), WINDOW (10 s a measuring window), NICE (0; servers, peers and load generators run at
# this niceness), SERVER_CPU (0) and LOAD_CPU (1): the cores (taskset) servers, with their
# PostgreSQL, and load generators run on, PERF=1 (server profiles, kept in the run's
# directory; PERF_ARGS adds perf record options, e.g. "--call-graph dwarf"); for `active`:
# ACTIVE_ROOMS (2500), ACTIVE_WAITING (5000), ACTIVE_RATE (0.1 messages a second per chat
# connection), ACTIVE_WINDOW (30 s); for `routing`: ROUTING_WAITING (10000), ROUTING_SPECIALISTS
# (500), ROUTING_PG_CLIENTS (50, pgbench's clients; PostgreSQL allows 100 connections).
# Every process it starts stops by itself; all run on 127.0.0.x.
set -euo pipefail

USAGE="usage: $0 KELISIM_BIN LOAD_BIN [intake|intake-pg|ws|chat|chat-ejabberd ...]"
KELISIM=$(realpath "${1:?$USAGE}")
LOAD=$(realpath "${2:?$USAGE}")
shift 2
BENCHES=${*:-intake intake-pg ws chat}
HERE=$(cd "$(dirname "$0")" && pwd)
THREADS=${THREADS:-1}
CONNS=${CONNS:-18000}
CLIENTS=${CLIENTS:-4}
CHAT_ROOMS=${CHAT_ROOMS:-600}
CHAT_RATE=${CHAT_RATE:-18}
SECONDS_=${WINDOW:-10}
INTAKE_CONNS=${INTAKE_CONNS:-32}
NICE=${NICE:-0} # e.g. -10 when other jobs share the cores: servers, peers and load alike
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
EJABBERD_MAM=${EJABBERD_MAM:-sqlite pg off}
PASSWORD=Bench-password-1
WORK=$(mktemp -d /tmp/kelisim-bench.XXXXXX)
PG_BIN=/usr/lib/postgresql/15/bin
PGDIR="" # the temporary PostgreSQL's directory, once started
ulimit -n "$(ulimit -Hn)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -z $PGDIR ]] || "$HERE/../scripts/stop-postgres.sh" "$PGDIR" >/dev/null 2>&1 || true
  # Databases left behind would be written back to disk during the next run: gone, unless
  # the profiles are wanted.
  [[ ${PERF:-0} == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

# Servers (and their PostgreSQL) on one core, load generators on another. Command prefixes, not
# functions: nice and taskset exec the program, so `$!` is the server's own pid.
ON_SERVER=(nice -n "$NICE" taskset -c "$SERVER_CPU")
ON_LOAD=(nice -n "$NICE" taskset -c "$LOAD_CPU")

say() { printf '%s\n' "$*"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# CPU of processes (user + system clock ticks of /proc/PID/stat), the one measure of CPU here:
# pct gives it as % of a core over S seconds, per_item as µs per item at RATE items a second.
cpu_ticks() { local p t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
hz=$(getconf CLK_TCK)
pct() { awk -v a="$1" -v b="$2" -v s="$3" -v hz="$hz" 'BEGIN {printf "%.0f", (b - a) * 100 / hz / s}'; }
per_item() { # ticks-before ticks-after seconds rate
  awk -v a="$1" -v b="$2" -v s="$3" -v r="$4" -v hz="$hz" 'BEGIN {printf "%.0f", (r > 0) ? (b - a) / hz / s / r * 1e6 : 0}'
}
# The temporary PostgreSQL's processes (postmaster and its children), when it runs. Clients open
# connections lazily, so take the list at the end of a window: a backend born during it counts
# whole, which is right.
pg_pids() {
  [[ -n $PGDIR && -f $PGDIR/data/postmaster.pid ]] || return 0
  local pm
  pm=$(head -1 "$PGDIR/data/postmaster.pid")
  echo "$pm" $(pgrep -P "$pm")
}
# CPU of the temporary PostgreSQL, its backends that have ended included (the postmaster's
# children's time, fields 16 and 17, once it has reaped them).
pg_cpu_ticks() {
  local pm t
  pm=$(head -1 "$PGDIR/data/postmaster.pid")
  t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  echo $((t + $(cpu_ticks $(pgrep -P "$pm"))))
}
sum() { awk -v k="$1" '$1 == k {s += $2} END {print s + 0}' "${@:2}"; }
now_s() { date +%s.%N; }
# Nanoseconds the process's threads spent waiting for a core while runnable (schedstat).
run_wait_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{w += $2} END {printf "%.0f", w}'; }
waited() { awk -v a="$1" -v b="$2" -v s="$3" 'BEGIN {printf "%.0f%%", (b - a) / 1e7 / s}'; }
# PERF=1: a flat CPU profile of the server over a window (perf record, no call graphs).
profile_start() { # pid name seconds
  [[ ${PERF:-0} == 1 ]] || return 0
  # shellcheck disable=SC2086 # PERF_ARGS: more perf record options, e.g. --call-graph dwarf
  perf record -F 499 ${PERF_ARGS:-} -p "$1" -o "$WORK/$2.perf" -- sleep "$3" >/dev/null 2>&1 &
  PERF_PID=$!
}
profile_report() { # name
  [[ ${PERF:-0} == 1 ]] || return 0
  wait "$PERF_PID" || true
  say "server CPU profile ($1, perf record -F 499, top symbols):"
  perf report -i "$WORK/$1.perf" --stdio --no-children --sort dso,sym --percent-limit 1.5 2>/dev/null |
    grep -v -e '^#' -e '^$' | head -25 | sed 's/^/    /'
}

# ---- peers: installed from Debian and npm when missing (INSTALL=0: only say what is missing) ----
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
ensure_peers() {
  local want=() missing=() b
  for b in $BENCHES; do
    case $b in
    intake-pg) want+=(postgresql-15) ;;
    chat | chat-ejabberd)
      want+=(ejabberd erlang-p1-sqlite3)
      [[ " $EJABBERD_MAM " == *" pg "* ]] && want+=(erlang-p1-pgsql postgresql-15)
      ;;
    esac
  done
  for b in "${want[@]}"; do installed "$b" || missing+=("$b"); done
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u | grep .) || true
  if ((${#missing[@]})); then
    if [[ ${INSTALL:-1} == 1 && $(id -u) == 0 ]]; then
      say "# installing ${missing[*]} (apt-get; their system services are not started)" >&2
      # Debian's postinst scripts start ejabberd's and PostgreSQL's services unless
      # policy-rc.d says no: say no for the time of this install only.
      local policy=""
      if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
      fi
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$WORK/apt.log" 2>&1 ||
        { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$WORK/apt.log" 2>&1; } ||
        say "# apt-get install failed, see $WORK/apt.log" >&2
      [[ -z $policy ]] || rm -f "$policy"
      # Should a service have started all the same, stop it: the peers run from their own configs.
      if pgrep -u ejabberd beam.smp >/dev/null 2>&1; then service ejabberd stop >/dev/null 2>&1 || true; fi
    else
      say "# missing Debian packages, their peers are skipped: apt-get install ${missing[*]}" >&2
    fi
  fi
  local m
  for m in better-sqlite3 fastify pg ws; do
    if [[ ! -d $HERE/node/node_modules/$m ]]; then
      if [[ ${INSTALL:-1} == 1 ]]; then
        say "# npm ci --prefix bench/node" >&2
        npm ci --prefix "$HERE/node" --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1 ||
          say "# npm ci failed, see $WORK/npm.log" >&2
      else
        say "# Node peers need: npm ci --prefix bench/node" >&2
      fi
      break
    fi
  done
}
ensure_peers

# The temporary PostgreSQL 15 (scripts/start-postgres.sh) on the server's core, started once on
# first use; sets PG_URL (its `postgres` database). pg_db NAME creates a database, prints its URL.
ensure_pg() {
  [[ -n $PGDIR ]] && return 0
  [[ -x $PG_BIN/initdb ]] || { say "no PostgreSQL 15 in $PG_BIN (apt-get install postgresql-15)"; return 1; }
  PGDIR=$(mktemp -d /tmp/kelisim-bench-pg.XXXXXX)
  PG_URL=$("${ON_SERVER[@]}" "$HERE/../scripts/start-postgres.sh" "$PGDIR" 2>"$WORK/pg-start.log") ||
    { say "PostgreSQL did not start: $(tail -3 "$WORK/pg-start.log")"; return 1; }
  say "# PostgreSQL $("$PG_BIN/psql" -Atc 'show server_version' "$PG_URL") at $PG_URL" \
    "(synchronous_commit $("$PG_BIN/psql" -Atc 'show synchronous_commit' "$PG_URL"), fsync $("$PG_BIN/psql" -Atc 'show fsync' "$PG_URL"))"
}
pg_db() {
  "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1" "$PG_URL" >/dev/null
  echo "${PG_URL%/*}/$1"
}

say "# kelisim reception benchmarks, $(date -u +%FT%TZ)"
say "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem/ {print $2}') GiB, $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "# server: $KELISIM --threads $THREADS (git $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?'))"
say "# command: $0 $KELISIM $LOAD $BENCHES (NICE=$NICE THREADS=$THREADS CONNS=$CONNS CLIENTS=$CLIENTS CHAT_ROOMS=$CHAT_ROOMS CHAT_RATE=$CHAT_RATE EJABBERD_MAM='$EJABBERD_MAM' WINDOW=$SECONDS_)"
say "# servers (and PostgreSQL) on core $SERVER_CPU, load generators on core $LOAD_CPU (taskset)"

# A fresh demo database (SQLite in the run's directory, or the PostgreSQL URL given) and a
# server on port 0; sets SERVER and PORT.
start_kelisim() { # name [database-url]
  local d=$WORK/$1
  mkdir -p "$d"
  local db=${2:-sqlite:$d/k.db}
  "$KELISIM" seed-demo --database "$db" --password "$PASSWORD" --password-hash minimal >"$d/seed.log" 2>&1 ||
    { say "kelisim seed-demo failed: $(tail -3 "$d/seed.log")"; return 1; }
  "${ON_SERVER[@]}" "$KELISIM" serve --database "$db" --data-dir "$d" --listen 127.0.0.1:0 \
    --port-file "$d/port" --password-hash minimal --intake-per-minute 100000000 \
    --sign-in-per-minute 100000000 --threads "$THREADS" --log-level warn \
    --max-connections 1000000 --max-connections-per-address 1000000 >"$d/server.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  for _ in $(seq 100); do [[ -s $d/port ]] && break; sleep 0.1; done
  PORT=$(cat "$d/port")
  KELISIM_DATA=$d
}
# N bench specialists in receptions of 200 (reception_load chat-setup: invited by the
# coordinator, printing "reception email" lines into PAIRS), who then set their password
# through the mailed invitation link. Uses the server started last (its data dir and port).
specialists_setup() { # count pairs-file
  "${ON_LOAD[@]}" "$LOAD" chat-setup --port "$PORT" --password "$PASSWORD" --specialists "$1" >"$2"
  "${ON_LOAD[@]}" node "$HERE/node/activate-invited.mjs" "$KELISIM_DATA" "$PORT" "$PASSWORD" "$1"
}
# A Node peer (bench/node/SCRIPT, its arguments then a port file and 120 s to live); sets
# SERVER and PORT.
start_node_peer() { # name script args…
  local d=$WORK/$1 script=$2
  shift 2
  mkdir -p "$d"
  "${ON_SERVER[@]}" node "$HERE/node/$script" "$@" "$d/port" 120 >"$d/log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  for _ in $(seq 100); do [[ -s $d/port ]] && break; sleep 0.1; done
  [[ -s $d/port ]] || { say "$script did not start: $(tail -3 "$d/log")"; return 1; }
  PORT=$(cat "$d/port")
}
stop() { # pid: SIGTERM, SIGKILL after 15 s
  kill "$1" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# The event reception the demo lawyer (Astana centre) is on duty for.
lawyer_reception() {
  local jar=$WORK/jar.$PORT
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"lawyer@demo.kelisim.kz\",\"password\":\"$PASSWORD\"}" \
    "http://127.0.0.1:$PORT/api/v1/auth/sign-in" >/dev/null
  curl -sf -b "$jar" "http://127.0.0.1:$PORT/api/v1/desk" |
    python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin)["receptions"] if r["kind"]=="event"][0])'
}

# ---- intake: POST /api/v1/tickets, durable, against Node peers ---------------------------
# Loads the server PID on PORT with INTAKE_CONNS keep-alive connections for 3 s of warm-up and
# the window, and prints LABEL's figures; with PostgreSQL running, its CPU too. Sets TPS.
intake_measure() { # label pid port name [pg: count PostgreSQL's CPU too]
  local label=$1 pid=$2 port=$3 out=$WORK/intake.$4 s=$((SECONDS_ + 3))
  local c0 c1 w0 w1 p0 p1 pg=""
  [[ ${5:-} != pg ]] || pg=$(pg_pids)
  c0=$(cpu_ticks "$pid")
  w0=$(run_wait_ns "$pid")
  p0=$(cpu_ticks $pg)
  profile_start "$pid" "intake-$4" "$s"
  "${ON_LOAD[@]}" "$LOAD" intake --port "$port" --reception "$RECEPTION" --connections "$INTAKE_CONNS" \
    --warmup 3 --seconds "$SECONDS_" ${INTAKE_PATH:+--path "$INTAKE_PATH"} >"$out"
  c1=$(cpu_ticks "$pid")
  w1=$(run_wait_ns "$pid")
  [[ -z $pg ]] || pg=$(pg_pids)
  p1=$(cpu_ticks $pg)
  TPS=$(sum tickets_per_second "$out")
  local pgtext=""
  [[ -z $pg ]] || pgtext="; PostgreSQL $(pct "$p0" "$p1" "$s")% of a core = $(per_item "$p0" "$p1" "$s" "$TPS") µs a ticket"
  say "$label: $TPS tickets/s (p50 $(sum latency_p50_us "$out") µs, p99 $(sum latency_p99_us "$out") µs," \
    "not created $(sum not_created "$out")); server CPU $(pct "$c0" "$c1" "$s")% of a core =" \
    "$(per_item "$c0" "$c1" "$s" "$TPS") µs a ticket$pgtext (its threads also waited runnable for a core" \
    "$(waited "$w0" "$w1" "$s") of the time)"
  grep -E '^(first_other|error)' "$out" | sed "s/^/    $4: /" || true
  profile_report "intake-$4"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }
intake_header() {
  say ""
  say "## $1: $INTAKE_CONNS keep-alive connections posting tickets back to back, ${SECONDS_} s window after 3 s warm-up"
}
have_node_peers() { [[ -e $HERE/node/node_modules/better-sqlite3/build/Release/better_sqlite3.node && -d $HERE/node/node_modules/fastify ]]; }

bench_intake() {
  intake_header "intake on SQLite (WAL, synchronous=FULL)"
  start_kelisim intake
  RECEPTION=$(lawyer_reception)
  local r0 rss kelisim
  r0=$(rss_kib "$SERVER")
  intake_measure kelisim "$SERVER" "$PORT" kelisim
  kelisim=$TPS
  local created
  created=$(sum created "$WORK/intake.kelisim")
  rss=$(rss_kib "$SERVER")
  say "kelisim: RSS +$(((rss - r0) / 1024)) MiB for $created+ tickets ≈ $(((rss - r0) * 1024 / (created > 0 ? created : 1))) B/ticket"
  stop "$SERVER"
  have_node_peers || { say "peers skipped: run npm ci --prefix bench/node"; return 0; }
  local label
  for peer in intake-server.mjs intake-fastify-sqlite.mjs; do
    case $peer in
    intake-server.mjs) label="peer node:http + better-sqlite3" ;;
    *) label="peer fastify $(node -p 'require(process.argv[1]).version' "$HERE/node/node_modules/fastify/package.json") + better-sqlite3" ;;
    esac
    start_node_peer "intake-${peer%.mjs}" "$peer" "$WORK/intake-${peer%.mjs}.db" || continue
    intake_measure "$label (WAL, synchronous=FULL, one INSERT a ticket)" "$SERVER" "$PORT" "${peer%.mjs}"
    say "ratio kelisim/$label: $(ratio "$kelisim" "$TPS")"
    stop "$SERVER"
  done
}

# The HTTP floor (`floor`): the same load generator and connections asking GET /healthz of
# kelisim and of the fastify peer: what a request costs before any work is done. A target
# above kelisim's floor cannot be met by any change to the services behind it.
bench_floor() {
  intake_header "HTTP floor: GET /healthz, same connections"
  local kelisim
  start_kelisim floor
  RECEPTION=none INTAKE_PATH=/healthz intake_measure "kelisim GET /healthz" "$SERVER" "$PORT" floor-kelisim
  kelisim=$TPS
  stop "$SERVER"
  have_node_peers || { say "peers skipped: run npm ci --prefix bench/node"; return 0; }
  start_node_peer floor-fastify intake-fastify-sqlite.mjs "$WORK/floor-fastify.db" || return 0
  RECEPTION=none INTAKE_PATH=/healthz intake_measure "peer fastify GET /healthz" "$SERVER" "$PORT" floor-fastify
  say "ratio kelisim/fastify (GET /healthz): $(ratio "$kelisim" "$TPS")"
  stop "$SERVER"
}

# The same against the temporary PostgreSQL: kelisim's store and fastify + node-postgres, each in
# a database of its own; PostgreSQL's CPU is shown beside each server's.
bench_intake_pg() {
  intake_header "intake on PostgreSQL 15 (synchronous_commit on)"
  ensure_pg || return 0
  start_kelisim intake-pg "$(pg_db kelisim_intake)" || return 0
  RECEPTION=$(lawyer_reception)
  intake_measure "kelisim (PostgreSQL)" "$SERVER" "$PORT" kelisim-pg pg
  local kelisim=$TPS
  stop "$SERVER"
  have_node_peers || { say "peer skipped: run npm ci --prefix bench/node"; return 0; }
  local label
  label="peer fastify $(node -p 'require(process.argv[1]).version' "$HERE/node/node_modules/fastify/package.json") + pg $(node -p 'require(process.argv[1]).version' "$HERE/node/node_modules/pg/package.json")"
  start_node_peer intake-fastify-pg intake-fastify-pg.mjs "$(pg_db fastify_intake)" || return 0
  intake_measure "$label (pool of 10, one INSERT a ticket)" "$SERVER" "$PORT" fastify-pg pg
  say "ratio kelisim/$label: $(ratio "$kelisim" "$TPS")"
  stop "$SERVER"
}

# ---- waiting citizens over WebSocket -----------------------------------------------------
# CLIENTS processes, each from its own source address (127.0.0.2, .3, …: one address pair has
# about 28,000 ephemeral ports), open CONNS/CLIENTS connections each.
start_clients() { # name port extra-args…
  local name=$1 port=$2 per=$((CONNS / CLIENTS)) hold=$3
  shift 3
  CLIENT_PIDS=()
  for i in $(seq 0 $((CLIENTS - 1))); do
    "${ON_LOAD[@]}" "$LOAD" citizens --port "$port" --bind "127.0.0.$((i + 2))" --count "$per" \
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

# Place events by arrival time: each belongs to the last take before it (the waves trust each
# citizen's place from its POST, which concurrent intake can leave stale). `name`: the clients'
# outputs ($WORK/name.out.*) and the taker's ($WORK/name.takes).
place_latencies() { # name
  cat "$WORK/$1".out.* | awk '$1 == "place_at" {print $2}' | sort -n | awk -v takes="$WORK/$1.takes" '
    BEGIN { while ((getline l < takes) > 0) { split(l, f, " "); if (f[1] == "take") { t0[f[2]] = f[3]; if (f[2] > m) m = f[2] } } }
    { k = 0; for (i = 1; i <= m; i++) if ($1 >= t0[i]) k = i; if (k) v[k, ++n[k]] = $1 - t0[k] }
    END { for (k = 1; k <= m; k++) if (n[k]) printf "kelisim: take %d → %d place events by arrival; first %.1f ms, p50 %.1f ms, p99 %.1f ms, all %.1f ms after the take\n",
            k, n[k], v[k, 1] / 1e6, v[k, int(n[k] * 0.5) + 1] / 1e6, v[k, int(n[k] * 0.99) + 1] / 1e6, v[k, n[k]] / 1e6 }'
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
  "${ON_LOAD[@]}" "$LOAD" taker --port "$PORT" --email lawyer@demo.kelisim.kz --password "$PASSWORD" \
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
  place_latencies ws
  grep -h '^error' "$WORK"/ws.out.* | sort | uniq -c | head -5 || true
  profile_report ws
  stop "$SERVER"

  # Peer: a plain `ws` server, the same number of connections (no ticket: just the upgrade).
  if [[ -d $HERE/node/node_modules/ws ]]; then
    local d=$WORK/ws-node
    mkdir -p "$d"
    "${ON_SERVER[@]}" node "$HERE/node/ws-server.mjs" "$d/port" 120 >"$d/log" 2>&1 &
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

# How many of N rooms the first of the two chat processes sets up: whole receptions of 200
# (chat-setup's), so that no reception's queue is taken from by both processes at once, which
# would give a specialist the other process's citizen.
split_rooms() { echo $(((($1 + 1) / 2 + 199) / 200 * 200)); }

# ---- durable chat --------------------------------------------------------------------------
bench_chat() {
  say ""
  say "## chat: $CHAT_ROOMS rooms (one citizen, one specialist each), each connection sending $CHAT_RATE messages a second"
  start_kelisim chat
  local pairs=$WORK/chat.pairs
  specialists_setup "$CHAT_ROOMS" "$pairs"
  local half c0 c1 w0 w1 l0 l1
  half=$(split_rooms "$CHAT_ROOMS")
  for i in 0 1; do
    "${ON_LOAD[@]}" "$LOAD" chat --port "$PORT" --password "$PASSWORD" --pairs "$pairs" --first $((i * half)) \
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
  l0=$(cpu_ticks "${CHAT_PIDS[@]}")
  profile_start "$SERVER" chat $((SECONDS_ + 3))
  sleep $((SECONDS_ + 3))
  c1=$(cpu_ticks "$SERVER")
  w1=$(run_wait_ns "$SERVER")
  l1=$(cpu_ticks "${CHAT_PIDS[@]}")
  for p in "${CHAT_PIDS[@]}"; do wait "$p" || true; done
  local o=("$WORK"/chat.out.*)
  local sent acks delivered
  sent=$(sum sent "${o[@]}")
  acks=$(sum acks "${o[@]}")
  delivered=$(sum delivered "${o[@]}")
  say "kelisim: $(sum rooms "${o[@]}") rooms, $(sum connections "${o[@]}") connections; offered $((sent / SECONDS_)) messages/s;" \
    "acknowledged (committed) $((acks / SECONDS_))/s; delivered to the other member $((delivered / SECONDS_))/s;" \
    "error events $(sum errors "${o[@]}")"
  chat_latencies kelisim "$WORK"/chat.samples.*
  say "kelisim: server CPU $(pct "$c0" "$c1" $((SECONDS_ + 3)))% of a core over warm-up and window" \
    "= $(per_item "$c0" "$c1" $((SECONDS_ + 3)) $((delivered / SECONDS_))) µs a delivered message;" \
    "runnable but waiting for a core $(waited "$w0" "$w1" $((SECONDS_ + 3))); load generators $(pct "$l0" "$l1" $((SECONDS_ + 3)))% of a core"
  grep -h -E '^(error|error_event) ' "${o[@]}" | head -3 || true
  profile_report chat
  stop "$SERVER"
  KELISIM_CHAT=$((delivered / SECONDS_))
  bench_chat_ejabberd
}

# Latency percentiles of `a|d MICROSECONDS` sample files (a: send→ack, d: send→receive).
chat_latencies() { # label files…
  cat "${@:2}" | sort -k1,1 -k2,2n | awk -v who="$1" '
    NF == 2 { v[$1, ++n[$1]] = $2 }
    END { for (k in n) { c = n[k]; printf "%s: %s latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)\n",
            who, (k == "a" ? "send→ack" : "send→receive"), v[k, int(c * 0.5) + 1] / 1000, v[k, int(c * 0.99) + 1] / 1000, v[k, c] / 1000, c } }'
}

# ---- 10,000 active scripted users (DESIGN.md) ------------------------------------------------
# ACTIVE_ROOMS rooms (a citizen and a specialist each; both type, then send a message, every
# 1/ACTIVE_RATE s) and ACTIVE_WAITING citizens waiting over WebSocket, told their new place
# when the demo lawyer takes the head ticket every 3 s. SQLite, the server on one core.
ACTIVE_ROOMS=${ACTIVE_ROOMS:-2500}
ACTIVE_WAITING=${ACTIVE_WAITING:-5000}
ACTIVE_RATE=${ACTIVE_RATE:-0.1}
ACTIVE_WINDOW=${ACTIVE_WINDOW:-30}
bench_active() {
  say ""
  say "## active users: $ACTIVE_ROOMS rooms ($((ACTIVE_ROOMS * 2)) users typing, then sending a message every" \
    "$(awk -v r="$ACTIVE_RATE" 'BEGIN {printf "%g", 1 / r}') s) and $ACTIVE_WAITING citizens waiting; a take every 3 s;" \
    "$((ACTIVE_ROOMS * 2 + ACTIVE_WAITING)) users"
  start_kelisim active
  local reception pairs=$WORK/active.pairs half t0 r0 r1 c0 c1 w0 w1 i
  half=$(split_rooms "$ACTIVE_ROOMS")
  reception=$(lawyer_reception)
  r0=$(rss_kib "$SERVER")
  t0=$(now_s)
  specialists_setup "$ACTIVE_ROOMS" "$pairs"
  CHAT_PIDS=()
  for i in 0 1; do
    "${ON_LOAD[@]}" "$LOAD" chat --port "$PORT" --password "$PASSWORD" --pairs "$pairs" --first $((i * half)) \
      --rooms "$half" --rate "$ACTIVE_RATE" --typing --warmup 5 --seconds "$ACTIVE_WINDOW" \
      --samples "$WORK/active.samples.$i" --ready "$WORK/active.chat-ready.$i" --go "$WORK/active.go" \
      >"$WORK/active.chat.$i" 2>&1 &
    PIDS+=($!)
    CHAT_PIDS[i]=$!
  done
  for _ in $(seq 3000); do [[ -e $WORK/active.chat-ready.0 && -e $WORK/active.chat-ready.1 ]] && break; sleep 0.1; done
  # The waiting citizens come after the rooms are set up, so no specialist takes their tickets.
  CONNS=$ACTIVE_WAITING start_clients active "$PORT" $((ACTIVE_WINDOW + 120)) --reception "$reception"
  wait_ready active 300 || say "kelisim: not all waiting citizens ready after 300 s"
  say "kelisim: set up in $(awk -v a="$t0" -v b="$(now_s)" 'BEGIN {printf "%.1f", b - a}') s:" \
    "$(cat "$WORK"/active.chat-ready.* | awk '{s += $1} END {print s / 2}') rooms, $(sum ready "$WORK"/active.out.*) citizens waiting"
  touch "$WORK/active.go"
  c0=$(cpu_ticks "$SERVER")
  w0=$(run_wait_ns "$SERVER")
  profile_start "$SERVER" active $((ACTIVE_WINDOW + 5))
  sleep 5 # the chat's warm-up
  "${ON_LOAD[@]}" "$LOAD" taker --port "$PORT" --email lawyer@demo.kelisim.kz --password "$PASSWORD" \
    --takes $((ACTIVE_WINDOW / 3 - 1)) --interval-ms 3000 >"$WORK/active.takes"
  for p in "${CHAT_PIDS[@]}"; do wait "$p" || true; done
  c1=$(cpu_ticks "$SERVER")
  w1=$(run_wait_ns "$SERVER")
  r1=$(rss_kib "$SERVER")
  touch "$WORK/active.stop"
  for p in "${CLIENT_PIDS[@]}"; do wait "$p" || true; done
  local o=("$WORK"/active.chat.*)
  say "kelisim: $(sum connections "${o[@]}") chat connections; messages acknowledged $(sum acks "${o[@]}")," \
    "delivered $(sum delivered "${o[@]}") in the $ACTIVE_WINDOW s window; typing notices sent $(sum typing_sent "${o[@]}")," \
    "seen by the other member $(sum typing_seen "${o[@]}"); error events $(sum errors "${o[@]}")"
  chat_latencies kelisim "$WORK"/active.samples.*
  place_latencies active
  say "kelisim: server CPU $(pct "$c0" "$c1" $((ACTIVE_WINDOW + 7)))% of a core; runnable but waiting for a core" \
    "$(waited "$w0" "$w1" $((ACTIVE_WINDOW + 7))); RSS $((r0 / 1024)) → $((r1 / 1024)) MiB"
  grep -h -E '^(error|error_event) ' "${o[@]}" "$WORK"/active.out.* | sort | uniq -c | head -5 || true
  profile_report active
  stop "$SERVER"
}

# ---- routing end to end, beside a FOR UPDATE SKIP LOCKED queue (DESIGN.md) ---------------------
# ROUTING_WAITING tickets waiting, ROUTING_SPECIALISTS specialists on duty, each taking the next
# ticket (routing decision, seat claimed and room opened: one commit) and closing its room,
# until none is left. Then the database is checked for double seats and lost tickets. Peer:
# the same work as a PostgreSQL queue driven by pgbench (SELECT … FOR UPDATE SKIP LOCKED,
# seat insert, commit; then the close), with as many clients as PostgreSQL allows here.
ROUTING_WAITING=${ROUTING_WAITING:-10000}
ROUTING_SPECIALISTS=${ROUTING_SPECIALISTS:-500}
ROUTING_PG_CLIENTS=${ROUTING_PG_CLIENTS:-50}
bench_routing() {
  say ""
  say "## routing end to end: $ROUTING_WAITING tickets waiting, $ROUTING_SPECIALISTS specialists each taking the next and closing its room until none is left"
  start_kelisim routing
  local pairs=$WORK/routing.pairs db=$WORK/routing/k.db r n i=0 out=$WORK/routing.out
  specialists_setup "$ROUTING_SPECIALISTS" "$pairs"
  # Tickets in each bench reception in proportion to its specialists (200 a reception).
  while read -r r n; do
    "${ON_LOAD[@]}" "$LOAD" citizens --port "$PORT" --bind 127.0.0.2 --count $((ROUTING_WAITING * n / ROUTING_SPECIALISTS)) \
      --concurrency 16 --reception "$r" --no-ws --seconds 600 --ready "$WORK/routing.ready.$i" \
      --stop "$WORK/routing.stop.$i" >"$WORK/routing.intake.$i" 2>&1 &
    local p=$!
    for _ in $(seq 6000); do [[ -e $WORK/routing.ready.$i ]] && break; sleep 0.1; done
    touch "$WORK/routing.stop.$i"
    wait "$p" || true
    i=$((i + 1))
  done < <(awk '{n[$1]++} END {for (r in n) print r, n[r]}' "$pairs")
  say "kelisim: $(sum ready "$WORK"/routing.intake.*) tickets waiting (failed $(sum failed "$WORK"/routing.intake.*)) in $i receptions"
  "${ON_LOAD[@]}" "$LOAD" specialists --port "$PORT" --password "$PASSWORD" --pairs "$pairs" \
    --ready "$WORK/routing.ready" --go "$WORK/routing.go" >"$out" 2>&1 &
  local load=$! c0 c1 t0 t1
  for _ in $(seq 3000); do [[ -e $WORK/routing.ready ]] && break; sleep 0.1; done
  c0=$(cpu_ticks "$SERVER")
  t0=$(now_s)
  profile_start "$SERVER" routing 10
  touch "$WORK/routing.go"
  wait "$load" || true
  c1=$(cpu_ticks "$SERVER")
  t1=$(now_s)
  local rate
  rate=$(sum seats_per_second "$out")
  say "kelisim: $(sum seats "$out") seats taken by $(sum specialists "$out") specialists in $(sum seconds "$out") s: $rate seats/s" \
    "(each with its room closed); desk/next p50 $(($(sum next_p50_us "$out") / 1000)) ms, p99 $(($(sum next_p99_us "$out") / 1000)) ms;" \
    "server CPU $(pct "$c0" "$c1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%d", b - a + 0.5}')")% of a core;" \
    "answers $(awk '$1 == "status" {printf "%s×%s ", $3, $2}' "$out")"
  grep -h '^error ' "$out" | head -3 || true
  say "kelisim: check: tickets seated twice $(sqlite3 "$db" "SELECT count(*) FROM (SELECT ticket_id FROM rooms GROUP BY ticket_id HAVING count(*) > 1)")," \
    "seats held by two $(sqlite3 "$db" "SELECT count(*) FROM ticket_seats WHERE specialist_id IS NOT NULL GROUP BY ticket_id, kind HAVING count(*) > 1" | wc -l)," \
    "rooms $(sqlite3 "$db" "SELECT count(*) FROM rooms WHERE ticket_id IN (SELECT id FROM tickets WHERE reception_id IN ($(awk '{print "'"'"'" $1 "'"'"'"}' "$pairs" | sort -u | paste -sd,)))")," \
    "bench tickets still waiting $(sqlite3 "$db" "SELECT count(*) FROM tickets WHERE status = 'waiting' AND reception_id IN ($(awk '{print "'"'"'" $1 "'"'"'"}' "$pairs" | sort -u | paste -sd,))")"
  profile_report routing
  stop "$SERVER"
  KELISIM_ROUTING=${rate%.*}
  routing_pgbench
}
routing_pgbench() {
  local label="PostgreSQL SKIP LOCKED queue (pgbench, $ROUTING_PG_CLIENTS clients)"
  ensure_pg || return 0
  local url d=$WORK/routing-pg
  url=$(pg_db "routing_$$")
  mkdir -p "$d"
  "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 "$url" >/dev/null <<SQL
CREATE TABLE queue (id bigserial PRIMARY KEY, kind text NOT NULL, status text NOT NULL DEFAULT 'waiting',
                    specialist int, created_at timestamptz NOT NULL DEFAULT clock_timestamp());
CREATE INDEX queue_waiting ON queue (created_at, id) WHERE status = 'waiting';
CREATE TABLE seats (ticket_id bigint PRIMARY KEY REFERENCES queue (id), specialist int NOT NULL,
                    at timestamptz NOT NULL DEFAULT now());
INSERT INTO queue (kind) SELECT 'lawyer' FROM generate_series(1, $ROUTING_WAITING);
VACUUM ANALYZE queue;
SQL
  cat >"$d/take.sql" <<'SQL'
BEGIN;
SELECT id FROM queue WHERE status = 'waiting' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED \gset
UPDATE queue SET status = 'in_room', specialist = :client_id WHERE id = :id;
INSERT INTO seats (ticket_id, specialist) VALUES (:id, :client_id);
COMMIT;
UPDATE queue SET status = 'closed' WHERE id = :id;
SQL
  local c0 c1 t0 t1 tps
  c0=$(pg_cpu_ticks)
  t0=$(now_s)
  "${ON_LOAD[@]}" "$PG_BIN/pgbench" -n -f "$d/take.sql" -c "$ROUTING_PG_CLIENTS" -j 1 \
    -t $((ROUTING_WAITING / ROUTING_PG_CLIENTS)) "$url" >"$d/out" 2>&1 || true
  t1=$(now_s)
  c1=$(pg_cpu_ticks)
  tps=$(awk '/^tps/ {print int($3); exit}' "$d/out")
  say "$label: $(awk '/number of transactions actually processed/ {print $NF}' "$d/out") seats at ${tps:-?} seats/s (each with its close);" \
    "latency average $(awk '/latency average/ {print $4, $5}' "$d/out"); PostgreSQL $(pct "$c0" "$c1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%d", b - a + 0.5}')")% of a core"
  say "$label: check: seats $("$PG_BIN/psql" -Atc 'SELECT count(*) FROM seats' "$url"), tickets still waiting $("$PG_BIN/psql" -Atc "SELECT count(*) FROM queue WHERE status = 'waiting'" "$url")"
  [[ -n ${KELISIM_ROUTING:-} && -n $tps ]] && say "ratio kelisim/$label (seats/s): $(ratio "$KELISIM_ROUTING" "$tps")"
  return 0
}

# ---- chat peer: ejabberd 23.01 (bench/ejabberd/) driven by bench/node/xmpp-load.mjs --------
# CHAT_ROOMS pairs of users, each user sending CHAT_RATE messages a second to the other: the
# offered load of kelisim's chat. One run per archive mode in EJABBERD_MAM: mod_mam storing
# every message (default: always) in SQLite or the temporary PostgreSQL, or no mod_mam.
bench_chat_ejabberd() {
  say ""
  say "## chat peer: ejabberd, $CHAT_ROOMS pairs of users, each sending $CHAT_RATE messages a second to the other"
  if ! installed ejabberd || [[ ! -d /usr/lib/x86_64-linux-gnu/ejabberd-23.01-1 ]]; then
    say "peer skipped: apt-get install ejabberd erlang-p1-sqlite3 erlang-p1-pgsql (ejabberd 23.01)"
    return 0
  fi
  local mode
  for mode in $EJABBERD_MAM; do chat_ejabberd "$mode"; done
}
chat_ejabberd() { # sqlite | pg | off
  local mode=$1 d=$WORK/ejabberd-$1 url="" label
  case $mode in
  sqlite) label="ejabberd 23.01, archive on SQLite" ;;
  pg)
    label="ejabberd 23.01, archive on PostgreSQL"
    ensure_pg || return 0
    url=$(pg_db "ejabberd_$$")
    ;;
  off) label="ejabberd 23.01, no archive" ;;
  *) say "EJABBERD_MAM: unknown mode $mode (sqlite, pg, off)"; return 0 ;;
  esac
  mkdir -p "$d"
  local port
  port=$("$HERE/ejabberd/ejabberd.sh" config "$d" "$mode" $url) || { say "$label: no config"; return 0; }
  "${ON_SERVER[@]}" "$HERE/ejabberd/ejabberd.sh" run "$d" $((SECONDS_ + 300)) >"$d/server.out" 2>&1 &
  local server=$!
  PIDS+=("$server")
  for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { say "$label: did not start: $(tail -3 "$d/server.out")"; stop "$server"; return 0; }
  sleep 3 # its SQL pool starts after the listener
  "${ON_LOAD[@]}" node "$HERE/node/xmpp-load.mjs" --port "$port" --pairs "$CHAT_ROOMS" --rate "$CHAT_RATE" \
    --warmup 3 --seconds "$SECONDS_" --samples "$d/samples" --ready "$d/ready" --go "$d/go" >"$d/out" 2>&1 &
  local client=$!
  PIDS+=("$client")
  local t0 c0 c1 l0 l1 pg="" p0 p1 s=$((SECONDS_ + 3))
  t0=$(now_s)
  for _ in $(seq 3000); do [[ -e $d/ready ]] && break; kill -0 "$client" 2>/dev/null || break; sleep 0.1; done
  say "$label: $(cat "$d/ready" 2>/dev/null || echo 0) connections set up in $(awk -v a="$t0" -v b="$(now_s)" 'BEGIN {printf "%.1f", b - a}') s (in-band registration, SASL PLAIN, bind, presence)"
  [[ $mode != pg ]] || pg=$(pg_pids)
  touch "$d/go"
  local go_at
  go_at=$(date -u +%T)
  c0=$(cpu_ticks "$server")
  l0=$(cpu_ticks "$client")
  p0=$(cpu_ticks $pg)
  profile_start "$server" "ejabberd-$mode" "$s"
  sleep "$s"
  c1=$(cpu_ticks "$server")
  l1=$(cpu_ticks "$client")
  [[ -z $pg ]] || pg=$(pg_pids)
  p1=$(cpu_ticks $pg)
  wait "$client" || true
  local sent delivered rate pgtext=""
  sent=$(sum sent "$d/out")
  delivered=$(sum delivered "$d/out")
  rate=$((delivered / SECONDS_))
  [[ -z $pg ]] || pgtext="; PostgreSQL $(pct "$p0" "$p1" "$s")% of a core = $(per_item "$p0" "$p1" "$s" "$rate") µs a message"
  say "$label: offered $((sent / SECONDS_)) messages/s; delivered to the partner $rate/s; error stanzas $(sum errors "$d/out")"
  chat_latencies "$label" "$d/samples"
  say "$label: server CPU $(pct "$c0" "$c1" "$s")% of a core over warm-up and window = $(per_item "$c0" "$c1" "$s" "$rate") µs a delivered message$pgtext;" \
    "load generator $(pct "$l0" "$l1" "$s")% of a core"
  grep -h '^error ' "$d/out" | head -3 | sed 's/^/    /' || true
  profile_report "ejabberd-$mode"
  stop "$server"
  # What the archive holds (two rows a message: the sender's and the receiver's archive).
  case $mode in
  sqlite) say "$label: archive rows $(node -e 'const D = require(process.argv[1]); console.log(new D(process.argv[2], { readonly: true }).prepare("SELECT count(*) AS n FROM archive").get().n)' \
            "$HERE/node/node_modules/better-sqlite3" "$d/archive.db" 2>/dev/null || echo '?')" ;;
  pg) say "$label: archive rows $("$PG_BIN/psql" -Atc 'SELECT count(*) FROM archive' "$url" 2>/dev/null || echo '?')" ;;
  esac
  # Its SQL pool starts on the first messages, which then go unarchived (a hook crash each, in
  # its log, at the start of the warm-up). Crashes in the window would matter.
  local crashed
  crashed=$(grep -c 'crashed' "$d/log/ejabberd.log" 2>/dev/null || true)
  [[ ${crashed:-0} == 0 ]] || say "$label: $crashed hook crashes in its log, the last at" \
    "$(grep 'crashed' "$d/log/ejabberd.log" | tail -1 | cut -c12-23) UTC (load began at $go_at): $d/log/ejabberd.log"
  [[ -n ${KELISIM_CHAT:-} ]] && say "ratio kelisim/$label (delivered messages/s): $(ratio "$KELISIM_CHAT" "$rate")"
  return 0
}

for b in $BENCHES; do "bench_${b//-/_}"; done
say ""
say "# done in ${SECONDS}s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
