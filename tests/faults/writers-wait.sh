#!/usr/bin/env bash
# Writers that wait: while `syndication import` loads ARTICLES articles (default 8,000) into the database the service
# uses, a writer PUTs an article every 0.2 s through the API and a probe reads /readyz. Prints the PUT statuses and
# latencies and the readiness answers. Expected: every PUT 200/201 well under the busy timeout (5 s), or 503 with
# Retry-After — never 500 — and /readyz 200 throughout.
#   tests/faults/writers-wait.sh            ARTICLES=20000 tests/faults/writers-wait.sh      KEEP=1 keeps the temp folder
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need curl python3 sqlite3
WORK=$(mktemp -d /tmp/syndication-faults.XXXXXX)
trap 'stop_all; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"' EXIT
ARTICLES=${ARTICLES:-8000}

build_once
python3 "$FAULTS_DIR/make-articles.py" "$ARTICLES" 7 >"$WORK/import.jsonl"
DB=$WORK/data/syndication.db
start_service "$DB" "$WORK/service.log"
KEY=$(Syndication__Database=$DB syn partners add cms --scope admin --rate 100000 2>/dev/null)
echo "service at $BASE; importing $ARTICLES articles ($(du -h "$WORK/import.jsonl" | cut -f1)) while writing through the API"

Syndication__Database=$DB syn import "$WORK/import.jsonl" >"$WORK/import.out" 2>"$WORK/import.err" &
IMPORT_PID=$!
STARTED_PIDS+=("$IMPORT_PID")
started=$(date +%s.%N)
n=0
: >"$WORK/puts.txt"
: >"$WORK/ready.txt"
while kill -0 "$IMPORT_PID" 2>/dev/null; do
    n=$((n + 1))
    curl -s -o "$WORK/put.body" -D "$WORK/put.headers" -w '%{http_code} %{time_total}\n' -X PUT \
        -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        --data "{\"title\": \"Bài viết trong lúc nhập $n\", \"published\": \"2025-03-10T08:00:00+07:00\", \"body\": \"<p>Lần $n.</p>\"}" \
        "$BASE/api/articles/bai-trong-luc-nhap-$((n % 20))" >>"$WORK/puts.txt"
    if grep -q '^HTTP/1.1 503' "$WORK/put.headers" && ! grep -qi '^retry-after:' "$WORK/put.headers"; then
        echo "a 503 without Retry-After:" && cat "$WORK/put.headers" "$WORK/put.body"
    fi
    curl -s -o /dev/null -w '%{http_code}\n' "$BASE/readyz" >>"$WORK/ready.txt"
    sleep 0.2
done
wait "$IMPORT_PID" || echo "import exited $?"
elapsed=$(python3 -c "import time; print(round(time.time() - $started, 1))")
echo "import: $(cat "$WORK/import.out" | tail -1) in ${elapsed} s"
python3 - "$WORK/puts.txt" "$WORK/ready.txt" <<'PY'
import sys
puts = [line.split() for line in open(sys.argv[1]) if line.strip()]
ready = [line.strip() for line in open(sys.argv[2]) if line.strip()]
times = sorted(float(t) for _, t in puts)
statuses = {}
for status, _ in puts:
    statuses[status] = statuses.get(status, 0) + 1
def pct(p):
    return times[min(len(times) - 1, int(p * len(times)))] if times else 0
print(f"PUTs: {len(puts)}  statuses {dict(sorted(statuses.items()))}  latency p50 {pct(0.5)*1000:.0f} ms  p95 {pct(0.95)*1000:.0f} ms  max {times[-1]*1000 if times else 0:.0f} ms")
rs = {}
for status in ready:
    rs[status] = rs.get(status, 0) + 1
print(f"/readyz: {len(ready)} probes  statuses {dict(sorted(rs.items()))}")
PY
echo "integrity: $(integrity "$DB")"
