# The least-squares slope of bytes against time for each (tag, type) of a
# long CSV file (timestamp,tag,type,allocs,frees,diff,bytes), in one pass,
# for any POSIX awk (written for mawk, which has no mktime): the time is
# computed from the date with the days-from-civil formula.
#
#   mawk -F, -f slope.mawk FILE
#
# Prints one line a series, tab separated: tag (as read), type, slope in
# bytes an hour. Time is counted in seconds from the first row, so that the
# sums keep their precision: the slope does not depend on the origin.

# Days from 1970-01-01 to the date y-m-d of the proleptic Gregorian calendar.
function days(y, m, d,    era, yoe, doy, doe) {
	if (m <= 2)
		y--
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}

NR == 1 { next }                      # the header

$1 != last {                          # a new snapshot: convert its time once
	last = $1
	# 2026-11-17T08:00:00
	secs = days(substr($1, 1, 4) + 0, substr($1, 6, 2) + 0, \
	    substr($1, 9, 2) + 0) * 86400 + substr($1, 12, 2) * 3600 + \
	    substr($1, 15, 2) * 60 + substr($1, 18, 2)
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
