// query.mjs DIR DOC: run the SQL block of DOC (docs/fleet.md) in DuckDB
// from DIR, where findings/*.ndjson are, and print the rows of every
// SELECT, one line each, fields separated by blanks.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, doc] = process.argv.slice(2);
const sql = readFileSync(doc, 'utf8').match(/```sql\n([\s\S]*?)```/)[1];
process.chdir(dir);
const con = await (await DuckDBInstance.create(':memory:')).connect();
for (const stmt of sql.split(/;\s*\n/)) {
	const text = stmt.replace(/^\s*--.*$/mg, '').trim();
	if (text === '')
		continue;
	const r = await con.runAndReadAll(text);
	if (/^select/i.test(text))
		for (const row of r.getRows())
			console.log(row.map(String).join(' '));
}
