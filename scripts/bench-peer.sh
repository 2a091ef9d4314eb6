#!/usr/bin/env bash
# Builds the peer corpus of ../shared/bench/ (gen_corpus.py --out PEER) with
# Terbuka and with Hugo, alternating ROUNDS times, fresh outputs under WORK,
# and prints each run's CPU (user + sys), wall time and peak RSS.
#
#   scripts/bench-peer.sh TERBUKA_BIN PEER WORK [ROUNDS] [REST_SECONDS]
#
# REST_SECONDS (default 0) is slept after each output is deleted, before the
# next tool starts: right after a multi-GB delete, ext4 spends minutes of
# system time skipping recently freed inodes (`recently_deleted`), which
# lands on whichever tool runs next; 330 s lets both start on a rested disk.
#
# With WARM=1 each tool's input folder is read once right before its run,
# so both start with their content in memory, as in CI right after the
# checkout; without it, each reads whatever the page cache still holds.
set -euo pipefail
bin=$1 peer=$2 work=$3 rounds=${4:-1} rest=${5:-0}
mkdir -p "$work"
run() { # name command...
  local name=$1 log; shift; log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log"; exit 1; }
  awk -v n="$name" -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Elapsed \(wall clock\)/ {w=$2}
    /Maximum resident set size/ {r=$2} END {printf "%-8s CPU %7.1f s (%.1f + %.1f)  wall %s  peak RSS %d MB\n", n, u+s, u, s, w, r/1024}' "$log"
  rm -f "$log"
}
warm() { # folder
  if [ "${WARM:-0}" = 1 ]; then find "$1" -type f -print0 | xargs -0 -P 8 -n 256 cat >/dev/null; fi
}
for _ in $(seq "$rounds"); do
  sleep "$rest"
  warm "$peer/terbuka"
  run terbuka "$bin" build --content "$peer/terbuka/content" --output "$work/terbuka-out"
  rm -rf "$work/terbuka-out" "$work/.terbuka"; sync
  sleep "$rest"
  warm "$peer/hugo"
  run hugo hugo --quiet -s "$peer/hugo" -d "$work/hugo-out"
  rm -rf "$work/hugo-out"; sync
done
