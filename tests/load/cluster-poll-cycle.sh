#!/usr/bin/env bash
# Measures the service's first poll cycle over N fixture feeds served on loopback, as the running service polls
# (the poll loop, leases), in three set-ups: one node on SQLite, one node on PostgreSQL, two nodes on one PostgreSQL.
# Each set-up gets a fresh database with the feeds as sources, all due far ahead; once its nodes are ready every
# source is made due at once, and the time until every source has a stored poll is the figure. Not run in CI.
#
#   tests/load/cluster-poll-cycle.sh [FEEDS=1000] [ITEMS=50]
# Environment: MODES (default "sqlite pg1 pg2"), CONCURRENCY (MaxConcurrentPolls per node, default 4),
# FEED_SERVER=nginx|python, POLL_BIN=DIR (use the Release build of the Worker in DIR, or build this checkout there,
# instead of a fresh build into the temp folder: to compare two builds), PG_STATS=1 (after each PostgreSQL set-up,
# print the statements the server spent most time on, from pg_stat_statements: calls, execution and planning ms,
# rows — where a poll's time goes on the server; the tracking itself costs a little, so time without it),
# NODE_CPU=FRACTION (run each node in a cgroup of its own capped at that many CPUs — as if each node had a machine of
# that size to itself while PostgreSQL and the feed server keep the rest; needs root and a writable cgroup cpu controller).
# PostgreSQL is a private server (tests/load/pg-lib.sh: initdb/pg_ctl into the temp folder, as the postgres user
# when run as root) with synchronous_commit=off, the nearest match of SQLite's WAL with synchronous=NORMAL.
# Requires python3, curl, sqlite3, nginx and Debian's postgresql: apt-get install -y nginx curl sqlite3 postgresql
set -euo pipefail
feeds=${1:-1000}
items=${2:-50}
modes=${MODES:-sqlite pg1 pg2}
repo=$(cd "$(dirname "$0")/../.." && pwd)
repo_lib=$(cd "$(dirname "$0")" && pwd)
source "$repo_lib/pg-lib.sh"
need=(python3 curl sqlite3 "${pgbin:-/usr/lib/postgresql/N/bin}/pg_ctl")
[[ ${FEED_SERVER:-nginx} == nginx ]] && need+=(nginx)
for tool in "${need[@]}"; do
  if ! command -v "$tool" >/dev/null; then
    echo "cluster-poll-cycle.sh needs $tool: sudo apt-get update && sudo apt-get install -y nginx curl sqlite3 postgresql" >&2
    exit 2
  fi
done
if [[ -n ${NODE_CPU:-} && ! -w /sys/fs/cgroup/cpu && ! -w /sys/fs/cgroup/cgroup.subtree_control ]]; then
  echo "NODE_CPU needs a writable cgroup cpu controller (run as root)" >&2
  exit 2
