import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_USERS } from '../../functions/src/auth/demoUsers.js';
import { getDeps, useApprovalNotifier } from '../../functions/src/deps.js';
import {
  accepts,
  badValues,
  fieldsOf,
  fillPath,
  MALFORMED_ESCAPES,
  operationsOf,
  PARAM_PROBES,
  sample,
  withValue,
  type FuzzCase,
  type Operation,
} from './fuzzCases.js';
import { startApi, type Api } from './harness.js';
import { BIG_ORDER, recordingNotifier, seedUsers } from './salesHarness.js';
import { shopfloorFile } from './shopfloorHarness.js';

/**
 * Every route of the OpenAPI document, fed broken input one field at a time: no answer may be
 * a 5xx, and input the document's own schema refuses must be a 4xx that names the field.
 */
let api: Api;
const tokens = new Map<string, string>();

beforeAll(async () => {
  api = await startApi({ serveMiniapp: true, wecom: {} });
  await seedUsers();
  useApprovalNotifier(recordingNotifier().notifier);
  for (const u of DEMO_USERS) {
    const token = await api.token(u.user);
    for (const role of u.roles) if (!tokens.has(role)) tokens.set(role, token);
  }
  await seed();
}, 60_000);
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

/**
 * A small factory with two of everything that is listed (items, balances, moves, task orders,
 * sales orders, approvals, MRP runs), so every list has a second page whose cursor can be broken.
 */
