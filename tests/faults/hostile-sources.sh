#!/usr/bin/env bash
# The service subscribed to 28 hostile sources (hostile-sources.py: fields at and past every limit, endless and
# trickling bodies, bombs, loops, bad markup) polls each of them ROUNDS times (default 2); prints the process's peak
# resident memory (VmHWM) and what was stored. Passes when the peak stays under PEAK_MB (default 400), the service
# answers its feeds and /readyz throughout, and no stored field is past its limit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need curl python3 sqlite3
ROUNDS=${ROUNDS:-2}
PEAK_MB=${PEAK_MB:-400}
WORK=$(mktemp -d)
trap 'stop_all; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"' EXIT
build_once

python3 "$FAULTS_DIR/hostile-sources.py" "$WORK/port" &
STARTED_PIDS+=("$!")
for _ in $(seq 1 300); do [[ -s "$WORK/port" ]] && break; sleep 0.2; done
port=$(cat "$WORK/port")
{
    echo '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>hostile</title></head><body>'
    python3 "$FAULTS_DIR/hostile-sources.py" --list | while read -r path; do
        echo "<outline type=\"rss\" text=\"$path\" xmlUrl=\"http://127.0.0.1:$port$path\"/>"
    done
    echo '</body></opml>'
} >"$WORK/sources.opml"
count=$(python3 "$FAULTS_DIR/hostile-sources.py" --list | wc -l)

INGESTION=true start_service "$WORK/s.db" "$WORK/service.log" \
    --Syndication:Ingestion:AllowPrivateNetworks=true --Syndication:Ingestion:SourcesOpml="$WORK/sources.opml" \
    --Syndication:Ingestion:MinIntervalMinutes=1 --Syndication:Ingestion:DefaultIntervalMinutes=1 --Syndication:Ingestion:MaxIntervalMinutes=2
echo "service at $BASE (pid $SERVICE_PID), $count hostile sources on port $port, $ROUNDS rounds"

bad=0
peak() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$SERVICE_PID/status"; }
# Each finished poll logs one "Polled source" line, failed or not.
polls() { grep -c 'Polled source' "$WORK/service.log" || true; }
# Ready once the sample archive is imported; from then on it must stay ready.
for _ in $(seq 1 600); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")" == 200 ]] && break
    sleep 0.2
done
echo "ready at $(peak) MB"
started=$(date +%s)
target=$((count * ROUNDS))
while (( $(polls) < target )); do
    (( $(date +%s) - started < 900 )) || { echo "FAIL: only $(polls) of $target polls within 15 minutes"; bad=1; break; }
    for url in /readyz /feeds/rss.xml; do
        status=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$BASE$url" || echo 000)
        [[ "$status" == 200 ]] || { echo "FAIL: $url answered $status while polling"; bad=1; }
    done
    sleep 2
done
echo "polls: $(polls) in $(( $(date +%s) - started )) s; peak resident memory ${ROUNDS} rounds: $(peak) MB (limit $PEAK_MB MB)"
(( $(peak) < PEAK_MB )) || { echo "FAIL: peak memory $(peak) MB"; bad=1; }

longest=$(sqlite3 "$WORK/s.db" "SELECT max(length(title)), max(length(summary_html)), max(length(content_html)), max(length(link)), max(length(authors_json)), max(length(categories_json)) FROM entries")
echo "entries: $(sqlite3 "$WORK/s.db" "SELECT count(*) FROM entries"); longest title|summary|content|link|authors json|categories json: $longest"
IFS='|' read -r title summary content link _ _ <<<"$longest"
(( ${title:-0} <= 1000 && ${summary:-0} <= 65536 && ${content:-0} <= 524288 && ${link:-0} <= 2048 )) || { echo "FAIL: a field past its limit"; bad=1; }
next=$(sqlite3 "$WORK/s.db" "SELECT max(next_poll_utc) FROM sources")
echo "latest next poll: $next"
[[ "$next" < "2027" ]] || { echo "FAIL: a next poll years ahead"; bad=1; }
grep -c '   at ' "$WORK/service.log" >/dev/null && { echo "FAIL: a stack trace in the log"; bad=1; }
echo "failing sources: $(sqlite3 "$WORK/s.db" "SELECT count(*) FROM sources WHERE consecutive_failures > 0")"
exit $bad
