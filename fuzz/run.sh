#!/usr/bin/env bash
# Builds and runs both fuzz targets for SECONDS each (default 60), one
# after the other on one core, seeded with content/ and the test fixtures.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); runs on the stable
# toolchain through RUSTC_BOOTSTRAP, which lets cargo-fuzz pass the
# sanitizer flags. A crash stops the run with exit 1 and leaves the input
# in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1 RAYON_NUM_THREADS=1
flags=(-O -a --codegen-units 16)
fuzz/seed.sh
cargo fuzz build "${flags[@]}"
for target in record check; do
  echo "fuzzing $target for ${seconds}s"
  log="fuzz/artifacts/$target.log"
  mkdir -p fuzz/artifacts
  status=0
  cargo fuzz run "${flags[@]}" "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    > "$log" 2>&1 || status=$?
  grep -E "^stat::(number_of_executed_units|new_units_added)|SUMMARY|panicked" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
    exit 1
  fi
done
