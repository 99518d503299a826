#!/usr/bin/env bash
# `make run`: first run creates ./data with the SQLite database and the demo data, then
# serves http://localhost:8080. The demo accounts are kept in data/demo-accounts.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/main/kelisim
mkdir -p data
if [ ! -f data/demo-accounts.txt ]; then
  "$bin" seed-demo --database sqlite:data/kelisim.db --credentials-file data/demo-accounts.txt \
    >/dev/null
fi
listen="${KELISIM_LISTEN:-127.0.0.1:8080}"
echo
echo "Kelisim is starting on http://localhost:${listen##*:}  (Ctrl+C stops it)"
echo
cat data/demo-accounts.txt
echo
exec "$bin" serve --database sqlite:data/kelisim.db --data-dir data --static-dir web/dist \
  --listen "$listen" --public-url "${KELISIM_PUBLIC_URL:-http://localhost:${listen##*:}}"
