#!/usr/bin/env bash
# Start-up time (issue 18): from starting the service to the first 200 of /feeds/rss.xml on a large archive, as
# deployed (the program published in Release, started by its own executable) or as `dotnet run` starts it.
# Prints one line per run and the median. Not run in CI.
#
#   STARTUP_DB=/tmp/load.db tests/load/startup.sh
#   STARTUP_DB=/tmp/load.db STARTUP_BIN=/tmp/pub RUNS=5 tests/load/startup.sh
#   STARTUP_DB=/tmp/load.db MODE=run tests/load/startup.sh
#
# Environment:
#   STARTUP_DB=/path/load.db  the archive (required; e.g. serve.sh's SERVE_DB, 100,000 articles, reindexed). The
#                             service runs on a copy in the temp directory, so the file itself is never written
#   STARTUP_BIN=/path/dir     a published Worker to start (skips `dotnet publish -c Release`, the README's deployment)
#   PUBLISH_ARGS='...'        extra arguments for that publish, e.g. '-p:PublishReadyToRun=false' to compare
#   MODE=publish|run          publish (default): `STARTUP_BIN/syndication serve`; run: `dotnet run --project
#                             src/Syndication.Worker` (Debug, built once before the first run, so the runs time the
#                             start, not the compiler)
#   RUNS=3                    starts to time
#   KEEP=1                    keep the temp directory (the service logs)
# The clock starts when the process is started and stops when a request for /feeds/rss.xml (gzip) is answered 200;
# requests are tried every 10 ms from the start (a refused connection costs nothing). The line also gives the time to
# the first answer of any kind (listening) and to the first 200 of /readyz, and the CPU time the process had used when
# the feed came (user + system, all its threads; with MODE=run that of `dotnet run` itself, not of the service). On a
# machine shared with other work the CPU time moves less than the wall-clock time. The archive's pages are in the page cache
# after the copy (a warm start, like a restart).
set -euo pipefail
for tool in python3; do
  command -v "$tool" >/dev/null || { echo "startup.sh needs $tool: sudo apt-get install -y $tool" >&2; exit 2; }
done
[[ -n ${STARTUP_DB:-} && -f ${STARTUP_DB:-} ]] || { echo "set STARTUP_DB to an archive file (e.g. serve.sh's SERVE_DB)" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/../.." && pwd)
mode=${MODE:-publish}
runs=${RUNS:-3}
work=$(mktemp -d)
service=''
cleanup() {
  [[ -n $service ]] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null || true
  if [[ -n ${KEEP:-} ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

case $mode in
  publish)
    bin=${STARTUP_BIN:-$work/bin}
    if [[ ! -x $bin/syndication ]]; then
      echo "publishing the Worker (Release) into $bin" >&2
      # shellcheck disable=SC2086
      dotnet publish "$repo/src/Syndication.Worker" -c Release -o "$bin" ${PUBLISH_ARGS:-} >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
    fi
    command=("$bin/syndication" serve)
    ;;
  run)
    echo "building the Worker (Debug) for dotnet run" >&2
    dotnet build "$repo/src/Syndication.Worker" -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
    command=(dotnet run --project "$repo/src/Syndication.Worker" --)
    ;;
  *) echo "MODE is publish or run" >&2; exit 2 ;;
esac

echo "copying $STARTUP_DB" >&2
db=$work/archive.db
cp "$STARTUP_DB" "$db"
for suffix in -wal -shm; do [[ -f $STARTUP_DB$suffix ]] && cp "$STARTUP_DB$suffix" "$db$suffix"; done
export Syndication__Database="$db" Syndication__Ingestion__Enabled=false Syndication__Ingestion__SourcesOpml=

times=()
for ((run = 1; run <= runs; run++)); do
  port=$(free_port)
  base="http://127.0.0.1:$port"
  export Syndication__PublicBaseUrl="$base/"
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  "${command[@]}" --urls "$base" >"$work/service-$run.log" 2>&1 &
  service=$!
  # Tries the feed every 10 ms; prints "listening first_feed ready" in seconds since START.
  line=$(python3 - "$base" "$start" "$service" <<'PY'
import http.client, os, sys, time
base, start, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
host, port = base.removeprefix('http://').split(':')
def get(path, headers={}):
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request('GET', path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
listening = feed = None
deadline = time.time() + 120
while feed is None and time.time() < deadline:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit('the service exited')
    try:
        status = get('/feeds/rss.xml', {'Accept-Encoding': 'gzip'})
        now = time.time()
        listening = listening or now
        if status == 200:
            feed = now
            with open(f'/proc/{pid}/stat') as stat:
                fields = stat.read().rsplit(')', 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
            break
    except OSError:
        pass
    time.sleep(0.01)
if feed is None:
    sys.exit('no 200 on /feeds/rss.xml within 120 s')
ready = None
while ready is None and time.time() < deadline:
    if get('/readyz') == 200:
        ready = time.time()
    else:
        time.sleep(0.01)
print(f'{listening - start:.2f} {feed - start:.2f} {ready - start if ready else float("nan"):.2f} {cpu:.2f}')
PY
) || { echo "run $run failed; the service's log:" >&2; cat "$work/service-$run.log" >&2; exit 1; }
  kill "$service" 2>/dev/null; wait "$service" 2>/dev/null || true
  service=''
  read -r listening feed ready cpu <<<"$line"
  echo "run $run: listening after $listening s, first /feeds/rss.xml 200 after $feed s (process CPU by then $cpu s), /readyz 200 after $ready s (load average $load)"
  times+=("$feed")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "start to first feed ($mode, $runs runs, $(nproc) cores): median $median s"
