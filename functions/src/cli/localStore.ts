import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Runtime } from '../../local/runtime.js';

/** The data folder `npm start` uses; the CLI works on the same local store. */
export function dataDir(): string {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  return process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : join(root, '.data');
}

/**
 * Opens the local store. When `npm start` is running it holds the LevelDB lock; the CLI then
 * talks to that running API instead (returns undefined and the caller uses HTTP).
 */
export async function openLocalStore(): Promise<Runtime | undefined> {
  const { startRuntime } = await import('../../local/runtime.js');
  try {
    // The CLI talks to no WeCom: the messages in the outbox wait for `npm start` to deliver.
    return await startRuntime({ dataDir: dataDir(), port: 0, outbox: { paused: true } });
  } catch (err) {
    if (isLockError(err)) return undefined;
    throw err;
  }
}

function isLockError(err: unknown): boolean {
  return (err as { name?: string }).name === 'LocalStoreLockedError';
}

/** URL of the running local API (npm start), from PORT or the default. */
export function runningApiUrl(): string {
  return process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

export function readSessionSecret(): string | undefined {
  const file = join(dataDir(), 'session-secret');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Calls the running local API (npm start) as a demo user of a tenant. */
export async function callRunningApi<T>(
  method: string,
  path: string,
  tenant: string,
  user: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const base = runningApiUrl();
  const tokenRes = await fetch(`${base}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, tenant }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}
