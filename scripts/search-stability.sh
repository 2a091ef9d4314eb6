#!/usr/bin/env bash
# How many search index files change (and so must be written and uploaded by an incremental build
# and `rclone sync`/`aws s3 sync`) when one activity's body is edited, and when one activity is added
# as the newest, at N activities. Index files carry content hashes in their names, so a file is
# "written" when its path is new or its bytes differ. Figures: docs/search.md, "Stability".
#
# Usage: scripts/search-stability.sh [WORKDIR] [N]   (default /tmp/terbuka-stability 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/terbuka-stability}"
n="${2:-100000}"
bin=target/release/examples/search_index
mkdir -p "$work"
cargo build --release --example search_index
c="$work/content-$n"
[ -f "$c/site.yaml" ] || cargo xtask gen-corpus --activities "$n" --out "$c" --force
rm -rf "$work/before" "$work/edit" "$work/add"
$bin "$c" "$work/before" > /dev/null
f="$c/activities/2024/$(ls "$c/activities/2024" | sed -n 500p)"
cp "$f" "$work/edited.orig"
printf '\nWarga menyambut baik pertemuan ini dan berharap dialog berlanjut.\n' >> "$f"
$bin "$c" "$work/edit" > /dev/null
cp "$work/edited.orig" "$f"
new="$c/activities/2026/zz-kegiatan-baru-uji.md"
mkdir -p "$(dirname "$new")"
sed -E -e 's/^date: "[0-9-]+"/date: "2026-11-30"/' -e "/^(start|end):/d" -e "s/^(    published:) .*/\1 \"2026-11-30\"/" "$work/edited.orig" > "$new"
$bin "$c" "$work/add" > /dev/null
rm -f "$new"; rmdir "$(dirname "$new")" 2>/dev/null || true
python3 - "$work/before/cari/indeks" "$work/edit/cari/indeks" "$work/add/cari/indeks" <<'PY'
import collections, hashlib, os, sys
def snap(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, d)] = hashlib.sha1(open(p, 'rb').read()).hexdigest()
    return out
before = snap(sys.argv[1])
for label, d in (("edit one body", sys.argv[2]), ("add one (newest)", sys.argv[3])):
    after = snap(d)
    written = [p for p in after if before.get(p) != after[p]]
    removed = [p for p in before if p not in after]
    by = collections.Counter(p.split('/')[0] if '/' in p else 'manifest' for p in written)
    size = sum(os.path.getsize(os.path.join(d, p)) for p in written)
    print(f"{label}: {len(written)} of {len(after)} files written ({size / 1e6:.2f} MB), {len(removed)} removed;",
          f"by folder: {dict(sorted(by.items()))}")
PY
rm -rf "$work/before" "$work/edit" "$work/add"
