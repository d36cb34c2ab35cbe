/**
 * npm run bench: numbers for the scale targets, printed as markdown. Nothing here is
 * asserted; the verdicts at the end compare against the targets.
 *
 *   node --expose-gc out/test/bench/bench.js [--sizes 1000,10000,50000] [--concurrency 6,8,16]
 *        [--latency-ms 50] [--out FILE]
 *
 * --out also writes the report to FILE (e.g. test/bench/RESULTS.md).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY, PAGE_LIMIT } from '../../src/api/subJobClient';
import { FULL_REFRESH_EVERY_CHECKS } from '../../src/core/refreshPolicy';
import { GROUP_PAGE } from '../../src/presentation/treeModel';
import { activationTime, machine, productionBundleSize } from './artifacts';
import { ColdRun, coldRefreshes, floorMs } from './coldRefresh';
import { heapAfterLoading, HeapResult } from './heap';
import { steadyState, SteadyState } from './steadyState';
import { markdownTable, mib, ms, ratio } from './table';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const TARGETS = {
  floorFactor: 1.3,
  speedUp: 5,
  heapMiB: 50,
  activationMs: 50,
};

function numbers(text: string, name: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`--${name} takes positive integers separated by commas, got ${text}`);
  return values;
}

function coldSection(runs: readonly ColdRun[], latencyMs: number): string {
  const rows = runs.map((run) => {
    const pages = Math.ceil(run.size / PAGE_LIMIT);
    const floor = floorMs(run.size, DEFAULT_CONCURRENCY, latencyMs);
    const ownFloor = floorMs(run.size, run.concurrency, latencyMs);
    const sequential = runs.find((r) => r.size === run.size && r.pager === 'sequential pager');
    return [
      run.size.toLocaleString('en'),
      run.pager,
      run.concurrency,
      ms(run.wallMs),
      run.requests,
      pages,
      run.peak,
      ms(ownFloor),
      ratio(run.wallMs / ownFloor),
      run.pager === 'sequential pager' ? '1.00×' : ratio((sequential?.wallMs ?? NaN) / run.wallMs),
      run.concurrency === DEFAULT_CONCURRENCY ? ratio(run.wallMs / floor) : '',
    ];
  });
  return markdownTable(
    ['sub-jobs', 'pager', 'concurrency', 'wall ms', 'requests', 'ceil(N/100)', 'peak concurrent', 'floor ms (own concurrency)', '× own floor', 'speed-up vs sequential', `× floor at ${DEFAULT_CONCURRENCY}`],
    rows,
  );
}

function steadySection(results: readonly SteadyState[]): string {
  return markdownTable(
    ['sub-jobs', 'running', 'interval s', 'simulated min', 'full refreshes', 'active-only refreshes', 'count checks', 'list calls', 'count calls', 'API requests / min'],
    results.map((r) => [
      r.size.toLocaleString('en'),
      r.running,
      r.intervalSeconds,
      r.minutes,
      r.fullRefreshes,
      r.activeRefreshes,
      r.checks,
      r.listCalls,
      r.countCalls,
      ((r.listCalls + r.countCalls) / r.minutes).toFixed(1),
    ]),
  );
}

function heapSection(results: readonly HeapResult[]): string {
  return markdownTable(
    ['sub-jobs', 'heap used MiB', 'bytes / sub-job', 'listing ms (latency 0)', 'groupByStatus ms', 'render ms (rows + reconcile)', 'longest event-loop block ms'],
    results.map((r) => [
      r.size.toLocaleString('en'),
      mib(r.heapBytes),
      Math.round(r.heapBytes / r.size),
      ms(r.listMs),
      ms(r.groupMs),
      ms(r.renderMs),
      ms(r.maxStallMs),
    ]),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,50000' },
      concurrency: { type: 'string', default: `${DEFAULT_CONCURRENCY},8,16` },
      'latency-ms': { type: 'string', default: '50' },
      out: { type: 'string' },
    },
  });
  const sizes = numbers(values.sizes!, 'sizes');
  const concurrencies = numbers(values.concurrency!, 'concurrency');
  const latencyMs = numbers(values['latency-ms']!, 'latency-ms')[0];
  const started = performance.now();
  const warnings = new Map<string, number>();
  process.on('warning', (warning) => {
    const key = `${warning.name}: ${warning.message}`;
    warnings.set(key, (warnings.get(key) ?? 0) + 1);
  });
  const out: string[] = [];
  const print = (text = '') => {
    out.push(text);
    process.stdout.write(`${text}\n`);
  };

  print('# Benchmark: Workspace Image Jobs');
  print();
  print(`Machine: ${machine()}`);
  print(`Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; simulator in a worker thread, ${latencyMs} ms latency per request, sub-jobs frozen (progress: false), seed fixed.`);
  print();

  print(`## 1. Cold full refresh (all three job types, ${latencyMs} ms per request)`);
  print();
  const cold = await coldRefreshes(sizes, concurrencies, latencyMs);
  print(coldSection(cold, latencyMs));
  print();
  print(`Floor = ceil(N/100) / concurrency × ${latencyMs} ms. The client cannot reach it exactly: each job type's first page must come back before its other pages are known, so one round of ${latencyMs} ms is spent on the first pages of the three job types.`);
  print();

  print('## 2. Steady-state API requests per minute');
  print();
  const steadySizes = sizes.filter((s) => s <= 10_000);
  const steady: SteadyState[] = [];
  for (const size of steadySizes.length ? steadySizes : [1000]) {
    // 3 running is the case the filters/details issue asks about; 10 is this issue's.
    for (const running of [0, 3, 10]) steady.push(await steadyState(size, running));
  }
  print(steadySection(steady));
  print();
  print(
    `Real RefreshScheduler + SubJobStore on a simulated clock, default interval, 10 simulated minutes after the first listing (not counted). All terminal: one count call per interval and a full listing every ${FULL_REFRESH_EVERY_CHECKS} checks; anything running: the active statuses per interval (plus look-ups of sub-jobs that finished and one count call), a full listing every ${FULL_REFRESH_EVERY_CHECKS} refreshes. The refresh columns count what the scheduler asked for: where a full listing takes no more calls than the active statuses would (1,000 sub-jobs), the store lists everything instead.`,
  );
  print();

  print('## 3. Extension-host heap after loading');
  print();
  const heapSizes = sizes.filter((s) => s >= 10_000);
  const heap: HeapResult[] = [];
  for (const size of heapSizes.length ? heapSizes : sizes) heap.push(await heapAfterLoading(size));
  print(heapSection(heap));
  print();
  print(`heapUsed delta after forced GCs: store snapshot (sub-jobs + status groups), client, and the tree rows/nodes (${GROUP_PAGE} per status group + "Show more").`);
  print();

  print('## 4. Activation and bundle');
  print();
  const bundle = productionBundleSize(ROOT);
  const activation = activationTime(ROOT);
  print(
    markdownTable(
      ['what', 'value', 'source'],
      [
        ['activation', activation.ms === undefined ? 'n/a' : `${ms(activation.ms)} ms`, activation.how],
        ['dist/extension.js', bundle.bytes === undefined ? 'n/a' : `${(bundle.bytes / 1024).toFixed(1)} KiB`, bundle.how],
      ],
    ),
  );
  print();

  print('## Targets');
  print();
  const verdict = (met: boolean | undefined) => (met === undefined ? 'n/a' : met ? 'met' : 'missed');
  const cold10k = cold.find((r) => r.size === 10_000 && r.pager !== 'sequential pager' && r.concurrency === DEFAULT_CONCURRENCY);
  const seq10k = cold.find((r) => r.size === 10_000 && r.pager === 'sequential pager');
  const heap50k = heap.find((r) => r.size === 50_000);
  const floor10k = floorMs(10_000, DEFAULT_CONCURRENCY, latencyMs);
  print(
    markdownTable(
      ['target', 'measured', 'verdict'],
      [
        [
          `cold 10k refresh within ${TARGETS.floorFactor}× the floor (${ms(floor10k)} ms at concurrency ${DEFAULT_CONCURRENCY})`,
          cold10k ? `${ms(cold10k.wallMs)} ms = ${ratio(cold10k.wallMs / floor10k)}` : 'n/a',
          verdict(cold10k && cold10k.wallMs <= TARGETS.floorFactor * floor10k),
        ],
        [
          `cold 10k refresh at least ${TARGETS.speedUp}× faster than the sequential pager`,
          cold10k && seq10k ? `${ms(seq10k.wallMs)} / ${ms(cold10k.wallMs)} ms = ${ratio(seq10k.wallMs / cold10k.wallMs)}` : 'n/a',
          verdict(cold10k && seq10k && seq10k.wallMs / cold10k.wallMs >= TARGETS.speedUp),
        ],
        [`heap at 50k under ${TARGETS.heapMiB} MB`, heap50k ? `${mib(heap50k.heapBytes)} MiB` : 'n/a', verdict(heap50k && heap50k.heapBytes < TARGETS.heapMiB * 1024 * 1024)],
        [`activation under ${TARGETS.activationMs} ms`, activation.ms === undefined ? 'n/a' : `${ms(activation.ms)} ms`, verdict(activation.ms === undefined ? undefined : activation.ms < TARGETS.activationMs)],
      ],
    ),
  );
  print();
  if (warnings.size) {
    print('Process warnings during the run:');
    print();
    for (const [text, count] of warnings) print(`- ${count}× ${text}`);
    print();
  }
  print(`Bench took ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  if (values.out) {
    const file = path.resolve(values.out);
    fs.writeFileSync(file, `${out.join('\n')}\n`);
    process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
  }
}

// The heap section needs a forced GC, and warnings are summed up in the report rather than
// printed in the middle of a table: run again with --expose-gc --no-warnings unless already so.
if (!(globalThis as { gc?: unknown }).gc || !process.execArgv.includes('--no-warnings')) {
  const flags = ['--expose-gc', '--no-warnings', ...process.execArgv.filter((f) => f !== '--expose-gc' && f !== '--no-warnings')];
  const result = spawnSync(process.execPath, [...flags, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
