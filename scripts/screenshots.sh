#!/usr/bin/env bash
# Builds the seed site and takes the README's screenshots in headless
# Chromium: home, an activity and an ormas page, /kualitas-data/ and
# /jaringan/ at 1280 and 360 px wide.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$out"' EXIT
# TERBUKA=path/to/terbuka uses a binary already built.
${TERBUKA:-cargo run --quiet --release --} build --output "$out/public" --base-url http://127.0.0.1:8765/
python3 -m http.server 8765 --bind 127.0.0.1 --directory "$out/public" >/dev/null 2>&1 &
server=$!
sleep 1
shoot() { # name path width height
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$out/profile" \
    --window-size="$3,$4" --screenshot="docs/screenshots/$1.png" "http://127.0.0.1:8765/$2" 2>/dev/null
}
activity=kegiatan/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024/
ormas=ormas/bamus-betawi-1982/
for w in 1280 360; do
  h=$([ "$w" = 1280 ] && echo 1600 || echo 2400)
  shoot "home-$w" "" "$w" "$h"
  shoot "activity-$w" "$activity" "$w" "$h"
  shoot "ormas-$w" "$ormas" "$w" "$h"
  shoot "quality-$w" "kualitas-data/" "$w" "$h"
  shoot "network-$w" "jaringan/" "$w" "$h"
done
ls -l docs/screenshots
