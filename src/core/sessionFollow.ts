import { Logger } from '../api/logger';
import type { ImageJob } from '../api/subJobClient';
import { SubJob } from '../model/subJob';
import type { SubJobRef } from '../model/subJobRef';
import { ChangeBatcher } from './changeBatcher';
import { Clock } from './clock';
import { EndingSource } from './endingTracker';
import { FollowEngine } from './followEngine';
import { SessionState } from './sessionState';

/** What a session lends its follow engine: its own gated calls, its lifetime, its gates. */
export interface FollowedSession {
  findSubJob(ref: SubJobRef, signal?: AbortSignal): Promise<SubJob | undefined>;
  showJob(jobId: string, signal?: AbortSignal): Promise<ImageJob>;
  listJob(jobId: string, signal?: AbortSignal): Promise<SubJob[]>;
  readonly signal: AbortSignal;
  readonly connected: boolean;
  readonly refused: boolean;
  readonly state: SessionState;
  loadedSubJobs(): SubJob[];
}

/**
 * The session's follow engine: watches, open panels and endings, polled on the session's interval
 * through the session's gated calls, stopped with the session, silent while the session may not
 * send (no connection, a refused credential). What a refresh loads reaches followers at once.
 */
export function sessionFollowEngine(
  session: FollowedSession,
  store: ChangeBatcher,
  intervalSeconds: () => number,
  clock: Clock,
  logger: Logger,
): FollowEngine {
  const engine = new FollowEngine({
    source: {
      findSubJob: (ref, signal) => session.findSubJob(ref, signal),
      showJob: (jobId, signal) => session.showJob(jobId, signal),
      listJob: (jobId, signal) => session.listJob(jobId, signal),
    },
    intervalSeconds,
    signal: session.signal,
    mayCall: () => session.connected && !session.refused,
    clock,
    logger,
  });
  store.onDidChange((change) =>
    engine.seen(change.groups.flatMap((status) => store.state.groups.get(status)?.subJobs ?? [])),
  );
  return engine;
}

/** The ending tracker's look-ups go through the engine: its pool bounds them with every other follow-up. */
export function endingSourceOf(session: FollowedSession, engine: FollowEngine): EndingSource {
  return {
    get state() {
      return session.state;
    },
    loadedSubJobs: () => session.loadedSubJobs(),
    findSubJob: async (ref, signal) => {
      const found = await engine.lookUpOnce({ kind: 'subJob', id: ref.id, ref }, signal);
      if (found.kind !== 'subJob') return undefined;
      // An ending the refresh found reaches an open panel in the same moment as its notification.
      engine.seen([found.subJob]);
      return found.subJob;
    },
  };
}
