import { isActiveStatus, isSubJobStatus } from '../model/subJob';
import { Failure, SERVICE_UNAVAILABLE } from './catalog';
import { SeededSubJob } from './dataset';
import { applyPlan } from './progression';
import { Random } from './random';
import { StoredSubJob, SubJobShape } from './subJobShape';
import { compareNewestFirst, formatTime, RawSubJob } from './rawSubJob';

export interface StoreOptions {
  readonly projectId: string;
  readonly now: () => number;
  /** When false, generated sub-jobs keep the status they were generated with. */
  readonly progress: boolean;
  /** For the resource ids of added sub-jobs. */
  readonly random: Random;
}

/** Which sub-jobs a call asks about; absent fields do not filter. */
export interface SubJobFilter {
  readonly jobTypes?: readonly string[];
  readonly status?: string;
  readonly jobId?: string;
}

export interface SubJobPage<T extends StoredSubJob = RawSubJob> {
  readonly count: number;
  readonly items: T[];
}

/** A ListImageSubJobs (or ListSubJobs) answer as sent. */
export interface WireSubJobPage<T extends StoredSubJob = RawSubJob> {
  readonly count: number;
  readonly items: Partial<T>[];
}

/** A ShowImageJob (or ShowJobDetail) answer: the parent job, derived from its sub-jobs, with them. */
export interface WireJob<T extends StoredSubJob = RawSubJob> {
  readonly id: string;
  readonly job_type: string;
  readonly begin_time: string;
  readonly end_time: string;
  /** The job statuses ListImageJobs and ShowJobDetail document: WAITING, RUNNING, SUCCESS, FAILED. */
  readonly status: string;
  readonly sub_jobs_total: number;
  readonly sub_jobs: Partial<T>[];
}

/** How a sub-job added by hand differs from what its fields say. */
export interface AddOptions<T extends StoredSubJob = RawSubJob> {
  /**
   * The query job type that lists (and counts) it; its job_type by default. Lets a sub-job carry
   * a job_type the query does not take (BUILD_IMAGE, GENERATE_IMAGE, DELETE_IMAGE_BUILD_SERVER,
   * DELETE_IMAGE) or none, yet be listed. A sub-job whose job_type is not a query type and that
   * has no listedUnder is in no listing: only ShowImageJob (its parent job) shows it.
   */
  readonly listedUnder?: string;
  /** Fields to leave out of every answer, e.g. ['job_type'] for a sub-job without one. */
  readonly omit?: ReadonlyArray<keyof T>;
}

/** Statuses that carry a failure reason. */
const FAILURE_STATUSES = new Set(['FAILED', 'ABNORMAL', 'ROLLBACK']);

/**
 * The simulated service's sub-jobs, kept in list order. Progression is applied lazily at each read,
 * so no timer keeps a process alive, and it only visits the sub-jobs that can still move.
 */
export class SubJobStore<T extends StoredSubJob = RawSubJob> {
  private records: SeededSubJob<T>[];
  private readonly byId = new Map<string, SeededSubJob<T>>();
  /** Sub-jobs whose plan has not run its course; a status set by hand takes a sub-job out. */
  private readonly moving = new Set<SeededSubJob<T>>();
  private lastId: bigint;
  private added = 0;

  constructor(
    seeded: readonly SeededSubJob<T>[],
    private readonly options: StoreOptions,
    private readonly shape: SubJobShape<T>,
  ) {
    this.records = [...seeded].sort(compareNewestFirst);
    this.lastId = 0n;
    for (const record of this.records) this.index(record);
  }

  list(filter: SubJobFilter, offset: number, limit: number): SubJobPage<T> {
    const matching = this.matching(filter);
    return {
      count: matching.length,
      items: matching.slice(offset, offset + limit).map((r) => this.shape.clone(r.subJob)),
    };
  }

