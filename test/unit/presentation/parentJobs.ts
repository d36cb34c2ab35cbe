import { ParentJob } from '../../../src/presentation/jobTimeline';

/** The timeline tests' clock and parent job: one job begun at T0, running, with the sub-jobs given. */
export const MIN = 60_000;
export const T0 = Date.parse('2026-11-27T10:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export function job(subJobs: ParentJob['subJobs'], overrides: Partial<ParentJob> = {}): ParentJob {
  return {
    id: '7023',
    jobType: 'CREATE_SERVER',
    status: 'RUNNING',
    beginTime: iso(T0),
    endTime: '',
    subJobs,
    ...overrides,
  };
}