fi
work=$(mktemp -d)
server=''
nodes=()
cleanup() {
  for pid in "${nodes[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [[ -n $server ]] && kill "$server" 2>/dev/null || true
  stop_postgres "$work/pg"
  wait 2>/dev/null
  remove_cgroups
  rm -rf "$work"
}
trap cleanup EXIT
# NODE_CPU: a cgroup per node (v1 cpu controller, else v2 cpu.max), made before the node starts and removed at exit.
cgroups=()
cpu_cgroup() { # NAME -> sets node_cgroup, the folder the node joins
  local quota dir
  quota=$(python3 -c "print(int(float('$NODE_CPU') * 100000))")
  if [[ -w /sys/fs/cgroup/cpu ]]; then
    dir=/sys/fs/cgroup/cpu/syndication-load-$$-$1
    mkdir -p "$dir" && echo 100000 >"$dir/cpu.cfs_period_us" && echo "$quota" >"$dir/cpu.cfs_quota_us"
  elif [[ -w /sys/fs/cgroup/cgroup.subtree_control ]]; then
    dir=/sys/fs/cgroup/syndication-load-$$-$1
    mkdir -p "$dir" && echo "$quota 100000" >"$dir/cpu.max"
  else
    echo "NODE_CPU needs a writable cgroup cpu controller (run as root)" >&2
    exit 2
  fi
  cgroups+=("$dir")
  node_cgroup=$dir
}
remove_cgroups() {
  for dir in "${cgroups[@]}"; do
    [[ -n ${NODE_CPU_STATS:-} ]] && echo "$dir: $(tr '\n' ' ' <"$dir/cpu.stat")" >&2
    rmdir "$dir" 2>/dev/null || true
  done
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

source "$repo/tests/load/feeds-lib.sh"
make_feeds "$work/www" "$feeds" "$items"
start_feed_server "$work" "$work/www"
write_opml "$work/sources.opml" "$feeds"
bin=${POLL_BIN:-$work/bin}
[[ -n ${POLL_BIN:-} && -f $bin/syndication.dll ]] || dotnet build "$repo/src/Syndication.Worker" -c Release -o "$bin" >/dev/null

if [[ $modes == *pg* ]]; then
  start_postgres "$work/pg" ${PG_STATS:+shared_preload_libraries=pg_stat_statements pg_stat_statements.track_planning=on}
fi

sql() { # MODE SQL
  if [[ $1 == sqlite ]]; then sqlite3 "$work/sqlite.db" "$2"; else psql -h 127.0.0.1 -p "$pgport" -U postgres -d "$1" -tAc "$2"; fi
}

for mode in $modes; do
  count=1
  [[ $mode == pg2 ]] && count=2
  export Syndication__Postgres='' Syndication__Database="$work/sqlite.db"
  if [[ $mode != sqlite ]]; then
    psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE $mode" >/dev/null
    [[ -n ${PG_STATS:-} ]] && psql -h 127.0.0.1 -p "$pgport" -U postgres -d "$mode" -qc "CREATE EXTENSION pg_stat_statements" >/dev/null
    Syndication__Postgres=$(pg_connection "$mode")
    export Syndication__Postgres
  fi
  export Syndication__Ingestion__AllowPrivateNetworks=true Syndication__Ingestion__SourcesOpml='' \
    Syndication__Ingestion__CheckSeconds=1 Syndication__Ingestion__MaxConcurrentPolls=${CONCURRENCY:-4} \
    Syndication__ImportSeedsOnStart=false Logging__LogLevel__Default=Warning
  dotnet "$bin/syndication.dll" migrate >/dev/null
  dotnet "$bin/syndication.dll" sources import "$work/sources.opml" >/dev/null
  sql "$mode" "UPDATE sources SET next_poll_utc = '2999-01-01T00:00:00.0000000Z'" >/dev/null
  nodes=()
  ports=()
  for ((n = 1; n <= count; n++)); do
    p=$(free_port)
    join=''
    if [[ -n ${NODE_CPU:-} ]]; then
      cpu_cgroup "$mode-$n"
      join="echo \$\$ >$node_cgroup/cgroup.procs;"
    fi
    Syndication__NodeName="$mode-$n" sh -c "$join exec dotnet '$bin/syndication.dll' serve --urls http://127.0.0.1:$p" >"$work/$mode-$n.log" 2>&1 &
    nodes+=($!)
    ports+=("$p")
  done
  for p in "${ports[@]}"; do
    until curl -fs "http://127.0.0.1:$p/readyz" >/dev/null; do sleep 0.2; done
  done
  now=$(date -u +%Y-%m-%dT%H:%M:%S.%7NZ)
  start=$(date +%s.%N)
  [[ -n ${PG_STATS:-} && $mode != sqlite ]] && sql "$mode" "SELECT pg_stat_statements_reset()" >/dev/null
  sql "$mode" "UPDATE sources SET next_poll_utc = '$now'" >/dev/null
  until [[ $(sql "$mode" "SELECT count(*) FROM sources WHERE last_poll_utc >= '$now'") == "$feeds" ]]; do sleep 0.2; done
  elapsed=$(python3 -c "import time; print(f'{time.time() - $start:.2f}')")
  entries=$(sql "$mode" "SELECT count(*) FROM entries")
  failed=$(sql "$mode" "SELECT count(*) FROM sources WHERE last_error IS NOT NULL")
  ((failed == 0)) || echo "$mode: a failed source's error: $(sql "$mode" "SELECT last_error FROM sources WHERE last_error IS NOT NULL LIMIT 1")" >&2
  for pid in "${nodes[@]}"; do kill -TERM "$pid"; done
  for pid in "${nodes[@]}"; do wait "$pid" || true; done
  nodes=()
  echo "$mode ($count node$([[ $count == 1 ]] || echo s)${NODE_CPU:+ of $NODE_CPU CPU each}): first cycle over $feeds feeds x $items items in $elapsed s; $entries entries stored, $failed sources failed"
  if [[ -n ${PG_STATS:-} && $mode != sqlite ]]; then
    psql -h 127.0.0.1 -p "$pgport" -U postgres -d "$mode" -P pager=off -c "
      SELECT calls, round(total_exec_time) AS total_ms, round(total_plan_time) AS plan_ms, rows,
             left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT 15"
    sql "$mode" "SELECT 'statements: ' || sum(calls) || ' calls, ' || round(sum(total_exec_time)) || ' ms executing, '
      || round(sum(total_plan_time)) || ' ms planning' FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
  fi
done
