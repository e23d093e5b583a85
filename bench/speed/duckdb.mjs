// The least-squares slope of bytes against time for each (tag, type) of a
// long CSV file (timestamp,tag,type,allocs,frees,diff,bytes), computed by
// DuckDB, as one of the peers of the speed benchmark (run.sh).
//
//   node duckdb.mjs FILE [SINCE]
//
// SINCE, a timestamp such as 2026-11-17T12:30:00, keeps only the rows from
// then on (the last boot of the log). Prints one line a series, tab
// separated: tag (as read, trailing blanks kept), type, slope in bytes an
// hour. Also prints "# duckdb VERSION threads N" first.

import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, since] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node duckdb.mjs FILE [SINCE]');
  process.exit(2);
}

// A string literal for SQL: single quotes doubled.
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;

// One thread a processor; availableParallelism honours CPU affinity.
const threads = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const conn = await instance.connect();

// The columns are given, so nothing is guessed from the data: the tag is
// text whatever it looks like, and keeps its trailing blanks.
const columns = `{
  'timestamp': 'TIMESTAMP', 'tag': 'VARCHAR', 'type': 'VARCHAR',
  'allocs': 'BIGINT', 'frees': 'BIGINT', 'diff': 'BIGINT', 'bytes': 'BIGINT'
}`;
const where = since === undefined ? '' : `WHERE timestamp >= TIMESTAMP ${quote(since)}`;
const sql = `
  SELECT tag, type, regr_slope(bytes, epoch(timestamp)) * 3600 AS slope
  FROM read_csv(${quote(file)}, header = true, delim = ',', quote = '"',
                auto_detect = false, columns = ${columns},
                timestampformat = '%Y-%m-%dT%H:%M:%S')
  ${where}
  GROUP BY tag, type
  ORDER BY tag, type`;

const version = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
const rows = (await conn.runAndReadAll(sql)).getRows();

const out = [`# duckdb ${version} threads ${threads}`];
for (const [tag, type, slope] of rows) {
  // A series of one sample has no slope: NULL, printed as nan.
  out.push(`${tag}\t${type}\t${slope === null ? 'nan' : slope.toPrecision(17)}`);
}
process.stdout.write(out.join('\n') + '\n');
conn.closeSync();
instance.closeSync();
