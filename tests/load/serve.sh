#!/usr/bin/env bash
# Serving load test (issue 8, item 3): starts the service on a 100,000-article archive on loopback and measures
# requests/s and p99 with wrk for the site RSS feed (200 gzip and 304), a section feed, a monthly archive
# document and a search feed, next to nginx serving the same bytes of /feeds/rss.xml as a static file (200 gzip, 304, and
# identity — no Accept-Encoding — with sendfile).
# Prints a table with the service/nginx ratios, and the service's memory after the load. Not run in CI.
#
#   tests/load/serve.sh
#
# Environment (all optional):
#   SERVE_DB=/path/load.db   keep the 100,000-article archive there; reused when it exists (generating takes ~30 s)
#   SERVE_BIN=/path/dir      reuse a Release build of the Worker in that directory (skips `dotnet build`)
#   ARTICLES=100000          articles to generate into a new database
#   SAMPLE=1                 serve the repository's 35-article sample archive (seeds/) instead of a generated one
#   FEED_ONLY=1              only the site feed's rows (service and nginx: 200 gzip, 304, identity), for ratios
#   THREADS=2 CONNECTIONS=64 DURATION=10s   wrk settings
#   WARMUP=5s                load before measuring (per warm-up URL), so tiered JIT has optimised the hot paths
#   CRAWL=1000               also crawl that many loopback fixture feeds of 50 items while serving (memory under both)
#   SEARCH=ca%20phe          the (URL-encoded) query of the search feed row (default "cà phê")
#   ARCHIVE_MONTH=2022-05    the monthly archive document of its row
#   WALK=1                   after the load, walk every monthly archive document (prev-archive links) like a partner
#                            fetching the whole archive, and print the memory and the feed cache's size after it
#   KEEP=1                   keep the temp directory (logs, nginx.conf, wrk outputs)
#   PG=1                     serve from PostgreSQL: the archive is copied (`syndication store copy`) into a private
#                            server (tests/load/pg-lib.sh; Debian's postgresql) and the service runs on it with
#                            Syndication__Postgres, as a node of several machines does; compare with a run without
# Memory depends on MALLOC_ARENA_MAX and DOTNET_GCgen0size, which the README's systemd unit sets; export the same to
# measure the service as deployed (the summary prints what was set).
# Requires wrk, nginx, curl, python3 (apt-get install -y wrk nginx curl python3). wrk and both servers share the
# machine's cores, so absolute numbers depend on it; the ratios are the point.
set -euo pipefail
for tool in wrk nginx curl python3 gzip; do
  if ! command -v "$tool" >/dev/null; then
    echo "serve.sh needs $tool: sudo apt-get update && sudo apt-get install -y wrk nginx curl python3 gzip" >&2
    exit 2
  fi
done

repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/tests/load/pg-lib.sh"
if [[ -n ${PG:-} ]] && { ! command -v psql >/dev/null || [[ -z $pgbin ]]; }; then
  echo "PG=1 needs Debian's postgresql: sudo apt-get install -y postgresql" >&2
  exit 2
