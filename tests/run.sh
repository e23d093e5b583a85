#!/bin/sh
# run.sh: run the unit test binaries named as arguments, then every golden
# case under testdata/, the tests at scale and the checks of the docs, and
# print one summary line.
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

# Limits at scale, generated here rather than committed: a million
# distinct tags, a directory of 100,000 snapshot files, and a path longer
# than any fixed buffer.  Too slow under valgrind, so not run there.
l_pass=0
l_fail=0
limit_case() {	# name, expected status, then grep patterns for stdout
	name=$1
	want=$2
	shift 2
	ok=1
	[ "$(cat "$tmp/status")" = "$want" ] || {
		echo "limits $name: status $(cat "$tmp/status"), wanted $want"
		ok=0
	}
	for pat in "$@"; do
		grep -q -- "$pat" "$tmp/stdout" "$tmp/stderr" || {
			echo "limits $name: no line matches '$pat'"
			ok=0
		}
	done
	if [ $ok = 1 ]; then
		l_pass=$((l_pass + 1))
	else
		head -n 20 "$tmp/stdout" "$tmp/stderr"
		l_fail=$((l_fail + 1))
		failed="$failed limits:$name"
	fi
}
if [ -n "$VALGRIND" ]; then
	echo "limits: not run under valgrind"
else
	# A million (tag, type): tags from a 32-letter alphabet, all Paged
	# and flat, but one, "Leak" Nonp, leaking 1000 allocations of
	# 1664 bytes an hour; eight snapshots 4 hours apart.
	awk 'BEGIN {
		d = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
		print "timestamp,tag,type,allocs,frees,diff,bytes"
		for (s = 0; s < 8; s++) {
			ts = sprintf("2026-11-%02dT%02d:00:00", 21 + int(s * 4 / 24),
			    s * 4 % 24)
			for (i = 0; i < 999999; i++)
				printf "%s,%s%s%s%s,Paged,100,90,10,%d\n", ts,
				    substr(d, int(i / 32768) % 32 + 1, 1),
				    substr(d, int(i / 1024) % 32 + 1, 1),
				    substr(d, int(i / 32) % 32 + 1, 1),
				    substr(d, i % 32 + 1, 1), 64 * (1 + i % 7)
			printf "%s,Leak,Nonp,%d,1000,%d,%d\n", ts, 2000 + s * 4000,
			    1000 + s * 4000, (1000 + s * 4000) * 1664
		}
	}' >"$tmp/million.csv"
	"$bin" "$tmp/million.csv" >"$tmp/stdout" 2>"$tmp/stderr"
	echo $? >"$tmp/status"
	limit_case million-tags 1 \
	    "1000000 tags (tag and pool type), 8000000 rows" \
	    "8000001 lines read: 8000000 row lines, 1 structure, 0 skipped" \
	    "TAGS: 1 leak, 0 suspect, 999999 stable" \
	    "1 Leak   Nonp  leak         +1.59 MB/h .* +1000.0   1664 B"
	{ "$bin" -f json "$tmp/million.csv" 2>"$tmp/stderr"
	    echo $? >"$tmp/status"; } | grep -c '^      "rank": ' >"$tmp/stdout"
	limit_case million-tags-json 1 "^1000000$"
	rm -f "$tmp/million.csv"

	# 100,000 files, one poolmon snapshot each, a minute apart with the
	# time in the name, over 69 days and three months.
	mkdir "$tmp/snaps"
	(cd "$tmp/snaps" && awk 'BEGIN {
		for (i = 0; i < 100000; i++) {
			d = int(i / 1440)
			if (d < 30)
				ymd = sprintf("202611%02d", d + 1)
			else if (d < 61)
				ymd = sprintf("202612%02d", d - 29)
			else
				ymd = sprintf("202701%02d", d - 60)
			f = sprintf("poolsnap_%s_%02d%02d00.log", ymd,
			    int(i / 60) % 24, i % 60)
			printf " Tag  Type     Allocs     Frees     Diff   " \
			    "Bytes    Per Alloc\n\n" > f
			printf " Toke Paged %10d %9d %8d %9d %8d\n", 2000 + i,
			    1000, 1000 + i, (1000 + i) * 1664, 1664 > f
			printf " Flat Nonp %10d %9d %8d %9d %8d\n", 5000 + i,
			    4000 + i, 1000, 64000, 64 > f
			close(f)
		}
	}')
	"$bin" "$tmp/snaps" >"$tmp/stdout" 2>"$tmp/stderr"
	echo $? >"$tmp/status"
	limit_case 100000-files 1 "100000 files, 100000 snapshots from 2026-11-01T00:00:00 to 2027-01-09T10:39:00" \
	    "2 tags (tag and pool type), 200000 rows, 1 boot segment" \
	    "400000 lines read: 200000 row lines, 200000 structure, 0 skipped" \
	    "1 Toke   Paged leak         +97.5 KB/h .* +60.0     1664 B"
	rm -rf "$tmp/snaps"

	# A path of 330 bytes comes through whole in a message.
	long="$tmp/$(printf 'a%.0s' $(seq 1 100))/$(printf 'b%.0s' \
	    $(seq 1 100))/$(printf 'c%.0s' $(seq 1 100))"
	mkdir -p "$long"
	printf 'timestamp,tag,type,allocs,frees,diff,bytes\n' >"$long/x.csv"
	printf '2026-11-21T00:00:00,Toke,Paged,1,0,1,zz\n' >>"$long/x.csv"
	"$bin" -S "$long/x.csv" >"$tmp/stdout" 2>"$tmp/stderr"
	echo $? >"$tmp/status"
	limit_case long-path 2 "^pooltrend: $long/x.csv:2: "
