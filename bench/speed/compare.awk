# Compares two lists of slopes for the speed benchmark (run.sh). Each list
# has one line a series, tab separated: tag, type, slope in bytes an hour,
# maybe more fields; lines starting with # are skipped. Series are matched
# on the tag without its leading and trailing blanks and on the type
# without case, Nonp being nonpaged.
#
#   awk -F'\t' -v name=NAME -v ref=REFNAME -f compare.awk REF OTHER
#
# Agreement (the default): every series must be in both lists and the
# slopes must agree within 1e-6 relative or 1 byte an hour absolute. Prints
# one line; exits 1 when they do not agree.
#
#   awk -F'\t' -v mode=robust -v name=NAME -v ref=REFNAME -f compare.awk REF OTHER
#
# Robust: OTHER holds robust (Theil-Sen) slopes, REF least-squares ones;
# counts how many are within 5% of REF (or 1 byte an hour), in all and by
# the verdict in OTHER's fourth field. Prints two lines and always exits 0:
# the two estimators need not agree.

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function key(tag, type) {
	type = tolower(trim(type))
	if (type == "nonp")
		type = "nonpaged"
	return trim(tag) SUBSEP type
}

# A number, or "nan" for anything else (nan, -nan, NaN, an empty field).
function value(s) {
	s = trim(s)
	if (s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/)
		return s + 0
	return "nan"
}

function abs(x) {
	return x < 0 ? -x : x
}

BEGIN {
	if (mode == "")
		mode = "agree"
}

/^#/ { next }

FNR == NR {                             # the reference list
	k = key($1, $2)
	if (k in want)
		dup++
	want[k] = value($3)
	nref++
	next
}

{                                       # the list compared with it
	k = key($1, $2)
	if (k in got)
		dup++
	got[k] = value($3)
	if (NF >= 4)
		verdict[k] = $4
	nother++
}

END {
	missing = extra = bad = good = nan = 0
	maxrel = maxabs = 0
	for (k in want)
		if (!(k in got))
			missing++
	for (k in got) {
		if (!(k in want)) {
			extra++
			continue
		}
		a = want[k]
		b = got[k]
		if (a == "nan" || b == "nan") {
			if (a == "nan" && b == "nan" && mode == "agree")
				good++
			else
				nan++
			continue
		}
		d = abs(a - b)
		m = abs(a) > abs(b) ? abs(a) : abs(b)
		tol = mode == "robust" ? 0.05 * abs(a) : 1e-6 * m
		v = k in verdict ? verdict[k] : "all"
		nverdict[v]++
		if (d <= tol || d <= 1) {
			good++
			gverdict[v]++
		} else {
			bad++
			if (example == "") {
				split(k, part, SUBSEP)
				example = sprintf("%s %s: %s %.10g, %s %.10g", \
				    part[1], part[2], ref, a, name, b)
			}
		}
		if (d > maxabs)
			maxabs = d
		if (m >= 1 && d / m > maxrel)   # of slopes of 1 B/h or more
			maxrel = d / m
	}

	if (mode == "robust") {
		printf "robust: %s within 5%% of %s's least squares (or 1 B/h): " \
		    "%d of %d series; %d further off, %d without a slope, " \
		    "%d missing\n", name, ref, good, nref, bad, nan, missing
		# pooltrend's verdicts first, in their order, then any other
		line = ""
		split("leak suspect stable insufficient", order, " ")
		for (i = 1; i <= 4; i++)
			if (order[i] in nverdict) {
				line = line sprintf("%s%s %d of %d", line == "" ? \
				    "" : ", ", order[i], gverdict[order[i]] + 0, \
				    nverdict[order[i]])
				delete nverdict[order[i]]
			}
		for (v in nverdict)
			line = line sprintf("%s%s %d of %d", line == "" ? "" : ", ", \
			    v, gverdict[v] + 0, nverdict[v])
		if (line != "")
			printf "robust: by %s's verdict: %s\n", name, line
		exit 0
	}
	ok = bad == 0 && nan == 0 && missing == 0 && extra == 0 && dup == 0 \
	    && nref > 0
	printf "%s: %s vs %s: %d of %d series agree within 1e-6 or 1 B/h " \
	    "(largest difference %.2g relative, of slopes of 1 B/h or more; " \
	    "%.2g B/h)", \
	    ok ? "agree" : "DISAGREE", name, ref, good, nref, maxrel, maxabs
	if (bad > 0)
		printf "; %d differ, e.g. %s", bad, example
	if (nan > 0)
		printf "; %d with a slope in one list only", nan
	if (missing > 0)
		printf "; %d missing", missing
	if (extra > 0)
		printf "; %d not in %s", extra, ref
	if (dup > 0)
		printf "; %d listed twice", dup
	printf "\n"
	exit ok ? 0 : 1
}
