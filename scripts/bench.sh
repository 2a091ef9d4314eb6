#!/usr/bin/env bash
# Build benchmark (issue 6). For each size it generates a corpus (once,
# reused: generation is deterministic), builds it RUNS times and prints the
# median wall and CPU time, peak RSS, output size and file count and the
# time per stage; then the save-to-served time of one edited record
# (examples/serve_bench.rs) and, when `hugo` is installed, the same
# activities built by Hugo with a minimal equivalent site and the ratio.
#
# Usage: scripts/bench.sh [SIZES...]   (default: 1000 10000 100000)
# Env:   WORK (default /tmp/terbuka-bench), RUNS (default 3), HUGO=0 to skip Hugo.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WORK:-/tmp/terbuka-bench}"; runs="${RUNS:-3}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
mkdir -p "$work"
cargo build --release --quiet --bin terbuka --example serve_bench
bin=target/release/terbuka
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(uname -sr)"
for n in "${sizes[@]}"; do
  content="$work/content-$n"
  [ -f "$content/site.yaml" ] || cargo xtask gen-corpus --activities "$n" --out "$content" --force
  walls=(); cpus=(); rss=(); stages=""
  for r in $(seq "$runs"); do
    rm -rf "$work/public-$n"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" build --content "$content" --output "$work/public-$n" --timings 2> "$work/log"
    read -r wall user sys kb < "$work/time"
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)"); rss+=("$kb")
    stages=$(grep -E '^  [a-z]+ +[0-9.]+ ms' "$work/log" | awk '{printf "%s=%.0fms ", $1, $2}')
  done
  files=$(find "$work/public-$n" -type f | wc -l); size=$(du -sm "$work/public-$n" | cut -f1)
  wall=$(printf '%s\n' "${walls[@]}" | median); cpu=$(printf '%s\n' "${cpus[@]}" | median)
  peak=$(printf '%s\n' "${rss[@]}" | median)
  echo "terbuka $n activities: wall ${wall}s (runs: ${walls[*]}), cpu ${cpu}s, peak RSS $((peak / 1024)) MB, output ${size} MB in ${files} files"
  echo "  stages (last run): $stages"
  # Its served copy goes under WORK too (not /tmp, which may be disk).
  TMPDIR="$work" target/release/examples/serve_bench "$content" 3 2>&1 | grep -iE "median|served" | sed 's/^/  edit: /' || true

  if [ "${HUGO:-1}" != 0 ] && command -v hugo >/dev/null; then
    site="$work/hugo-$n"; rm -rf "$site"; mkdir -p "$site/content/kegiatan" "$site/layouts/_default"
    cp -r "$content"/activities/* "$site/content/kegiatan/"
    cat > "$site/config.yaml" <<'YAML'
baseURL: https://example.go.id/
languageCode: id
disableKinds: [RSS]
taxonomies: {organizer: organizers, topic: topics}
YAML
    printf '<html lang="id"><body><h1>{{ .Title }}</h1><p>{{ .Date }}</p>{{ .Content }}<ul>{{ range .Params.organizers }}<li>{{ . }}</li>{{ end }}</ul></body></html>\n' > "$site/layouts/_default/single.html"
    printf '<html><body><h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n' > "$site/layouts/_default/list.html"
    /usr/bin/time -f "%e %M" -o "$work/htime" hugo --quiet -s "$site" -d "$work/hugo-public-$n" >/dev/null 2>&1 || echo "  hugo failed"
    read -r hwall hkb < "$work/htime"
    echo "  hugo $n activities: wall ${hwall}s, peak RSS $((hkb / 1024)) MB; terbuka is $(echo "scale=1; $hwall / $wall" | bc)x faster"
  fi
done
