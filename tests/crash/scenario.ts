// The postings a kill-sweep interrupts, and what must hold after a restart and the retries.
//
// Every request touches its own items, so its outcome does not depend on how the others
// interleave: the final state is known exactly, whatever point the process was killed at.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { qty, type TaskOrder } from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { approvedBom, createItems } from '../integration/bomHarness.js';
import { seedBasics, type Api, type ApiResponse } from '../integration/harness.js';
import { seedUsers } from '../integration/salesHarness.js';

export const TENANT = 'wwtest01';
const code = (prefix: string, i: number, width = 3) => `${prefix}${String(i).padStart(width, '0')}`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** 150 items issued by one chunked document (4 transactions). */
const BIG = range(150).map((i) => code('K', i));
/** 150 items of a chunked issue refused at its last item: 3 chunks applied, then taken back. */
const REFUSED = range(150).map((i) => code('L', i));
/** The 60 components of a task order's kit pick (a chunked pick with the order update). */
const PARTS = range(60).map((i) => code('M', i, 2));

export type Base = { pickOrder: string };

/** Master data, stock and a released task order, written before any crash is tried. */
export async function prepareBase(api: Api): Promise<Base> {
  await seedBasics(api, TENANT);
  await seedUsers(TENANT);
  const [admin, clerk, engineer, planner] = [
    await api.token('admin'),
    await api.token('wangqiang'),
    await api.token('wuhao'),
    await api.token('lina'),
  ];
  const rm = { source: 'purchased', defaultWarehouse: 'RM' };
  await createItems(api, admin, {
    PK: {},
    ...Object.fromEntries([...BIG, ...REFUSED, ...PARTS].map((c) => [c, rm])),
  });
  const receive = async (lines: { item: string; qty: string }[]) => {
    const res = await api.call('POST', '/api/stock/receipts', {
      token: clerk,
      body: {
        date: '2026-11-25',
        reason: 'purchase',
        lines: lines.map((l) => ({ ...l, warehouse: 'RM' })),
      },
    });
    if (res.status !== 201) throw new Error(`receipt: ${JSON.stringify(res.body)}`);
  };
  await receive(BIG.map((item) => ({ item, qty: '10' })));
  // The last of them has none: the refused issue fails in its last chunk.
  await receive(REFUSED.slice(0, -1).map((item) => ({ item, qty: '10' })));
  await receive([...PARTS.map((item) => ({ item, qty: '10' })), { item: 'BOLT', qty: '20' }]);
  await approvedBom(
    api,
    engineer,
    'PK',
    PARTS.map((component) => ({ component, qtyPer: '1' })),
  );
  const order = await api.call<TaskOrder>('POST', '/api/task-orders', {
    token: planner,
    body: { item: 'PK', qty: '2', startDate: '2026-12-01', dueDate: '2026-12-10' },
  });
  if (order.status !== 201) throw new Error(`task order: ${JSON.stringify(order.body)}`);
  return { pickOrder: order.body.no };
}

export type ScenarioRequest = {
  key: string;
  user: string;
  path: string;
  body: Record<string, unknown>;
  /** 201, or the refusal's code (409). */
  expect: 'posted' | 'stock.insufficient';
};

const issue = (lines: { item: string; qty: string }[]) => ({
  date: '2026-12-01',
  reason: 'production',
  lines: lines.map((l) => ({ ...l, warehouse: 'RM' })),
});

/** The requests fired at once; each carries its key as the document's note. */
export function scenario(base: Base): ScenarioRequest[] {
  const r = (
    key: string,
    user: string,
    path: string,
    body: Record<string, unknown>,
    expect: ScenarioRequest['expect'] = 'posted',
  ): ScenarioRequest => ({ key, user, path, body: { ...body, note: key }, expect });
  return [
    r('crash-receipt-1', 'wangqiang', '/api/stock/receipts', {
      date: '2026-12-01',
      reason: 'purchase',
      lines: [{ item: 'BOLT', warehouse: 'RM', qty: '5' }],
    }),
    r('crash-issue-1', 'wangqiang', '/api/stock/issues', issue([{ item: 'BOLT', qty: '3' }])),
    r(
      'crash-issue-short',
      'wangqiang',
      '/api/stock/issues',
      issue([{ item: 'STEEL', qty: '100' }]),
      'stock.insufficient',
    ),
    r(
      'crash-issue-150',
      'wangqiang',
      '/api/stock/issues',
      issue(BIG.map((item) => ({ item, qty: '1' }))),
    ),
    r(
      'crash-issue-150-short',
      'wangqiang',
      '/api/stock/issues',
      issue(REFUSED.map((item) => ({ item, qty: '1' }))),
      'stock.insufficient',
    ),
    r('crash-kit-pick', 'wangqiang', `/api/task-orders/${base.pickOrder}/issues`, {
      date: '2026-12-01',
      sets: '2',
    }),
  ];
}

/** Fires the scenario's requests at once, each with its Idempotency-Key. */
export async function fire(api: Api, requests: ScenarioRequest[]): Promise<ApiResponse[]> {
  const tokens = new Map<string, string>();
  for (const r of requests) if (!tokens.has(r.user)) tokens.set(r.user, await api.token(r.user));
  return Promise.all(
    requests.map((r) =>
      api.call('POST', r.path, {
        token: tokens.get(r.user)!,
        headers: { 'idempotency-key': r.key },
        body: r.body,
      }),
    ),
  );
}

