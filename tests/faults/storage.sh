#!/usr/bin/env bash
# Storage faults on real filesystems (needs root: it mounts small tmpfs filesystems under its temp folder).
#  1. Full disk: the service's database on a 48 MB tmpfs; a filler file takes the rest; PUTs must answer 507 with a
#     problem document, /readyz 503; the filler is deleted; /readyz must turn 200 by itself and PUTs work again.
#  2. Read-only: the database on a tmpfs remounted read-only; serve, sources list, backup and import must each exit
#     6 with one line naming the file.
#   sudo tests/faults/storage.sh          SYN_BIN=… reuses a build          KEEP=1 keeps the temp folder
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need curl python3 sqlite3
[[ $(id -u) -eq 0 ]] || { echo "storage.sh mounts filesystems: run it as root" >&2; exit 2; }
WORK=$(mktemp -d /tmp/syndication-faults.XXXXXX)
MOUNTS=()
cleanup() { stop_all; for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null || true; done; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"; }
trap cleanup EXIT
build_once
failures=0
expect() { # expect WHAT ACTUAL WANTED
    if [[ "$2" == "$3" ]]; then echo "  ok   $1: $2"; else echo "  FAIL $1: $2 (expected $3)"; failures=$((failures + 1)); fi
}
put() { # put SLUG BYTES → status, body in $WORK/put.body, headers in $WORK/put.headers
    python3 -c "import json,sys; print(json.dumps({'title': 'Bài ' + sys.argv[1], 'published': '2025-03-10T08:00:00+07:00', 'body': '<p>' + 'Cà phê Đắk Lắk. ' * (int(sys.argv[2]) // 20) + '</p>'}, ensure_ascii=False))" "$1" "$2" >"$WORK/put.json"
    curl -s -o "$WORK/put.body" -D "$WORK/put.headers" -w '%{http_code}' -X PUT -H "Authorization: Bearer $KEY" \
        -H 'Content-Type: application/json' --data-binary @"$WORK/put.json" "$BASE/api/articles/$1"
}

echo "1. full disk"
mkdir -p "$WORK/disk"
mount -t tmpfs -o size=48m tmpfs "$WORK/disk"
MOUNTS+=("$WORK/disk")
DB=$WORK/disk/syndication.db
start_service "$DB" "$WORK/service.log"
KEY=$(Syndication__Database=$DB syn partners add cms --scope admin --rate 100000 2>/dev/null)
expect "PUT before" "$(put bai-truoc 20000)" 201
dd if=/dev/zero of="$WORK/disk/filler" bs=1M 2>/dev/null || true
echo "  disk: $(df -h "$WORK/disk" | tail -1 | awk '{print $4 " free of " $2}')"
status=$(put bai-khi-day 400000)
expect "PUT on a full disk" "$status" 507
expect "its body" "$(python3 -c "import json; print(json.load(open('$WORK/put.body'))['status'])" 2>/dev/null)" 507
expect "its type" "$(grep -i '^content-type:' "$WORK/put.headers" | tr -d '\r' | cut -d' ' -f2)" "application/problem+json"
expect "/readyz while full" "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")" 503
expect "feeds while full" "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/feeds/rss.xml")" 200
rm -f "$WORK/disk/filler"
freed=$(date +%s.%N)
ready=""
for _ in $(seq 1 300); do
    ready=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")
    [[ "$ready" == 200 ]] && break
    sleep 0.2
done
expect "/readyz after space returns" "$ready" 200
echo "  ready again $(python3 -c "import time; print(round(time.time() - $freed, 1))") s after the filler was deleted"
expect "PUT after space returns" "$(put bai-sau 400000)" 201
echo "  stack traces in the service log: $(grep -c '^\s*at ' "$WORK/service.log" || true)"
stop_service
expect "integrity after" "$(integrity "$DB")" "ok "

echo "2. read-only filesystem"
mkdir -p "$WORK/ro"
mount -t tmpfs -o size=48m tmpfs "$WORK/ro"
MOUNTS+=("$WORK/ro")
Syndication__Database=$WORK/ro/syndication.db syn import "$REPO/seeds" >/dev/null 2>&1
mount -o remount,ro "$WORK/ro"
for verb in "sources list" "backup --out $WORK/backup.db" "import $REPO/seeds" "serve --urls http://127.0.0.1:0"; do
    set +e
    # shellcheck disable=SC2086
    err=$(Syndication__Database=$WORK/ro/syndication.db timeout 60 dotnet "$SYN_BIN_DIR/syndication.dll" $verb 2>&1 >/dev/null)
    code=$?
    set -e
    expect "$verb exit code" "$code" 6
    echo "       $(echo "$err" | grep -v '^info:\|^      ' | head -2)"
done

echo "failures: $failures"
[[ $failures -eq 0 ]]
