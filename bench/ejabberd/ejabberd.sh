#!/usr/bin/env bash
# ejabberd 23.01 (Debian's package) as the chat peer of bench/run-reception-bench.sh, from a
# config generated into a directory of its own: never /etc/ejabberd, /var/lib/ejabberd or the
# distribution's service. No Erlang distribution (no node name, no cookie, no epmd, so no
# ejabberdctl): accounts are made by in-band registration, and the server is stopped by a signal.
#
#   ejabberd.sh config DIR MODE [PG_URL]   write DIR/ejabberd.yml (spool and log in DIR) and
#                                          print the free 127.0.0.1 port it will listen on.
#                                          MODE: sqlite (mod_mam on DIR/archive.db), pg (mod_mam
#                                          on PG_URL, tables created) or off (no mod_mam)
#   ejabberd.sh run DIR SECONDS            run it in the foreground (exec: the caller's pid is
#                                          the Erlang VM's), one scheduler; stops after SECONDS
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=/usr/lib/x86_64-linux-gnu/ejabberd-23.01-1
DOMAIN=bench.localhost

case ${1:-} in
config)
  dir=${2:?DIR}
  mode=${3:?MODE: sqlite, pg or off}
  mkdir -p "$dir/spool" "$dir/log"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  sed -e "s/@PORT@/$port/" -e "s/@DOMAIN@/$DOMAIN/" "$HERE/ejabberd.yml" >"$dir/ejabberd.yml"
  case $mode in
  off) ;;
  sqlite)
    # ejabberd's own SQLite schema (it would create it on first use, a moment after it listens).
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).executescript(open(sys.argv[2]).read())' \
      "$dir/archive.db" "$ROOT/priv/sql/lite.sql"
    cat >>"$dir/ejabberd.yml" <<YML
  mod_mam:
    db_type: sql
    default: always
sql_type: sqlite
sql_database: "$dir/archive.db"
YML
    ;;
  pg)
    url=${4:?PG_URL for mode pg}
    # postgresql://USER@HOST:PORT/DB
    [[ $url =~ ^postgresql://([^@/]+)@([^:/]+):([0-9]+)/([^?]+)$ ]] ||
      { echo "ejabberd.sh: cannot read $url (want postgresql://user@host:port/db)" >&2; exit 1; }
    /usr/lib/postgresql/15/bin/psql -q -v ON_ERROR_STOP=1 "$url" -f "$HERE/pg-archive.sql" >&2
    cat >>"$dir/ejabberd.yml" <<YML
  mod_mam:
    db_type: sql
    default: always
sql_type: pgsql
sql_server: "${BASH_REMATCH[2]}"
sql_port: ${BASH_REMATCH[3]}
sql_database: "${BASH_REMATCH[4]}"
sql_username: "${BASH_REMATCH[1]}"
sql_password: ""
sql_pool_size: 10
YML
    ;;
  *) echo "ejabberd.sh: mode $mode? (sqlite, pg or off)" >&2; exit 1 ;;
  esac
  echo "$port"
  ;;
run)
  dir=$(cd "${2:?DIR}" && pwd)
  seconds=${3:?SECONDS}
  [[ -d $ROOT/ebin ]] ||
    { echo "ejabberd.sh: no ejabberd 23.01 in $ROOT (apt-get install ejabberd)" >&2; exit 1; }
  export ERL_LIBS=/usr/lib/x86_64-linux-gnu
  export EJABBERD_CONFIG_PATH=$dir/ejabberd.yml EJABBERD_LOG_PATH=$dir/log/ejabberd.log
  export ERL_CRASH_DUMP=$dir/log/erl_crash.dump ERL_CRASH_DUMP_BYTES=0 HOME=$dir
  # Stop by itself: after exec, $$ is the Erlang VM, which shuts down cleanly on SIGTERM. The
  # watchdog leaves as soon as the VM has gone, and signals only the VM of this directory.
  vm=$$
  (
    for _ in $(seq "$seconds"); do
      sleep 1
      grep -qF "$dir/spool" "/proc/$vm/cmdline" 2>/dev/null || exit 0
    done
    kill -TERM "$vm"
  ) </dev/null >/dev/null 2>&1 &
  # One scheduler (kelisim runs with one io thread), no busy-waiting schedulers (they would
  # count as CPU used), 250,000 processes, kernel poll.
  exec erl -noinput -noshell +K true +P 250000 +S 1:1 +SDio 1 +sbwt none +sbwtdcpu none +sbwtdio none \
    -mnesia dir "\"$dir/spool\"" -s ejabberd
  ;;
*)
  echo "usage: $0 config DIR MODE [PG_URL] | run DIR SECONDS" >&2
  exit 1
  ;;
esac
