import { listOne } from '../api/countMode';
import { familyApi } from '../api/familyApi';
import { describeError } from '../api/errors';
import { Logger } from '../api/logger';
import { countByStatus, unknownStatusCount } from '../api/statusCounts';
import { ACTIVE_STATUSES, STATUSES } from '../model/subJob';
import { ChangeBatcher } from './changeBatcher';
import { Clock } from './clock';
import { EndingTracker, Endings } from './endingTracker';
import { GroupLoader } from './groupLoader';
import { RefreshKind } from './refreshPolicy';
import { SessionGate } from './sessionGate';
import { SessionClient, SessionQuery, SessionSpec, specFamily, specJobTypes } from './sessionSpec';
import { withUnknown } from './sessionState';
import { UnknownScan } from './unknownScan';

/** The parts of a session a refresh reads and updates. */
export interface RefreshContext {
  readonly spec: SessionSpec;
  /** The gated client. */
  readonly client: SessionClient;
  readonly gate: SessionGate;
  readonly store: ChangeBatcher;
  readonly groups: GroupLoader;
  readonly unknown: UnknownScan;
  readonly endings: EndingTracker;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface RefreshResult {
  /** The total the counts add up to now. */
  readonly total: number | undefined;
  readonly endings: Endings;
}

/**
 * One refresh: every count, or (kind 'check') one count that falls back to every count when it
 * moved; then the groups to read again, the unknown-status scan, and the endings. Undefined when
 * the signal aborted it (a newer refresh, the session ending); a failure is thrown.
 */
export async function refreshCounts(
  ctx: RefreshContext,
  /** The total the last counts added up to, for the one-call check. */
  lastTotal: number | undefined,
  signal: AbortSignal,
  reason: string,
  kind: RefreshKind,
  explicit: boolean,
): Promise<RefreshResult | undefined> {
  const { spec, client, gate, store } = ctx;
  const query = spec.query;
  const filtered = Boolean(query.statuses?.length);
  // Counting by listing: the user's Refresh (or an hour) asks the count call again, a policy may have changed.
  gate.counting.reconsider(explicit, ctx.clock.now());
  // An access key not yet proven (or refused, and asked again by the user) gets one request first:
  // the counts go out together, and five bad signatures in a row lock the key for minutes.
  const probed = gate.isProven ? undefined : await gate.prove(signal, explicit);
  if (signal.aborted) return undefined;
  // A family a policy denies is asked again with one list call: the full refresh only once it is answered.
  if (!explicit && store.state.failure?.denied) await listOne(client, specJobTypes(spec), {}, signal);
  if (signal.aborted) return undefined;
  if (kind === 'check' && store.state.counts && lastTotal !== undefined) {
    const total = probed !== undefined && !filtered ? probed : await count(client, query, signal);
    if (signal.aborted) return undefined;
    if (total === lastTotal) {
      ctx.logger.debug(`${spec.projectId}: checked (${reason}), still ${total} sub-jobs`);
      store.apply({ ...store.state, fetchedAt: ctx.clock.now(), failure: undefined });
      return { total, endings: { transitions: [], unresolved: 0 } };
    }
    ctx.logger.info(`${spec.projectId}: the count moved from ${lastTotal} to ${total}: counting every status`);
  }
  const statuses = filtered ? query.statuses! : STATUSES;
  const withTotal = !filtered && probed === undefined;
  const answered = await countByStatus(
    client,
    { jobTypes: query.jobTypes, statuses, jobId: query.jobId, withTotal },
    signal,
  );
  if (signal.aborted) return undefined;
  const counts = probed !== undefined && !filtered ? { ...answered, total: probed } : answered;
  store.countedNow();
  const total = withTotal ? counts.total : [...counts.byStatus.values()].reduce((a, b) => a + b, 0);
  const byStatus = new Map<string, number>(counts.byStatus);
  const reload = ctx.groups.toReload(byStatus, ctx.endings.enabled);
  // Counts alone are worth showing at once when they change the list of groups (the first
  // answer among them): the groups appear in one round trip.
  store.apply({
    ...store.state,
    counts: withUnknown(byStatus, store.state),
    fetchedAt: ctx.clock.now(),
    failure: undefined,
    ...countingNotice(ctx),
  });
  await Promise.all([
    ...reload.map((s) => ctx.groups.load(s, signal)),
    ctx.unknown.update(unknownStatusCount(counts), signal),
  ]);
  if (signal.aborted) return undefined;
  for (const s of ACTIVE_STATUSES) if (!byStatus.get(s)) ctx.groups.dropGroup(s);
  const ended = await ctx.endings.ended(signal);
  if (signal.aborted) return undefined;
  ended.commit();
  return { total, endings: { transitions: ended.transitions, unresolved: ended.unresolved } };
}

/** Says once per session, in the log and on the project row, that counts come from listing and what would make them cheaper. */
function countingNotice(ctx: RefreshContext): { countingByListing: true | undefined } {
  const jobTypes = ctx.gate.counting.untoldJobTypesRefusal();
  if (jobTypes)
    ctx.logger.warn(
      `${ctx.spec.projectId}: ${specFamily(ctx.spec) === 'appServer' ? 'CountSubJobs' : 'CountImageSubJobs'} answered HTTP 400 to the job types it was sent ` +
        `(${describeError(jobTypes)}): counting with the list call instead for this session, one request per job type and status`,
    );
  const refusal = ctx.gate.counting.refused;
  if (!refusal) return { countingByListing: undefined };
  if (!ctx.store.state.countingByListing)
    ctx.logger.warn(
      `${ctx.spec.projectId}: the count call was refused (${describeError(refusal)}): counting with the list call ` +
        'instead, one request per job type and status; ' +
        `allowing ${familyApi(specFamily(ctx.spec)).actions.count} would make each refresh cheaper`,
    );
  return { countingByListing: true };
}

/** The total under the query: one count call, or one per status when the statuses are filtered. */
async function count(client: SessionClient, query: SessionQuery, signal: AbortSignal): Promise<number> {
  const filtered = Boolean(query.statuses?.length);
  const counts = await countByStatus(
    client,
    { jobTypes: query.jobTypes, statuses: filtered ? query.statuses! : [], jobId: query.jobId, withTotal: !filtered },
    signal,
  );
  return filtered ? [...counts.byStatus.values()].reduce((a, b) => a + b, 0) : counts.total!;
}