fi
echo "limits: $l_pass passed, $l_fail failed"
pass=$((pass + l_pass))
fail=$((fail + l_fail))

# A report does not depend on the number of threads: the golden fleet
# cases (text and JSON) and all 246 tags of the demo log with one job,
# three and eight (more than the hosts); and docs/fleet.md shows the
# fleet's text as it is.
j_pass=0
j_fail=0
for j in 1 3 8; do
	for c in fleet fleet-json all-tags; do
		(cd "$top/testdata/$c" && eval "$VALGRIND \"$bin\" -j $j \
		    $(cat cmd)" >"$tmp/jobs" 2>&1 </dev/null)
		if cmp -s "$tmp/jobs" "$top/testdata/$c/stdout"; then
			j_pass=$((j_pass + 1))
		else
			echo "jobs: $c with -j $j differs from its golden output"
			j_fail=$((j_fail + 1))
			failed="$failed jobs:$c:$j"
		fi
	done
done
sed -n '/^HOST HOURS/,/^web2 Irp/p' "$top/docs/fleet.md" >"$tmp/page"
if [ -s "$tmp/page" ] &&
    sed -n '/^HOST HOURS/,/^web2 Irp/p' "$top/testdata/fleet/stdout" |
    cmp -s - "$tmp/page"; then
	j_pass=$((j_pass + 1))
else
	echo "jobs: docs/fleet.md does not show the fleet's text as it is"
	j_fail=$((j_fail + 1))
	failed="$failed jobs:fleet.md"
fi
echo "jobs: $j_pass passed, $j_fail failed"
pass=$((pass + j_pass))
fail=$((fail + j_fail))

# The contract: the JSON of every golden case that makes a report
# validates against the published schema, with a real validator; so do the
# NDJSON records; the CSV rows have the header's fields; the JUnit XML is
# well-formed.  Not under valgrind (the golden cases ran there already).
c_pass=0
c_fail=0
if [ -z "$VALGRIND" ]; then
	mkdir "$tmp/contract"
	for dir in "$top"/testdata/*/; do
		case=$(basename "$dir")
		[ -f "$dir/cmd" ] && [ "$(cat "$dir/status")" != 2 ] || continue
		args=$(cat "$dir/cmd")
		# not the cases that are scripts or write files
		case " $args " in
		*";"*|*"|"*|*" -o "*|*" -h "*|*" --help "*) continue ;;
		esac
		for f in json ndjson csv junit; do
			(cd "$dir" && eval "\"$bin\" $args -f $f" \
			    >"$tmp/contract/$case.$f" 2>/dev/null </dev/null)
		done
		if xmllint --noout "$tmp/contract/$case.junit" 2>"$tmp/xml"; then
			c_pass=$((c_pass + 1))
		else
			echo "contract $case.junit: $(head -n 1 "$tmp/xml")"
			c_fail=$((c_fail + 1))
			failed="$failed contract:$case.junit"
		fi
	done
	out=$(/usr/bin/python3 "$top/tests/contract.py" \
	    "$top/docs/pooltrend.schema.json" "$tmp/contract")
	printf '%s\n' "$out" | grep -v '^contract: '
	p=$(printf '%s\n' "$out" | sed -n 's/^contract: \([0-9]*\) passed.*/\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^contract: .* \([0-9]*\) failed$/\1/p')
	c_pass=$((c_pass + ${p:-0}))
	c_fail=$((c_fail + ${f:-1}))
	[ "${f:-1}" -eq 0 ] || failed="$failed contract:schema"
