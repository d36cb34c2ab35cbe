import { isSubJobStatus, JOB_TYPES, JobType, STATUSES, SubJobStatus } from '../model/subJob';
import {
  APP_SERVER_JOB_TYPES,
  AppServerJobType,
  DOCUMENTED_COUNT_JOB_TYPES,
  MAX_APP_JOB_TYPE_LENGTH,
} from './appServerCatalog';

/** The documented bounds of the query parameters. */
export const MAX_OFFSET = 2147483647;
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 10;
export const MAX_JOB_ID_LENGTH = 128;
/** The count call's job_type, a comma-separated list, is a string of at most this many characters. */
export const MAX_JOB_TYPE_LENGTH = 128;

/** A query parameter the service would refuse; the message names it, as the service's do. */
export class InvalidParameterError extends Error {
  constructor(
    readonly parameter: string,
    detail: string,
  ) {
    super(`Invalid parameter: ${parameter} ${detail}`);
    this.name = 'InvalidParameterError';
  }
}

export interface ListQuery<K extends string = JobType> {
  readonly jobType: K;
  readonly status?: SubJobStatus;
  readonly jobId?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface CountQuery<K extends string = JobType> {
  readonly jobTypes: readonly K[];
  readonly status?: SubJobStatus;
  readonly jobId?: string;
}

/** ListImageSubJobs: job_type is required and single. Checked in a fixed order; the first fault wins. */
export function parseListQuery(params: URLSearchParams): ListQuery {
  return parseListQueryOf(params, JOB_TYPES);
}

/** CountImageSubJobs: job_type optional, a comma-separated list; absent means all three. */
export function parseCountQuery(params: URLSearchParams): CountQuery {
  return parseCountQueryOf(params, JOB_TYPES, MAX_JOB_TYPE_LENGTH);
}

/** ListSubJobs (app servers): job_type required, one of the ten; the rest as for images. */
export function parseAppServerListQuery(params: URLSearchParams): ListQuery<AppServerJobType> {
  return parseListQueryOf(params, APP_SERVER_JOB_TYPES);
}

/**
 * CountSubJobs (app servers): job_type optional, a comma-separated list of at most 256 characters.
 * `documentedOnly`: of the four job types its API page lists, as the real service may insist; absent still counts all.
 */
export function parseAppServerCountQuery(
  params: URLSearchParams,
  documentedOnly = false,
): CountQuery<AppServerJobType> {
  // CREATE_SERVER_IMAGE, documented for the count and not for the list, counts what no listing holds: none here.
  const accepted = (documentedOnly ? DOCUMENTED_COUNT_JOB_TYPES : APP_SERVER_JOB_TYPES) as readonly AppServerJobType[];
  return parseCountQueryOf(params, accepted, MAX_APP_JOB_TYPE_LENGTH, APP_SERVER_JOB_TYPES);
}

function parseListQueryOf<K extends string>(params: URLSearchParams, types: readonly K[]): ListQuery<K> {
  const jobType = single(params, 'job_type');
  if (jobType === undefined)
    throw new InvalidParameterError('job_type', `is required; expected one of ${types.join(', ')}.`);
  if (!isOneOf(types, jobType))
    throw new InvalidParameterError('job_type', `${quote(jobType)} is not one of ${types.join(', ')}.`);
  return {
    jobType,
    ...filterFields(params),
    offset: integer(params, 'offset', 0, MAX_OFFSET, 0),
    limit: integer(params, 'limit', MIN_LIMIT, MAX_LIMIT, DEFAULT_LIMIT),
  };
}

function parseCountQueryOf<K extends string>(
  params: URLSearchParams,
  types: readonly K[],
  maxLength: number,
  whenAbsent: readonly K[] = types,
): CountQuery<K> {
  const given = params.getAll('job_type').filter((value) => value !== '');
  if (given.some((value) => value.length > maxLength))
    throw new InvalidParameterError('job_type', `must be at most ${maxLength} characters.`);
  const jobTypes = new Set<K>();
  for (const part of given.flatMap((value) => value.split(','))) {
    const name = part.trim();
    if (!isOneOf(types, name)) {
      throw new InvalidParameterError(
        'job_type',
        `${quote(name)} is not one of ${types.join(', ')} (a comma-separated list is allowed).`,
      );
    }
    jobTypes.add(name);
  }
  return { jobTypes: jobTypes.size ? [...jobTypes] : [...whenAbsent], ...filterFields(params) };
}

function isOneOf<K extends string>(types: readonly K[], value: string): value is K {
  return (types as readonly string[]).includes(value);
}

function filterFields(params: URLSearchParams): { status?: SubJobStatus; jobId?: string } {
  const status = single(params, 'status');
  if (status !== undefined && !isSubJobStatus(status)) {
    throw new InvalidParameterError('status', `${quote(status)} is not one of ${STATUSES.join(', ')}.`);
  }
  const jobId = single(params, 'job_id');
  if (jobId !== undefined && jobId.length > MAX_JOB_ID_LENGTH) {
    throw new InvalidParameterError('job_id', `must be at most ${MAX_JOB_ID_LENGTH} characters.`);
  }
  return { ...(status !== undefined && { status }), ...(jobId !== undefined && { jobId }) };
}

/** An empty value counts as absent, as the service's form binding treats it. Repeats are refused. */
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new InvalidParameterError(name, 'must be given at most once.');
  return values[0] === '' ? undefined : values[0];
}

function integer(params: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const text = single(params, name);
  if (text === undefined) return fallback;
  const value = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw new InvalidParameterError(name, `${quote(text)} is not an integer from ${min} to ${max}.`);
  }
  return value;
}

/** Echoes a refused value, shortened so a huge query cannot bloat the error body. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
