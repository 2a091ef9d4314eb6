#!/usr/bin/env bash
# One edited activity, rebuilt with the build cache (issue 17's first
# target): builds CONTENT into OUT once (fresh, no cache), then ROUNDS times
# appends a sentence to the body of a different activity, waits 5 s (a file
# modified within 3 s of a build is read again, as git treats racily clean
# files) and rebuilds with `--timings`. Prints each round's wall time, CPU
# time (user + system), peak RSS, the stage times and what each stage
# carried over, then the medians.
#
#   scripts/bench-edit.sh BIN CONTENT OUT [ROUNDS]
#
# CONTENT is edited in place: use a generated corpus
# (`xtask gen-corpus --activities N --out DIR`), not real content.
set -euo pipefail
bin=$1 content=$2 out=$3 rounds=${4:-3}
rm -rf "$out" "$(dirname "$out")/.terbuka"
measure() { # label, then the build's arguments
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o /tmp/bench-edit.time "$bin" build --content "$content" --output "$out" "$@" \
    2>/tmp/bench-edit.err >/dev/null
  read -r wall user sys rss </tmp/bench-edit.time
  cpu=$(echo "$user + $sys" | bc)
  printf '%-8s %7.2f s wall %7.2f s CPU %6d MB\n' "$label" "$wall" "$cpu" $((rss / 1024))
  grep -E '^  [a-z]+ +[0-9.]+ ms|carried over' /tmp/bench-edit.err | sed 's/^/         /' || true
  echo "$wall $cpu $((rss / 1024))" >>/tmp/bench-edit.rounds
}
: >/tmp/bench-edit.rounds
measure fresh
: >/tmp/bench-edit.rounds
mapfile -t files < <(find "$content/activities" -name '*.md' | sort | awk 'NR % 997 == 0' | head -n "$rounds")
for i in "${!files[@]}"; do
  echo "Koreksi: jumlah peserta diperbarui." >>"${files[$i]}"
  sleep 5
  measure "edit $((i + 1))" --timings
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo "edit: median $(cut -d' ' -f1 /tmp/bench-edit.rounds | median) s wall," \
  "$(cut -d' ' -f2 /tmp/bench-edit.rounds | median) s CPU, peak RSS $(cut -d' ' -f3 /tmp/bench-edit.rounds | median) MB"
