#!/usr/bin/env bash
# Search at scale without the whole site (issue 17): generates a corpus of N activities, writes only
# its search index and /cari/ page with examples/search_index.rs (peak RSS and CPU time from
# /usr/bin/time), copies the assets of the small built seed site beside them, and measures the
# queries of examples/search_bench.rs in headless Chromium. A whole build at a million activities
# writes tens of GB of HTML; the index alone is 0.4 GB. Figures: docs/search.md.
#
# Usage: scripts/bench-search-index.sh [WORKDIR] [N]   (default /tmp/terbuka-search-index 1000000)
# At a million activities: run it under a lock shared with other big runs (5 GB of corpus, ~11 GB of RAM),
# and delete WORKDIR afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/terbuka-search-index}"
n="${2:-1000000}"
mkdir -p "$work"
cargo build --release --bin terbuka --example search_index --example search_bench
[ -f "$work/content-$n/site.yaml" ] || cargo xtask gen-corpus --activities "$n" --out "$work/content-$n" --force
rm -rf "$work/seed" "$work/out-$n"
target/release/terbuka build --content content --output "$work/seed" > /dev/null 2>&1
/usr/bin/time -f "search_index: %U s user, %S s sys, %M KB peak RSS" \
  target/release/examples/search_index "$work/content-$n" "$work/out-$n"
tar -C "$work/seed" --exclude=./cari -cf - . | tar -C "$work/out-$n" -xf -
ix="$work/out-$n/cari/indeks"
echo "manifest $(stat -c %s "$ix"/manifest-*.bin) B, directory $(stat -c %s "$ix"/directory-*.bin) B," \
  "$(ls "$ix/t" | wc -l) term shards, $(find "$ix" -type f | wc -l) files, $(du -sb "$ix" | cut -f1) B"
target/release/examples/search_bench - "$work/out-$n" pilkada samarinda wilayah=36.71 kesbangpol
