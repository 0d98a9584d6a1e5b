// Every TypeScript and JavaScript code block of the package's README compiles with `tsc --strict`
// against the package's types, as a developer pastes it into a strict project: each block is one
// module (top-level await allowed) inside examples/vite, whose lockfile pins TypeScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './common.mjs';
import { installExample, packTarball } from './example.mjs';

const EXAMPLE = join(ROOT, 'examples', 'vite');
const CODE = { ts: 'ts', tsx: 'tsx', js: 'ts', jsx: 'tsx' };

/** The README's code blocks in a language tsc reads: { lang, code, line }. */
function codeBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(\s*)```(\w+)\s*$/);
    if (!open) continue;
    const indent = open[1].length;
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(indent));
    if (open[2] in CODE) blocks.push({ lang: CODE[open[2]], code: body.join('\n'), line: i + 1 });
    i = j;
  }
  return blocks;
}

test('every code block of the package README compiles under tsc --strict', () => {
  installExample(EXAMPLE, packTarball());
  const blocks = codeBlocks(readFileSync(join(ROOT, 'pkg-template', 'README.md'), 'utf8'));
  assert.ok(blocks.length >= 6, `found ${blocks.length} blocks`);
  const dir = join(EXAMPLE, '.readme-blocks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const files = blocks.map((b) => {
    const file = `readme-line-${b.line}.${b.lang}`;
    writeFileSync(join(dir, file), `${b.code}\nexport {};\n`);
    return file;
  });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: ['node'], jsx: 'react-jsx', strict: true, noEmit: true, isolatedModules: true, skipLibCheck: false,
    },
    files,
  }));
  const tsc = spawnSync(process.execPath, [join(EXAMPLE, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, `tsc --strict on the README's blocks (${dir}, named by README line):\n${tsc.stdout}${tsc.stderr}`);
});
