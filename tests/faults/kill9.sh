#!/usr/bin/env bash
# kill -9 during import, generate and polling, KILLS times each (default 5), then the same command run to the end.
# After every kill and at the end: PRAGMA integrity_check, the full-text indexes in step with their tables, no
# duplicate article or entry, no partial poll (a source's entries are all there or none); at the end nothing lost.
#   tests/faults/kill9.sh          KILLS=20 tests/faults/kill9.sh          SYN_BIN=… reuses a build          KEEP=1
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need curl python3 sqlite3
WORK=$(mktemp -d /tmp/syndication-faults.XXXXXX)
trap 'stop_all; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"' EXIT
KILLS=${KILLS:-5}
IMPORT_ARTICLES=${IMPORT_ARTICLES:-3000}
GENERATE_ARTICLES=${GENERATE_ARTICLES:-20000}
FEEDS=${FEEDS:-40}
ITEMS=${ITEMS:-30}
build_once
failures=0

q() { sqlite3 "$1" "$2"; }

# check DB PHASE: integrity, indexes in step, no duplicates, no partial poll. Prints one line; counts failures.
check() {
    local db=$1 phase=$2 problems=""
    # Killed before it made or migrated the file: nothing to check yet (and sqlite3 must not create it).
    if [[ ! -f "$db" ]] || [[ "$(q "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'entries'")" != 1 ]]; then
        echo "  $phase: killed before the schema was made"
        return
    fi
    local integrity; integrity=$(integrity "$db")
    [[ "$integrity" == "ok " ]] || problems+=" integrity: $integrity;"
    local articles index entries entry_index
    articles=$(q "$db" "SELECT count(*) FROM articles")
    # The index's own per-document table: the sqlite3 shell may be too old to open the FTS5 table itself.
    index=$(q "$db" "SELECT count(*) FROM article_search_docsize")
    [[ "$articles" == "$index" ]] || problems+=" article index $index != articles $articles;"
    entries=$(q "$db" "SELECT count(*) FROM entries")
    entry_index=$(q "$db" "SELECT count(*) FROM entry_search_docsize")
    [[ "$entries" == "$entry_index" ]] || problems+=" entry index $entry_index != entries $entries;"
    local dupes; dupes=$(q "$db" "SELECT (SELECT count(*) FROM (SELECT slug FROM articles GROUP BY slug HAVING count(*) > 1)) + (SELECT count(*) FROM (SELECT source_id, entry_key FROM entries GROUP BY source_id, entry_key HAVING count(*) > 1))")
    [[ "$dupes" == "0" ]] || problems+=" $dupes duplicated keys;"
    local partial; partial=$(q "$db" "SELECT count(*) FROM (SELECT source_id FROM entries GROUP BY source_id HAVING count(*) NOT IN (0, $ITEMS))")
    [[ "$partial" == "0" ]] || problems+=" $partial sources with a partial poll;"
    if [[ -n "$problems" ]]; then
        failures=$((failures + 1))
        echo "  $phase: FAIL$problems"
    else
        echo "  $phase: ok ($articles articles, $entries entries)"
    fi
}

# kill_during DB LABEL COMMAND…: runs the command KILLS times, killing it with SIGKILL after a random KILL_AFTER_MIN..MAX s
# (default 2–10: the program takes a second or more to start on a busy machine).
kill_during() {
    local db=$1 label=$2
    shift 2
    for n in $(seq 1 "$KILLS"); do
        Syndication__Database=$db Syndication__Ingestion__AllowPrivateNetworks=true Syndication__Ingestion__SourcesOpml=$WORK/sources.opml \
            dotnet "$SYN_BIN_DIR/syndication.dll" "$@" >/dev/null 2>&1 &
        local pid=$!
        STARTED_PIDS+=("$pid")
        sleep "$(python3 -c "import random; print(round(random.uniform(${KILL_AFTER_MIN:-2}, ${KILL_AFTER_MAX:-10}), 2))")"
        if kill -0 "$pid" 2>/dev/null; then
            kill -9 "$pid"
            wait "$pid" 2>/dev/null || true
            check "$db" "$label kill $n"
        else
            wait "$pid" 2>/dev/null || true
            check "$db" "$label run $n (ended before the kill)"
        fi
    done
}

