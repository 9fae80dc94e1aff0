# Shared by the load scripts (source it): fixture feeds written as files, and a loopback server for them.
#   make_feeds DIR FEEDS ITEMS     writes DIR/feed-N.xml (RSS 2.0, Vietnamese news-shaped items). Every source carries
#                                  the same templated items (the worst case for story clustering: each entry has
#                                  hundreds of candidates); FIXTURE=news: each outlet its own stories, and one item in
#                                  five an agency story that four outlets carry (one of them cut short)
#   start_feed_server WORK DIR     serves DIR on a free loopback port: sets $port and $server (the server's pid)
#   write_opml FILE FEEDS          an OPML of http://127.0.0.1:$port/feed-N.xml
# FEED_SERVER=nginx (default; ETag + If-Modified-Since → 304, access log off) or python (python3 -m http.server).

make_feeds() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, sys, datetime, random
root, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
news = os.environ.get('FIXTURE') == 'news'
words = ('giá cà phê hôm nay tăng mạnh tại các tỉnh tây nguyên nông dân phấn khởi thu hoạch vụ mới ủy ban nhân dân '
         'tỉnh đắk lắk tổ chức hội nghị triển khai kế hoạch phát triển kinh tế xã hội năm tới đường giao thông nông thôn '
         'được nâng cấp học sinh trở lại trường bệnh viện đa khoa tiếp nhận thiết bị y tế hiện đại cháy nhà dân ở huyện '
         'krông pắc công an phường bắt giữ đối tượng trộm cắp tài sản mưa lớn gây ngập úng nhiều tuyến đường trung tâm '
         'thành phố buôn ma thuột ngân hàng chính sách giải ngân vốn vay hộ nghèo doanh nghiệp xuất khẩu sầu riêng lễ hội '
         'văn hóa cồng chiêng thu hút du khách').split()
os.makedirs(root, exist_ok=True)
newest = datetime.datetime(2026, 11, 20, 17, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
for f in range(feeds):
    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Nguồn {f}</title>'
           f'<link>https://nguon{f}.example/</link><description>Tin tức nguồn {f}</description><language>vi</language>']
    for i in range(items):
        date = (newest - datetime.timedelta(hours=3 * i)).strftime('%a, %d %b %Y %H:%M:%S +0700')
        if news:
            # An outlet's own story, or (one item in five) an agency story four outlets carry, one of them cut short.
            agency = i % 5 == 0
            rng = random.Random(f'agency-{f // 4}-{i}' if agency else f'own-{f}-{i}')
            text = [rng.choice(words) for _ in range(90)]
            if agency and f % 4 == 1:
                text = text[:60]
            title, lead = ' '.join(text[:10]).capitalize(), ' '.join(text[10:]).capitalize() + '.'
        else:
            title = f'Tin {i} của nguồn {f}: tín dụng chính sách ở Đắk Lắk'
            lead = f'Ngân hàng Chính sách xã hội giải ngân vốn cho hộ nghèo, tin số {i}. {"Nội dung dài. " * 40}'
        out.append(f'<item><title><![CDATA[{title}]]></title>'
                   f'<link>https://nguon{f}.example/tin-{i}.html</link><guid>https://nguon{f}.example/tin-{i}.html</guid>'
                   f'<description><![CDATA[<a href="/tin-{i}.html"><img src="/anh/{i}.jpg"></a>{lead}]]></description><pubDate>{date}</pubDate></item>')
    out.append('</channel></rss>\n')
    open(os.path.join(root, f'feed-{f}.xml'), 'w', encoding='utf-8').write(''.join(out))
PY
}

start_feed_server() {
  local work=$1 www=$2
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  if [[ ${FEED_SERVER:-nginx} == python ]]; then
    (cd "$www" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
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
    root $www;
    etag on;
    if_modified_since exact;
  }
}
CONF
    nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" >/dev/null 2>&1 &
    server=$!
  fi
}

write_opml() {
  local file=$1 feeds=$2
  {
    echo '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>load</title></head><body>'
    for ((f = 0; f < feeds; f++)); do echo "<outline type=\"rss\" text=\"Nguồn $f\" xmlUrl=\"http://127.0.0.1:$port/feed-$f.xml\"/>"; done
    echo '</body></opml>'
  } > "$file"
}
