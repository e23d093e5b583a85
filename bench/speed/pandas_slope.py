"""The least-squares slope of bytes against time for each (tag, type) of a
long CSV file (timestamp,tag,type,allocs,frees,diff,bytes), with pandas, as
one of the peers of the speed benchmark (run.sh).

    python3 pandas_slope.py FILE

Prints one line a series, tab separated: tag (as read, trailing blanks
kept), type, slope in bytes an hour. The work is done by vector operations
on whole columns, with no Python loop over the rows.
"""

import sys

import numpy as np
import pandas as pd


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 pandas_slope.py FILE")
    # Only the columns needed. The time, the tag and the type repeat, so
    # they are read as categories: each distinct value is kept once. The
    # tag stays text, and no value is taken for a missing one ("NA" is a
    # tag like any other).
    df = pd.read_csv(
        sys.argv[1],
        usecols=["timestamp", "tag", "type", "bytes"],
        dtype={"timestamp": "category", "tag": "category",
               "type": "category", "bytes": "float64"},
        na_filter=False,
        engine="c",
    )

    # Seconds since the first snapshot: each distinct time is converted
    # once, then taken for every row by its category code.
    stamps = df["timestamp"].cat
    when = pd.to_datetime(stamps.categories, format="%Y-%m-%dT%H:%M:%S")
    secs = (when.asi8 - when.asi8.min()) / 1e9
    t = secs[stamps.codes]
    y = df["bytes"].to_numpy()

    # One group number a (tag, type).
    tags = df["tag"].cat
    types = df["type"].cat
    ntypes = len(types.categories)
    group = tags.codes.astype(np.int64) * ntypes + types.codes
    ngroups = len(tags.categories) * ntypes

    # Slope = sum((t - mean t) (y - mean y)) / sum((t - mean t)^2), each
    # sum taken per group; the centring keeps the precision.
    n = np.bincount(group, minlength=ngroups)
    seen = n > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        tmean = np.bincount(group, t, ngroups) / n
        ymean = np.bincount(group, y, ngroups) / n
        dt = t - tmean[group]
        dy = y - ymean[group]
        slope = (np.bincount(group, dt * dy, ngroups)
                 / np.bincount(group, dt * dt, ngroups)) * 3600

    out = pd.DataFrame({
        "tag": np.asarray(tags.categories)[np.arange(ngroups) // ntypes],
        "type": np.asarray(types.categories)[np.arange(ngroups) % ntypes],
        "slope": slope,
    })[seen]
    out.to_csv(sys.stdout, sep="\t", header=False, index=False,
               float_format="%.17g")


if __name__ == "__main__":
    main()
