#!/usr/bin/env bash
# Seeds both fuzz targets' corpora with every content file of the seed
# content and the test fixtures, each prefixed with the byte that picks its
# role (the order of `ROLES` in fuzz/src/lib.rs).
set -euo pipefail
cd "$(dirname "$0")"
for target in record check; do mkdir -p "corpus/$target"; done
role_of() {
  case "$1" in
    */site.yaml) echo 0 ;;
    */regions.yaml) echo 1 ;;
    */topics.yaml) echo 2 ;;
    */agencies/*.yaml) echo 3 ;;
    */people/*.yaml) echo 4 ;;
    */ormas/*.md) echo 5 ;;
    */activities/*.md) echo 6 ;;
    */partnerships/*.md) echo 7 ;;
    *) echo "" ;;
  esac
}
n=0
while IFS= read -r -d '' file; do
  role=$(role_of "$file")
  [ -n "$role" ] || continue
  name="seed-$(printf '%s' "$file" | sha1sum | cut -c1-16)"
  for target in record check; do
    { printf "\\x0$role"; cat "$file"; } > "corpus/$target/$name"
  done
  n=$((n + 1))
done < <(find ../content ../tests/fixtures -type f \( -name '*.md' -o -name '*.yaml' \) -print0)
echo "seeded $n files into fuzz/corpus/{record,check}"
