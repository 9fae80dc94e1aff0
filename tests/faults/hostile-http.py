#!/usr/bin/env python3
"""A hostile-HTTP pass over every endpoint family of a running service: odd methods, paths, query strings, headers,
keys and bodies. Counts the answers by status and lists every 5xx (which must not happen: bad input gets a 4xx).
Usage: hostile-http.py BASE_URL ADMIN_KEY FEEDS_KEY  (hostile-http.sh starts a service and runs it)."""
import http.client
import json
import sys
import urllib.parse
from collections import Counter

base = urllib.parse.urlsplit(sys.argv[1])
admin_key, feeds_key = sys.argv[2], sys.argv[3]
statuses = Counter()
families = Counter()
server_errors = []


def send(family, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
        if data is not None:
            connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        response.read()
        status = response.status
    except (ConnectionError, http.client.HTTPException, TimeoutError) as error:
        status = f"no answer ({type(error).__name__})"
    finally:
        connection.close()
    statuses[status] += 1
    families[family] += 1
    if not isinstance(status, int) or status >= 500:
        server_errors.append(f"{status} {method} {path[:120]} {json.dumps(headers or {})[:120]}")


bearer = lambda key: {"Authorization": f"Bearer {key}"}
odd_values = ["", "-1", "0", "abc", "99999999999999999999", "1e9", "%00", "%FF", "..%2F..%2Fetc%2Fpasswd", "<script>", "'", "\u0000", "1;DROP TABLE articles"]
odd_segments = ["", "..", "%2e%2e", "khong-co", "Kinh Tế", "%C0%AE", "a" * 3000, "%00", "%FF%FE", "%2F", "rss.xml", "\\", "~root", "CON"]

# Feeds, facets, paging, archives — public and partner.
for prefix, headers in [("/feeds", {}), ("/partners/feeds", bearer(feeds_key)), (f"/partners/{feeds_key}/feeds", {})]:
    for name in ["rss.xml", "atom.xml", "feed.json", "style.xsl", "nope.xml"]:
        send("feeds", "GET", f"{prefix}/{name}", headers=headers)
        for value in odd_values:
            send("feeds", "GET", f"{prefix}/{name}?page={urllib.parse.quote(value)}", headers=headers)
    for facet in ["sections", "authors", "tags", "related/sections", "articles"]:
        for segment in odd_segments:
            # Sent as a client would: non-ASCII and spaces percent-encoded, escapes already in the segment kept.
            send("facets", "GET", f"{prefix}/{facet}/{urllib.parse.quote(segment, safe='%')}/rss.xml", headers=headers)
    for month in ["0000-01", "9999-12", "2024-13", "2024-00", "abcd-ef", "2024-1", "-2024-01", "99999-01", "2024-05"]:
        send("archive", "GET", f"{prefix}/archive/{month}.atom", headers=headers)
for key in ["", "syn_", "syn_" + "0" * 12 + "_" + "0" * 64, "x" * 5000, feeds_key + "x", "%00"]:
    send("partner keys", "GET", "/partners/feeds/rss.xml", headers=bearer(key))
    send("partner keys", "GET", "/partners/feeds/rss.xml", headers={"Authorization": "Basic " + key})
    send("partner keys", "GET", f"/partners/{urllib.parse.quote(key)}/feeds/rss.xml")
send("partner keys", "GET", "/partners/feeds/rss.xml", headers={"Authorization": "Basic !!!not-base64"})

# Search.
for query in ["", "*", "\"", "tin NEAR dung", "a" * 5000, "OR OR", "-", "%00", "title:x", "ca phe", "'; DROP TABLE x; --", "\U0001F600", "(", "^"]:
    for path in ["/search", "/feeds/search.atom", "/feeds/search/rss.xml", "/feeds/search/feed.json"]:
        send("search", "GET", f"{path}?q={urllib.parse.quote(query)}&scope={urllib.parse.quote(query[:10])}")

# Pages.
for path in ["/", "/feeds.opml", "/articles/khong-co", "/articles/%00", "/articles/" + "x" * 3000, "/sections/khong-co", "/sections/%FF", "/robots.txt", "/sitemap.xml"]:
    send("pages", "GET", path)

# Admin.
for headers in [{}, bearer(feeds_key), bearer(admin_key), bearer("nope"), {"Authorization": "Bearer"}]:
    for method, path in [("GET", "/admin/sources"), ("GET", "/admin/partners"), ("GET", "/api/sources"), ("POST", "/admin/sources/1/poll"), ("POST", "/admin/sources/abc/poll"), ("POST", "/admin/sources/99999999999999999999/poll")]:
        send("admin", method, path, headers=headers, body="" if method == "POST" else None)
send("admin", "POST", "/admin/sources/1/poll", headers={**bearer(admin_key), "Origin": "https://evil.example"}, body="")
# The console's door and session: forms without their token, junk keys and forged cookies.
form = {"Content-Type": "application/x-www-form-urlencoded"}
for body in ["", "key=", "key=" + admin_key, "__token=x&key=" + admin_key, "%%%", "key=" + "x" * 100000]:
    send("admin", "POST", "/admin/login", headers=form, body=body)
for cookie in ["syndication_admin=x", "syndication_admin=" + "A" * 5000, "syndication_antiforgery=x; syndication_admin=CfDJ8"]:
    for method, path in [("GET", "/admin"), ("GET", "/admin/sources/1"), ("POST", "/admin/sources/import"), ("POST", "/admin/partners")]:
        send("admin", method, path, headers={**form, "Cookie": cookie}, body="" if method == "POST" else None)

# Article API.
api = bearer(admin_key)
json_headers = {**api, "Content-Type": "application/json"}
bodies = [
    "", "{", "[]", "null", "\"x\"", "{}", "{\"title\": 1}", "{\"title\": \"T\", \"published\": \"x\", \"body\": \"<p>x</p>\"}",
    "{\"title\": \"T\\ud800\", \"published\": \"2024-01-01\", \"body\": \"<p>x</p>\"}",
    "{\"title\": \"T\", \"published\": \"9999-12-31T23:59:59Z\", \"body\": \"<p>x</p>\"}",
    "{\"title\": \"T\", \"published\": \"2024-01-01\", \"body\": \"<p>x</p>\", \"images\": [{\"length\": 1e400}]}",
    "{\"title\": \"T\", \"published\": \"2024-01-01\", \"body\": \"<p>x</p>\", \"tags\": [" + ",".join(["\"t\""] * 5000) + "]}",
    "{\"title\": \"" + "Đ" * 100000 + "\", \"published\": \"2024-01-01\", \"body\": \"<p>x</p>\"}",
    "{" * 10000,
]
for slug in ["bai-thu", "Khong Hop Le", "%00", "a" * 3000, ".."]:
    for body in bodies:
        send("article api", "PUT", f"/api/articles/{urllib.parse.quote(slug)}", body=body, headers=json_headers)
    send("article api", "PUT", f"/api/articles/{urllib.parse.quote(slug)}", body="title=x", headers={**api, "Content-Type": "text/plain"})
    send("article api", "GET", f"/api/articles/{urllib.parse.quote(slug)}", headers=api)
    send("article api", "DELETE", f"/api/articles/{urllib.parse.quote(slug)}", headers=api)
send("article api", "PUT", "/api/articles/bai-lon", body="x" * (5 * 1024 * 1024), headers=json_headers)

# Methods, headers and paths anywhere.
for method in ["PUT", "POST", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "HEAD"]:
    for path in ["/healthz", "/readyz", "/metrics", "/feeds/rss.xml", "/", "/search?q=a"]:
        send("methods", method, path, body="x" if method in ("PUT", "POST", "PATCH") else None)
for headers in [{"If-None-Match": "\"" + "x" * 8000 + "\""}, {"If-Modified-Since": "yesterday"}, {"If-Modified-Since": "Sat, 01 Jan 0001 00:00:00 GMT"},
                {"Accept-Encoding": "gzip;q=abc, br;q=-1, *"}, {"Range": "bytes=999999999-"}, {"Accept": "*/*;q=bad"}, {"Host": "evil.example"}]:
    send("headers", "GET", "/feeds/rss.xml", headers=headers)
for path in ["/%", "/%%", "/..%2F..%2Fetc%2Fpasswd", "/feeds/../../etc/passwd", "/" + "a/" * 2000, "/feeds/rss.xml/" + "x" * 10000, "/\u00e9"]:
    send("paths", "GET", urllib.parse.quote(path, safe="/%"))

print(f"requests: {sum(statuses.values())}  by family: {dict(families)}")
print(f"statuses: {dict(sorted(statuses.items(), key=lambda item: str(item[0])))}")
print(f"5xx or no answer: {len(server_errors)}")
for line in server_errors:
    print("  " + line)
sys.exit(1 if server_errors else 0)
