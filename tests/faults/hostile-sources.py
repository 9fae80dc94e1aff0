#!/usr/bin/env python3
"""Serves 28 hostile feed sources on loopback for hostile-sources.sh: each path is one way a source can try to
exhaust the poller (size at the fetch limit, huge fields, endless or trickling bodies, bombs, loops, bad markup).

    hostile-sources.py PORT_FILE      # binds a free loopback port, writes it to PORT_FILE, serves until killed
    hostile-sources.py --list         # the 28 paths, one per line (the sources to subscribe)
"""
import gzip
import http.server
import io
import socketserver
import sys
import time

LIMIT = 10 * 1024 * 1024  # the service's default Syndication:Ingestion:MaxBodyBytes
WORDS = "giá cà phê hồ tiêu tỉnh Đắk Lắk nông dân hợp tác xã thu hoạch mùa vụ xuất khẩu thị trường".split()


def text(n):
    """About n characters of Vietnamese words."""
    out, size, i = [], 0, 0
    while size < n:
        word = WORDS[i % len(WORDS)]
        out.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(out)


def rss(items, title="Nguồn thử"):
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>' + title +
            '</title><link>http://nguon.test/</link><description>d</description>' + "".join(items) +
            "</channel></rss>").encode("utf-8")


def item(n, title="Tin", description="Tóm tắt", extra=""):
    return (f"<item><title>{title}</title><link>http://nguon.test/{n}</link><guid>http://nguon.test/{n}</guid>"
            f"<pubDate>Fri, 04 Dec 2026 08:00:00 +0700</pubDate><description>{description}</description>{extra}</item>")


def escaped_html(n):
    """n characters of HTML paragraphs, entity-escaped as RSS descriptions carry them."""
    paragraph = "&lt;p&gt;" + text(400) + " &lt;b&gt;đậm&lt;/b&gt; &lt;a href=\"http://nguon.test/x\"&gt;liên kết&lt;/a&gt;&lt;/p&gt;"
    return paragraph * (n // len(paragraph) + 1)


def fit(make, n, room=LIMIT - 16 * 1024):
    """make(n) for the largest n (scaled down from the given one) whose body still fits in the fetch limit."""
    body = make(n)
    while len(body) > room:
        n = int(n * room / len(body) * 0.98)
        body = make(n)
    return body


def build():
    docs = {}
    # Fields near the whole fetch limit: each must be stored cut to its limit, without the process growing by
    # several times the body.
    docs["/huge-title"] = fit(lambda n: rss([item(1, title=text(n))]), 9 * 1024 * 1024)
    docs["/huge-description"] = fit(lambda n: rss([item(1, description=escaped_html(n))]), LIMIT)
    docs["/huge-cdata-content"] = fit(lambda n: rss([item(1, extra="<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA["
                                                         + ("<div><p>" + text(300) + "</p>") * n + "]]></content:encoded>")]), 30000)
    docs["/huge-author"] = fit(lambda n: rss([item(1, extra="<author>" + text(n) + "</author>")]), 8 * 1024 * 1024)
    docs["/json-huge-title"] = fit(lambda n: ('{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","title":"' + text(n) + '"}]}').encode(), 9 * 1024 * 1024)
    # Many of everything.
    docs["/many-items"] = fit(lambda n: rss([item(i, title=f"Tin {i}", description=text(200)) for i in range(n)]), 40000)
    docs["/same-guid"] = fit(lambda n: rss([item(1, title=f"Tin {i}", description=text(300)) for i in range(n)]), 30000)
    docs["/many-categories"] = rss([item(n, extra="".join(f"<category>Chủ đề {c}</category>" for c in range(5000))) for n in range(20)])
    docs["/many-enclosures"] = rss([item(n, extra="".join(f'<enclosure url="http://nguon.test/{n}/{e}.jpg" length="1" type="image/jpeg"/>' for e in range(3000))) for n in range(20)])
    docs["/long-links"] = rss([item(n, extra=f"<comments>http://nguon.test/{'a' * 1000000}</comments>") for n in range(8)])
    docs["/json-huge"] = fit(lambda n: ('{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[' +
                                        ",".join(f'{{"id":"{i}","title":"{text(100)}","content_html":"{text(2000)}"}}' for i in range(n)) + "]}").encode(), 4500)
    docs["/atom-huge"] = fit(lambda n: ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2026-12-04T00:00:00Z</updated>' +
                                        "".join(f'<entry><id>urn:{i}</id><title>{text(80)}</title><updated>2026-12-04T00:00:00Z</updated><content type="html">{escaped_html(4000)}</content></entry>' for i in range(n)) +
                                        "</feed>").encode(), 2500)
    # Markup that is hostile rather than large.
    docs["/deep-nesting"] = rss([item(1, description="&lt;div&gt;" * 200000 + "sâu" + "&lt;/div&gt;" * 200000)])
    docs["/entity-bomb"] = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + "x" * 100 + '">' +
                            "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8)) +
                            ']><rss version="2.0"><channel><title>&i;</title></channel></rss>').encode()
    docs["/xxe"] = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>'
    docs["/broken-xml"] = rss([item(n, title="Tin <b>không đóng", description="&bogus; & < >") for n in range(2000)])[:-30]
    docs["/windows-1258"] = fit(lambda n: rss([item(i, title="Tin " + text(100), description=text(3000)) for i in range(n)]).decode().replace("utf-8", "windows-1258", 1).encode("cp1258", "replace"), 3000)
    docs["/control-chars"] = fit(lambda n: rss([item(i, title="Tin \x01\x02\x0b " + text(50), description=("\x00\x1f" + text(100)) * 20) for i in range(n)]), 3000)
    docs["/over-limit"] = b"<rss>" + b"x" * (LIMIT + 1024 * 1024) + b"</rss>"
    docs["/future-dates"] = rss([item(n).replace("Fri, 04 Dec 2026", "Fri, 31 Dec 9998") for n in range(50)])
    return docs


