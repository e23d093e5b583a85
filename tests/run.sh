#!/bin/sh
# run.sh: run the unit test binaries named as arguments, then every golden
# case under testdata/, and print one summary line.
#
# A golden case is a directory testdata/CASE/ with a file "cmd" holding the
# arguments of pooltrend (shell words, run from that directory) and the
# expected "stdout", "stderr" and "status".  With UPDATE=1 the expected
# files are rewritten from what the binary prints.  With VALGRIND set to a
# valgrind command line, every binary runs under it.

top=$(pwd)
bin=${POOLTREND:-$top/pooltrend}
pass=0
fail=0
failed=""

for t in "$@"; do
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP $VALGRIND "./$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok ')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# it died before reporting
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -v '^ok '
		failed="$failed $t"
	fi
	echo "$t: $p passed, $f failed"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
g_pass=0
g_fail=0
for dir in "$top"/testdata/*/; do
	case=$(basename "$dir")
	[ -f "$dir/cmd" ] || continue
	args=$(cat "$dir/cmd")
	(cd "$dir" && eval "$VALGRIND \"$bin\" $args" >"$tmp/stdout" \
	    2>"$tmp/stderr" </dev/null; echo $? >"$tmp/status")
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/stdout" "$tmp/stderr" "$tmp/status" "$dir/"
	fi
	ok=1
	for f in stdout stderr status; do
		if ! cmp -s "$dir/$f" "$tmp/$f"; then
			[ $ok = 1 ] && echo "golden $case: FAILED"
			ok=0
			diff -u "$dir/$f" "$tmp/$f" | head -n 20
		fi
	done
	if [ $ok = 1 ]; then
		g_pass=$((g_pass + 1))
	else
		g_fail=$((g_fail + 1))
		failed="$failed golden:$case"
	fi
done
echo "golden: $g_pass passed, $g_fail failed"
pass=$((pass + g_pass))
fail=$((fail + g_fail))

# The docs describe every option: each long option of main.c is in the
# man page, --help and the README, and the man page is lint-clean.
d_pass=0
d_fail=0
for opt in $(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*/\1/p' "$top/src/main.c"); do
	for doc in man readme help; do
		case $doc in
		man)	grep -qF -- "Fl \\-$opt" "$top/man/pooltrend.1" ;;
		readme)	grep -q -- "--$opt" "$top/README.md" ;;
		help)	$VALGRIND "$bin" --help | grep -q -- "--$opt" ;;
		esac
		if [ $? -eq 0 ]; then
			d_pass=$((d_pass + 1))
		else
			echo "docs: --$opt is not in the $doc"
			d_fail=$((d_fail + 1))
			failed="$failed docs:$opt:$doc"
		fi
	done
done
if command -v mandoc >/dev/null 2>&1; then
	if lint=$(mandoc -T lint -W warning "$top/man/pooltrend.1" 2>&1) &&
	    [ -z "$lint" ]; then
		d_pass=$((d_pass + 1))
	else
		echo "docs: mandoc -T lint: $lint"
		d_fail=$((d_fail + 1))
		failed="$failed docs:lint"
	fi
fi
# The README's demo transcript is what the demo prints.
demo_args=$(sed -n 's/^\$ \.\/pooltrend \(--limit .*\)$/\1/p' "$top/README.md")
if [ -n "$demo_args" ] && (cd "$top" && sed -n "/^\\$ \\.\\/pooltrend --limit/,/^\`\`\`/p" \
    README.md | sed '1d;$d' >"$tmp/readme_demo" &&
    ./pooltrend $demo_args >"$tmp/demo" 2>&1; cmp -s "$tmp/readme_demo" \
    "$tmp/demo"); then
	d_pass=$((d_pass + 1))
else
	echo "docs: the README's demo output is not what the demo prints"
	d_fail=$((d_fail + 1))
	failed="$failed docs:readme-demo"
fi
echo "docs: $d_pass passed, $d_fail failed"
pass=$((pass + d_pass))
fail=$((fail + d_fail))
[ -n "$failed" ] && echo "failed:$failed"
echo "check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