fi
# The CI example of docs/ci.md runs as written, on testdata/ci-gate/: it
# fails the gate, its JUnit XML names the two failing tags, the text ends
# as the page shows, and the next baseline it writes is valid.
if [ -z "$VALGRIND" ]; then
	mkdir "$tmp/ci"
	cp "$top"/testdata/ci-gate/soak.csv "$top"/testdata/ci-gate/baseline.json \
	    "$top"/testdata/ci-gate/soak-ignore.txt "$tmp/ci/"
	sed -n '/^```sh$/,/^```$/p' "$top/docs/ci.md" | sed '1d;$d' \
	    >"$tmp/ci/soak-gate.sh"
	sed -n '/^GATE: /,/^```$/p' "$top/docs/ci.md" | sed '$d' >"$tmp/ci/want"
	(cd "$tmp/ci" && PATH="$(dirname "$bin"):$PATH" sh soak-gate.sh \
	    >out 2>err; echo $? >status)
	if [ "$(cat "$tmp/ci/status")" = 1 ] && [ ! -s "$tmp/ci/err" ] &&
	    xmllint --noout "$tmp/ci/pooltrend-junit.xml" &&
	    grep -q '<testsuites name="pooltrend" tests="6" failures="2"' \
	    "$tmp/ci/pooltrend-junit.xml" &&
	    sed -n '/^GATE: /,$p' "$tmp/ci/out" | cmp -s - "$tmp/ci/want" &&
	    /usr/bin/python3 "$top/tests/contract.py" \
	    "$top/docs/pooltrend.schema.json" "$tmp/ci" >/dev/null; then
		c_pass=$((c_pass + 1))
	else
		echo "contract: the CI example of docs/ci.md does not run as shown"
		cat "$tmp/ci/err"
		c_fail=$((c_fail + 1))
		failed="$failed contract:ci-example"
	fi
fi
echo "contract: $c_pass passed, $c_fail failed"
pass=$((pass + c_pass))
fail=$((fail + c_fail))

# --color=auto on a terminal (script(1) gives the run one): colour, unless
# NO_COLOR is set and not empty, TERM is dumb, or the report goes to -o.
t_pass=0
t_fail=0
if [ -z "$VALGRIND" ] && command -v script >/dev/null 2>&1; then
	esc=$(printf '\033')
	for want in "1 -u NO_COLOR TERM=xterm" "0 TERM=xterm NO_COLOR=1" \
	    "1 TERM=xterm NO_COLOR=" "0 -u NO_COLOR TERM=dumb" \
	    "0 -u NO_COLOR TERM=xterm -o $tmp/tty.txt"; do
		n=${want%% *}
		set -- ${want#* }
		if [ "$4" = -o ]; then
			env -u NO_COLOR TERM=xterm script -qec "'$bin' -o '$5' \
			    '$top/testdata/demo/poolsnap.log'" /dev/null \
			    >/dev/null 2>&1
			got=$(grep -c "$esc" "$5")
		else
			got=$(env "$@" script -qec "'$bin' \
			    '$top/testdata/demo/poolsnap.log'" /dev/null 2>&1 |
			    grep -c "$esc")
		fi
		if { [ "$n" = 1 ] && [ "$got" -gt 0 ]; } ||
		    { [ "$n" = 0 ] && [ "$got" -eq 0 ]; }; then
			t_pass=$((t_pass + 1))
		else
			echo "terminal: colour with '$want' is not as wanted"
			t_fail=$((t_fail + 1))
			failed="$failed terminal:$want"
		fi
	done
fi
echo "terminal: $t_pass passed, $t_fail failed"
pass=$((pass + t_pass))
fail=$((fail + t_fail))

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
# The bundled demo log is what make samples generates.
gen_args=$(sed -n 's|^	tools/poolgen \(.*\) > testdata/demo/poolsnap.log$|\1|p' \
    "$top/Makefile")
if [ -n "$gen_args" ] && "$top/tools/poolgen" $gen_args |
    cmp -s - "$top/testdata/demo/poolsnap.log"; then
	d_pass=$((d_pass + 1))
else
	echo "docs: testdata/demo/poolsnap.log is not what make samples writes"
	d_fail=$((d_fail + 1))
	failed="$failed docs:samples"
fi
echo "docs: $d_pass passed, $d_fail failed"
pass=$((pass + d_pass))
fail=$((fail + d_fail))
[ -n "$failed" ] && echo "failed:$failed"
echo "check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