type Row = Record<string, unknown>;

async function scanAll(): Promise<Row[]> {
  const deps = getDeps();
  const out: Row[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new ScanCommand({
        TableName: deps.tableName,
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out.filter((row) => String(row.pk).startsWith(`T#${TENANT}#`));
}

const balanceOf = (row: Row) =>
  [row.item, row.warehouse, row.status, row.lot ?? '', row.trackingNo ?? ''].join('|');

/**
 * Everything that must hold once every request has been answered after the restart; each
 * broken rule is one line (empty: consistent).
 */
export async function inconsistencies(
  api: Api,
  base: Base,
  requests: ScenarioRequest[],
  answers: ApiResponse[],
): Promise<string[]> {
  const problems: string[] = [];
  const rows = await scanAll();
  const docs = new Map(rows.filter((r) => r.type === 'stockDocument').map((d) => [d.no, d]));
  const moves = rows.filter((r) => r.type === 'move');

  // The ledger law: each balance is the sum of its moves.
  const sums = new Map<string, ReturnType<typeof qty>>();
  for (const m of moves) {
    sums.set(balanceOf(m), (sums.get(balanceOf(m)) ?? qty(0)).plus(String(m.qty)));
  }
  const balances = new Map(
    rows.filter((r) => r.type === 'balance').map((b) => [balanceOf(b), qty(String(b.qty))]),
  );
  for (const id of new Set([...sums.keys(), ...balances.keys()])) {
    const [b, s] = [balances.get(id) ?? qty(0), sums.get(id) ?? qty(0)];
    if (!b.eq(s)) problems.push(`balance ${id} is ${b.toFixed()}, its moves sum to ${s.toFixed()}`);
  }

  // No move without its document; no document left half posted; a failed one nets to zero.
  const byDoc = new Map<unknown, Row[]>();
  for (const m of moves) byDoc.set(m.docNo, [...(byDoc.get(m.docNo) ?? []), m]);
  for (const [no, its] of byDoc) {
    const doc = docs.get(no);
    if (!doc) problems.push(`${its.length} moves of document ${String(no)}, which does not exist`);
    else if (doc.status === 'failed') {
      const net = new Map<string, ReturnType<typeof qty>>();
      for (const m of its)
        net.set(balanceOf(m), (net.get(balanceOf(m)) ?? qty(0)).plus(String(m.qty)));
      for (const [id, n] of net)
        if (!n.isZero())
          problems.push(`failed document ${String(no)} leaves ${n.toFixed()} on ${id}`);
    }
  }
  for (const doc of docs.values()) {
    if (doc.status !== 'posted' && doc.status !== 'failed')
      problems.push(`document ${String(doc.no)} is left ${String(doc.status)}`);
  }

  // Each request answered as it should be, its effect there exactly once.
  const idem = new Map(rows.filter((r) => r.type === 'idempotency').map((r) => [String(r.pk), r]));
  requests.forEach((req, i) => {
    const answer = answers[i]!;
    const posted = [...docs.values()].filter((d) => d.note === req.key && d.status === 'posted');
    const record = [...idem.entries()].find(([pk]) => pk.endsWith(`#IDEM#${req.key}`))?.[1];
    if (req.expect === 'posted') {
      const no =
        (answer.body as { no?: string }).no ??
        (answer.body as { documents?: string[] }).documents?.[0];
      if (answer.status !== 201) problems.push(`${req.key} answered ${answer.status}`);
      if (posted.length !== 1) problems.push(`${req.key} posted ${posted.length} times`);
      else if (posted[0]!.no !== no)
        problems.push(`${req.key} answered ${no}, posted ${String(posted[0]!.no)}`);
      if (record?.status !== 'completed') problems.push(`${req.key} not recorded as done`);
    } else {
      const got = (answer.body as { error?: { code?: string } }).error?.code;
      if (answer.status !== 409 || got !== req.expect)
        problems.push(`${req.key} answered ${answer.status} ${got ?? ''}, not 409 ${req.expect}`);
      if (posted.length) problems.push(`${req.key} was refused but posted ${posted.length} times`);
      if (record) problems.push(`${req.key} refused, its key still ${String(record.status)}`);
    }
  });

  // The final stock, known exactly.
  const expected: [string, string][] = [
    ['BOLT', '22'],
    ['STEEL', '0'],
    ...BIG.map((c): [string, string] => [c, '9']),
    ...REFUSED.map((c, i): [string, string] => [c, i === REFUSED.length - 1 ? '0' : '10']),
    ...PARTS.map((c): [string, string] => [c, '8']),
  ];
  for (const [item, want] of expected) {
    const got = balances.get(`${item}|RM|available||`) ?? qty(0);
    if (!got.eq(want)) problems.push(`${item} in RM is ${got.toFixed()}, expected ${want}`);
  }
  const order = await api.call<TaskOrder>('GET', `/api/task-orders/${base.pickOrder}`, {
    token: await api.token('wangqiang'),
  });
  const wrong = order.body.needs.filter((n) => !qty(n.issued).eq(2));
  if (wrong.length)
    problems.push(`kit pick issued ${wrong.map((n) => `${n.item}=${n.issued}`).join(', ')}`);
  return problems;
}
