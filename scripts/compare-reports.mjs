// Runs two builds of the CLI over the shared photos and says how their reports differ: for a change
// meant to keep reports byte-identical (a refactor), or to show what a change moves (speed work).
// Usage: node scripts/compare-reports.mjs OLD_CLI NEW_CLI [--profile NAME|PATH] [--fix BACKGROUND] [DIR…]
// Prints, per field path (indices collapsed), how many photos differ, then the first examples.
// Exits 1 when anything differs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const take = (flag) => {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const profile = take('--profile') ?? 'chsi';
const fix = take('--fix');
const [oldCli, newCli, ...dirs] = args;
if (!oldCli || !newCli) {
  console.error('usage: node scripts/compare-reports.mjs OLD_CLI NEW_CLI [--profile P] [--fix BACKGROUND] [DIR…]');
  process.exit(2);
}
const ROOT = new URL('..', import.meta.url).pathname;
const photos = dirs.length ? dirs.map((d) => resolve(d)) : [join(ROOT, '../shared/photos')];
const [oldBin, newBin] = [resolve(oldCli), resolve(newCli)];

function run(cli) {
  const out = mkdtempSync(join(tmpdir(), 'photogate-compare-'));
  try {
    const command = fix ? ['fix', '--json', '-b', fix, '-o', out] : ['check', '--json'];
    // From the repository, so that the models' default place (../shared/models) holds for both.
    const r = spawnSync(cli, [...command, '-p', profile, ...photos], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.error || r.status === 2) throw new Error(`${cli}: ${r.stderr || r.error}`);
    const rows = r.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
    return new Map(rows.map((row) => [typeof row.file === 'string' ? row.file : row.file?.name, row]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function* differences(a, b, path = '') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    yield [path, a, b];
  } else if (Array.isArray(a)) {
    if (a.length !== b.length) yield [`${path}.length`, a.length, b.length];
    else for (let i = 0; i < a.length; i++) yield* differences(a[i], b[i], `${path}[${a[i]?.rule ?? i}]`);
  } else if (a && typeof a === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) yield* differences(a[key], b[key], `${path}.${key}`);
  } else if (a !== b) {
    yield [path, a, b];
  }
}

const [before, after] = [run(oldBin), run(newBin)];
const byPath = new Map();
for (const [file, old] of before) {
  for (const [path, a, b] of differences(old, after.get(file))) {
    const key = path.replace(/\[\d+\]/g, '[]');
    const entry = byPath.get(key) ?? { photos: new Set(), examples: [] };
    entry.photos.add(file);
    if (entry.examples.length < 3) entry.examples.push(`${file}${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
    byPath.set(key, entry);
  }
}
console.log(`${before.size} photos, ${fix ? `fix -b ${fix}` : 'check'}, profile ${profile}: ${byPath.size} fields differ`);
for (const [key, { photos: files, examples }] of [...byPath].sort((x, y) => y[1].photos.size - x[1].photos.size)) {
  console.log(`${String(files.size).padStart(5)}  ${key}`);
  for (const e of examples) console.log(`         ${e.slice(0, 220)}`);
}
process.exit(byPath.size ? 1 : 0);
