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
# Environment: CONCURRENCY (Syndication__Ingestion__MaxConcurrentPolls, default 4), FEED_SERVER=nginx|python.
# Requires python3, GNU time (/usr/bin/time) and, by default, nginx: apt-get install -y nginx time python3
set -euo pipefail
feed_server=${FEED_SERVER:-nginx}
need=(python3 /usr/bin/time)
[[ $feed_server == nginx ]] && need+=(nginx)
for tool in "${need[@]}"; do
  if ! command -v "$tool" >/dev/null; then
    echo "poll-cycle.sh needs $tool: sudo apt-get update && sudo apt-get install -y nginx time python3" >&2
    exit 2
  fi
done
feeds=${1:-300}
items=${2:-20}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
server=''
trap '[[ -n $server ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

python3 - "$work/www" "$feeds" "$items" <<'PY'
import os, sys, datetime
root, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(root, exist_ok=True)
newest = datetime.datetime(2026, 11, 20, 17, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
for f in range(feeds):
    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Nguồn {f}</title>'
           f'<link>https://nguon{f}.example/</link><description>Tin tức nguồn {f}</description><language>vi</language>']
    for i in range(items):
        date = (newest - datetime.timedelta(hours=3 * i)).strftime('%a, %d %b %Y %H:%M:%S +0700')
        out.append(f'<item><title><![CDATA[Tin {i} của nguồn {f}: tín dụng chính sách ở Đắk Lắk]]></title>'
                   f'<link>https://nguon{f}.example/tin-{i}.html</link><guid>https://nguon{f}.example/tin-{i}.html</guid>'
                   f'<description><![CDATA[<a href="/tin-{i}.html"><img src="/anh/{i}.jpg"></a>Ngân hàng Chính sách xã hội '
                   f'giải ngân vốn cho hộ nghèo, tin số {i}. {"Nội dung dài. " * 40}]]></description><pubDate>{date}</pubDate></item>')
    out.append('</channel></rss>\n')
    open(os.path.join(root, f'feed-{f}.xml'), 'w', encoding='utf-8').write(''.join(out))
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
if [[ $feed_server == python ]]; then
  (cd "$work/www" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
  server=$!
else
  mkdir -p "$work/nginx"
  chmod -R a+rX "$work"  # nginx workers run as nobody when started by root
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  types { application/rss+xml xml; }
  access_log off;
  sendfile on;
  client_body_temp_path $work/nginx/tmp-body;
  proxy_temp_path $work/nginx/tmp-proxy;
  fastcgi_temp_path $work/nginx/tmp-fastcgi;
  uwsgi_temp_path $work/nginx/tmp-uwsgi;
  scgi_temp_path $work/nginx/tmp-scgi;
  server {
    listen 127.0.0.1:$port backlog=4096;
    root $work/www;
    etag on;
    if_modified_since exact;
  }
}
CONF
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" >/dev/null 2>&1 &
  server=$!
fi
{
  echo '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>load</title></head><body>'
  for ((f = 0; f < feeds; f++)); do echo "<outline type=\"rss\" text=\"Nguồn $f\" xmlUrl=\"http://127.0.0.1:$port/feed-$f.xml\"/>"; done
  echo '</body></opml>'
} > "$work/sources.opml"
sleep 1

dotnet build "$repo/src/Syndication.Worker" -c Release -o "$work/bin" >/dev/null
export Syndication__Database="$work/load.db" Syndication__Ingestion__SourcesOpml="$work/sources.opml"
export Syndication__Ingestion__AllowPrivateNetworks=true Syndication__Ingestion__MaxConcurrentPolls=${CONCURRENCY:-4}
dotnet "$work/bin/syndication.dll" import "$repo/seeds" >/dev/null

for cycle in first second; do
  /usr/bin/time -f "%e s wall, %M KB max RSS" -o "$work/time" dotnet "$work/bin/syndication.dll" poll > "$work/$cycle.out" || true
  fetched=$(grep -c ' Fetched ' "$work/$cycle.out" || true)
  notmodified=$(grep -c ' NotModified ' "$work/$cycle.out" || true)
  failed=$(grep -c 'error:' "$work/$cycle.out" || true)
  new=$(awk '{ for (i = 1; i < NF; i++) if ($(i+1) == "new") sum += $i } END { print sum + 0 }' "$work/$cycle.out")
  echo "$cycle cycle over $feeds feeds x $items items: $(cat "$work/time"); fetched $fetched, not modified $notmodified, failed $failed, new entries $new"
done
