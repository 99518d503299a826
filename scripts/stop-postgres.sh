#!/usr/bin/env bash
# Stops the throwaway PostgreSQL that start-postgres.sh started in DIR and deletes DIR.
set -euo pipefail

dir=${1:?usage: stop-postgres.sh DIR}
bin=${KELISIM_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -d "$dir" ] || exit 0
if [ ! -e "$dir/.kelisim-postgres" ]; then
  echo "stop-postgres: $dir was not made by start-postgres.sh; leaving it alone" >&2
  exit 1
fi

as_owner() { "$@"; }
[ "$(id -u)" = 0 ] && as_owner() { runuser -u postgres -- "$@"; }
if [ -f "$dir/data/postmaster.pid" ]; then
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
fi
rm -rf "$dir"
