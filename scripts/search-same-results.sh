#!/usr/bin/env bash
# Do two built sites give the same search results? Loads /cari/?QUERY of each in headless Chromium
# (--dump-dom after the page's own fetches) and compares the status line (result count), the ten
# results shown and every facet count, for a list of queries: words, prefixes, filters, sorting and
# browsing. Used to check that an index format change keeps results identical (docs/search.md).
# Query values (regions, agencies, topics) are those of `cargo xtask gen-corpus` corpora.
#
# Usage: scripts/search-same-results.sh SITE_A SITE_B
set -uo pipefail
a=$1; b=$2
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pa=$(free_port); pb=$(free_port)
python3 -m http.server --bind 127.0.0.1 $pa -d "$a" >/dev/null 2>&1 & sa=$!
python3 -m http.server --bind 127.0.0.1 $pb -d "$b" >/dev/null 2>&1 & sb=$!
sleep 1
page() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --virtual-time-budget=30000 \
    --dump-dom "http://127.0.0.1:$1/cari/?$2" 2>/dev/null | python3 -c '
import sys, re
html = sys.stdin.read()
status = re.search(r"id=\"status\"[^>]*>(.*?)</", html, re.S)
links = re.findall(r"<h3><a href=\"([^\"]+)\"", html)
counts = re.findall(r"class=\"count\">([^<]+)<", html)
print((status.group(1) if status else "NO STATUS"), links, "counts", counts)'
}
same=0; diff=0
for q in "q=pilkada" "q=samarinda" "q=kesbangpol" "q=rapat+koordinasi" "q=ormas+pilkada" "q=pil" "q=pemuda&urut=tanggal" \
         "q=pilkada&wilayah=36.71" "q=kesbangpol&tahun=2024" "wilayah=36.71&tahun=2024" "tipe=ormas&q=jakarta" "" \
         "q=sosialisasi&jenis=sosialisasi" "q=ormas&topik=pilkada-2024" "tahun=2021" "q=tangerang&tipe=instansi" \
         "q=menyelenggarakan+dialog" "instansi=kesbangpol-kota-samarinda" "q=bawaslu&instansi=bawaslu-provinsi-dki-jakarta"; do
  x=$(page $pa "$q"); y=$(page $pb "$q")
  if [ "$x" == "$y" ]; then same=$((same+1)); echo "same  ?$q: ${x:0:110}"; else diff=$((diff+1)); echo "DIFF  ?$q"; echo "   A: $x"; echo "   B: $y"; fi
done
echo "$same same, $diff different"
kill $sa $sb
[ "$diff" -eq 0 ]
