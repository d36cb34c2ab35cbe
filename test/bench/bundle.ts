import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './harness';

/**
 * The commit before the bundle was split (one 716 KiB dist/extension.js holding undici whole and the
 * simulator); rebuilt from git for the "before" column when this checkout has it.
 */
export const SPLIT_BEFORE_COMMIT = 'e36cf30';

/** Quoted when the commit cannot be rebuilt (issue 14's numbers, and this bench's last run before it). */
export const SPLIT_BEFORE_QUOTED = {
  files: [{ file: 'dist/extension.js', bytes: 716.1 * 1024 }],
  showRunningExtensionsMs: '79–87',
} as const;

export interface BuiltFile {
  readonly file: string;
  readonly bytes: number;
}

export interface BundleBuild {
  readonly label: string;
  readonly how: string;
  readonly files: readonly BuiltFile[];
  /** Median ms to require dist/extension.js in a fresh Node (test/bench/loadProbe.mjs). */
  readonly loadMs?: number;
  /** Median ms to require dist/http.js after it: what the first request adds. */
  readonly httpLoadMs?: number;
  /** Median ms to require dist/simulator.js: what starting sample data adds. */
  readonly simulatorLoadMs?: number;
  /** Files of dist/ that loading dist/extension.js read. */
  readonly loadedAtActivation: readonly string[];
}

/**
 * Builds with esbuild.mjs --production in a scratch directory (src either linked to this checkout's
 * or taken from git at `commit`) and times loading the result, `runs` fresh processes each. The
 * dist/ a concurrent test run may be using is left alone.
 */
export function measureBuild(root: string, runs: number, commit?: string): BundleBuild | string {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-jobs-bundle-'));
  try {
    let esbuildScript = path.join(root, 'esbuild.mjs');
    if (commit) {
      const archive = spawnSync('git', ['-C', root, 'archive', commit, 'src', 'esbuild.mjs'], { maxBuffer: 1 << 28 });
      if (archive.status !== 0) return `git archive ${commit} failed: ${archive.stderr.toString().trim()}`;
      const untar = spawnSync('tar', ['-x', '-C', scratch], { input: archive.stdout });
      if (untar.status !== 0) return `unpacking ${commit} failed`;
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
      esbuildScript = path.join(scratch, 'esbuild.mjs');
    } else {
      fs.symlinkSync(path.join(root, 'src'), path.join(scratch, 'src'), 'dir');
    }
    const build = spawnSync(process.execPath, [esbuildScript, '--production'], { cwd: scratch, encoding: 'utf8' });
    if (build.status !== 0) return `esbuild.mjs --production failed: ${build.stderr.trim().split('\n')[0]}`;
    const dist = path.join(scratch, 'dist');
    const files = fs
      .readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => (a === 'extension.js' ? -1 : b === 'extension.js' ? 1 : a.localeCompare(b)))
      .map((f) => ({ file: `dist/${f}`, bytes: fs.statSync(path.join(dist, f)).size }));
    const later = ['http.js', 'simulator.js'].filter((f) => fs.existsSync(path.join(dist, f)));
    const probes = Array.from({ length: runs }, () => probe(root, dist, later)).filter((p) => p !== undefined);
    const at = (i: number) => (probes.length ? median(probes.map((p) => p.laterMs[i])) : undefined);
    return {
      label: commit ? `before (${commit})` : 'now',
      how: commit ? `git archive ${commit}, esbuild.mjs --production` : 'esbuild.mjs --production',
      files,
      ...(probes.length && { loadMs: median(probes.map((p) => p.loadMs)) }),
      ...(later.includes('http.js') && { httpLoadMs: at(later.indexOf('http.js')) }),
      ...(later.includes('simulator.js') && { simulatorLoadMs: at(later.indexOf('simulator.js')) }),
      loadedAtActivation: probes[0]?.loaded ?? [],
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

interface Probe {
  readonly loadMs: number;
  readonly loaded: string[];
  readonly laterMs: number[];
}

function probe(root: string, dist: string, later: readonly string[]): Probe | undefined {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'test', 'bench', 'loadProbe.mjs'), 'extension.js', ...later],
    { cwd: dist, encoding: 'utf8' },
  );
  return run.status === 0 ? (JSON.parse(run.stdout) as Probe) : undefined;
}
