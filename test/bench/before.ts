/**
 * The full-listing design's numbers, as its last bench run wrote them to test/bench/RESULTS.md
 * (commit 124ccd4, run 2026-11-27 17:08 UTC; AMD EPYC, 2 cores, 23.5 GiB RAM, Node v20.20.2,
 * simulator in a worker thread, 50 ms per request). That design (SubJobStore, full listings
 * rescheduled by the old RefreshScheduler policy) no longer exists, so they are quoted, not re-run.
 */
export const BEFORE_SOURCE = 'test/bench/RESULTS.md at commit 124ccd4 (run 2026-11-27 17:08 UTC, same machine type)';

/** Cold full refresh, SubJobClient.listAll at concurrency 6: ms until every sub-job was listed. */
export const BEFORE_COLD: ReadonlyArray<{ size: number; wallMs: number; requests: number }> = [
  { size: 1_000, wallMs: 176, requests: 12 },
  { size: 10_000, wallMs: 973, requests: 101 },
  { size: 50_000, wallMs: 4_577, requests: 501 },
];

/** Steady state, 30 s interval, 10 simulated minutes: API requests per minute. */
export const BEFORE_STEADY: ReadonlyArray<{ size: number; running: number; perMinute: number }> = [
  { size: 1_000, running: 0, perMinute: 3.1 },
  { size: 1_000, running: 3, perMinute: 24.0 },
  { size: 1_000, running: 10, perMinute: 24.0 },
  { size: 10_000, running: 0, perMinute: 12.0 },
  { size: 10_000, running: 3, perMinute: 34.8 },
  { size: 10_000, running: 10, perMinute: 34.8 },
];

/** Extension-host heap after loading (store snapshot + client + tree rows of 200 per group). */
export const BEFORE_HEAP: ReadonlyArray<{ size: number; mib: number }> = [
  { size: 10_000, mib: 4.5 },
  { size: 50_000, mib: 23.3 },
];

export const BEFORE_ARTIFACTS = { activationMs: 4.5, distKiB: 626.4 };
