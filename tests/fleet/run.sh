#!/bin/sh
# run.sh: run docs/fleet.md as written on a generated fleet, with the
# pooltrend just built first on PATH, and compare the queries' rows with
# what the page shows.  Prints one summary line.
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
echo "fleet: $((1 - fail)) passed, $fail failed"
exit $fail
