# The least-squares slope of bytes against time for each (tag, type) of a
# long CSV file (timestamp,tag,type,allocs,frees,diff,bytes), in one pass,
# for GNU awk: the time comes from mktime.
#
#   gawk -F, -f slope.gawk FILE
#
# Prints one line a series, tab separated: tag (as read), type, slope in
# bytes an hour. Time is counted in seconds from the first row, so that the
# sums keep their precision: the slope does not depend on the origin.

NR == 1 { next }                      # the header

$1 != last {                          # a new snapshot: convert its time once
	last = $1
	# 2026-11-17T08:00:00 -> "2026 11 17 08 00 00", in UTC
	spec = substr($1, 1, 4) " " substr($1, 6, 2) " " substr($1, 9, 2) " " \
	    substr($1, 12, 2) " " substr($1, 15, 2) " " substr($1, 18, 2)
	secs = mktime(spec, 1)
	if (secs < 0) {
		printf "slope.gawk: line %d: bad time %s\n", NR, $1 > "/dev/stderr"
		exit 2
	}
	if (!started) {
		origin = secs
		started = 1
	}
	t = secs - origin
}

{
	k = $2 SUBSEP $3
	y = $7 + 0
	n[k]++
	st[k] += t
	sy[k] += y
	stt[k] += t * t
	sty[k] += t * y
}

END {
	for (k in n) {
		split(k, key, SUBSEP)
		den = n[k] * stt[k] - st[k] * st[k]
		slope = den == 0 ? "nan" : \
		    sprintf("%.17g", (n[k] * sty[k] - st[k] * sy[k]) / den * 3600)
		printf "%s\t%s\t%s\n", key[1], key[2], slope
	}
}
