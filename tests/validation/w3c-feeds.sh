#!/usr/bin/env bash
# Validates the feeds of a running service with the W3C Feed Validation Service's own code, run locally.
#
#   tests/validation/w3c-feeds.sh VALIDATOR_SRC [BASE_URL]
#
# VALIDATOR_SRC is the src/ folder of a checkout of https://github.com/w3c/feedvalidator (not part of this
# repository); it needs Debian's python3-libxml2, python3-rdflib and python3-html5lib and runs with /usr/bin/python3.
# BASE_URL defaults to http://127.0.0.1:5000/. With PARTNER_KEY set in the environment, that partner's feeds (as its
# profile shapes them: full text or lead, Media RSS, sections, attribution) are checked too. Prints each feed's
# verdict; exits 1 when any has an error or warning.
set -euo pipefail
src=${1:?usage: w3c-feeds.sh VALIDATOR_SRC [BASE_URL]}
base=${2:-http://127.0.0.1:5000/}
base=${base%/}
feeds=(
  feeds/rss.xml feeds/atom.xml
  "feeds/rss.xml?page=1" "feeds/atom.xml?page=1"
  feeds/related/rss.xml feeds/related/atom.xml
  "feeds/search.atom?q=c%C3%A0%20ph%C3%AA" "feeds/search/rss.xml?q=tin%20dung"
)
# One section, author, tag and archive month as the service lists them.
opml=$(curl -fsS "$base/feeds.opml")
for kind in sections authors tags; do
  url=$(grep -o "xmlUrl=\"[^\"]*/feeds/$kind/[^\"]*\"" <<<"$opml" | head -1 | sed 's/^xmlUrl="//; s/"$//; s#/rss.xml$##')
  [[ -n $url ]] && feeds+=("${url#"$base"/}/rss.xml" "${url#"$base"/}/atom.xml")
done
month=$(curl -fsS "$base/feeds/atom.xml" | grep -o 'href="[^"]*/feeds/archive/[0-9-]*\.atom"' | head -1 | sed 's/^href="//; s/"$//')
[[ -n $month ]] && feeds+=("${month#"$base"/}")
if [[ -n ${PARTNER_KEY:-} ]]; then
  feeds+=("partners/$PARTNER_KEY/feeds/rss.xml" "partners/$PARTNER_KEY/feeds/atom.xml")
fi

failed=0
for feed in "${feeds[@]}"; do
  verdict=$(cd "$src" && /usr/bin/python3 demo.py "$base/$feed" 2>&1 | tail -n +2)
  if [[ $verdict == "No errors or warnings" ]]; then
    echo "ok    ${feed//${PARTNER_KEY:-\{none\}}/KEY}"
  else
    echo "FAIL  ${feed//${PARTNER_KEY:-\{none\}}/KEY}"; sed 's/^/      /' <<<"$verdict"; failed=1
  fi
done
exit $failed
