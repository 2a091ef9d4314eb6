#!/usr/bin/env bash
# Search benchmark (issue 3): generates corpora of 10,000 and 100,000
# activities, builds each with `terbuka build` under /usr/bin/time (whole
# build: time per stage and peak RSS), then runs examples/search_bench.rs
# (index build phases, sizes and file counts, and the bytes and round trips
# of queries measured in headless Chromium). Figures: docs/search.md.
#
# Usage: scripts/bench-search.sh [WORKDIR] [SIZES...]   (default /tmp/terbuka-bench 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/terbuka-bench}"
shift || true
sizes=("${@:-10000 100000}")
mkdir -p "$work"
cargo build --release --bin terbuka --example search_bench
for n in ${sizes[@]}; do
  content="$work/content-$n"
  out="$work/public-$n"
  [ -f "$content/site.yaml" ] || cargo xtask gen-corpus --activities "$n" --out "$content" --force
  rm -rf "$out"
  echo "== $n activities: terbuka build"
  /usr/bin/time -v target/release/terbuka build --content "$content" --output "$out" --timings 2>&1 \
    | grep -E "^built|^  [a-z]+ +[0-9]|Maximum resident|Elapsed"
  echo "== $n activities: index and queries"
  SEARCH_BENCH_REUSE=1 target/release/examples/search_bench "$content" "$out" pilkada samarinda wilayah=36.71 kesbangpol
done
