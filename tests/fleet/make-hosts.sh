#!/bin/sh
# make-hosts.sh DIR: a small fleet of four hosts, one directory each with a
# long CSV of 36 hourly snapshots.  Toke leaks on web1, web2 and web3 (the
# same driver everywhere); Irp leaks on web2 only, flat on its peers; Flat
# is flat everywhere; db1 has no leak at all.
set -eu
mkdir -p "$1"
for host in web1 web2 web3 db1; do
	mkdir -p "$1/$host"
	awk -v host="$host" 'BEGIN {
		toke = host == "db1" ? 0 : host == "web1" ? 40000 : \
		    host == "web2" ? 60000 : 80000
		irp = host == "web2" ? 30000 : 0
		print "timestamp,tag,type,allocs,frees,diff,bytes"
		for (h = 0; h <= 36; h++) {
			ts = sprintf("2026-11-%02dT%02d:00:00", 17 + int(h / 24),
			    h % 24)
			n = (h * 37 + length(host)) % 11
			d = 1000 + int(toke * h / 1664)
			printf "%s,Toke,Paged,%d,%d,%d,%d\n", ts, 5000 + 40 * h + d,
			    5000 + 40 * h, d, d * 1664 + n * 64
			d = 800 + int(irp * h / 512)
			printf "%s,Irp,Nonp,%d,%d,%d,%d\n", ts, 9000 + 90 * h + d,
			    9000 + 90 * h, d, d * 512 + n * 32
			d = 3000 + (n % 3)
			printf "%s,Flat,Nonp,%d,%d,%d,%d\n", ts, 90000 + 70 * h + d,
			    90000 + 70 * h, d, d * 256
		}
	}' >"$1/$host/pool.csv"
done