DOCS = {}
GZIP_BOMB = None
STREAMED = ["/endless", "/trickle", "/gzip-bomb", "/redirect-loop", "/retry-after-2099", "/slow-headers", "/huge-headers", "/wrong-length"]


def paths():
    return sorted(set(list(build().keys()) + STREAMED))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        try:
            if path in DOCS:
                kind = "application/json" if path.startswith("/json") else "application/rss+xml"
                self.send(200, DOCS[path], [("Content-Type", kind)])
            elif path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>')
                chunk = text(65536).encode()
                while True:
                    self.wfile.write(chunk)
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                for _ in range(600):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.5)
            elif path == "/gzip-bomb":
                self.send(200, GZIP_BOMB, [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")])
            elif path == "/redirect-loop":
                self.send(302, b"", [("Location", "/redirect-loop?n=" + str(time.time()))])
            elif path == "/retry-after-2099":
                self.send(503, b"", [("Retry-After", "Fri, 31 Dec 2099 23:59:59 GMT")])
            elif path == "/slow-headers":
                time.sleep(45)
                self.send(200, rss([item(1)]))
            elif path == "/huge-headers":
                self.send_response(200)
                for n in range(2000):
                    self.send_header(f"X-Filler-{n}", "x" * 4000)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/wrong-length":
                body = rss([item(1)])
                self.send_response(200)
                self.send_header("Content-Length", str(len(body) * 100))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send(404, b"not found")
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global DOCS, GZIP_BOMB
    if sys.argv[1:] == ["--list"]:
        print("\n".join(paths()))
        return
    DOCS = build()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as bomb:
        bomb.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>')
        zeros = b"a" * (1024 * 1024)
        for _ in range(1024):
            bomb.write(zeros)
    GZIP_BOMB = buffer.getvalue()
    server = Server(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as port_file:
        port_file.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
