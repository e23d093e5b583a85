#!/bin/sh
# run.sh: run docs/fleet.md as written on a generated fleet, with the
# pooltrend just built first on PATH, and compare the queries' rows with
# what the page shows; then check that the fleet compared in one run
# (--host-from dir) finds what DuckDB found.  Prints one summary line.
set -u
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$top/tests/fleet/make-hosts.sh" "$tmp/hosts"
sed -n '/^```sh$/,/^```$/p' "$top/docs/fleet.md" | sed '1d;$d' >"$tmp/fleet.sh"
sed -n '/^Toke paged/,/^```$/p' "$top/docs/fleet.md" | sed '$d' >"$tmp/want"
fail=0
if ! (cd "$tmp" && PATH="$top:$PATH" sh fleet.sh); then
	echo "fleet: fleet.sh failed"
	fail=1
elif [ "$(ls "$tmp/findings" | wc -l)" -ne 4 ]; then
	echo "fleet: expected 4 NDJSON files"
	fail=1
elif ! node "$top/tests/fleet/query.mjs" "$tmp" "$top/docs/fleet.md" \
    >"$tmp/got" 2>"$tmp/err"; then
	echo "fleet: the queries failed:"
	cat "$tmp/err"
	fail=1
elif ! cmp -s "$tmp/want" "$tmp/got"; then
	echo "fleet: the queries' rows are not what docs/fleet.md shows:"
	diff -u "$tmp/want" "$tmp/got"
	fail=1
fi
pass=$((1 - fail))
# The same fleet in one run: its JSON's comparison, in the queries' form.
(cd "$tmp" && "$top/pooltrend" --host-from dir -f json -o fleet.json \
    hosts/*/; echo $? >status)
if [ "$(cat "$tmp/status")" = 1 ] && /usr/bin/python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))["fleet"]
for t in f["several_hosts"]:
    print(t["tag"], t["type"], t["hosts_leaking"], " ".join(t["hosts"]),
          round(t["median_slope_bytes_per_hour"] / 1024, 1))
for o in f["out_of_line"]:
    print(o["host"], o["tag"], o["type"],
          round(o["slope_bytes_per_hour"] / 1024, 1), o["flat_peers"])
' "$tmp/fleet.json" >"$tmp/one-run" && cmp -s "$tmp/want" "$tmp/one-run"; then
	pass=$((pass + 1))
else
	echo "fleet: --host-from dir does not find what DuckDB found:"
	diff -u "$tmp/want" "$tmp/one-run"
	fail=$((fail + 1))
fi
echo "fleet: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
