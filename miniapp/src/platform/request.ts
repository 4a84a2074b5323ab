import Taro from '@tarojs/taro';
import { nanoid } from 'nanoid/non-secure';
import { loadConfig } from './config';
import { clearSession, getSession } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One problem with one field, as the API reports it (zod path, zh-CN message). */
export type ApiIssue = { path: (string | number)[]; message: string; code?: string };

/** An API error body ({ error: { code, message, details?, issues? } }) or a transport failure. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export type ApiRequest = {
  method: HttpMethod;
  /** Path on the API, e.g. `/api/items`; or an absolute URL (the H5 simulator). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /**
   * Mutations carry an Idempotency-Key. One call is one submit: a fresh key is made for it
   * unless the caller passes one, and every retry of that call sends the same key, so the
   * server does the work at most once however many times the request reaches it.
   */
  idempotencyKey?: string;
  /** Send no Idempotency-Key (calls outside our API, e.g. the WeCom simulator). */
  idempotent?: boolean;
  /** Send the session token (default true). */
  auth?: boolean;
};

export type RetryPolicy = {
  /** Total tries, the first included. */
  attempts: number;
  timeoutMs: number;
  /** Wait before try n+1 (n starts at 1). */
  delayMs: (attempt: number) => number;
};

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  timeoutMs: 15_000,
  delayMs: (attempt) => 400 * 2 ** (attempt - 1),
};

let onUnauthenticated: (() => void) | undefined;
/** Called when the API answers 401 (the session was cleared): the app goes to the login page. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

/** An Idempotency-Key: 8-128 of [A-Za-z0-9_.:-]. Not a secret, only unique. */
export function newIdempotencyKey(): string {
  return `mp-${nanoid(24)}`;
}

/** Answers worth another try with the same key: the server may not have seen or finished it. */
const RETRY_STATUS = new Set([502, 503, 504]);

export async function apiRequest<T>(
  req: ApiRequest,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
  const config = await loadConfig();
  const url = buildUrl(config.apiBaseUrl, req.path, req.query);
  const key =
    req.method === 'GET' || req.idempotent === false
      ? undefined
      : (req.idempotencyKey ?? newIdempotencyKey());
  const session = req.auth === false ? undefined : getSession();
  const header: Record<string, string> = { accept: 'application/json' };
  if (req.body !== undefined) header['content-type'] = 'application/json';
  if (session) header.authorization = `Bearer ${session.token}`;
  if (key) header['idempotency-key'] = key;

  for (let attempt = 1; ; attempt++) {
    const last = attempt >= policy.attempts;
    let res: { statusCode: number; data: unknown };
    try {
      res = await Taro.request({
        url,
        method: req.method,
        header,
        timeout: policy.timeoutMs,
        dataType: 'json',
        responseType: 'text',
        ...(req.body !== undefined ? { data: req.body as Record<string, unknown> } : {}),
      });
    } catch (err) {
      // No answer (timeout, connection lost): try again with the same key.
      if (!last) {
        await sleep(policy.delayMs(attempt));
        continue;
      }
      throw transportError(err);
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return parseBody(res.data) as T;
    const error = toApiError(res.statusCode, parseBody(res.data));
    const busy = error.code === 'idempotency.inProgress' || RETRY_STATUS.has(res.statusCode);
    if (busy && !last) {
      await sleep(policy.delayMs(attempt));
      continue;
    }
    if (res.statusCode === 401 && session) {
      clearSession();
      onUnauthenticated?.();
    }
    throw error;
  }
}

export function buildUrl(
  base: string,
  path: string,
  query?: Record<string, string | number | boolean | undefined>,
): string {
  const url = /^https?:\/\//.test(path) ? path : `${base}${path}`;
  const params = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return params.length ? `${url}${url.includes('?') ? '&' : '?'}${params.join('&')}` : url;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

export function toApiError(status: number, body: unknown): ApiError {
  const e = (body as { error?: Partial<ApiErrorBody> | string } | undefined)?.error;
  // The WeCom simulator answers { error: '...' }.
  if (typeof e === 'string') return new ApiError(status, 'http.error', e);
  if (e && typeof e.code === 'string') {
    return new ApiError(
      status,
      e.code,
      typeof e.message === 'string' ? e.message : '请求失败',
      Array.isArray(e.issues) ? e.issues : [],
      e.details,
    );
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'http.error', `请求失败（${status}）`);
}

type ApiErrorBody = {
  code: string;
  message: string;
  issues: ApiIssue[];
  details: Record<string, unknown>;
};

function transportError(err: unknown): ApiError {
  const msg = (err as { errMsg?: string; message?: string } | undefined)?.errMsg ?? String(err);
  return /timeout|超时/i.test(msg)
    ? new ApiError(0, 'network.timeout', '请求超时，请检查网络后重试')
    : new ApiError(0, 'network.failed', '网络异常，请检查网络后重试');
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
