// The engineering rule "no file in src/ outside src/simulator over 300 lines", checked on every
// run so a file that creeps over it fails here, not in a review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../../../..');
const MAX_LINES = 300;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'simulator' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

test(`no source file outside src/simulator is over ${MAX_LINES} lines`, () => {
  const over = sources(join(root, 'src'))
    .map((path) => [relative(root, path), readFileSync(path, 'utf8').split('\n').length - 1] as const)
    .filter(([, lines]) => lines > MAX_LINES);
  assert.deepEqual(over, []);
});
