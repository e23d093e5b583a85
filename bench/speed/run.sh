#!/bin/sh
# Speed benchmark: how fast pooltrend reads a long log, next to other tools
# computing the same kind of answer (the least-squares slope of bytes
# against time for each tag and pool type) over the same CSV file.
#
#   sh bench/speed/run.sh [SCALE...]
#
# Run from the repository root after `make pooltrend tools/poolgen`. Each
# SCALE multiplies the default of 5400 snapshots (3000 series each, 16.2
# million rows, about 0.9 GB of CSV): `0.1 1 4` runs 540, 5400 and 21600
# snapshots; the default is 1.
#
# For each scale it writes the log as long CSV and as poolmon text into
# bench/speed/data/ (kept for the next run), times each method, checks that
# the peers' slopes agree with each other, and prints a table; at the end a
# summary of pooltrend at each scale. Exits 1 when the peers disagree or a
# run fails, 2 when the benchmark cannot run at all.
#
# Environment: BENCH_RUNS, runs of each timed command (default 3).

set -u

# Paths are relative to the repository root, two levels above this file.
cd "$(dirname "$0")/../.." || exit 2
bench=bench/speed
data=$bench/data

default_snapshots=5400
series_opts="-q 2994 -i 1 -w 64"       # 3000 series, one minute apart
runs=${BENCH_RUNS:-3}
duckdb_version=1.5.6-r.1               # as pinned in package.json

# Bytes a snapshot takes in each file, a little over what poolgen writes,
# to check the free space before generating.
csv_bytes_per_snapshot=180000
text_bytes_per_snapshot=340000
spare_kb=$((2 * 1024 * 1024))          # 2 GB kept free

status=0                                # 1 after a failure
failures=""

say() { printf '%s\n' "$*"; }
warn() { printf 'bench: %s\n' "$*" >&2; }
fail() {
	warn "$*"
	failures="$failures
  $*"
	status=1
}

# ---------------------------------------------------------------- checks

[ -x ./pooltrend ] || { warn "./pooltrend missing: run make pooltrend"; exit 2; }
[ -x ./tools/poolgen ] || { warn "./tools/poolgen missing: run make tools/poolgen"; exit 2; }
# Every timed command writes to /dev/null: it must be the device, not a
# file on disk.
[ -c /dev/null ] || { warn "/dev/null is not the null device"; exit 2; }

case $runs in
'' | *[!0-9]* | 0) warn "BENCH_RUNS must be a positive number"; exit 2 ;;
esac

# Snapshot counts for the scales given, checked before anything is done.
[ $# -gt 0 ] || set -- 1
scales=""
for scale in "$@"; do
	snaps=$(printf '%s\n' "$scale" | awk -v d="$default_snapshots" '
	    /^([0-9]+\.?[0-9]*|\.[0-9]+)$/ { printf "%d\n", $1 * d + 0.5; exit }
	    { print "bad"; exit }')
	if [ "$snaps" = bad ]; then
		warn "scale $scale: not a number"
		exit 2
	fi
	if [ "$snaps" -lt 4 ]; then
		warn "scale $scale: $snaps snapshots, too few for two boots (need 4)"
		exit 2
	fi
	scales="$scales $scale:$snaps"
done

# ---------------------------------------------------------------- tools

# A Python with pandas: python3 first, then Debian's own, where
# python3-pandas installs.
find_python() {
	for py in python3 /usr/bin/python3; do
		if "$py" -c 'import numpy, pandas' >/dev/null 2>&1; then
			python=$py
			return 0
		fi
	done
	return 1
}

python=""
need=""
command -v gawk >/dev/null 2>&1 || need="$need gawk"
command -v mawk >/dev/null 2>&1 || need="$need mawk"
command -v mlr >/dev/null 2>&1 || need="$need miller"
[ -x /usr/bin/time ] || need="$need time"
command -v node >/dev/null 2>&1 || need="$need nodejs"
# npm comes with some builds of nodejs, and Debian's npm conflicts with
# them: ask for it only when it is missing.
command -v npm >/dev/null 2>&1 || need="$need npm"
find_python || need="$need python3-pandas"

if [ -n "$need" ]; then
	say "installing:$need"
	if [ "$(id -u)" = 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		sudo=none
	fi
	if [ "$sudo" = none ]; then
		warn "not root and no sudo: cannot install$need"
	else
		# shellcheck disable=SC2086 # the package names are words
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need ||
		    { $sudo apt-get update -q &&
		    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need; } ||
		    warn "could not install$need"
	fi
	find_python || true
fi
[ -x /usr/bin/time ] || { warn "/usr/bin/time (package time) is needed"; exit 2; }

# DuckDB's Node.js package, pinned in package.json, installed beside it.
have_duckdb() {
	grep -q "\"version\": \"$duckdb_version\"" \
	    "$bench/node_modules/@duckdb/node-api/package.json" 2>/dev/null
}
if command -v node >/dev/null 2>&1 && ! have_duckdb; then
	if command -v npm >/dev/null 2>&1; then
		say "installing @duckdb/node-api $duckdb_version"
		(cd "$bench" && npm install --no-save --no-audit --no-fund) ||
		    warn "npm install failed"
	fi
fi

# What can run; a method whose tool is missing is left out, said so (the
# run does not fail for it).
has() {
	case $1 in
	duckdb) command -v node >/dev/null 2>&1 && have_duckdb ;;
	pandas) [ -n "$python" ] ;;
	mlr) command -v mlr >/dev/null 2>&1 ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}