  /** A page as the service sends it: fields a sub-job omits are left out; newest first unless asked otherwise. */
  page(filter: SubJobFilter, offset: number, limit: number, oldestFirst = false): WireSubJobPage<T> {
    const matching = oldestFirst ? this.matching(filter).reverse() : this.matching(filter);
    return {
      count: matching.length,
      items: matching.slice(offset, offset + limit).map((r) => this.wire(r)),
    };
  }

  /**
   * The parent job `jobId` as ShowImageJob answers it, undefined when no sub-job belongs to it.
   * Its job type is the query type its sub-jobs are listed under; its status WAITING while every
   * sub-job waits, RUNNING while any is active, else FAILED if any failed, else SUCCESS.
   */
  job(jobId: string): WireJob<T> | undefined {
    this.advance();
    const records = this.records.filter((r) => r.subJob.job_id === jobId);
    if (records.length === 0) return undefined;
    const statuses = records.map((r) => r.subJob.status);
    const active = statuses.some((s) => isActiveStatus(s));
    const status = statuses.every((s) => s === 'WAITING')
      ? 'WAITING'
      : active
        ? 'RUNNING'
        : statuses.some((s) => s === 'FAILED' || s === 'ABNORMAL')
          ? 'FAILED'
          : 'SUCCESS';
    const oldest = records.reduce((a, b) => (b.beginMs < a.beginMs ? b : a));
    const ends = records.map((r) => r.subJob.end_time).filter((t) => t && !Number.isNaN(Date.parse(t)));
    const lastEnd = ends.reduce((a, b) => (!a || Date.parse(b) > Date.parse(a) ? b : a), '');
    return {
      id: jobId,
      job_type: listedUnder(records[0]),
      begin_time: oldest.subJob.begin_time,
      end_time: active ? '' : lastEnd,
      status,
      sub_jobs_total: records.length,
      sub_jobs: records.map((r) => this.wire(r)),
    };
  }

  count(filter: SubJobFilter): number {
    return this.matching(filter).length;
  }

  /** Every sub-job as it is now, in list order. */
  all(): T[] {
    this.advance();
    return this.records.map((r) => this.shape.clone(r.subJob));
  }

  /**
   * Forces a status (any string, so tests can also send values the API does not document). The
   * sub-job stops progressing by itself. Terminal statuses get an end time, active ones lose it.
   */
  setStatus(id: string, status: string, failure?: Failure): void {
    this.advance();
    const record = this.byId.get(id);
    if (!record) throw new Error(`The simulator has no sub-job with id ${id}`);
    this.moving.delete(record);
    const subJob = record.subJob;
    subJob.status = status;
    if (isSubJobStatus(status)) {
      if (isActiveStatus(status)) subJob.end_time = '';
      else if (!subJob.end_time) subJob.end_time = formatTime(this.options.now());
    }
    if (failure) this.shape.writeFailure(subJob, failure);
    else if (!FAILURE_STATUSES.has(status)) this.shape.writeFailure(subJob, undefined);
    else if (!this.shape.errorCode(subJob)) this.shape.writeFailure(subJob, SERVICE_UNAVAILABLE);
  }

  /**
   * Adds a sub-job begun now; unspecified fields get realistic values. It does not progress by
   * itself. See AddOptions for a job type the query does not take, or fields left out.
   */
  add(partial: Partial<T> = {}, options: AddOptions<T> = {}): T {
    this.advance();
    const now = this.options.now();
    const status = partial.status ?? 'WAITING';
    const terminal = isSubJobStatus(status) && !isActiveStatus(status);
    const failure = FAILURE_STATUSES.has(status) ? SERVICE_UNAVAILABLE : undefined;
    this.added++;
    const base: StoredSubJob = {
      id: partial.id ?? this.nextId(),
      job_type: partial.job_type ?? 'CREATE_SERVER',
      begin_time: partial.begin_time ?? formatTime(now),
      end_time: partial.end_time ?? (terminal ? formatTime(now) : ''),
      status,
      project_id: partial.project_id ?? this.options.projectId,
      job_id: partial.job_id ?? this.nextId(),
    };
    const subJob = this.shape.create(base, partial, failure, this.options.random, this.added);
    if (this.byId.has(subJob.id)) throw new Error(`The simulator already has a sub-job with id ${subJob.id}`);
    const parsed = Date.parse(subJob.begin_time);
    const record: SeededSubJob<T> = {
      subJob,
      beginMs: Number.isNaN(parsed) ? now : parsed,
      ...(options.listedUnder && { listedUnder: options.listedUnder }),
      ...(options.omit?.length && { omit: [...options.omit] }),
    };
    const at = this.records.findIndex((other) => compareNewestFirst(record, other) < 0);
    this.records.splice(at < 0 ? this.records.length : at, 0, record);
    this.index(record);
    return this.shape.clone(subJob);
  }

