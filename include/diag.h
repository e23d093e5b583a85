/* diag.h: where an error was found and what it is; first error wins. */
#ifndef DIAG_H
#define DIAG_H

struct diag {
	char	 file[256];	/* input name, "" if none */
	long	 line;		/* 1-based, 0 if none */
	int	 col;		/* 1-based, 0 if none */
	char	 msg[256];	/* lowercase, no final period */
	int	 set;		/* an error has been recorded */
};

/* Record an error unless one is recorded already. */
void	diag_set(struct diag *, const char *file, long line, int col,
	    const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

#endif
