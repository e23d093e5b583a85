# Checks the times of a long CSV file for the speed benchmark (run.sh): the
# input is three timestamps a line each (2026-11-17T08:00:00): the first
# snapshot's, the second's and the one at snapshot index REBOOT.
#
#   awk -v reboot=REBOOT -f snapshots.awk
#
# Says whether the snapshots are one minute apart, that is whether the
# second is one minute after the first and the reboot one REBOOT minutes
# after it; exits 1 when they are not.

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

# Minutes since 1970, or -1 for anything that is not such a time.
function minutes(s) {
	if (s !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:00$/)
		return -1
	return days(substr(s, 1, 4) + 0, substr(s, 6, 2) + 0, \
	    substr(s, 9, 2) + 0) * 1440 + substr(s, 12, 2) * 60 + \
	    substr(s, 15, 2)
}

{ m[NR] = minutes($1); s[NR] = $1 }

END {
	if (NR == 3 && m[1] >= 0 && m[2] - m[1] == 1 && m[3] - m[1] == reboot) {
		printf "layout: snapshots one minute apart: the second at %s, " \
		    "snapshot %d at %s\n", s[2], reboot, s[3]
		exit 0
	}
	printf "snapshots at %s, %s and (index %d) %s: not one minute apart\n", \
	    s[1], s[2], reboot, s[3]
	exit 1
}
