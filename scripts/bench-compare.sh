#!/usr/bin/env bash
# Builds one content folder with two terbuka binaries, alternating, RUNS
# times each, and prints each run's wall time, CPU time and peak RSS, and
# the medians (CPU time is the steadier figure when other work shares the
# machine):
# the way to compare a change against the commit before it on a shared,
# noisy machine (quote the ratio of medians).
#
#   scripts/bench-compare.sh OLD_BIN NEW_BIN CONTENT OUT_DIR [RUNS] [rebuild]
#
# With `rebuild`, each binary builds into an output folder it already
# built once (the rebuild-in-place case); otherwise every run starts fresh.
set -euo pipefail
old=$1 new=$2 content=$3 out=$4 runs=${5:-3} mode=${6:-fresh}
mkdir -p "$out"
declare -A walls rss cpus
run() { # name bin
  local name=$1 bin=$2 dest="$out/$1"
  # A fresh run starts without the output and without the build cache
  # beside it (`OUT_DIR/.terbuka`, shared by both binaries' outputs).
  [ "$mode" = rebuild ] || rm -rf "$dest" "$out/.terbuka"
  local log; log=$(mktemp)
  /usr/bin/time -v "$bin" build --content "$content" --output "$dest" >/dev/null 2>"$log" || { cat "$log"; exit 1; }
  local wall kb
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
  rm -f "$log"
  printf '%-4s run %d: %6.2f s wall  %6.2f s CPU  %6d MB\n' "$name" "$k" "$wall" "$cpu" $((kb / 1024))
  walls[$name]+="$wall "
  cpus[$name]+="$cpu "
  rss[$name]+="$((kb / 1024)) "
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
if [ "$mode" = rebuild ]; then
  "$old" build --content "$content" --output "$out/old" >/dev/null 2>&1
  "$new" build --content "$content" --output "$out/new" >/dev/null 2>&1
fi
for k in $(seq 1 "$runs"); do
  run old "$old"
  run new "$new"
done
for name in old new; do
  printf '%s: median %s s wall, %s s CPU (user + system), peak RSS %s MB\n' "$name" \
    "$(echo "${walls[$name]}" | median)" "$(echo "${cpus[$name]}" | median)" "$(echo "${rss[$name]}" | median)"
done
rm -rf "$out/old" "$out/new"