for tool in duckdb gawk mawk mlr pandas; do
	has "$tool" || warn "$tool is not installed: left out"
done
has node || { warn "node is needed for the checks"; exit 2; }

# ---------------------------------------------------------------- machine

version_of() {
	case $1 in
	pooltrend) ./pooltrend -V 2>&1 | head -n 1 ;;
	gawk) gawk --version 2>/dev/null | head -n 1 ;;
	mawk) mawk -W version 2>/dev/null | head -n 1 ;;
	mlr) mlr --version 2>/dev/null ;;
	pandas) "$python" -c 'import sys, numpy, pandas; print("Python",
	    sys.version.split()[0], "pandas", pandas.__version__, "numpy",
	    numpy.__version__)' 2>/dev/null ;;
	duckdb) printf 'node %s, @duckdb/node-api %s\n' "$(node --version)" "$duckdb_version" ;;
	esac
}

say "== machine"
say "processors: $(nproc)"
say "model:      $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
say "memory:     $(awk '/^MemTotal:/ { printf "%.1f GiB\n", $2 / 1048576 }' /proc/meminfo)"
say "kernel:     $(uname -sr)"
for tool in pooltrend duckdb gawk mawk mlr pandas; do
	if has "$tool" || [ "$tool" = pooltrend ]; then
		say "$(printf '%-11s %s' "$tool:" "$(version_of "$tool")")"
	fi
done
say "runs:       $runs of each timed command; median wall time, largest peak RSS;"
say "            page cache warm (each file read once before its runs)"
say ""

# ---------------------------------------------------------------- helpers

# Free kilobytes where the data goes.
free_kb() {
	df -Pk "$data" | awk 'NR == 2 { print $4 }'
}

# ensure FILE CMD...: writes FILE from CMD's output unless FILE is already
# there from the same command with the size it had then (FILE.made tells).
ensure() {
	file=$1
	shift
	made="$* > $file"
	if [ -f "$file" ] && [ -f "$file.made" ] &&
	    [ "$(cat "$file.made")" = "$(wc -c <"$file" | tr -d ' ') $made" ]; then
		say "reusing $file"
		return 0
	fi
	say "writing $file: $made"
	rm -f "$file" "$file.made"
	if ! "$@" >"$file.part"; then
		rm -f "$file.part"
		return 1
	fi
	mv "$file.part" "$file" &&
	    printf '%s %s\n' "$(wc -c <"$file" | tr -d ' ')" "$made" >"$file.made"
}

# File size in bytes, 0 when there is none.
size_of() {
	if [ -f "$1" ]; then wc -c <"$1" | tr -d ' '; else echo 0; fi
}

