import { AsyncLocalStorage } from 'node:async_hooks';
import { isDevMode } from './env.js';
import { SERVICE } from './names.js';

export { SERVICE } from './names.js';

const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, SILENT: 28 } as const;
export type LogLevel = keyof typeof LEVELS;

/** A level's name as Powertools read it; TRACE and FATAL/CRITICAL have no line of ours. */
function levelNamed(name: string | undefined): LogLevel | undefined {
  const upper = name?.trim().toUpperCase();
  if (upper === 'TRACE') return 'DEBUG';
  if (upper === 'FATAL' || upper === 'CRITICAL') return 'ERROR';
  return upper !== undefined && Object.hasOwn(LEVELS, upper) ? (upper as LogLevel) : undefined;
}

/** The level Lambda's advanced logging controls set, which then wins over everything else. */
const lambdaLevel = () => levelNamed(process.env.AWS_LAMBDA_LOG_LEVEL);

/** The level the environment sets when the process starts. */
export function levelFromEnvironment(): LogLevel {
  return (
    lambdaLevel() ?? levelNamed(process.env.POWERTOOLS_LOG_LEVEL || process.env.LOG_LEVEL) ?? 'INFO'
  );
}

let level: LogLevel = levelFromEnvironment();

/**
 * The one logger: a JSON line per entry with `level`, `message`, `timestamp`, `service`, the
 * X-Ray trace id in AWS, and the fields of the request being served (the lines Powertools
 * Logger wrote, which this replaces: 23 KB of every bundle). The local runtime runs the same
 * handlers, so it prints the same lines. Level: `AWS_LAMBDA_LOG_LEVEL`, else
 * `POWERTOOLS_LOG_LEVEL` (or `LOG_LEVEL`), else INFO; debug and info lines go to standard
 * output, warnings and errors to standard error, each a whole line (not through Lambda's
 * patched console, which prefixes its lines). `POWERTOOLS_DEV=true` (the test setup) prints
 * through the global console (`console.info`, `console.warn` …), indented.
 */
export const logger = {
  /** Ignored under Lambda's advanced logging controls, whose level wins (as in Powertools). */
  setLogLevel(name: LogLevel): void {
    level = lambdaLevel() ?? name;
  },
  getLevelName(): LogLevel {
    return level;
  },
};

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

/** Keys of the line itself: a field of that name is dropped (with a warning). */
const RESERVED = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate']);

/** The X-Ray trace id (`Root=`) of the invocation being served, in AWS. */
function xrayTraceId(): string | undefined {
  const store = (
    globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId(): string | undefined } } }
  ).awslambda?.InvokeStore;
  const header = store?.getXRayTraceId() ?? process.env._X_AMZN_TRACE_ID;
  if (!header) return undefined;
  if (!header.includes('=')) return header;
  return /(?:^|;)\s*Root=([^;]*)/.exec(header)?.[1];
}

/** `file:line` of the first stack frame that has one. */
function codeLocation(stack: string | undefined): string {
  for (const line of stack?.split('\n') ?? []) {
    const match = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/.exec(line);
    if (match) return `${match[1]}:${Number(match[2])}`;
  }
  return '';
}

/** An error as Powertools formatted it: name, location, message, stack, cause, own fields. */
function formatError(error: Error): Record<string, unknown> {
  const { name, message, stack, cause } = error;
  const formatted: Record<string, unknown> = {
    name,
    location: codeLocation(stack),
    message,
    stack: isDevMode() && typeof stack === 'string' ? stack.split('\n') : stack,
    cause: cause instanceof Error ? formatError(cause) : cause,
  };
  for (const key in error) {
    if (!['name', 'message', 'stack', 'cause'].includes(key)) {
      formatted[key] = (error as unknown as Record<string, unknown>)[key];
    }
  }
  return formatted;
}

/** JSON of any value: errors formatted, bigints as strings, a circular reference left out. */
function jsonReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown) {
    const replaced = value instanceof Error ? formatError(value) : value;
    if (typeof replaced === 'bigint') return replaced.toString();
    if (typeof replaced === 'object' && replaced !== null) {
      while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
      if (ancestors.includes(replaced)) return undefined;
      ancestors.push(replaced);
    }
    return replaced;
  };
}

function write(name: Exclude<LogLevel, 'SILENT'>, message: string, fields: Fields): void {
  if (LEVELS[name] < LEVELS[level]) return;
  const line: Record<string, unknown> = {
    level: name,
    message,
    timestamp: new Date(Date.now()).toISOString(),
    service: SERVICE,
    xray_trace_id: xrayTraceId(),
  };
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (RESERVED.has(key)) dropped.push(key);
    else line[key] = value;
  }
  // Empty values are left out, as Powertools left them out.
  for (const key of Object.keys(line)) {
    if (line[key] === undefined || line[key] === null || line[key] === '') delete line[key];
  }
  const dev = isDevMode();
  const text = JSON.stringify(line, jsonReplacer(), dev ? 4 : 0);
  if (dev) {
    console[name.toLowerCase() as 'debug' | 'info' | 'warn' | 'error'](text);
  } else {
    (LEVELS[name] >= LEVELS.WARN ? process.stderr : process.stdout).write(`${text}\n`);
  }
  for (const key of dropped)
    write('WARN', `The key "${key}" is a reserved key and will be dropped.`, {});
}

/** Log with the request's fields; `fields` go at the top level of the line. */
export const log = {
  debug: (message: string, fields: Fields = {}) =>
    write('DEBUG', message, { ...scope.getStore(), ...fields }),
  info: (message: string, fields: Fields = {}) =>
    write('INFO', message, { ...scope.getStore(), ...fields }),
  warn: (message: string, fields: Fields = {}) =>
    write('WARN', message, { ...scope.getStore(), ...fields }),
  error: (message: string, fields: Fields = {}) =>
    write('ERROR', message, { ...scope.getStore(), ...fields }),
};

/** An error as a log field: name, message and stack (the logger formats Error values). */
export function errorField(err: unknown): unknown {
  return err instanceof Error ? err : String(err);
}
