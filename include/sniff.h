/* sniff.h: which format is this? */
#ifndef SNIFF_H
#define SNIFF_H

#include <stddef.h>

enum format {
	FORMAT_UNKNOWN,
	FORMAT_POOLMON,		/* poolmon -n snapshots, interactive screens */
	FORMAT_CSV,		/* pooltrend's long CSV */
	FORMAT_PSCSV,		/* the PowerShell collector's CSV */
	FORMAT_POOLUSED,	/* WinDbg !poolused */
	FORMAT_PERFMON,		/* typeperf, relog, logman PDH-CSV */
	FORMAT_HANDLE,		/* handle.exe -s type summaries */
	FORMAT_EVENTS,		/* exported System logs */
	FORMAT_WPA,		/* WPA's Pool table exported to CSV */
	FORMAT_N
};

/* Decide from the first bytes of an input. */
enum format	 sniff_format(const char *buf, size_t len);

/* The name of a format as --input-format takes it, and back
 * (FORMAT_UNKNOWN for a name that is none). */
const char	*sniff_name(enum format);
enum format	 sniff_by_name(const char *);

#endif