async function seed(): Promise<void> {
  const admin = tokens.get('admin')!;
  const ok = async (method: string, path: string, body: unknown, token = admin) => {
    const res = await api.call(method, path, { token, body });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  await ok('POST', '/api/imports', shopfloorFile());
  await ok('POST', '/api/partners', { code: 'C1', name: '客户一', roles: ['customer'] });
  await ok('POST', '/api/stock/receipts', {
    date: '2026-12-01',
    reason: 'other',
    lines: [{ item: 'BOLT', warehouse: 'FG', qty: '5' }],
  });
  const sales = tokens.get('sales')!;
  const order = { ...BIG_ORDER, lines: [{ ...(BIG_ORDER.lines as object[])[0]!, item: 'FAN' }] };
  // Four orders: a draft, two waiting for the manager, one approved (demand for MRP).
  for (let i = 0; i < 4; i++) {
    const created = await ok('POST', '/api/sales-orders', order, sales);
    if (i === 0) continue;
    const submitted = await ok('POST', `/api/sales-orders/${String(created.no)}/submit`, {}, sales);
    if (i === 3) {
      const id = String(submitted.approvalId);
      await ok('POST', `/api/approvals/${id}/approve`, {}, tokens.get('manager'));
    }
  }
  const engineer = tokens.get('engineer')!;
  for (const version of ['V2', 'V3']) {
    const change = { op: 'change', component: 'MOTOR', set: { qtyPer: '2' } };
    const lines = [change];
    await ok(
      'POST',
      '/api/ecns',
      { reason: '加固', changes: [{ kind: 'revise', parent: 'FAN', newVersion: version, lines }] },
      engineer,
    );
  }
  const planner = tokens.get('planner')!;
  for (let i = 0; i < 2; i++) {
    const run = await ok('POST', '/api/mrp/runs', {}, planner);
    for (let polls = 0; ; polls++) {
      const got = await ok('GET', `/api/mrp/runs/${String(run.runId)}`, undefined, planner);
      if (got.status === 'completed') break;
      if (got.status === 'failed' || polls > 200)
        throw new Error(`MRP run: ${JSON.stringify(got)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

type Answer = { status: number; text: string };

async function send(c: FuzzCase): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (!c.anonymous && c.op.roles !== 'public') headers.authorization = `Bearer ${tokenFor(c.op)}`;
  if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  const res = await fetch(`${api.url}${c.url}`, { method: c.op.method, headers, body: c.body });
  return { status: res.status, text: await res.text() };
}

/** Routes whose data only one role has (the manager's approval inbox). */
const ROLE_OF: Record<string, string> = { 'approvals.inbox': 'manager' };

function tokenFor(op: Operation): string {
  if (ROLE_OF[op.id]) return tokens.get(ROLE_OF[op.id]!)!;
  const role = op.roles === 'public' ? undefined : op.roles.find((r) => tokens.has(r));
  return role ? tokens.get(role)! : tokens.get('admin')!;
}

/** The problem with an answer, or undefined when it is what the case requires. */
function judge(c: FuzzCase, a: Answer): string | undefined {
  if (a.status >= 500) return `${a.status}`;
  if (!c.invalid) return undefined;
  if (a.status < 400) return `accepted (${a.status})`;
  if (a.status !== 400 || !c.field) return undefined;
  let error: { code?: string; issues?: { path: (string | number)[] }[] } | undefined;
  try {
    error = (JSON.parse(a.text) as { error?: typeof error }).error;
  } catch {
    return 'a 400 that is not JSON';
  }
  if (error?.code !== 'request.invalid') return undefined;
  const want = c.field.join('.');
  const named = (error.issues ?? []).some((i) => {
    const got = i.path.join('.');
    return (
      got === want ||
      got.startsWith(`${want}.`) ||
      (i.path.length >= Math.min(2, c.field!.length) && want.startsWith(`${got}.`))
    );
  });
  return named ? undefined : `400 without an issue at ${want}: ${a.text.slice(0, 300)}`;
}

const BAD_JSON = ['{', '{"a":', '[1,]', "{'a':1}", '\u0000', 'nul', '{"a":1}}', '1e999999'];
const BAD_CURSORS = [
  '!!!***',
  '%E0%A4%A',
  Buffer.from('null').toString('base64url'),
  Buffer.from('[1,2]').toString('base64url'),
  Buffer.from('{"pk":1}').toString('base64url'),
  'x'.repeat(1999),
];

/**
 * A real cursor of this tenant's list, broken in shape while keeping its partition: each is
 * refused, except the probes that stay well-shaped (a sort key past the end, another position).
 */
function brokenCursors(real: string): { cursor: string; invalid: boolean }[] {
  const key = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const out: { cursor: string; invalid: boolean }[] = [];
  const bad = (v: unknown) => out.push({ cursor: enc(v), invalid: true });
  const probe = (v: unknown) => out.push({ cursor: enc(v), invalid: false });
  for (const k of Object.keys(key)) {
    const v = key[k];
    bad({ ...key, [k]: typeof v === 'string' ? 42 : 'x' });
    bad({ ...key, [k]: { S: 'x' } });
    if (typeof v === 'string') bad({ ...key, [k]: `${v}\ud800` });
    if (k !== 'k') bad(Object.fromEntries(Object.entries(key).filter(([x]) => x !== k)));
    if (['pk', 'sk', 'gsi1pk', 'gsi1sk', 'r'].includes(k)) bad({ ...key, [k]: '' });
  }
  bad({ ...key, extra: 'x' });
  bad({ ...key, n: -5 });
  bad({ ...key, n: 1e300 });
  if ('s' in key) bad({ ...key, s: 'nope' });
  if ('k' in key) bad({ ...key, k: { ...(key.k as object), gsi1sk: 42 } });
  // Well-shaped: past the end of the partition, or another position of the same run.
  for (const k of ['sk', 'gsi1sk']) if (k in key) probe({ ...key, [k]: '~~~' });
  if ('k' in key) probe({ ...key, k: { ...(key.k as object), gsi1sk: '~~~' } });
  if ('n' in key) probe({ ...key, n: 1 });
  return out;
}

/** Query parameters a GET needs to answer 200 (stock balances need an item or a warehouse). */
const QUERY_HINTS: Record<string, string> = { item: 'BOLT', taskOrder: 'MO-1', orders: 'MO-1' };

function requiredQuery(op: Operation, hinted: boolean): [string, string][] {
  return op.queryParams
    .filter((q) => q.required || (hinted && q.name in QUERY_HINTS))
    .map((q) => [
      q.name,
      q.name in QUERY_HINTS ? QUERY_HINTS[q.name]! : String(sample(q.schema, q.name)),
    ]);
}

function casesFor(
  op: Operation,
  cursors: Map<string, string>,
  hinted: boolean,
  oversized: boolean,
): FuzzCase[] {
  const out: FuzzCase[] = [];
  const json = op.body && op.body.contentType.includes('json');
  const baseBody = json ? sample(op.body!.schema) : undefined;
  const baseText = json ? JSON.stringify(baseBody) : op.body ? '<xml/>' : undefined;
  const baseQuery = requiredQuery(op, hinted);
  const query = (extra: [string, string][] = [], raw = '') => {
    const names = new Set(extra.map(([n]) => n));
    const kept = baseQuery.filter(([n]) => !names.has(n));
    const params = new URLSearchParams([...kept, ...extra]).toString();
    const all = [params, raw].filter(Boolean).join('&');
    return all ? `?${all}` : '';
  };
  const base = { op, body: baseText, contentType: op.body?.contentType };

  out.push({ ...base, label: 'sample', url: fillPath(op) + query(), invalid: false });
  if (op.roles !== 'public') {
    out.push({
      ...base,
      label: 'no token',
      url: fillPath(op) + query(),
      invalid: true,
      anonymous: true,
    });
  }
  // Path parameters: malformed percent-escapes and odd values, one parameter at a time.
  for (const p of op.pathParams) {
    for (const e of MALFORMED_ESCAPES) {
      out.push({
        ...base,
        label: `path ${p.name}=${e}`,
        url: fillPath(op, { [p.name]: e }) + query(),
        field: ['params', p.name],
        invalid: true,
      });
    }
    for (const v of PARAM_PROBES) {
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(v);
      } catch {
        decoded = undefined;
      }
      out.push({
        ...base,
        label: `path ${p.name}=${v.slice(0, 20)}`,
        url: fillPath(op, { [p.name]: v }) + query(),
        field: ['params', p.name],
        invalid: decoded !== undefined && !accepts(p.schema, decoded),
      });
    }
  }
  // Query parameters: wrong types, out of range, oversized, malformed escapes, bad cursors.
  for (const q of op.queryParams) {
    const numeric = ['integer', 'number'].includes(String(q.schema.type));
    const values = numeric
      ? ['abc', '0', '-1', '1.5', '1e3', '99999999999999999999', '', 'NaN', '0x10']
      : ['x'.repeat(5000), '\ud800', '999999999999999999', '-1', ''];
    for (const v of values) {
      const invalid = numeric
        ? (() => {
            const n = v.trim() === '' ? 0 : Number(v);
            return Number.isNaN(n) || !accepts(q.schema, n);
          })()
        : !accepts(q.schema, v);
      out.push({
        ...base,
        label: `query ${q.name}=${v.slice(0, 20)}`,
        url: fillPath(op) + query([[q.name, v]]),
        field: ['query', q.name],
        invalid,
      });
    }
    for (const e of MALFORMED_ESCAPES.slice(0, 4)) {
      out.push({
        ...base,
        label: `query ${q.name} escape ${e}`,
        url: fillPath(op) + query([], `${q.name}=${e}`),
        invalid: false,
      });
    }
    if (q.name === 'cursor') {
      const real = cursors.get(op.id);
      const garbage = BAD_CURSORS.map((cursor) => ({ cursor, invalid: true }));
      for (const c of [...garbage, ...(real ? brokenCursors(real) : [])]) {
        out.push({
          ...base,
          label: `cursor ${Buffer.from(c.cursor, 'base64url').toString('utf8').slice(0, 80)}`,
          url: fillPath(op) + query([['cursor', c.cursor]]),
          field: ['query', 'cursor'],
          invalid: c.invalid,
        });
      }
    }
  }
  if (!op.body) return out;
  const url = fillPath(op) + query();
  if (!json) {
    for (const text of ['', 'x'.repeat(200_000), '<xml><Encrypt>%E0%A4%A</Encrypt></xml>']) {
      out.push({
        ...base,
        label: `text body ${text.slice(0, 20)}`,
        url,
        body: text,
        invalid: false,
      });
    }
    return out;
  }
  // Whole bodies: malformed JSON, other types, a wrong content type, oversized, deep.
  for (const text of BAD_JSON) {
    out.push({ ...base, label: `malformed JSON ${text}`, url, body: text, invalid: true });
  }
  for (const v of [null, [], 1, 'x', true]) {
    out.push({
      ...base,
      label: `body ${JSON.stringify(v)}`,
      url,
      body: JSON.stringify(v),
      field: ['body'],
      invalid: !accepts(op.body.schema, v),
    });
  }
  out.push({ ...base, label: 'text/plain body', url, contentType: 'text/plain', invalid: true });
  out.push({
    ...base,
    label: 'deeply nested body',
    url,
    body: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    invalid: true,
  });
  // The 10 MB limit is the gateway's, the same for every route: a few routes are enough.
  if (oversized) {
    out.push({
      ...base,
      label: 'body over 10 MB',
      url,
      body: JSON.stringify({ pad: 'x'.repeat(10 * 1024 * 1024 + 10) }),
      invalid: true,
    });
  }
  // Across fields: a quantity and a price each in range whose product is past the largest
  // amount (sales lines, receipt lines with a unit cost) is refused at the line's quantity.
  for (const f of fieldsOf(op.body.schema)) {
    const props = f.schema.properties ?? {};
    if (!props.qty || !(props.unitPrice || props.unitCost)) continue;
    const line = {
      ...(withValue(sample(f.schema), f.schema, ['qty'], '999999999999') as object),
      ...(props.unitPrice
        ? { unitPrice: '99999999999.99' }
        : { unitCost: { amount: 9_999_999_999_999, scale: 2, currency: 'CNY' } }),
    };
    out.push({
      ...base,
      label: `body ${f.path.join('.')}: qty × price past the largest amount`,
      url,
      body: JSON.stringify(withValue(baseBody, op.body.schema, f.path, line)),
      field: ['body', ...f.path, 'qty'],
      invalid: true,
    });
  }
  // One field at a time (the costly values only for the first few fields).
  const schema = op.body.schema;
  fieldsOf(schema)
    .slice(1)
    .forEach((f, n) => {
      for (const bad of badValues(f.schema, n < 6)) {
        out.push({
          ...base,
          label: `body ${f.path.join('.')}: ${bad.label}`,
          url,
          body: JSON.stringify(withValue(baseBody, schema, f.path, bad.value)),
          field: ['body', ...f.path],
          invalid: bad.invalid,
        });
      }
    });
  return out;
}

/**
 * For each GET: whether it needs the hinted query parameters to answer 200, and the first
 * page's cursor of each list that has more than one entry.
 */
async function explore(ops: Operation[]) {
  const cursors = new Map<string, string>();
  const hinted = new Set<string>();
  for (const op of ops) {
    if (op.method !== 'GET' || !op.queryParams.length) continue;
    for (const withHints of [false, true]) {
      const paged = op.queryParams.some((q) => q.name === 'cursor');
      const qs = new URLSearchParams([
        ...requiredQuery(op, withHints),
        ...(paged ? [['limit', '1']] : []),
      ]).toString();
      const res = await fetch(`${api.url}${fillPath(op)}?${qs}`, {
        headers: { authorization: `Bearer ${tokenFor(op)}` },
      });
      // A file (an XLSX export) has no cursor to find.
      const json = res.headers.get('content-type')?.includes('json');
      const body = (json ? await res.json() : (await res.arrayBuffer(), {})) as {
        nextCursor?: string | null;
      };
      if (res.status !== 200) continue;
      if (withHints) hinted.add(op.id);
      if (body.nextCursor) cursors.set(op.id, body.nextCursor);
      break;
    }
  }
  return { cursors, hinted };
}

async function runAll(cases: FuzzCase[], parallel = 4): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      let problem: string | undefined;
      try {
        problem = judge(c, await send(c));
      } catch (err) {
        problem = `no answer: ${String(err)}`;
      }
      if (problem) problems.push(`${c.op.method} ${c.op.path} [${c.label}]: ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return problems;
}

/** Every record of the table, by key, as text: what a refused request must leave as it was. */
async function tableContents(): Promise<Map<string, string>> {
  const deps = getDeps();
  const out = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new ScanCommand({ TableName: deps.tableName, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) out.set(`${item.pk}|${item.sk}`, JSON.stringify(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k));
}

test('every route of the OpenAPI document: bad input is a 4xx naming the field and writes nothing; no input is a 5xx', async () => {
  const doc = await (await fetch(`${api.url}/api/openapi.json`)).json();
  const ops = operationsOf(doc);
  expect(ops.length).toBeGreaterThanOrEqual(80);
  const { cursors, hinted } = await explore(ops);
  expect(cursors.size).toBeGreaterThanOrEqual(12);
  const cases = ops.flatMap((op, n) => casesFor(op, cursors, hinted.has(op.id), n % 6 === 0));
  const started = Date.now();
  // Input the document refuses first: it must leave the table exactly as it was.
  const before = await tableContents();
  const problems = await runAll(cases.filter((c) => c.invalid));
  const written = changes(before, await tableContents());
  // Then the probes (odd but possibly valid input): they may write, never answer a 5xx.
  problems.push(...(await runAll(cases.filter((c) => !c.invalid))));
  console.log(
    `fuzz: ${cases.length} requests (${cases.filter((c) => c.invalid).length} invalid) over ` +
      `${ops.length} operations in ${Date.now() - started} ms`,
  );
  expect(written).toEqual([]);
  expect(problems).toEqual([]);
}, 240_000);

test('the mini-program site answers malformed escapes under /app/ with a 400, never a 5xx', async () => {
  for (const path of [
    '%E0%A4%A',
    '%',
    '%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
    'js/%ZZ.js',
    '%00.js',
    'pages/%ED%A0%80',
    '..%2f..%2fpackage.json',
  ]) {
    const res = await fetch(`${api.url}/app/${path}`);
    expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true]);
  }
});
