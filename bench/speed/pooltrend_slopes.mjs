// The tags' slopes from a pooltrend -f json report, for the speed
// benchmark (run.sh) to compare with the least-squares slopes of the peers.
//
//   node pooltrend_slopes.mjs REPORT.json
//
// Prints first "# segments N last_first_snapshot I", the boots pooltrend
// found and the index of the last one's first snapshot; then one line a
// tag, tab separated: tag, type (paged or nonpaged), slope in bytes an hour
// (Theil-Sen, of the judged boot or stretch; nan when null), verdict, the
// samples it was judged on and the index of that boot.

import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: node pooltrend_slopes.mjs REPORT.json');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const segments = report.window.segments;
const out = [`# segments ${segments.length} last_first_snapshot ${segments.at(-1).first_snapshot}`];
for (const t of report.tags) {
  const slope = t.slope_bytes_per_hour ?? 'nan';
  out.push([t.tag, t.type, slope, t.verdict, t.samples, t.segment ?? 'nan'].join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
