#!/usr/bin/env bash
# Starts the service on the sample archive (with a partner and an admin key) and runs hostile-http.py against it:
# prints the answers by status and every 5xx (there should be none), then /readyz and the database's integrity after.
#   tests/faults/hostile-http.sh          SYN_BIN=… reuses a build          KEEP=1 keeps the temp folder
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need curl python3 sqlite3
WORK=$(mktemp -d /tmp/syndication-faults.XXXXXX)
trap 'stop_all; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"' EXIT
build_once
DB=$WORK/data/syndication.db
start_service "$DB" "$WORK/service.log"
ADMIN=$(Syndication__Database=$DB syn partners add cms --scope admin --rate 100000 2>/dev/null)
FEEDS=$(Syndication__Database=$DB syn partners add doi-tac --rate 100000 2>/dev/null)
status=0
python3 "$FAULTS_DIR/hostile-http.py" "$BASE" "$ADMIN" "$FEEDS" || status=$?
echo "/readyz after: $(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")"
echo "stack traces in the service log: $(grep -c '^\s*at ' "$WORK/service.log" || true)"
stop_service
echo "integrity: $(integrity "$DB")"
exit $status
