#!/bin/bash
# 1M verification for issue-17c (memory). Runs under flock /work/notes/big.lock.
set -x
BIN=/tmp/terbuka-17c-final
date -u
df -h /work /work/bigfs
rm -rf /work/big1m /work/bigfs/o1m-17c
/usr/bin/time -v /work/wt17c/target/release/xtask gen-corpus --activities 1000000 --out /work/big1m 2>&1 | tail -25
date -u
df -h /work /work/bigfs
/usr/bin/time -v $BIN build --content /work/big1m --output /work/bigfs/o1m-17c --timings > /tmp/run1m-17c.build.log 2>&1
echo "build exit $?"
grep -A12 "^built" /tmp/run1m-17c.build.log
tail -25 /tmp/run1m-17c.build.log
date -u
df -h /work /work/bigfs
du -sh --apparent-size /work/bigfs/o1m-17c 2>/dev/null
rm -rf /work/bigfs/o1m-17c /work/big1m
df -h /work /work/bigfs
date -u