run_to_end() {
    local db=$1
    shift
    Syndication__Database=$db Syndication__Ingestion__AllowPrivateNetworks=true Syndication__Ingestion__SourcesOpml=$WORK/sources.opml \
        dotnet "$SYN_BIN_DIR/syndication.dll" "$@" 2>"$WORK/last.err" | tail -1
}

echo "import: $IMPORT_ARTICLES articles, killed $KILLS times"
python3 "$FAULTS_DIR/make-articles.py" "$IMPORT_ARTICLES" 3 >"$WORK/import.jsonl"
: >"$WORK/sources.opml"
kill_during "$WORK/import.db" import import "$WORK/import.jsonl"
echo "  then to the end: $(run_to_end "$WORK/import.db" import "$WORK/import.jsonl")"
check "$WORK/import.db" "import final"
[[ "$(q "$WORK/import.db" "SELECT count(*) FROM articles")" == "$IMPORT_ARTICLES" ]] || { echo "  LOST articles"; failures=$((failures + 1)); }

echo "generate: $GENERATE_ARTICLES articles, killed $KILLS times"
kill_during "$WORK/generate.db" generate generate --articles "$GENERATE_ARTICLES" --seed 9
echo "  then to the end: $(run_to_end "$WORK/generate.db" generate --articles "$GENERATE_ARTICLES" --seed 9)"
check "$WORK/generate.db" "generate final"
[[ "$(q "$WORK/generate.db" "SELECT count(*) FROM articles")" == "$GENERATE_ARTICLES" ]] || { echo "  LOST articles"; failures=$((failures + 1)); }

echo "polling: $FEEDS feeds of $ITEMS items on loopback, 'syndication poll' killed $KILLS times"
mkdir -p "$WORK/feeds"
python3 - "$WORK/feeds" "$FEEDS" "$ITEMS" <<'PY'
import sys
folder, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for f in range(feeds):
    entries = "".join(
        f"<item><title>Tin {f}-{i}: giá cà phê và hồ tiêu ở Đắk Lắk</title><link>http://nguon{f}.example/tin/{i}</link>"
        f"<guid>nguon-{f}-tin-{i}</guid><pubDate>Thu, {1 + i % 28:02d} Nov 2026 08:{i % 60:02d}:00 +0700</pubDate>"
        f"<description>&lt;p&gt;{'Nông dân thu hoạch cà phê. ' * 40}&lt;/p&gt;</description></item>" for i in range(items))
    open(f"{folder}/nguon-{f}.xml", "w", encoding="utf-8").write(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nguồn {f}</title><link>http://nguon{f}.example/</link>{entries}</channel></rss>')
PY
python3 -m http.server 0 --bind 127.0.0.1 --directory "$WORK/feeds" >"$WORK/feeds.log" 2>&1 &
STARTED_PIDS+=("$!")
for _ in $(seq 1 100); do grep -q "Serving HTTP" "$WORK/feeds.log" && break; sleep 0.1; done
PORT=$(grep -o 'port [0-9]*' "$WORK/feeds.log" | head -1 | cut -d' ' -f2)
{
    echo '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>faults</title></head><body>'
    for f in $(seq 0 $((FEEDS - 1))); do echo "<outline type=\"rss\" text=\"Nguồn $f\" xmlUrl=\"http://127.0.0.1:$PORT/nguon-$f.xml\"/>"; done
    echo '</body></opml>'
} >"$WORK/sources.opml"
Syndication__Database=$WORK/poll.db syn migrate >/dev/null 2>&1 || Syndication__Database=$WORK/poll.db syn import "$REPO/seeds" >/dev/null 2>&1
kill_during "$WORK/poll.db" poll poll
echo "  then to the end: $(run_to_end "$WORK/poll.db" poll | tr -s ' ')"
check "$WORK/poll.db" "poll final"
[[ "$(q "$WORK/poll.db" "SELECT count(*) FROM entries")" == "$((FEEDS * ITEMS))" ]] || { echo "  LOST entries"; failures=$((failures + 1)); }

echo "failures: $failures"
[[ $failures -eq 0 ]]
