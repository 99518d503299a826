#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for tests in DIR (data in DIR/data, log in DIR/log, unix
# socket in DIR), listening only on 127.0.0.1 on a free port with trust authentication, and
# prints its URL (postgresql://postgres@127.0.0.1:PORT/postgres) as the only line on stdout.
# Run as root it runs the server as the `postgres` user. Stop it with stop-postgres.sh DIR.
set -euo pipefail

dir=${1:?usage: start-postgres.sh DIR}
bin=${KELISIM_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$bin/initdb" ] || { echo "start-postgres: no PostgreSQL 15 in $bin (install postgresql-15)" >&2; exit 1; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ -e "$dir/data" ]; then
  echo "start-postgres: $dir/data exists; use a fresh directory" >&2
  exit 1
fi
touch "$dir/.kelisim-postgres" # lets stop-postgres.sh check what it is about to delete

# initdb and postgres refuse to run as root.
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown -R postgres: "$dir"
  chmod 700 "$dir"
  as_owner() { runuser -u postgres -- "$@"; }
  if ! as_owner test -w "$dir"; then
    echo "start-postgres: user postgres cannot reach $dir (a parent directory is private?)" >&2
    exit 1
  fi
fi

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    local p
    for _ in $(seq 50); do
      p=$((20000 + RANDOM % 40000))
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
    return 1
  fi
}

as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }

# Another process may take the port between finding and binding it: try a few.
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir'" \
    start >&2; then
    break
  fi
  port=""
  echo "start-postgres: start on port attempt $attempt failed; see $dir/log" >&2
done
[ -n "$port" ] || { tail -n 20 "$dir/log" >&2; exit 1; }

for _ in $(seq 100); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
  sleep 0.1
done
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres ||
  { echo "start-postgres: server not ready; see $dir/log" >&2; exit 1; }

echo "postgresql://postgres@127.0.0.1:$port/postgres"
