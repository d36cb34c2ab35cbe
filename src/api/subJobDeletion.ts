import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import { BATCH_DELETE_LIMIT } from './subJobQueries';

/** Ids per BatchDeleteImageSubJobs call: the most the service takes. */
export const CHUNK = BATCH_DELETE_LIMIT;
export const DEFAULT_DELETE_CONCURRENCY = 3;

/** What deleteSubJobs needs of a client: SubJobClient.batchDelete. */
export interface BatchDeleter {
  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void>;
}

export interface DeletionOptions {
  /** Calls in flight at once; 3 by default. */
  readonly concurrency?: number;
  /** Aborting it (the user cancelled) stops sending; calls in flight are aborted too. */
  readonly signal?: AbortSignal;
  /** After each call's answer: ids answered so far (deleted or failed) out of the unique ids asked for. */
  onProgress?(done: number, total: number): void;
}

export interface DeletionResult {
  /** Ids the service accepted to delete (unknown ids are among them: the service ignores those). */
  deleted: string[];
  /**
   * Calls that failed, each with its ids and error; none of those ids was deleted, except that a
   * call aborted in flight may have reached the service before the abort.
   */
  failed: Array<{ ids: string[]; error: unknown }>;
  /** Ids never sent: the user cancelled, or the credential was refused and the rest would be too. */
  notSent: string[];
  /** The signal aborted before every call had its answer. */
  cancelled: boolean;
}

type Outcome = { kind: 'deleted' } | { kind: 'failed'; error: unknown } | { kind: 'notSent' };

/**
 * Deletes sub-jobs in calls of CHUNK ids, `concurrency` at a time. The service refuses a whole call
 * for one sub-job it cannot delete (still active), so a refused call is reported with its ids and
 * error while the others go on. The result lists every id once, in the order asked (duplicates
 * dropped): deleted, in a failed call, or not sent.
 *
 * A 401 or 403 stops new calls: the credential or permission is the same for every call, and five
 * AK/SK signature failures in a row lock the key for five minutes.
 */
export async function deleteSubJobs(
  client: BatchDeleter,
  ids: readonly string[],
  options: DeletionOptions = {},
): Promise<DeletionResult> {
  const concurrency = options.concurrency ?? DEFAULT_DELETE_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const signal = options.signal ?? new AbortController().signal;
  const unique = [...new Set(ids)];
  // An empty id would make the service refuse the 19 good ids sent with it.
  const unusable = unique.filter((id) => typeof id !== 'string' || id === '');
  const usable = unique.filter((id) => typeof id === 'string' && id !== '');
  const chunks: string[][] = [];
  for (let i = 0; i < usable.length; i += CHUNK) chunks.push(usable.slice(i, i + CHUNK));
  const outcomes: Outcome[] = chunks.map(() => ({ kind: 'notSent' }));
  const total = unique.length;
  let done = unusable.length;
  let next = 0;
  let refusedCredential = false;
  let interrupted = false;

  const report = (): void => {
    try {
      options.onProgress?.(done, total);
    } catch {
      // A progress display that fails must not turn deleted sub-jobs into an unreported outcome.
    }
  };

  const worker = async (): Promise<void> => {
    while (next < chunks.length && !signal.aborted && !refusedCredential) {
      const index = next++;
      const chunk = chunks[index];
      try {
        await client.batchDelete(chunk, signal);
        outcomes[index] = { kind: 'deleted' };
      } catch (error) {
        outcomes[index] = { kind: 'failed', error };
        if (signal.aborted) interrupted = true;
        if (error instanceof ApiError && error.isAuthFailure) refusedCredential = true;
      }
      done += chunk.length;
      report();
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));

  const result: DeletionResult = { deleted: [], failed: [], notSent: [], cancelled: false };
  if (unusable.length) {
    result.failed.push({
      ids: unusable,
      error: new RangeError(l10n.t('{0} sub-job id(s) are empty or not text; they were not sent', unusable.length)),
    });
  }
  chunks.forEach((chunk, index) => {
    const outcome = outcomes[index];
    if (outcome.kind === 'deleted') result.deleted.push(...chunk);
    else if (outcome.kind === 'failed') result.failed.push({ ids: chunk, error: outcome.error });
    else result.notSent.push(...chunk);
  });
  result.cancelled = interrupted || (signal.aborted && result.notSent.length > 0);
  return result;
}
