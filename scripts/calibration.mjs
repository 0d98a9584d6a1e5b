// Refreshes the tables of docs/calibration.md: every shared photo's value and verdict per content rule,
// the record behind the thresholds in profiles/chsi.json. The text around the tables is written by
// hand and kept; each table sits between two markers that name its rules:
//
//   <!-- calibration: face.red_eye face.gaze -->
//   …generated table…
//   <!-- /calibration -->
//
// with the `chsi` profile, or another built-in one named in the marker: `profile=chsi-jiangsu`.
//
// Run: node scripts/calibration.mjs [--check]   (PHOTOGATE_CLI picks the binary; default the debug CLI
// of scripts/env.sh's target folder.)
// --check changes nothing and exits 1 when a table is out of date (the values moved).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Where scripts/env.sh puts the builds (`cargo build` there first).
const CACHE = process.env.PHOTOGATE_CACHE ?? join(homedir(), '.cache', 'photogate');
const TARGET = process.env.CARGO_TARGET_DIR ?? join(CACHE, 'target');
const CLI = process.env.PHOTOGATE_CLI ?? join(TARGET, 'debug', 'photogate');
const PHOTOS = join(process.env.PHOTOGATE_SHARED ?? join(ROOT, '..', 'shared'), 'photos');
const FOLDERS = ['idphoto', 'synthetic_idphoto', 'hard', 'casual', 'noface'];
const DOC = join(ROOT, 'docs', 'calibration.md');
const MARK = { pass: '', fail: ' ✗', warn: ' !', not_measured: '' };
const BLOCK = /<!-- calibration: ([^>]*?) -->\n[\s\S]*?<!-- \/calibration -->/g;

/** Every photo's report, folder by folder: [{ photo: 'hard/x.jpg', items: { rule: item } | error }]. */
function reports(profile) {
  const rows = [];
  for (const folder of FOLDERS) {
    const args = ['check', '--json', '--profile', profile, join(PHOTOS, folder)];
    const run = spawnSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.error || run.status === 2) throw new Error(`cannot run ${CLI}: ${run.stderr || run.error}`);
    for (const line of run.stdout.trim().split('\n')) {
      const r = JSON.parse(line);
      if (r.error) {
        rows.push({ photo: `${folder}/${r.file?.split('/').pop() ?? '?'}`, error: r.error.code });
      } else {
        rows.push({ photo: `${folder}/${r.file.name}`, items: Object.fromEntries(r.items.map((i) => [i.rule, i])) });
      }
    }
  }
  return rows;
}

/** A marker's rule ids and profile (`chsi` unless `profile=…` is among them). */
function parse(spec) {
  const words = spec.trim().split(/\s+/);
  const profile = words.find((w) => w.startsWith('profile='))?.slice('profile='.length) ?? 'chsi';
  return { rules: words.filter((w) => !w.startsWith('profile=')), profile };
}

function cell(item) {
  if (!item) return '';
  if (item.value === undefined || item.value === null) return item.reason ?? item.verdict;
  const value = typeof item.value === 'number'
    ? String(Math.round(item.value * 10) / 10)
    : String(item.value).replace(/°/g, '');
  return value + MARK[item.verdict];
}

function table(rules, rows) {
  const lines = [
    `| photo | ${rules.join(' | ')} |`,
    `|---|${rules.map(() => '---').join('|')}|`,
  ];
  for (const r of rows) {
    lines.push(r.error
      ? `| ${r.photo} | error ${r.error} |${' |'.repeat(Math.max(0, rules.length - 1))}`
      : `| ${r.photo} | ${rules.map((k) => cell(r.items[k])).join(' | ')} |`);
  }
  return lines.join('\n');
}

const check = process.argv.includes('--check');
const doc = readFileSync(DOC, 'utf8');
const blocks = [...doc.matchAll(BLOCK)].map((m) => parse(m[1]));
if (!blocks.length) throw new Error(`${DOC} has no <!-- calibration: rule … --> table markers`);
const runs = new Map([...new Set(blocks.map((b) => b.profile))].map((p) => [p, reports(p)]));
const fresh = doc.replace(BLOCK, (_, spec) => {
  const { rules, profile } = parse(spec);
  const rows = runs.get(profile);
  const known = new Set(rows.flatMap((r) => Object.keys(r.items ?? {})));
  const unknown = rules.filter((r) => !known.has(r));
  if (unknown.length) throw new Error(`no ${profile} report has the rule(s) ${unknown.join(', ')}`);
  return `<!-- calibration: ${spec.trim()} -->\n${table(rules, rows)}\n<!-- /calibration -->`;
});
const rows = runs.values().next().value;
if (check) {
  if (fresh !== doc) {
    console.error('docs/calibration.md is out of date: run node scripts/calibration.mjs');
    process.exit(1);
  }
  console.log(`docs/calibration.md: up to date (${rows.length} photos)`);
} else {
  writeFileSync(DOC, fresh);
  console.log(`docs/calibration.md: ${rows.length} photos`);
}
