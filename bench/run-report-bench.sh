#!/usr/bin/env bash
# DESIGN.md's report target: an organisation's figures over 1,000,000 consultations in under
# 300 ms, on SQLite and on PostgreSQL. Seeds the demo, adds N consultations of the Astana centre
# spread over the last year (ticket, seat, room with an outcome and a duration, feedback on a
# third of them) straight into the database, serves it and times
# GET /api/v1/organisations/{id}/figures for the whole year and for one month, as the centre's
# coordinator, over loopback (curl's total time, three times each). The first request of the
# year counts every settled day from its records and keeps each day's tally (figure_days); the
# later ones merge the kept tallies and read only the last few, unsettled, days. Builds nothing.
#
#   bench/run-report-bench.sh KELISIM_BIN [N] [sqlite|postgres]     (N: 1000000; sqlite)
#
# KELISIM_BIN: a Release `kelisim` (cmake --preset release && cmake --build build/release
# --target kelisim). Needs sqlite3 and curl; for postgres, PostgreSQL 15 (Debian), started in a
# temporary directory by scripts/start-postgres.sh.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KELISIM=$(realpath "${1:?usage: $0 KELISIM_BIN [N] [sqlite|postgres]}")
N=${2:-1000000}
BACKEND=${3:-sqlite}
WORK=$(mktemp -d /tmp/kelisim-report.XXXXXX)
PASSWORD=Bench-password-1
PG_BIN=/usr/lib/postgresql/15/bin
SERVER="" PGDIR=""
cleanup() {
  [[ -z $SERVER ]] || kill "$SERVER" 2>/dev/null || true
  wait 2>/dev/null || true
  [[ -z $PGDIR ]] || "$HERE/../scripts/stop-postgres.sh" "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
say() { printf '%s\n' "$*"; }

say "# kelisim report benchmark, $(date -u +%FT%TZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "# server: $KELISIM (git $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?')), $N consultations on $BACKEND"
case $BACKEND in
sqlite)
  DATABASE="sqlite:$WORK/k.db"
  sql() { sqlite3 "$WORK/k.db" "$@"; } # a script on stdin, or one query as the argument
  numbers="CREATE TEMP TABLE n AS
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $N) SELECT i FROM c;"
  ticket_id="printf('bench%08d', i)" room_id="printf('benchroom%08d', i)"
  before="PRAGMA journal_mode=WAL; PRAGMA foreign_keys=OFF;"
  after="PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;"
  ;;
postgres)
  PGDIR=$(mktemp -d /tmp/kelisim-report-pg.XXXXXX)
  DATABASE=$("$HERE/../scripts/start-postgres.sh" "$PGDIR" 2>"$WORK/pg-start.log" | tail -1) ||
    { say "PostgreSQL did not start: $(tail -3 "$WORK/pg-start.log")"; exit 1; }
  say "# PostgreSQL $("$PG_BIN/psql" -Atc 'show server_version' "$DATABASE") at $DATABASE"
  sql() { "$PG_BIN/psql" -q -At -v ON_ERROR_STOP=1 "$DATABASE" ${1:+-c "$1"}; }
  numbers="CREATE TEMP TABLE n AS SELECT generate_series(1, $N) AS i;"
  ticket_id="'bench' || lpad(i::text, 8, '0')" room_id="'benchroom' || lpad(i::text, 8, '0')"
  before="" after="ANALYZE;"
  ;;
*) say "unknown backend $BACKEND (sqlite or postgres)"; exit 2 ;;
esac
"$KELISIM" seed-demo --database "$DATABASE" --password "$PASSWORD" --password-hash minimal \
  >"$WORK/seed.log" 2>&1
org=$(sql "SELECT organisation_id FROM users WHERE email = 'coordinator.astana@demo.kelisim.kz'")
reception=$(sql "SELECT id FROM receptions WHERE organisation_id = '$org' ORDER BY id LIMIT 1")
now_ms=$(($(date +%s) * 1000))
year_ms=$((365 * 24 * 3600 * 1000))

