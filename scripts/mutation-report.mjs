#!/usr/bin/env node
/**
 * Turns Stryker's JSON report (reports/mutation/mutation.json, written by `npm run mutate`) into
 * the markdown of docs/quality.md: the score per directory and overall, then every mutant that
 * survived or that no test reaches, with the reason kept in scripts/mutation-reasons.json
 * (keys, most specific first: `<file>:<line>:<mutator>`, `<file>:<line>`, `<file>:*:<mutator>`,
 * `<file>`; a mutant without one says "not yet triaged").
 *
 *   node scripts/mutation-report.mjs [--stale=file,…] [report.json …] > table.md
 */
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
// `--stale=a.ts,b.ts`: files rewritten since the run that mutated them; their old results say
// nothing about the code now, so they are left out and named instead.
const stale = new Set(args.filter((a) => a.startsWith('--stale=')).flatMap((a) => a.slice('--stale='.length).split(',')));
const paths = args.filter((a) => !a.startsWith('--'));
const reportPaths = paths.length > 0 ? paths : ['reports/mutation/mutation.json'];
const reasonsPath = new URL('./mutation-reasons.json', import.meta.url);
// Several reports (runs over different directories) are merged; a later one wins for a file.
const report = { files: Object.assign({}, ...reportPaths.map((p) => JSON.parse(readFileSync(p, 'utf8')).files)) };
for (const file of stale) delete report.files[file];
const reasons = existsSync(reasonsPath) ? JSON.parse(readFileSync(reasonsPath, 'utf8')) : {};

const DIRECTORIES = ['shared/workflow', 'shared/deadlines', 'shared/ledger', 'shared/domain', 'electron/store'];
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function directoryOf(file) {
  return DIRECTORIES.find((d) => file.startsWith(`${d}/`)) ?? file.split('/').slice(0, -1).join('/');
}

const tally = new Map();
const survivors = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  const dir = directoryOf(file);
  const t = tally.get(dir) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') t.killed++;
    else if (m.status === 'Timeout') t.timeout++;
    else if (m.status === 'Survived') t.survived++;
    else if (m.status === 'NoCoverage') t.noCoverage++;
    else t.other++;
    if (UNDETECTED.has(m.status)) survivors.push({ file, m });
  }
  tally.set(dir, t);
}

const pct = (t) => {
  const detected = t.killed + t.timeout;
  const valid = detected + t.survived + t.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)} %`;
};
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
const lines = [
  '| directory | killed | timeout | survived | no coverage | score |',
  '| --------- | -----: | ------: | -------: | ----------: | ----: |',
];
for (const dir of [...tally.keys()].sort()) {
  const t = tally.get(dir);
  for (const k of Object.keys(total)) total[k] += t[k];
  lines.push(`| ${dir} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${pct(t)} |`);
}
lines.push(`| **all** | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | **${pct(total)}** |`);
lines.push(
  '',
  `Valid mutants: ${total.killed + total.timeout + total.survived + total.noCoverage}; not counted (compile or runtime error, ignored): ${total.other}.`,
);
if (stale.size > 0) lines.push('', `Left out, rewritten since their run: ${[...stale].sort().join(', ')}.`);

const cell = (text, max = 70) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'").slice(0, max);
lines.push('', '| mutant | status | mutation | reason |', '| ------ | ------ | -------- | ------ |');
survivors.sort((a, b) => a.file.localeCompare(b.file) || a.m.location.start.line - b.m.location.start.line);
for (const { file, m } of survivors) {
  const key = `${file}:${m.location.start.line}:${m.mutatorName}`;
  const line = m.location.start.line;
  const reason = reasons[key] ?? reasons[`${file}:${line}`] ?? reasons[`${file}:*:${m.mutatorName}`] ?? reasons[file] ?? 'not yet triaged';
  lines.push(
    `| ${file}:${m.location.start.line} | ${m.status} | ${m.mutatorName}: \`${cell(m.replacement ?? '')}\` | ${cell(reason, 200)} |`,
  );
}
process.stdout.write(lines.join('\n') + '\n');
