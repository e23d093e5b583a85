/* pooltag.c: pooltag.txt, tag -> binary and description. */
#include <string.h>
#include <strings.h>
#include <stdlib.h>

#include "pooltag.h"
#include "util.h"

struct entry {
	unsigned char	 pat[4];	/* blank padded unless wildcard */
	int		 wild;		/* has ? or * */
	char		*binary;	/* "" if none */
	char		*description;
};

struct pooltag {
	struct entry	*e;
	size_t		 n, cap;
	char		**joined;	/* strings made by lookups */
	size_t		 njoined, joincap;
};

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

/* The next '-' with a blank before it, at or after p; NULL if none. */
static const char *
separator(const char *s, const char *p, const char *e)
{
	for (; p < e; p++)
		if (*p == '-' && p > s && blank(p[-1]))
			return p;
	return NULL;
}

static char *
trimmed(const char *p, const char *e)
{
	while (p < e && blank(*p))
		p++;
	while (e > p && blank(e[-1]))
		e--;
	return xstrndup(p, (size_t)(e - p));
}

/* Parse one line; returns 1 for an entry, 0 for a comment or blank line,
 * -1 for a line that is neither. */
static int
entry_line(const char *l, size_t n, struct entry *en)
{
	const char	*e = l + n, *p = l, *s1, *s2, *t;
	size_t		 k;

	while (p < e && blank(*p))
		p++;
	if (p == e)
		return 0;
	if ((e - p >= 3 && strncasecmp(p, "rem", 3) == 0 &&
	    (e - p == 3 || blank(p[3]))) || (e - p >= 2 && p[0] == '/' &&
	    p[1] == '/'))
		return 0;
	if ((s1 = separator(l, l, e)) == NULL)
		return -1;
	/* the tag: the text before the separator, blanks inside kept */
	for (t = s1; t > l && blank(t[-1]); t--)
		;
	if (t == l || t - l > 4)
		return -1;
	memset(en->pat, ' ', 4);
	memcpy(en->pat, l, (size_t)(t - l));
	en->wild = 0;
	for (k = 0; k < 4; k++)
		if (en->pat[k] == '?' || en->pat[k] == '*')
			en->wild = 1;
	if ((s2 = separator(l, s1 + 1, e)) != NULL) {
		en->binary = trimmed(s1 + 1, s2);
		en->description = trimmed(s2 + 1, e);
	} else {
		en->binary = xstrdup("");
		en->description = trimmed(s1 + 1, e);
	}
	if (strcmp(en->binary, "<unknown>") == 0)
		en->binary[0] = '\0';
	return 1;
}

struct pooltag *
pooltag_read(struct input *in, struct file_stats *fs, struct diag *diag)
{
	struct pooltag	*pt = xcalloc(1, sizeof(*pt));
	struct entry	 en;
	const char	*l;
	size_t		 n;
	int		 r, k;
	char		 ex[64];

	fs->format = "pooltag";
	while ((r = input_getline(in, &l, &n)) == 1) {
		fs->lines++;
		if ((k = entry_line(l, n, &en)) == 0) {
			parse_line(fs, input_lineno(in), input_lineno(in),
			    LINE_STRUCTURE);
			continue;
		}
		if (k == -1) {
			parse_skip(fs, SKIP_UNRECOGNISED, input_lineno(in),
			    "not a tag entry: '%s'",
			    parse_excerpt(l, n, ex, sizeof(ex)));
			continue;
		}
		if (pt->n == pt->cap) {
			pt->cap = pt->cap == 0 ? 256 : pt->cap * 2;
			pt->e = xreallocarray(pt->e, pt->cap, sizeof(*pt->e));
		}
		pt->e[pt->n++] = en;
		fs->rows++;
		parse_line(fs, input_lineno(in), input_lineno(in), LINE_ROW);
	}
	if (r == 0 && pt->n == 0)
		diag_set(diag, input_name(in), 0, 0,
		    "no pooltag.txt entries (Tag - binary - Description)");
	if (r == -1 || pt->n == 0) {
		pooltag_free(pt);
		return NULL;
	}
	return pt;
}

void
pooltag_free(struct pooltag *pt)
{
	size_t	 i;

	if (pt == NULL)
		return;
	for (i = 0; i < pt->n; i++) {
		free(pt->e[i].binary);
		free(pt->e[i].description);
	}
	for (i = 0; i < pt->njoined; i++)
		free(pt->joined[i]);
	free(pt->joined);
	free(pt->e);
	free(pt);
}

size_t
pooltag_count(const struct pooltag *pt)
{
	return pt->n;
}

static int
matches(const struct entry *en, const unsigned char tag[4])
{
	int	 k;

	for (k = 0; k < 4; k++) {
		if (en->pat[k] == '*')
			return 1;
		if (en->pat[k] != '?' && en->pat[k] != tag[k])
			return 0;
	}
	return 1;
}

/* Join field off of the entries in idx with "; ", leaving out empty and
 * repeated ones. */
static const char *
join(struct pooltag *pt, size_t *idx, size_t n, int desc)
{
	size_t	 i, j, len = 1, o;
	char	*s, *f;
	int	 seen;

	if (n == 1)
		return desc ? pt->e[idx[0]].description : pt->e[idx[0]].binary;
	for (i = 0; i < n; i++)
		len += strlen(desc ? pt->e[idx[i]].description :
		    pt->e[idx[i]].binary) + 2;
	s = xmalloc(len);
	o = 0;
	for (i = 0; i < n; i++) {
		f = desc ? pt->e[idx[i]].description : pt->e[idx[i]].binary;
		for (seen = 0, j = 0; j < i && !seen; j++)
			seen = strcmp(f, desc ? pt->e[idx[j]].description :
			    pt->e[idx[j]].binary) == 0;
		if (*f == '\0' || seen)
			continue;
		if (o > 0) {
			memcpy(s + o, "; ", 2);
			o += 2;
		}
		memcpy(s + o, f, strlen(f));
		o += strlen(f);
	}
	s[o] = '\0';
	if (pt->njoined == pt->joincap) {
		pt->joincap = pt->joincap == 0 ? 64 : pt->joincap * 2;
		pt->joined = xreallocarray(pt->joined, pt->joincap,
		    sizeof(*pt->joined));
	}
	pt->joined[pt->njoined++] = s;
	return s;
}

int
pooltag_lookup(struct pooltag *pt, const unsigned char tag[4],
    const char **binary, const char **description)
{
	size_t	 i, n = 0, *idx;
	int	 pass;

	idx = xcalloc(pt->n, sizeof(*idx));
	for (pass = 0; pass < 2 && n == 0; pass++)
		for (i = 0; i < pt->n; i++)
			if (pt->e[i].wild == pass && (pass ?
			    matches(&pt->e[i], tag) :
			    memcmp(pt->e[i].pat, tag, 4) == 0))
				idx[n++] = i;
	if (n > 0) {
		*binary = join(pt, idx, n, 0);
		*description = join(pt, idx, n, 1);
	}
	free(idx);
	return n > 0;
}

void
pooltag_apply(struct pooltag *pt, struct table *t)
{
	const struct series_info *si;
	const char	*bin, *desc;
	size_t		 i;

	for (i = 0; i < table_nseries(t); i++) {
		si = table_series(t, i);
		if (si->driver == NULL &&
		    pooltag_lookup(pt, si->tag, &bin, &desc))
			table_describe(t, i, bin, desc);
	}
}
