#!/usr/bin/env bash
# Measures poll cycles of `syndication poll` over N fixture feeds served on loopback:
# the first cycle (every feed fetched and stored) and the second (every feed answers 304).
# Prints wall time and peak memory (max RSS, GNU time) of each cycle. Not run in CI.
# The feed server is nginx serving the fixtures as static files (Last-Modified + If-Modified-Since → 304, ETag on,
# access log off). FEED_SERVER=python uses python3 -m http.server instead, as before: it too answers
# If-Modified-Since with 304, but its listen backlog is 5, so keep CONCURRENCY (polls at once, default 4) modest
# with it or it resets connections itself.
#
#   tests/load/poll-cycle.sh [FEEDS=300] [ITEMS=20]      e.g. tests/load/poll-cycle.sh 1000 50 (issue 8, item 4)
# Environment: CONCURRENCY (Syndication__Ingestion__MaxConcurrentPolls, default 4), FEED_SERVER=nginx|python,
# FIXTURE=news (stories of their own and shared agency copies instead of one template everywhere, tests/load/feeds-lib.sh),
# POLL_BIN=DIR (use the Release build of the Worker in DIR, or build this checkout there), PG=1 (poll into a private
# PostgreSQL server, tests/load/pg-lib.sh, instead of a SQLite file), SECOND=N (SQLite: the all-304 cycle N times, each
# from a copy of the database as the first cycle left it, so each is the same cycle; default 1), COMPARE=DIR (with
# SECOND: each all-304 cycle also with the build in DIR, the two alternating, so the machine's drift falls on both).
# Requires python3, GNU time (/usr/bin/time) and, by default, nginx: apt-get install -y nginx time python3
# (and postgresql for PG=1).
set -euo pipefail
feed_server=${FEED_SERVER:-nginx}
repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/tests/load/pg-lib.sh"
need=(python3 /usr/bin/time)
[[ $feed_server == nginx ]] && need+=(nginx)
[[ -n ${PG:-} ]] && need+=(psql "${pgbin:-/usr/lib/postgresql/N/bin}/pg_ctl")
for tool in "${need[@]}"; do
  if ! command -v "$tool" >/dev/null; then
    echo "poll-cycle.sh needs $tool: sudo apt-get update && sudo apt-get install -y nginx time python3 postgresql" >&2
    exit 2
  fi
done
feeds=${1:-300}
items=${2:-20}
work=$(mktemp -d)
server=''
trap '[[ -n $server ]] && kill "$server" 2>/dev/null; stop_postgres "$work/pg"; wait 2>/dev/null; rm -rf "$work"' EXIT

source "$repo/tests/load/feeds-lib.sh"
make_feeds "$work/www" "$feeds" "$items"
start_feed_server "$work" "$work/www"
write_opml "$work/sources.opml" "$feeds"
sleep 1

bin=${POLL_BIN:-$work/bin}
[[ -n ${POLL_BIN:-} && -f $bin/syndication.dll ]] || dotnet build "$repo/src/Syndication.Worker" -c Release -o "$bin" >/dev/null
export Syndication__Database="$work/load.db" Syndication__Ingestion__SourcesOpml="$work/sources.opml"
export Syndication__Ingestion__AllowPrivateNetworks=true Syndication__Ingestion__MaxConcurrentPolls=${CONCURRENCY:-4}
if [[ -n ${PG:-} ]]; then
  start_postgres "$work/pg"
  psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE poll"
  Syndication__Postgres=$(pg_connection poll)
  export Syndication__Postgres
fi
dotnet "$bin/syndication.dll" import "$repo/seeds" >/dev/null

run_cycle() { # label, build directory
  local cycle=$1 build=$2 status=0
  /usr/bin/time -f "%e s wall, %M KB max RSS" -o "$work/time" dotnet "$build/syndication.dll" poll > "$work/$cycle.out" 2> "$work/$cycle.err" || status=$?
  # Exit 1 is "some source failed" (counted below); anything else stopped the cycle: say why.
  grep '^Related' "$work/$cycle.err" >&2 || true
  ((status <= 1)) || { echo "$cycle cycle: syndication poll exited $status after $(wc -l < "$work/$cycle.out") sources:" >&2; tail -5 "$work/$cycle.err" >&2; }
  fetched=$(grep -c ' Fetched ' "$work/$cycle.out" || true)
  notmodified=$(grep -c ' NotModified ' "$work/$cycle.out" || true)
  failed=$(grep -c 'error:' "$work/$cycle.out" || true)
  new=$(awk '{ for (i = 1; i < NF; i++) if ($(i+1) == "new") sum += $i } END { print sum + 0 }' "$work/$cycle.out")
  echo "$cycle cycle over $feeds feeds x $items items${PG:+ (PostgreSQL)}${3:-}: $(sed '$!d' "$work/time"); fetched $fetched, not modified $notmodified, failed $failed, new entries $new"
}

run_cycle first "$bin"
repeats=${SECOND:-1}
if [[ -z ${PG:-} ]] && { ((repeats > 1)) || [[ -n ${COMPARE:-} ]]; }; then
  cp "$work/load.db" "$work/crawled.db"
fi
for ((round = 1; round <= repeats; round++)); do
  for build in "$bin" ${COMPARE:+"$COMPARE"}; do
    if [[ -f $work/crawled.db ]]; then
      cp "$work/crawled.db" "$work/load.db"
      rm -f "$work/load.db-wal" "$work/load.db-shm"
    fi
    run_cycle second "$build" "${COMPARE:+ ($build)}"
  done
done
