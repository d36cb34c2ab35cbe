/**
 * The parent job timeline at 200 and 2,000 sub-jobs: building what its first render and a live
 * update send (the model, the escaped header and summary, every bar) and the size of that message.
 * What the webview then draws is measured in the real workbench (the `timeline` scenario prints it).
 */
import { performance } from 'node:perf_hooks';
import { timelinePanelMessages } from '../../src/model/jobProtocol';
import { SubJob } from '../../src/model/subJob';
import type { ParentJob } from '../../src/presentation/jobTimeline';
import { timelineView } from '../../src/presentation/jobTimelineHtml';
import { median } from './harness';
import { markdownTable, ms } from './table';

export const TIMELINE_SIZES = [200, 2000];
const RUNS = 7;
const MINUTE = 60_000;

function bigJob(size: number, now: number): ParentJob {
  const start = now - 90 * MINUTE;
  const subJobs: SubJob[] = Array.from({ length: size }, (_, i) => {
    const status = i % 40 === 0 ? 'FAILED' : i % 9 === 0 ? 'RUNNING' : 'SUCCESS';
    const begin = start + (i % 300) * 15_000;
    return {
      id: String(702364884037271552n + BigInt(i)),
      jobType: 'CREATE_SERVER',
      status,
      resourceId: `5f0d2a6e-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceName: `desktop-${String(i).padStart(4, '0')}`,
      beginTime: new Date(begin).toISOString(),
      endTime: status === 'RUNNING' ? '' : new Date(begin + (2 + (i % 11)) * MINUTE).toISOString(),
      errorCode: status === 'FAILED' ? `WKS.0012990${i % 3}` : '',
      errorMessage: status === 'FAILED' ? 'The service is now unavailable to process the request.' : '',
      projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      jobId: '702364884037270000',
    };
  });
  return { id: '702364884037270000', jobType: 'CREATE_SERVER', status: 'RUNNING', beginTime: '', endTime: '', subJobs };
}

/** Median ms to build the message, and its size in KiB. */
function measure(job: ParentJob, now: number): { ms: number; kib: number } {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const message = timelinePanelMessages.render(timelineView({ jobId: job.id, job, nowMs: now, intervalMs: 30_000 }));
    bytes = JSON.stringify(message).length;
    times.push(performance.now() - started);
  }
  return { ms: median(times), kib: bytes / 1024 };
}

export function timelineSection(): string {
  const now = Date.now();
  const rows = TIMELINE_SIZES.map((size) => {
    const job = bigJob(size, now);
    const first = measure(job, now);
    // A live update: one running sub-job failed.
    const index = job.subJobs.findIndex((s) => s.status === 'RUNNING');
    const subJobs = job.subJobs.map((s, i) =>
      i === index ? { ...s, status: 'FAILED', endTime: new Date(now).toISOString(), errorCode: 'WKS.00129902' } : s,
    );
    const update = measure({ ...job, subJobs }, now + 30_000);
    return [
      size.toLocaleString('en'),
      ms(first.ms),
      `${first.kib.toFixed(0)} KiB`,
      ms(update.ms),
      `${update.kib.toFixed(0)} KiB`,
    ];
  });
  return [
    '## Parent job timeline (Show Parent Job)',
    '',
    `Building the render message in the extension host (median of ${RUNS}); the webview draws only the bars in view.`,
    '',
    markdownTable(['Sub-jobs', 'First paint: build', 'Message', 'Live update: build', 'Message'], rows),
  ].join('\n');
}

if (require.main === module) process.stdout.write(`${timelineSection()}\n`);