  /** The sub-job as it is now; undefined when there is none with this id. */
  get(id: string): T | undefined {
    this.advance();
    const record = this.byId.get(id);
    return record && this.shape.clone(record.subJob);
  }

  /**
   * BatchDeleteImageSubJobs: deletes the listed sub-jobs at once, or none of them when one is not
   * in a deletable status (the first such, in the order given, is returned). Unknown ids are ignored.
   */
  deleteFinished(
    ids: readonly string[],
    deletable: ReadonlySet<string>,
  ): { refused: { id: string; status: string } } | { deleted: string[] } {
    this.advance();
    const records = ids.map((id) => this.byId.get(id)).filter((r): r is SeededSubJob<T> => r !== undefined);
    const active = records.find((r) => !deletable.has(r.subJob.status));
    if (active) return { refused: { id: active.subJob.id, status: active.subJob.status } };
    const doomed = new Set(records);
    this.records = this.records.filter((r) => !doomed.has(r));
    for (const record of records) {
      this.byId.delete(record.subJob.id);
      this.moving.delete(record);
    }
    return { deleted: records.map((r) => r.subJob.id) };
  }

  /** Ids keep growing afterwards, as a real service's would. */
  removeAll(): void {
    this.records = [];
    this.byId.clear();
    this.moving.clear();
  }

  /** The wire form: a copy without the fields the record omits. */
  private wire(record: SeededSubJob<T>): Partial<T> {
    const wire: Partial<T> = this.shape.clone(record.subJob);
    for (const field of record.omit ?? []) delete wire[field];
    return wire;
  }

  private index(record: SeededSubJob<T>): void {
    this.byId.set(record.subJob.id, record);
    if (record.plan) this.moving.add(record);
    if (/^\d{1,30}$/.test(record.subJob.id)) {
      const numeric = BigInt(record.subJob.id);
      if (numeric > this.lastId) this.lastId = numeric;
    }
  }

  private nextId(): string {
    // Below 18 digits (an empty start), begin where the service's ids are.
    this.lastId = this.lastId < 100_000_000_000_000_000n ? 700_000_000_000_000_000n : this.lastId + 1_048_576n;
    return this.lastId.toString();
  }

  private advance(): void {
    if (!this.options.progress || this.moving.size === 0) return;
    const now = this.options.now();
    for (const record of this.moving) {
      if (record.plan && applyPlan(record.subJob, record.plan, now, this.shape.writeFailure))
        this.moving.delete(record);
    }
  }

  private matching(filter: SubJobFilter): SeededSubJob<T>[] {
    this.advance();
    const { jobTypes, status, jobId } = filter;
    return this.records.filter(
      (record) =>
        (!jobTypes || jobTypes.includes(listedUnder(record))) &&
        (!status || record.subJob.status === status) &&
        (!jobId || record.subJob.job_id === jobId),
    );
  }
}

/** The job type whose listing holds a sub-job: its own unless it was added with another. */
function listedUnder(record: { readonly listedUnder?: string; readonly subJob: StoredSubJob }): string {
  return record.listedUnder ?? record.subJob.job_type;
}
