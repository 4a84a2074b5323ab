import type { ErrorResponse, MrpRun } from '@factory/shared';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../functions/local/runtime.js';
import { testClock } from '../testClock.js';

export type ApiResponse<T = unknown> = { status: number; body: T; headers: Headers };

export type Api = {
  url: string;
  runtime: Runtime;
  /** A session token for a demo user of a tenant (default: the demo tenant). */
  token(user: string, tenant?: string): Promise<string>;
  call<T = unknown>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
};

/**
 * The outbox's retries in tests: 20 ms doubling to 200 ms, 4 attempts, so a message that
 * cannot be delivered is `failed` within a second (`runtime.outbox.idle()` waits for it).
 */
export const TEST_OUTBOX = {
  policy: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200 },
  pollMs: 250,
};

/**
 * The real local runtime (embedded DynamoDB + gateway + handlers) in memory, on free ports, on
 * the tests' fixed business clock unless another is given.
 */
export async function startApi(options: RuntimeOptions = {}): Promise<Api> {
  const runtime = await startRuntime({ clock: testClock(), outbox: TEST_OUTBOX, ...options });
  const tokens = new Map<string, string>();
  const api: Api = {
    url: runtime.url,
    runtime,
    async token(user, tenant = 'wwtest01') {
      const key = `${tenant}/${user}`;
      if (!tokens.has(key)) {
        const res = await api.call<{ token: string }>('POST', '/api/dev/token', {
          body: { user, tenant },
        });
        if (res.status !== 200) throw new Error(`token for ${key}: ${JSON.stringify(res.body)}`);
        tokens.set(key, res.body.token);
      }
      return tokens.get(key)!;
    },
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.rawBody;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${runtime.url}${path}`, { method, headers, body });
      const text = await res.text();
      return {
        status: res.status,
        body: text ? JSON.parse(text) : undefined,
        headers: res.headers,
      };
    },
    close: () => runtime.close(),
  };
  return api;
}

export function errorOf(res: ApiResponse): ErrorResponse['error'] {
  return (res.body as ErrorResponse).error;
}

/** Minimal master data for stock tests: units, warehouses, a supplier and some items. */
export async function seedBasics(api: Api, tenant = 'wwtest01'): Promise<void> {
  const token = await api.token('admin', tenant);
  const post = async (path: string, body: unknown) => {
    const res = await api.call('POST', path, { token, body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await post('/api/units', { code: 'pcs', name: '个', precision: 0 });
  await post('/api/units', { code: 'kg', name: '千克', precision: 3 });
  await post('/api/warehouses', { code: 'RM', name: '原料仓', kind: 'normal' });
  await post('/api/warehouses', { code: 'FG', name: '成品仓', kind: 'normal' });
  await post('/api/warehouses', { code: 'QC', name: '待检仓', kind: 'inspection' });
  await post('/api/warehouses', {
    code: 'NEG',
    name: '可负库存线边仓',
    kind: 'normal',
    allowNegative: true,
  });
  await post('/api/partners', { code: 'S1', name: '供应商一', roles: ['supplier'] });
  await post('/api/items', anItem({ code: 'BOLT', name: '螺栓', unit: 'pcs', precision: 0 }));
  await post('/api/items', anItem({ code: 'STEEL', name: '钢板', unit: 'kg', precision: 3 }));
  await post(
    '/api/items',
    anItem({ code: 'MOTOR', name: '电机', unit: 'pcs', precision: 0, inspection: true }),
  );
  await post('/api/items', anItem({ code: 'PH1', name: '虚拟件', source: 'phantom' }));
}

export function anItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'ITEM-1',
    name: '测试物料',
    unit: 'pcs',
    precision: 0,
    source: 'purchased',
    strategy: 'mts',
    leadTimeDays: 3,
    safetyStock: '0',
    lotSizing: { rule: 'lotForLot' },
    ...overrides,
  };
}

/**
 * A factory data file run on Tuesday 2026-12-01 (weekends off), with one normal warehouse FG,
 * customer C1 and supplier S1; `rest` gives its items, BOMs, stock and orders.
 */
export const aFactoryFile = (rest: Record<string, unknown>) => ({
  format: 'factory/1',
  runDate: '2026-12-01',
  calendar: { nonWorkingWeekdays: [6, 7], holidays: [] },
  warehouses: [{ code: 'FG', name: '成品仓', kind: 'normal' }],
  partners: [
    { code: 'C1', name: '客户一', roles: ['customer'] },
    { code: 'S1', name: '供应商一', roles: ['supplier'] },
  ],
  ...rest,
});

/** An item of a factory data file stocked in warehouse FG, named after its code. */
export const fileItem = (
  code: string,
  source: string,
  leadTimeDays: number,
  overrides: Record<string, unknown> = {},
) =>
  anItem({ code, name: `物料${code}`, source, leadTimeDays, defaultWarehouse: 'FG', ...overrides });

/**
 * Waits until the outbox and the workflows are idle, three times over: a confirmation's
 * record starts a run, and a run that finishes may write a record that starts the next.
 */
export async function settle(api: Api): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await api.runtime.outbox.idle();
    await api.runtime.workflows.idle();
  }
}

/** Starts an MRP run, waits for the local workflow runner, and expects it completed. */
export async function completedMrpRun(api: Api, token: string, runDate: string): Promise<MrpRun> {
  const started = await api.call<MrpRun>('POST', '/api/mrp/runs', { token, body: { runDate } });
  expect(started.status).toBe(202);
  await api.runtime.workflows.idle();
  const run = await api.call<MrpRun>('GET', `/api/mrp/runs/${started.body.runId}`, { token });
  expect(run.body.status).toBe('completed');
  return run.body;
}