started=$(date +%s.%N)
sql >/dev/null <<SQL
$before
BEGIN;
$numbers
INSERT INTO tickets (id, reception_id, organisation_id, region, language, category, description,
                     channel, status, room_id, created_at, served_at, ended_at)
  SELECT $ticket_id, '$reception', '$org', 'KZ-71',
         CASE i % 3 WHEN 0 THEN 'kk' WHEN 1 THEN 'ru' ELSE 'en' END,
         CASE i % 4 WHEN 0 THEN 'family' WHEN 1 THEN 'labour' WHEN 2 THEN 'housing' ELSE 'other' END,
         'bench', CASE i % 5 WHEN 0 THEN 'phone' ELSE 'chat' END, 'closed', $room_id,
         $now_ms - $year_ms + i * ($year_ms / $N),
         $now_ms - $year_ms + i * ($year_ms / $N) + (i % 1800) * 1000,
         $now_ms - $year_ms + i * ($year_ms / $N) + (i % 1800) * 1000 + 900000
  FROM n;
INSERT INTO ticket_seats (ticket_id, position, kind)
  SELECT $ticket_id, 0,
         CASE i % 3 WHEN 0 THEN 'lawyer' WHEN 1 THEN 'psychologist' ELSE 'mediator' END FROM n;
INSERT INTO rooms (id, ticket_id, reception_id, organisation_id, created_at, closed_at, outcome,
                   duration_seconds)
  SELECT $room_id, $ticket_id, '$reception', '$org',
         $now_ms - $year_ms + i * ($year_ms / $N), $now_ms - $year_ms + i * ($year_ms / $N) + 900000,
         CASE i % 6 WHEN 0 THEN 'advice_given' WHEN 1 THEN 'referred_to_mediation'
                    WHEN 2 THEN 'referred_to_court' WHEN 3 THEN 'referred_to_public_body'
                    WHEN 4 THEN 'follow_up_needed' ELSE 'not_resolved' END,
         600 + i % 1200
  FROM n;
INSERT INTO feedback (ticket_id, reception_id, organisation_id, rating, at)
  SELECT $ticket_id, '$reception', '$org', 1 + i % 5,
         $now_ms - $year_ms + i * ($year_ms / $N) + 1000000
  FROM n WHERE i % 3 = 0;
COMMIT;
$after
SQL
say "seeded $N consultations in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s; database $(du -sm "${PGDIR:-$WORK/k.db}" | cut -f1) MiB"

"$KELISIM" serve --database "$DATABASE" --data-dir "$WORK" --listen 127.0.0.1:0 \
  --port-file "$WORK/port" --password-hash minimal --log-level warn >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do [[ -s $WORK/port ]] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$WORK/port")"
curl -sf -c "$WORK/jar" -H 'Content-Type: application/json' \
  -d "{\"email\":\"coordinator.astana@demo.kelisim.kz\",\"password\":\"$PASSWORD\"}" \
  "$base/api/v1/auth/sign-in" >/dev/null

rfc3339() { date -u -d "@$(($1 / 1000))" +%FT%TZ; }
report() { # label from-ms to-ms
  local url="$base/api/v1/organisations/$org/figures?from=$(rfc3339 "$2")&to=$(rfc3339 "$3")" times=()
  for _ in 1 2 3; do
    times+=("$(curl -s -o "$WORK/figures.json" -w '%{http_code} %{time_total}' -b "$WORK/jar" "$url")")
  done
  local served
  served=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("served", "?"))' "$WORK/figures.json" 2>/dev/null || echo '?')
  say "$1: served $served; HTTP status and seconds: ${times[*]}; server RSS $(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER/status") MiB"
}
report "figures for the whole year" $((now_ms - year_ms - 1000)) $((now_ms + year_ms))
report "figures for one month" $((now_ms - 30 * 24 * 3600 * 1000)) "$now_ms"
