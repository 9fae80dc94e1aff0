#!/usr/bin/env bash
# Measures poll cycles of `syndication poll` over N fixture feeds served on loopback:
# the first cycle (every feed fetched and stored) and the second (every feed answers 304).
# Prints wall time and peak memory (max RSS, GNU time) of each cycle. Not run in CI.
# The feed server is python3 -m http.server (If-Modified-Since gives 304s); its listen backlog is small,
# so keep CONCURRENCY (polls at once, default 4) modest or it resets connections itself.
#
#   tests/load/poll-cycle.sh [FEEDS=300] [ITEMS=20]
set -euo pipefail
feeds=${1:-300}
items=${2:-20}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

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
(cd "$work/www" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
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
