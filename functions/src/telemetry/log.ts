import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE } from './names.js';

export { SERVICE } from './names.js';

/**
 * The one logger (Powertools): a JSON line per entry with `level`, `message`, `service`,
 * `timestamp`, the X-Ray trace id in AWS, and the fields of the request being served. The
 * local runtime runs the same handlers, so it prints the same lines. Level:
 * `POWERTOOLS_LOG_LEVEL` (default INFO); `POWERTOOLS_DEV=true` (the test setup) prints
 * through the global console, indented.
 */
export const logger = new Logger({ serviceName: SERVICE });

/** What every line logged while serving a request carries. */
export type RequestFields = {
  /** The route id (`stockIssues.create`), or `<area> router` before a route matched. */
  route?: string;
  /** The Lambda request id (`context.awsRequestId`). */
  request_id?: string;
  /** API Gateway's request id, to find the access log line. */
  api_request_id?: string;
  /** The first request this container (or local process) served. */
  cold_start?: boolean;
  /** The caller's tenant once authenticated. */
  tenant?: string;
  user?: string;
};

// Per request, not per logger: the local runtime serves many requests at once in one
// process, where keys appended to a shared logger would leak from one request into another.
const scope = new AsyncLocalStorage<RequestFields>();
let coldStart = true;

/** Runs `fn` with `fields` on every line it logs (however deep, across awaits). */
export function withRequestFields<T>(fields: Omit<RequestFields, 'cold_start'>, fn: () => T): T {
  const outer = scope.getStore();
  if (outer) return scope.run({ ...outer, ...fields }, fn);
  const cold = coldStart;
  coldStart = false;
  return scope.run({ ...fields, cold_start: cold }, fn);
}

/** Adds fields to the current request's lines (the tenant, once the token is checked). */
export function addRequestFields(fields: RequestFields): void {
  const store = scope.getStore();
  if (store) Object.assign(store, fields);
}

export function requestFields(): RequestFields {
  return { ...scope.getStore() };
}

type Fields = Record<string, unknown>;

/** Log with the request's fields; `fields` go at the top level of the line. */
export const log = {
  debug: (message: string, fields: Fields = {}) =>
    logger.debug(message, { ...scope.getStore(), ...fields }),
  info: (message: string, fields: Fields = {}) =>
    logger.info(message, { ...scope.getStore(), ...fields }),
  warn: (message: string, fields: Fields = {}) =>
    logger.warn(message, { ...scope.getStore(), ...fields }),
  error: (message: string, fields: Fields = {}) =>
    logger.error(message, { ...scope.getStore(), ...fields }),
};

/** An error as a log field: name, message and stack (Powertools formats Error values). */
export function errorField(err: unknown): unknown {
  return err instanceof Error ? err : String(err);
}