fi
articles=${ARTICLES:-100000}
threads=${THREADS:-2}
connections=${CONNECTIONS:-64}
duration=${DURATION:-10s}
work=$(mktemp -d)
service=''
nginx_pid=''
cleanup() {
  [[ -n $service ]] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null || true
  stop_postgres "$work/pg"
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  if [[ -n ${KEEP:-} ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
header() { awk -v name="$1" 'BEGIN { IGNORECASE = 1 } tolower($1) == tolower(name) ":" { sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print; exit }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

bin=${SERVE_BIN:-$work/bin}
if [[ -z ${SERVE_BIN:-} || ! -f $bin/syndication.dll ]]; then
  echo "building the Worker (Release) into $bin" >&2
  dotnet build "$repo/src/Syndication.Worker" -c Release -o "$bin" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi

db=${SERVE_DB:-$work/load.db}
[[ -n ${SAMPLE:-} ]] && db=$work/sample.db
export Syndication__Database="$db"
if [[ -n ${SAMPLE:-} ]]; then
  echo "importing the sample archive ($repo/seeds) into $db" >&2
  dotnet "$bin/syndication.dll" import "$repo/seeds" >"$work/import.log" 2>&1 || { cat "$work/import.log" >&2; exit 1; }
elif [[ -f $db ]]; then
  echo "reusing the archive in $db" >&2
else
  echo "generating $articles articles into $db" >&2
  start=$(date +%s.%N)
  dotnet "$bin/syndication.dll" generate --articles "$articles" >"$work/generate.log" 2>&1 || { cat "$work/generate.log" >&2; exit 1; }
  echo "generated in $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s" >&2
fi

# Search indexes and related coverage are built by migration, by the triggers and by a background job; do that work
# now (once per archive file), so the service is measured in its steady state, not while it relates 100,000 articles.
if [[ ! -f $db.reindexed ]]; then
  echo "indexing and relating the archive (syndication reindex)" >&2
  dotnet "$bin/syndication.dll" reindex >"$work/reindex.log" 2>&1 || { cat "$work/reindex.log" >&2; exit 1; }
  touch "$db.reindexed"
fi

# A crawl writes entries into the database: let it write into a copy, so SERVE_DB stays the archive alone.
if ((${CRAWL:-0} > 0)); then
  cp "$db" "$work/crawl.db"
  db="$work/crawl.db"
  export Syndication__Database="$db"
fi

if [[ -n ${PG:-} ]]; then
  start_postgres "$work/pg"
  psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE serve"
  echo "copying $db into PostgreSQL (syndication store copy)" >&2
  start=$(date +%s.%N)
  # store copy reads the SQLite file named by Syndication__Database: the service is pointed at PostgreSQL after it.
  dotnet "$bin/syndication.dll" store copy --to "$(pg_connection serve)" >"$work/copy.log" 2>&1 || { cat "$work/copy.log" >&2; exit 1; }
  echo "copied in $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s" >&2
  Syndication__Postgres=$(pg_connection serve)
  export Syndication__Postgres
fi

# nginx serves the identical bytes: the identity form as rss.xml and the service's own gzip form as rss.xml.gz,
# with gzip_static on — precompressed, like the service's in-memory gzip form — so both send the same body.
mkdir -p "$work/nginx/www/feeds" "$work/nginx/logs"
chmod 755 "$work" "$work/nginx" "$work/nginx/www" "$work/nginx/www/feeds"  # nginx workers run as nobody when started by root
nginx_port=$(free_port)
nginx_base="http://127.0.0.1:$nginx_port"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  types { application/rss+xml xml; }
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp-body;
  proxy_temp_path $work/nginx/tmp-proxy;
  fastcgi_temp_path $work/nginx/tmp-fastcgi;
  uwsgi_temp_path $work/nginx/tmp-uwsgi;
  scgi_temp_path $work/nginx/tmp-scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/www;
    etag on;
    gzip_static on;
    gzip_vary on;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx/logs/stdout.log" 2>&1 &
nginx_pid=$!

# CRAWL=N: N fixture feeds of 50 items on the same nginx, subscribed by the service, so it crawls (and relates what it
# stores) while it serves the load below — the memory figure is then "serving under load and crawling".
crawl=${CRAWL:-0}
if ((crawl > 0)); then
  python3 - "$work/nginx/www/crawl" "$crawl" 50 <<'PY'
import os, sys, datetime
root, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(root, exist_ok=True)
newest = datetime.datetime(2026, 11, 20, 17, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
topics = ['giá cà phê nhân xô', 'sầu riêng xuất khẩu', 'tín dụng chính sách', 'lễ hội cồng chiêng', 'nông thôn mới',
          'hồ tiêu tăng giá', 'khám sàng lọc miễn phí', 'kỳ họp HĐND tỉnh', 'giải bóng đá', 'mùa khô thiếu nước']
places = ['Krông Pắc', 'Ea Kar', 'Buôn Ma Thuột', "Cư M'gar", 'Krông Bông', 'Ea Súp', 'Lắk', 'Krông Năng']
for f in range(feeds):
    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Nguồn {f}</title>'
           f'<link>https://nguon{f}.example/</link><description>Tin tức nguồn {f}</description><language>vi</language>']
    for i in range(items):
        date = (newest - datetime.timedelta(hours=3 * i + f % 7)).strftime('%a, %d %b %Y %H:%M:%S +0700')
        topic, place = topics[(f + i) % len(topics)], places[(f * 3 + i) % len(places)]
        out.append(f'<item><title><![CDATA[{topic.capitalize()} ở {place}: tin {i} của nguồn {f}]]></title>'
                   f'<link>https://nguon{f}.example/tin-{i}.html</link><guid>https://nguon{f}.example/tin-{i}.html</guid>'
                   f'<description><![CDATA[<p>Tại {place}, {topic} là chủ đề được quan tâm trong tuần. {"Nội dung dài của bài viết. " * 30}</p>]]></description>'
                   f'<pubDate>{date}</pubDate></item>')
    out.append('</channel></rss>\n')
    open(os.path.join(root, f'feed-{f}.xml'), 'w', encoding='utf-8').write(''.join(out))
PY
  chmod -R a+rX "$work/nginx/www"
  {
    echo '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>crawl</title></head><body>'
    for ((f = 0; f < crawl; f++)); do echo "<outline type=\"rss\" text=\"Nguồn $f\" xmlUrl=\"$nginx_base/crawl/feed-$f.xml\"/>"; done
    echo '</body></opml>'
  } >"$work/crawl.opml"
fi

port=$(free_port)
base="http://127.0.0.1:$port"
export Syndication__Ingestion__Enabled=false Syndication__Ingestion__SourcesOpml= Syndication__PublicBaseUrl="$base/"
if ((crawl > 0)); then
  export Syndication__Ingestion__Enabled=true Syndication__Ingestion__SourcesOpml="$work/crawl.opml" Syndication__Ingestion__AllowPrivateNetworks=true
fi
start=$(date +%s.%N)
dotnet "$bin/syndication.dll" --urls "$base" >"$work/service.log" 2>&1 &
service=$!
for ((i = 0; i < 600; i++)); do
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  kill -0 "$service" 2>/dev/null || { echo "the service exited:" >&2; cat "$work/service.log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS -o /dev/null "$base/healthz" || { echo "the service never answered /healthz" >&2; exit 1; }
healthy=$(date +%s.%N)
curl -fsS -o /dev/null -H 'Accept-Encoding: gzip' "$base/feeds/rss.xml"
first_feed=$(date +%s.%N)
echo "service on $base: /healthz after $(python3 -c "print(f'{$healthy - $start:.2f}')") s, first /feeds/rss.xml after $(python3 -c "print(f'{$first_feed - $start:.2f}')") s" >&2

# The service's own bytes of /feeds/rss.xml, for nginx to serve as a static file.
curl -fsS -o "$work/nginx/www/feeds/rss.xml" "$base/feeds/rss.xml"
curl -fsS -H 'Accept-Encoding: gzip' -o "$work/nginx/www/feeds/rss.xml.gz" "$base/feeds/rss.xml"
chmod 644 "$work/nginx/www/feeds/"*
for ((i = 0; i < 100; i++)); do curl -fsS -o /dev/null "$nginx_base/feeds/rss.xml" 2>/dev/null && break; sleep 0.1; done
nginx_etag=$(curl -fsS -D - -o /dev/null -H 'Accept-Encoding: gzip' "$nginx_base/feeds/rss.xml" | header ETag)
[[ -n $nginx_etag ]] || { echo "nginx did not start or sent no ETag:" >&2; cat "$work/nginx/logs/"* >&2; exit 1; }

# The service's ETag for the gzip form (what readers that send Accept-Encoding: gzip get).
service_etag=$(curl -fsS -D - -o /dev/null -H 'Accept-Encoding: gzip' "$base/feeds/rss.xml" | header ETag)
[[ -n $service_etag ]] || { echo "no ETag on $base/feeds/rss.xml" >&2; exit 1; }

# Check each target answers what we mean to measure before loading it.
expect() { # expect STATUS URL [HEADER...]
  local want=$1 url=$2; shift 2
  local args=() h
  for h in "$@"; do args+=(-H "$h"); done
  local got
  got=$(curl -sS -o "$work/check.body" -w '%{http_code} %{size_download}' "${args[@]}" "$url")
  [[ ${got%% *} == "$want" ]] || { echo "$url answered ${got%% *}, expected $want" >&2; exit 1; }
  echo "${got#* }"
}

names=() results=()
run() { # run NAME STATUS URL [HEADER...]
  local name=$1 status=$2 url=$3; shift 3
  local bytes args=() h
  bytes=$(expect "$status" "$url" "$@")
  for h in "$@"; do args+=(-H "$h"); done
  echo "wrk $name: $url ($status, $bytes bytes)" >&2
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "${args[@]}" "$url" >"$work/wrk-$name.txt" 2>&1
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-$name.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk-$name.txt")
  errors=$(awk '/Non-2xx or 3xx responses:|Socket errors:/ { sub(/^ +/, ""); printf "%s; ", $0 }' "$work/wrk-$name.txt")
  names+=("$name")
  results+=("$rps $p99 $bytes ${errors:-none}")
}
# p99 as milliseconds, from wrk's unit-suffixed value (us, ms, s).
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else if (v ~ /m$/) print v * 60000; else print v * 1000 }'; }

gz='Accept-Encoding: gzip'
archive_month=${ARCHIVE_MONTH:-2022-05}
if [[ -n ${SAMPLE:-} && -z ${ARCHIVE_MONTH:-} ]]; then archive_month=2024-05; fi
# Warm up first: the first seconds of load run code the JIT has not optimised yet (tiered compilation), which is
# start-up cost, not the steady rate readers get.
for url in "$base/feeds/rss.xml" "$base/feeds/sections/kinh-te/rss.xml"; do
  wrk -t"$threads" -c"$connections" -d"${WARMUP:-5s}" -H "$gz" "$url" >/dev/null 2>&1
done
wrk -t"$threads" -c"$connections" -d"${WARMUP:-5s}" "$base/feeds/rss.xml" >/dev/null 2>&1
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Each service row right before its nginx row, so a change in the machine's other load moves both alike.
run service-rss-200 200 "$base/feeds/rss.xml" "$gz"
run nginx-rss-200 200 "$nginx_base/feeds/rss.xml" "$gz"
run service-rss-304 304 "$base/feeds/rss.xml" "$gz" "If-None-Match: $service_etag"
run nginx-rss-304 304 "$nginx_base/feeds/rss.xml" "$gz" "If-None-Match: $nginx_etag"
run service-rss-identity 200 "$base/feeds/rss.xml"
run nginx-rss-identity 200 "$nginx_base/feeds/rss.xml"
if [[ -z ${FEED_ONLY:-} ]]; then
  run service-section-200 200 "$base/feeds/sections/kinh-te/rss.xml" "$gz"
  run service-archive-200 200 "$base/feeds/archive/$archive_month.atom" "$gz"
  run service-search-200 200 "$base/feeds/search.atom?q=${SEARCH:-c%C3%A0%20ph%C3%AA}" "$gz"
fi
service_rss=$(ps -o rss= -p "$service" | tr -d ' ')
service_hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$service/status" 2>/dev/null || echo '?')
gc_committed=$(curl -fsS "$base/metrics" | awk '/^dotnet_gc_last_collection_memory_committed_size_bytes/ { printf "%d", $NF / 1048576 }')

echo
echo "wrk -t$threads -c$connections -d$duration --latency, Accept-Encoding: gzip (identity rows: none); $(nproc) cores; archive $db${PG:+, served from PostgreSQL}
load average before the rows $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %12s %10s %10s  %s\n' target 'requests/s' 'p99 ms' 'bytes' 'errors'
for i in "${!names[@]}"; do
  read -r rps p99 bytes errors <<<"${results[$i]}"
  printf '%-22s %12s %10s %10s  %s\n' "${names[$i]}" "$rps" "$(ms "$p99")" "$bytes" "$errors"
done
rps_of() { local i; for i in "${!names[@]}"; do [[ ${names[$i]} == "$1" ]] && { read -r r _ <<<"${results[$i]}"; echo "$r"; }; done; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "service/nginx requests/s, 200 gzip: $(ratio "$(rps_of service-rss-200)" "$(rps_of nginx-rss-200)") (target >= 0.85)"
echo "service/nginx requests/s, 304:      $(ratio "$(rps_of service-rss-304)" "$(rps_of nginx-rss-304)") (target >= 0.95)"
echo "service/nginx requests/s, identity: $(ratio "$(rps_of service-rss-identity)" "$(rps_of nginx-rss-identity)") (target >= 0.85)"
echo "service memory after the load: RSS $((service_rss / 1024)) MB (ps), peak $((${service_hwm:-0} / 1024)) MB (VmHWM), of which GC heap committed ${gc_committed:-?} MB"
echo "memory settings: MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset} DOTNET_GCgen0size=${DOTNET_GCgen0size:-unset} (the README's systemd unit sets 2 and 0x400000)"
if [[ -n ${WALK:-} ]]; then
  # A partner walking the whole archive: every monthly document once, as prev-archive links lead (newest first).
  prev_archive() { # the prev-archive link of the Atom document at URL, or nothing
    curl -fsS "$1" | python3 -c 'import re,sys; m=re.search(r"<link[^>]*rel=\"prev-archive\"[^>]*href=\"([^\"]+)\"", sys.stdin.read()); print(m.group(1) if m else "")'
  }
  months=0
  month=$(prev_archive "$base/feeds/atom.xml")
  while [[ -n $month ]]; do
    month=$(prev_archive "$month")
    months=$((months + 1))
  done
  cache=$(curl -fsS "$base/metrics" | awk '/^syndication_feed_cache_bytes/ { printf "%d", $NF / 1048576 }')
  echo "after walking $months archive months: RSS $(($(ps -o rss= -p "$service" | tr -d ' ') / 1024)) MB, peak since start $(($(awk '/^VmHWM:/ { print $2 }' "/proc/$service/status") / 1024)) MB, feed cache $cache MB"
fi
if ((crawl > 0)); then
  echo "crawled meanwhile: $(grep -c 'Polled' "$work/service.log" || true) poll log lines; /metrics: $(curl -fsS "$base/metrics" | grep -E '^syndication_entries_total' | tr '\n' ' ')"
fi
