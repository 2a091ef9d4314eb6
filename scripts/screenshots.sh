#!/usr/bin/env bash
# Takes the README's screenshots in headless Chromium, at 1280 and 360 px:
# - the seed site: home, an activity and an ormas page, /kualitas-data/ and
#   /jaringan/;
# - a generated corpus (`xtask gen-corpus --activities 3000`, synthetic
#   names), whose records name ormas: an ormas page with its network and
#   chart, and the home page's charts;
# - the seed site with `language: en` (the English catalogue): home and an
#   activity page with its PPID letter (which stays Indonesian).
# TERBUKA=path/to/terbuka and XTASK=path/to/xtask use binaries already built.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
servers=()
trap 'kill "${servers[@]}" 2>/dev/null; rm -rf "$out"' EXIT
terbuka() { ${TERBUKA:-cargo run --quiet --release --} "$@"; }
xtask() { ${XTASK:-cargo run --quiet --release -p xtask --} "$@"; }
origin=

# site NAME: picks a free port for a site, so its pages link to themselves.
site() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  origin="http://127.0.0.1:$port"
}
# serve SITE_DIR: serves a built site on 127.0.0.1 at the port `site` picked.
serve() {
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
  servers+=($!)
  sleep 1
}
shoot() { # name path width height
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$out/profile" \
    --window-size="$3,$4" --screenshot="docs/screenshots/$1.png" "$origin/$2" 2>/dev/null
}
height() { [ "$1" = 1280 ] && echo "$2" || echo "$3"; }

site
terbuka build --output "$out/seed" --base-url "$origin/"
serve "$out/seed"
for w in 1280 360; do
  h=$(height "$w" 1600 2400)
  shoot "home-$w" "" "$w" "$h"
  shoot "activity-$w" kegiatan/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024/ "$w" "$h"
  shoot "ormas-$w" ormas/bamus-betawi-1982/ "$w" "$h"
  shoot "quality-$w" kualitas-data/ "$w" "$h"
  shoot "network-$w" jaringan/ "$w" "$h"
done

xtask gen-corpus --activities 3000 --out "$out/corpus" >/dev/null
site
terbuka build --content "$out/corpus" --output "$out/generated" --base-url "$origin/"
serve "$out/generated"
for w in 1280 360; do
  h=$(height "$w" 2000 3200)
  shoot "ormas-network-$w" ormas/yayasan-bintang-timur-banten/ "$w" "$h"
  shoot "home-charts-$w" "" "$w" "$h"
done

cp -r content "$out/content-en"
sed -i 's/^language: id$/language: en/' "$out/content-en/site.yaml"
site
terbuka build --content "$out/content-en" --output "$out/english" --base-url "$origin/"
serve "$out/english"
shoot home-en-1280 "" 1280 1600
shoot activity-en-1280 kegiatan/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024/ 1280 2600
ls -l docs/screenshots
