#!/usr/bin/env bash
# Times the editor's relation picker with 10,000 ormas: how long after the
# last typed key the picker shows the ormas typed, for Decap CMS (through
# `terbuka serve`'s local-repository endpoint) and Sveltia CMS (its local
# repository mode, the repository copied into the browser's private file
# system). Figures go in BENCHMARKS.md ("Editor").
#
#   scripts/bench-editor.sh [WORK_DIR]
#
# Needs: `npm ci --prefix tests/browser`, Chromium, python3 (a static server).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
queries='[{"text":"Aliansi Anti Korupsi Bogor","expect":"Aliansi Anti Korupsi Bogor"},{"text":"Laskar Mahasiswa Peduli Anak Banten","expect":"Laskar Mahasiswa Peduli Anak Banten"},{"text":"Laskar Mahasiswa","expect":"Laskar Mahasiswa"}]'

# 100,000 activities give 10,000 ormas; keep two activities a year so the
# preview builds quickly (the picker reads ormas only).
rm -rf "$work/repo" && mkdir -p "$work/repo"
cargo xtask gen-corpus --activities 100000 --out "$work/repo/content"
for y in "$work"/repo/content/activities/*; do find "$y" -name '*.md' | tail -n +3 | xargs rm -f; done
cargo build --release --quiet  # the figures in BENCHMARKS.md use the release build
./target/release/terbuka serve --content "$work/repo/content" --port 0 >"$work/serve.log" 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null || true' EXIT
until grep -q "^Serving" "$work/serve.log"; do sleep 1; done
url=$(sed -n 's/^Serving .* at //p' "$work/serve.log")
echo "Decap CMS (tests/browser/editor.mjs picker):"
node tests/browser/editor.mjs picker "${url}admin/" "{\"queries\":$queries}"

echo "Sveltia CMS:"
npm install --prefix "$work/sveltia" --no-audit --no-fund --loglevel=error @sveltia/cms@0.221.1
mkdir -p "$work/sv/site"
curl -s "${url}admin/config.yml" >"$work/sv/site/config.full.yml"
cp "$work/sveltia/node_modules/@sveltia/cms/dist/sveltia-cms.js" "$work/sv/site/"
printf '<!doctype html><html><head><meta charset="utf-8"><link href="config.yml" type="text/yaml" rel="cms-config-url"></head><body><script src="sveltia-cms.js"></script></body></html>\n' >"$work/sv/site/index.html"
node scripts/bench-editor/sveltia-site.mjs "$work/repo" "$work/sv"
python3 -m http.server 18918 --bind 127.0.0.1 --directory "$work/sv/site" >/dev/null 2>&1 &
static=$!
trap 'kill $serve $static 2>/dev/null || true' EXIT
sleep 1
node scripts/bench-editor/sveltia.mjs http://127.0.0.1:18918/ "$queries"
