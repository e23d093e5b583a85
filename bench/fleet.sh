#!/bin/sh
# fleet.sh [HOSTS]: the fleet in one run, one job against one a processor.
# Generates HOSTS hosts (default 16) under bench/fleet/, each a poolmon log
# of 1000 five-minute snapshots of 406 tags (tools/poolgen, seeded by the
# host's number; every fourth host without leaks), then times
# pooltrend --host-from dir with -j 1 and with -j "$(nproc)", three runs
# each, with /usr/bin/time: wall seconds, CPU seconds and peak memory.
set -eu
n=${1:-16}
dir=bench/fleet
if [ "$(ls "$dir" 2>/dev/null | wc -l)" -ne "$n" ]; then
	rm -rf "$dir"
	i=1
	while [ "$i" -le "$n" ]; do
		h=$(printf 'h%03d' "$i")
		mkdir -p "$dir/$h"
		flat=
		[ $((i % 4)) -eq 0 ] && flat=-x
		tools/poolgen -n 1000 -q 400 -S "$i" $flat >"$dir/$h/pool.log"
		i=$((i + 1))
	done
fi
echo "fleet: $n hosts, $(du -sh "$dir" | cut -f1) of poolmon logs, $(nproc) processors"
for j in 1 "$(nproc)"; do
	k=1
	while [ "$k" -le 3 ]; do
		/usr/bin/time -f "-j $j: %e s wall, %U s user, %M KB peak" \
		    ./pooltrend --host-from dir -j "$j" -o /dev/null "$dir"/*/ ||
		    [ $? -eq 1 ]
		k=$((k + 1))
	done
done
