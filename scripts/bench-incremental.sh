#!/usr/bin/env bash
# Incremental builds (docs/incremental.md), measured: for each of RUNS
# rounds, a fresh build (no public/, no cache), a rebuild with no change,
# a rebuild after editing one activity's body (the first one after a fresh
# build also makes the spare generation by hard-linking), a second such
# edit (the steady state: the spare is updated), and a last no-change
# rebuild. Prints CPU (user + system), wall and peak RSS of each, their
# medians, and each step's stage timings (--timings) of the last round.
#
#   scripts/bench-incremental.sh TERBUKA_BIN CONTENT WORK_DIR [RUNS]
#
# CONTENT is edited in place (a sentence appended to one activity per
# edit); WORK_DIR gets public/ and .terbuka/. With REPEAT=N (default 1)
# the steady-state steps (no change, edit) run N times per round. With
# KEEP=1 the site is left in WORK_DIR (deleting 4.5 GB on a loaded ext4
# disk can take longer than the whole benchmark).
set -euo pipefail
bin=$1 content=$2 work=$3 runs=${4:-3}
mkdir -p "$work"
declare -A walls cpus rss
step() { # name
  local name=$1 log; log=$(mktemp)
  /usr/bin/time -v "$bin" build --content "$content" --output "$work/public" --timings >/dev/null 2>"$log" \
    || { cat "$log"; exit 1; }
  local wall cpu kb
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  printf '%-12s run %d: %7.2f s CPU %7.2f s wall %6d MB  | %s\n' "$name" "$k" "$cpu" "$wall" $((kb / 1024)) \
    "$(grep -E '^changes|^nothing' "$log" | head -1)"
  walls[$name]+="$wall " cpus[$name]+="$cpu " rss[$name]+="$((kb / 1024)) "
  grep -E '^  [a-z]+ ' "$log" | tr -s ' ' | sed 's/^ //' | awk '{printf "%s=%s ", $1, $2} END {print ""}' > "$work/timings-$name"
  rm -f "$log"
}
edit() { # n-th activity file
  local f; f=$(find "$content/activities" -name '*.md' | sort | sed -n "${1}p")
  printf '\nKoreksi redaksi %s.\n' "$RANDOM" >> "$f"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
names="fresh no-change edit-first edit no-change-2"
repeat=${REPEAT:-1} n=100
for k in $(seq 1 "$runs"); do
  rm -rf "$work/public" "$work/.terbuka"
  sync
  step fresh
  for _ in $(seq 1 "$repeat"); do step no-change; done
  n=$((n + 1)); edit $n; step edit-first
  for _ in $(seq 1 "$repeat"); do n=$((n + 1)); edit $n; step edit; done
  for _ in $(seq 1 "$repeat"); do step no-change-2; done
done
for name in $names; do
  printf '%-12s median %7s s CPU %7s s wall, peak RSS %s MB; stages (ms, last run): %s\n' "$name" \
    "$(echo "${cpus[$name]}" | median)" "$(echo "${walls[$name]}" | median)" "$(echo "${rss[$name]}" | median)" \
    "$(cat "$work/timings-$name")"
done
rm -f "$work"/timings-*
[ "${KEEP:-0}" = 1 ] || rm -rf "$work/public" "$work/.terbuka"