# timed METHOD INPUT OUT OKSTATUS RUNS CMD...: runs CMD RUNS times with its
# standard output in OUT, after reading INPUT once to warm the page cache;
# OKSTATUS lists the exit statuses that mean success ("0" or "0 1").
# Appends to $work/results: method, runs, median wall s, largest peak RSS
# KiB, input bytes, input name. Returns 1 when a run fails.
timed() {
	method=$1 input=$2 out=$3 okstatus=$4 n=$5
	shift 5
	say "$(printf '  %-26s %s > %s' "$method:" "$*" "$out")" >>"$work/commands"
	cat "$input" >/dev/null
	: >"$work/times"
	i=0
	while [ "$i" -lt "$n" ]; do
		i=$((i + 1))
		/usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$out" 2>"$work/stderr"
		rc=$?
		case " $okstatus " in
		*" $rc "*) ;;
		*)
			fail "$method failed (exit $rc) on $input: $(head -c 300 "$work/stderr")"
			printf '%s\t%s\tfailed\t-\t%s\t%s\n' "$method" "$n" \
			    "$(size_of "$input")" "$input" >>"$work/results"
			return 1
			;;
		esac
		# The last line: a failing command may print more before it.
		tail -n 1 "$work/time" >>"$work/times"
	done
	sort -n "$work/times" | awk -v method="$method" -v n="$n" \
	    -v bytes="$(size_of "$input")" -v input="$input" '
	    { wall[NR] = $1; if ($2 > rss) rss = $2 }
	    END {
		    m = NR % 2 ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
		    printf "%s\t%d\t%.2f\t%d\t%d\t%s\n", method, n, m, rss, bytes, input
	    }' >>"$work/results"
	printf '    %-26s %s s, median of: %s\n' "$method" \
	    "$(tail -n 1 "$work/results" | cut -f 3)" \
	    "$(cut -d ' ' -f 1 "$work/times" | tr '\n' ' ')"
}

# ---------------------------------------------------------------- scales

mkdir -p "$data" || exit 2
summary=""

