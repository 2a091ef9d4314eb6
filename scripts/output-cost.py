#!/usr/bin/env python3
"""What each output family of a built site costs: files and bytes, in total
and per activity. Usage: scripts/output-cost.py PUBLIC ACTIVITIES

Prints a Markdown table (issue 17: lean output). Families are recognised by
path; anything unrecognised is listed as `other` so nothing is missed."""
import os
import re
import sys
from collections import defaultdict

RECORD_SECTIONS = ("ormas", "instansi", "tokoh", "kemitraan", "wilayah", "topik")


def family(rel):
    parts = rel.split("/")
    top = parts[0]
    if top == "kegiatan":
        if len(parts) == 2 and rel.endswith(".json"):
            return "per-record JSON: activities"
        if len(parts) == 3 and parts[2] == "index.html" and parts[1] not in ("tahun", "jenis", "halaman"):
            return "activity pages"
        return "activity lists (/kegiatan/ pages, years, kinds)"
    if top == "data":
        if rel.startswith("data/kegiatan/") or rel.startswith("data/dataset"):
            return "dataset (JSON)"
        if rel.endswith(".csv") or rel.endswith(".csv.gz"):
            return "CSVs"
        if rel.endswith(".ics"):
            return "calendar"
        return "other data (/data/ page, 360Giving, schema)"
    if top == "cari":
        return "search page and index"
    if rel.startswith("sitemap"):
        return "sitemaps"
    if rel.endswith("feed.xml"):
        return "feeds"
    if top in RECORD_SECTIONS:
        if len(parts) == 2 and rel.endswith(".json"):
            return "per-record JSON: other records"
        return "record pages and their lists (ormas, agencies, officials, regions, topics, partnerships)"
    if top in ("assets", "admin", "schema", "jaringan", "kualitas-data", "ppid"):
        return "assets, editor, schemas, network, quality, PPID"
    return "home, 404, robots, headers"


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    folders, fullest = 0, (0, "")
    files = defaultdict(int)
    size = defaultdict(int)
    largest = defaultdict(lambda: (0, ""))
    for dirpath, dirs, names in os.walk(root):
        if os.path.relpath(dirpath, root) != ".":
            folders += 1
            if len(dirs) + len(names) > fullest[0]:
                fullest = (len(dirs) + len(names), os.path.relpath(dirpath, root))
        for name in names:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if rel.startswith(".terbuka/"):
                continue
            f = family(rel)
            b = os.path.getsize(path)
            files[f] += 1
            size[f] += b
            if b > largest[f][0]:
                largest[f] = (b, rel)
    total_f, total_b = sum(files.values()), sum(size.values())
    print(f"| family | files | files/activity | bytes | bytes/activity | largest file |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for f in sorted(size, key=lambda k: -size[k]):
        b, rel = largest[f]
        print(f"| {f} | {files[f]:,} | {files[f]/n:.3f} | {size[f]/1e6:,.1f} MB | {size[f]/n/1e3:,.2f} kB | {rel} ({b/1e6:,.2f} MB) |")
    print(f"| **total** | **{total_f:,}** | **{total_f/n:.3f}** | **{total_b/1e6:,.1f} MB** | **{total_b/n/1e3:,.2f} kB** | |")
    big = max(largest.values())
    print()
    print(f"folders: {folders:,} ({(total_f + folders)/n:.3f} files and folders per activity); "
          f"fullest folder: {fullest[1]}/ with {fullest[0]:,} entries; largest file: {big[1]} ({big[0]:,} bytes)")


if __name__ == "__main__":
    main()