for pair in $scales; do
	scale=${pair%%:*}
	snaps=${pair#*:}
	reboot=$((snaps / 2))
	csv=$data/poolgen-$snaps.csv
	text=$data/poolgen-$snaps.log
	work=$data/run-$snaps

	say "== scale $scale: $snaps snapshots, reboot at snapshot $reboot"

	# Room for what is not written yet, with 2 GB to spare.
	want_kb=0
	[ -f "$csv.made" ] || want_kb=$((want_kb + snaps * csv_bytes_per_snapshot / 1024))
	[ -f "$text.made" ] || want_kb=$((want_kb + snaps * text_bytes_per_snapshot / 1024))
	have_kb=$(free_kb)
	if [ $((want_kb + spare_kb)) -gt "$have_kb" ]; then
		say "skipped: needs about $((want_kb / 1024)) MB with 2 GB to spare," \
		    "and $((have_kb / 1024)) MB are free"
		say ""
		continue
	fi

	# shellcheck disable=SC2086 # series_opts are words
	if ! ensure "$csv" ./tools/poolgen -F csv -n "$snaps" $series_opts -R "$reboot" ||
	    ! ensure "$text" ./tools/poolgen -n "$snaps" $series_opts -R "$reboot"; then
		fail "scale $scale: poolgen failed"
		continue
	fi

	rm -rf "$work"
	mkdir -p "$work" || exit 2
	: >"$work/results"
	: >"$work/commands"

	# The layout the checks count on: the series in each snapshot, and
	# snapshots one minute apart, so that the reboot's time is known.
	series=$(awk -F, 'NR == 2 { first = $1 } NR > 1 { if ($1 != first) exit; n++ }
	    END { print n + 0 }' "$csv")
	first=$(sed -n '2{p;q;}' "$csv" | cut -d, -f1)
	second=$(sed -n "$((series + 2)){p;q;}" "$csv" | cut -d, -f1)
	since=$(sed -n "$((reboot * series + 2)){p;q;}" "$csv" | cut -d, -f1)
	say "layout: $series series a snapshot, first at $first, reboot snapshot at $since"
	if ! printf '%s\n%s\n%s\n' "$first" "$second" "$since" |
	    awk -v reboot="$reboot" -f "$bench/snapshots.awk"; then
		fail "scale $scale: the snapshots are not one minute apart"
	fi

	# The binary timed must stay the same through the scale (it is
	# rebuilt by make): its checksum before and after.
	binary=$(cksum <./pooltrend)

	# The timed runs. Each peer writes tag, type and slope in bytes an
	# hour, tab separated (Miller writes JSON, turned into that after).
	say "timing ($runs runs each):"
	timed "wc -l" "$csv" "$work/wc.out" 0 "$runs" wc -l "$csv"
	timed "pooltrend" "$csv" /dev/null "0 1" "$runs" ./pooltrend "$csv"
	timed "pooltrend -j 1" "$csv" /dev/null "0 1" "$runs" \
	    ./pooltrend -j 1 "$csv"
	timed "pooltrend -f json" "$csv" /dev/null "0 1" 1 \
	    ./pooltrend -f json -o "$work/pooltrend.json" "$csv"
	if has duckdb; then
		timed "duckdb" "$csv" "$work/duckdb.tsv" 0 "$runs" \
		    node "$bench/duckdb.mjs" "$csv"
	fi
	if has gawk; then
		timed "gawk" "$csv" "$work/gawk.tsv" 0 "$runs" \
		    gawk -F, -f "$bench/slope.gawk" "$csv"
	fi
	if has mawk; then
		timed "mawk" "$csv" "$work/mawk.tsv" 0 "$runs" \
		    mawk -F, -f "$bench/slope.mawk" "$csv"
	fi
	if has mlr && timed "mlr" "$csv" "$work/mlr.json" 0 "$runs" \
	    mlr --icsv --ojson put -f "$bench/slope.mlr" \
	    'then' stats2 -a linreg-ols -f t,bytes -g tag,type "$csv"; then
		# The slope field is t_bytes_ols_m (t_bytes_m in older Millers):
		# whichever ends in _m, in bytes a second.
		# shellcheck disable=SC2016 # a Miller expression, not the shell's
		mlr --ijson --otsv --headerless-tsv-output \
		    put 'for (k, v in $*) { if (k =~ "_m$") { $slope = v * 3600 } }' \
		    'then' cut -o -f tag,type,slope "$work/mlr.json" >"$work/mlr.tsv"
	fi
	if has pandas; then
		timed "pandas" "$csv" "$work/pandas.tsv" 0 "$runs" \
		    "$python" "$bench/pandas_slope.py" "$csv"
	fi
	timed "wc -l (poolmon text)" "$text" "$work/wc-text.out" 0 "$runs" wc -l "$text"
	timed "pooltrend (poolmon text)" "$text" /dev/null "0 1" "$runs" ./pooltrend "$text"

	if [ "$(cksum <./pooltrend)" != "$binary" ]; then
		fail "scale $scale: ./pooltrend changed during the runs: time it again"
	fi

	# Rows: the CSV's lines but its header; the poolmon text has the same.
	lines=$(awk '{ print $1; exit }' "$work/wc.out")
	rows=$((lines - 1))
	if [ "$rows" -ne $((snaps * series)) ]; then
		fail "scale $scale: $rows rows, not $snaps snapshots of $series series"
	fi

	say ""
	say "commands:"
	cat "$work/commands"

	# Agreement of the peers, DuckDB being the reference (the first that
	# ran, without it).
	say ""
	say "agreement over the whole file (least squares):"
	reference=""
	for peer in duckdb pandas gawk mawk mlr; do
		[ -s "$work/$peer.tsv" ] || continue
		if [ -z "$reference" ]; then
			reference=$peer
			continue
		fi
		awk -F'\t' -v name="$peer" -v ref="$reference" -f "$bench/compare.awk" \
		    "$work/$reference.tsv" "$work/$peer.tsv" ||
		    fail "scale $scale: $peer disagrees with $reference"
	done
	[ -n "$reference" ] || fail "scale $scale: no peer ran"

	# pooltrend's slope is Theil-Sen over the last boot, not least squares
	# over the file: compared with DuckDB's least squares over the same
	# boot, for information.
	say ""
	say "pooltrend's Theil-Sen slope over the last boot (from snapshot $reboot, $since):"
	if [ -s "$work/pooltrend.json" ] &&
	    node "$bench/pooltrend_slopes.mjs" "$work/pooltrend.json" >"$work/pooltrend.tsv"; then
		boot=$(sed -n '1s/.*last_first_snapshot //p' "$work/pooltrend.tsv")
		if [ "$boot" = "$reboot" ]; then
			say "reboot: pooltrend's last boot starts at snapshot $boot, as written"
		else
			fail "scale $scale: pooltrend's last boot starts at snapshot $boot, not $reboot"
		fi
		if has duckdb && node "$bench/duckdb.mjs" "$csv" "$since" >"$work/duckdb-boot.tsv"; then
			say "  duckdb (last boot):        node $bench/duckdb.mjs $csv $since" \
			    "> $work/duckdb-boot.tsv"
			awk -F'\t' -v mode=robust -v name=pooltrend -v ref=duckdb \
			    -f "$bench/compare.awk" "$work/duckdb-boot.tsv" "$work/pooltrend.tsv"
		else
			warn "scale $scale: no least-squares slopes of the last boot to compare with"
		fi
	else
		fail "scale $scale: no pooltrend JSON report to read"
	fi

	# The table. MB are 10^6 bytes; each method is set against wc -l on
	# the same file.
	say ""
	say "scale $scale: $snaps snapshots, $rows rows;" \
	    "CSV $(size_of "$csv") bytes, poolmon text $(size_of "$text") bytes"
	awk -F'\t' -v rows="$rows" '
	    { method[NR] = $1; n[NR] = $2; wall[NR] = $3; rss[NR] = $4
	      bytes[NR] = $5; input[NR] = $6
	      if ($1 ~ /^wc -l/) floor[$6] = $3 }
	    END {
		    printf "%-26s %4s %9s %9s %9s %9s %8s\n", "method", "runs",
			"wall s", "MB/s", "Mrows/s", "RSS MiB", "x wc -l"
		    for (i = 1; i <= NR; i++) {
			    if (wall[i] == "failed") {
				    printf "%-26s %4d %9s\n", method[i], n[i], "failed"
				    continue
			    }
			    w = wall[i] > 0 ? wall[i] : 0.005   # /usr/bin/time rounds to 0.01 s
			    f = input[i] in floor && floor[input[i]] > 0 ?
				sprintf("%8.1f", wall[i] / floor[input[i]]) : sprintf("%8s", "-")
			    printf "%-26s %4d %9.2f %9.1f %9.2f %9.1f %s\n", method[i],
				n[i], wall[i], bytes[i] / 1e6 / w, rows / 1e6 / w,
				rss[i] / 1024, f
		    }
	    }' "$work/results"
	say ""

	# For the summary: pooltrend on each file at this scale.
	summary="$summary
$(awk -F'\t' -v scale="$scale" -v snaps="$snaps" -v rows="$rows" '
	    $1 == "pooltrend" { csv = $3; csvrss = $4 }
	    $1 == "pooltrend (poolmon text)" { text = $3; textrss = $4 }
	    END { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", scale, snaps, rows,
		  csv, csvrss, text, textrss }' "$work/results")"
done

# ---------------------------------------------------------------- summary

say "== pooltrend at each scale"
printf '%s\n' "$summary" | awk -F'\t' '
    NF == 7 {
	    if (!header++)
		    printf "%-6s %9s %8s  %9s %9s %8s  %9s %9s %8s\n", "scale",
			"snapshots", "Mrows", "CSV s", "s/Mrows", "RSS MiB",
			"text s", "s/Mrows", "RSS MiB"
	    m = $3 / 1e6
	    printf "%-6s %9d %8.2f  %9s %9s %8s  %9s %9s %8s\n", $1, $2, m,
		fmt($4, 1, 2), fmt($4, m, 3), fmt($5, 1024, 1),
		fmt($6, 1, 2), fmt($6, m, 3), fmt($7, 1024, 1)
    }
    # A number over a divisor, or the text as it is (failed, missing).
    function fmt(x, d, p) {
	    return x ~ /^[0-9.]+$/ ? sprintf("%." p "f", x / d) : (x == "" ? "-" : x)
    }'
say "(s/Mrows: wall seconds per million rows; RSS: peak resident memory)"

if [ -n "$failures" ]; then
	say ""
	say "failures:$failures"
fi
say "bench: done"
exit "$status"
