import { readFileSync } from 'node:fs';
import type {
  Kitting,
  MrpRun,
  PlannedOrders,
  PurchaseOrder,
  ReleaseResult,
  Shortage,
} from '@factory/shared';
import { DEMO_FACTORY_FILE } from '../../functions/local/runtime.js';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getDeps } from '../../functions/src/deps.js';
import { lineAmounts } from '../../functions/src/domain/purchasing/index.js';
import { keys } from '../../functions/src/store/keys.js';
import { useSegmentRows } from '../../functions/src/store/mrpSegments.js';
import { taskOrderRepo } from '../../functions/src/store/taskOrderRepo.js';
import { errorOf, completedMrpRun, startApi, type Api } from './harness.js';

const TENANT = 'wwmrp02';
let api: Api;
let planner: string;
const file = JSON.parse(readFileSync(DEMO_FACTORY_FILE, 'utf8'));

async function runMrp(): Promise<PlannedOrders> {
  await completedMrpRun(api, planner, file.runDate);
  const res = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders?limit=2000', {
    token: planner,
  });
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  api = await startApi();
  expect(
    (
      await api.call('POST', '/api/imports', {
        token: await api.token('admin', TENANT),
        body: file,
      })
    ).status,
  ).toBe(201);
  planner = await api.token('lina', TENANT);
});
afterAll(() => api.close());

describe('planned orders by page and by item', () => {
  afterEach(() => useSegmentRows(undefined));

  it('pages through a result stored in many segments: every order and exception exactly once', async () => {
    useSegmentRows(7);
    const whole = await runMrp();
    expect(whole.nextCursor).toBeNull();
    expect(whole.plannedOrders.length).toBeGreaterThan(20);

    const orders: PlannedOrders['plannedOrders'] = [];
    const exceptions: PlannedOrders['exceptions'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=5${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.call<PlannedOrders>('GET', `/api/mrp/planned-orders${query}`, {
        token: planner,
      });
      expect(page.status).toBe(200);
      expect(page.body.plannedOrders.length).toBeLessThanOrEqual(5);
      orders.push(...page.body.plannedOrders);
      exceptions.push(...page.body.exceptions);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(whole.plannedOrders.length / 5));
    expect(orders).toEqual(whole.plannedOrders);
    expect(exceptions).toEqual(whole.exceptions);

    const item = whole.plannedOrders[whole.plannedOrders.length - 1]!.item;
    const one = await api.call<PlannedOrders>('GET', `/api/mrp/planned-orders?item=${item}`, {
      token: planner,
    });
    expect(one.body.plannedOrders).toEqual(whole.plannedOrders.filter((o) => o.item === item));
    expect(one.body.exceptions).toEqual(whole.exceptions.filter((e) => e.item === item));

    const purchases = await api.call<PlannedOrders>(
      'GET',
      '/api/mrp/planned-orders?type=purchase&limit=2000',
      { token: planner },
    );
    expect(purchases.body.plannedOrders).toEqual(
      whole.plannedOrders.filter((o) => o.type === 'purchase'),
    );
  });

  it('refuses a forged cursor with a 400 naming the cursor', async () => {
    const res = await api.call('GET', '/api/mrp/planned-orders?cursor=bm90LWpzb24', {
      token: planner,
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('request.invalid');
    expect(errorOf(res).issues).toEqual([{ path: ['query', 'cursor'], message: '分页游标无效' }]);
  });
});

describe('release (合并投放)', () => {
  it('groups purchases per supplier, task orders per item and tracking, and releases each planned order once', async () => {
    const plan = await runMrp();
    const purchases = plan.plannedOrders.filter((o) => o.type === 'purchase' && o.supplier);
    const supplier = purchases[0]!.supplier;
    const sameSupplier = purchases.filter((o) => o.supplier === supplier).slice(0, 3);
    const production = plan.plannedOrders
      .filter((o) => o.type === 'production' && o.item === 'FG-FS40')
      .slice(0, 2);
    const outsourcing = plan.plannedOrders.filter((o) => o.type === 'outsourcing').slice(0, 1);
    const ids = [...sameSupplier, ...production, ...outsourcing].map((o) => o.id);
    // The first purchase has a price on the supplier's price list: its line is priced.
    const pricedItem = sameSupplier[0]!.item;
    const price = await api.call('POST', '/api/price-lists', {
      token: planner,
      body: { supplier, item: pricedItem, unitPrice: '2.345678', effectiveFrom: '2026-01-01' },
    });
    expect(price.status).toBe(201);

    const res = await api.call<ReleaseResult>('POST', '/api/mrp/release', {
      token: planner,
      body: { ids },
    });
    expect(res.status).toBe(201);
    expect(res.body.purchaseOrders).toHaveLength(1);
    expect(res.body.taskOrders).toHaveLength(1);
    expect(res.body.outsourcingOrders).toHaveLength(outsourcing.length);
    expect(res.body.released.map((r) => r.id).sort()).toEqual([...ids].sort());
    const po = await api.call<PurchaseOrder>(
      'GET',
      `/api/purchase-orders/${res.body.purchaseOrders[0]}`,
      { token: planner },
    );
    expect(po.body).toMatchObject({ origin: 'mrp', status: 'open', supplier, version: 1 });
    const pricedLine = po.body.lines.find((l) => l.item === pricedItem)!;
    const amounts = lineAmounts(pricedLine.qty, '2.345678', '0.13')!;
    expect(pricedLine).toMatchObject({
      unitPrice: '2.345678',
      priceSource: 'priceList',
      vatRate: '0.13',
      ...amounts,
    });
    const pricedLines = po.body.lines.filter((l) => l.amountWithTax);
    expect(po.body.totalWithTax.amount).toBe(
      pricedLines.reduce((a, l) => a + l.amountWithTax!.amount, 0),
    );

    const after = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', {
      token: planner,
    });
    const released = after.body.plannedOrders.filter((o) => o.released);
    expect(released.map((o) => o.id).sort()).toEqual([...ids].sort());
    expect(released.find((o) => o.type === 'production')!.released!.document).toBe(
      res.body.taskOrders[0],
    );
    // The released task order carries its component needs from the BOM, as stored.
    const stored = await taskOrderRepo(getDeps(), TENANT).get(res.body.taskOrders[0]!);
    expect(stored!.needs!.length).toBeGreaterThan(0);
    expect(stored!.needs!.every((n) => n.issued === '0')).toBe(true);
    expect(stored!.status).toBe('released');

    const again = await api.call('POST', '/api/mrp/release', {
      token: planner,
      body: { ids: [ids[0]] },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('mrp.alreadyReleased');
  });

  it('two concurrent releases of the same planned order: one wins', async () => {
    const plan = (
      await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', { token: planner })
    ).body;
    const open = plan.plannedOrders.find((o) => !o.released && o.type === 'production')!;
    const [a, b] = await Promise.all([
      api.call('POST', '/api/mrp/release', { token: planner, body: { ids: [open.id] } }),
      api.call('POST', '/api/mrp/release', { token: planner, body: { ids: [open.id] } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });

  it('released orders are supply for the next run, and unknown ids are refused by path', async () => {
    const before = (
      await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', { token: planner })
    ).body;
    const releasedTask = before.plannedOrders.find((o) => o.released && o.type === 'production')!;
    const next = await runMrp();
    expect(next.runId).not.toBe(before.runId);
    // The released quantity now arrives as a task order: no planned order for that day any more.
    expect(
      next.plannedOrders.some(
        (o) => o.item === releasedTask.item && o.dueDate === releasedTask.dueDate,
      ),
    ).toBe(false);
    const bad = await api.call('POST', '/api/mrp/release', {
      token: planner,
      body: { ids: ['nope-1'] },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues![0]!.path).toEqual(['body', 'ids', 0]);
  });
});

describe('kitting and shortage', () => {
  it('kits a finished good from stock, sub-assembly stock first', async () => {
    const res = await api.call<Kitting>('GET', '/api/mrp/kitting?item=FG-FS40&qty=50', {
      token: planner,
    });
    expect(res.status).toBe(200);
    expect(res.body.components.length).toBeGreaterThan(5);
    const head = res.body.components.find((c) => c.path.join('>') === 'FG-FS40>SA-HEAD40')!;
    expect(head.required).toBe('50');
    for (const c of res.body.components) {
      expect(Number(c.required)).toBeGreaterThanOrEqual(Number(c.available));
    }
    expect(Number(res.body.buildable)).toBeLessThanOrEqual(50);
    const line = await api.call<Kitting>(
      'GET',
      `/api/mrp/kitting?salesOrder=${file.salesOrders[0].no}&line=1`,
      { token: planner },
    );
    expect(line.status).toBe(200);
    expect(line.body.item).toBe(file.salesOrders[0].lines[0].item);
    const bad = await api.call('GET', '/api/mrp/kitting?qty=5', { token: planner });
    expect(bad.status).toBe(400);
  });

  it('reports each open task order complete, partial or short, by priority', async () => {
    const res = await api.call<Shortage>('GET', '/api/mrp/shortage', { token: planner });
    expect(res.status).toBe(200);
    const dues = res.body.orders.map((o) => o.dueDate);
    expect(dues).toEqual([...dues].sort());
    for (const o of res.body.orders) expect(['complete', 'partial', 'short']).toContain(o.status);
    expect(res.body.orders.map((o) => o.no)).toEqual(
      expect.arrayContaining(file.taskOrders.map((t: { no: string }) => t.no)),
    );
  });
});

describe('phantom stock, delivered quantities and substitutes from an imported file', () => {
  // docs/planning.md, second example: worked by hand there.
  const RULES = 'wwmrp03';
  const rules = JSON.parse(
    readFileSync(new URL('../../docs/examples/planning-rules.json', import.meta.url), 'utf8'),
  );
  let lina: string;

  beforeAll(async () => {
    const imported = await api.call('POST', '/api/imports', {
      token: await api.token('admin', RULES),
      body: rules,
    });
    expect([imported.status, imported.body]).toEqual([201, expect.anything()]);
    lina = await api.token('lina', RULES);
  });

  it('plans as the file does: phantom stock netted, qty − delivered, substitutes used', async () => {
    const started = await api.call<MrpRun>('POST', '/api/mrp/runs', {
      token: lina,
      body: { runDate: rules.runDate },
    });
    expect(started.status).toBe(202);
    await api.runtime.workflows.idle();
    const res = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', { token: lina });
    const expected = JSON.parse(
      readFileSync(
        new URL('../../docs/examples/planning-rules.result.json', import.meta.url),
        'utf8',
      ),
    );
    expect(res.body.plannedOrders.map(({ id: _i, released: _r, ...o }) => o)).toEqual(
      expected.plannedOrders,
    );
    expect(res.body.exceptions).toEqual(expected.exceptions);
  });

  it('kits from the phantom’s stock first and reports buildable sets without and with substitutes', async () => {
    const res = await api.call<Kitting>('GET', '/api/mrp/kitting?item=FAN&qty=10&date=2026-12-01', {
      token: lina,
    });
    expect(res.status).toBe(200);
    expect(
      res.body.components.map((c) => [
        c.path.join('>'),
        c.required,
        c.available,
        c.short,
        c.substitutes,
        c.shortAfterSubstitutes,
      ]),
    ).toEqual([
      ['FAN>HEAD', '10', '3', '0', [], '0'],
      ['FAN>HEAD>CAP', '14', '10', '4', [{ item: 'CAP-S', qty: '8', covers: '4' }], '0'],
      ['FAN>HEAD>BASE', '7', '7', '0', [], '0'],
    ]);
    expect([res.body.buildable, res.body.buildableWithSubstitutes]).toEqual(['8', '10']);
    // A sales line kits its open quantity: 25 ordered, 5 delivered.
    const line = await api.call<Kitting>(
      'GET',
      '/api/mrp/kitting?salesOrder=SO-1&line=1&date=2026-12-01',
      { token: lina },
    );
    expect([line.body.qty, line.body.buildable]).toEqual(['20', '8']);
  });

  it('shortage: the task order is partial; the phantom’s stock, then the substitute, would complete it', async () => {
    const res = await api.call<Shortage>('GET', '/api/mrp/shortage?date=2026-12-01', {
      token: lina,
    });
    expect(res.status).toBe(200);
    const [mo] = res.body.orders;
    expect([mo!.no, mo!.status, mo!.completeWithCover]).toEqual(['MO-1', 'partial', true]);
    expect(mo!.components).toEqual([
      {
        item: 'BASE',
        needed: '10',
        allocated: '10',
        short: '0',
        cover: [],
        shortAfterCover: '0',
      },
      {
        item: 'CAP',
        needed: '20',
        allocated: '10',
        short: '10',
        cover: [
          { kind: 'phantom', item: 'HEAD', qty: '3', covers: '6' },
          { kind: 'substitute', item: 'CAP-S', qty: '8', covers: '4' },
        ],
        shortAfterCover: '0',
      },
    ]);
  });
});

describe('a stored quantity past the range (written before the door checked it)', () => {
  it('leaves only that item out of MRP, with an exception; kitting and shortage still answer', async () => {
    const tenant = 'wwmrp04';
    const admin = await api.token('admin', tenant);
    const item = (code: string, source: string) => ({
      code,
      name: code,
      unit: 'pcs',
      precision: 0,
      source,
      strategy: 'mts',
      leadTimeDays: 0,
      safetyStock: '0',
      lotSizing: { rule: 'lotForLot' },
      defaultWarehouse: 'RM',
    });
    const small = {
      format: 'factory/1',
      runDate: file.runDate,
      warehouses: [{ code: 'RM', name: '原料仓', kind: 'normal' }],
      partners: [{ code: 'C1', name: '客户', roles: ['customer'] }],
      items: [item('FG', 'manufactured'), item('RM1', 'purchased'), item('RM2', 'purchased')],
      boms: [
        {
          parent: 'FG',
          version: 'V1',
          lines: [
            { component: 'RM1', qtyPer: '2' },
            { component: 'RM2', qtyPer: '1' },
          ],
        },
      ],
      stock: [
        { item: 'RM1', warehouse: 'RM', qty: '1' },
        { item: 'RM2', warehouse: 'RM', qty: '1' },
      ],
      salesOrders: [
        { no: 'SO-1', customer: 'C1', lines: [{ item: 'FG', qty: '5', dueDate: '2026-12-20' }] },
      ],
    };
    expect((await api.call('POST', '/api/imports', { token: admin, body: small })).status).toBe(
      201,
    );
    const deps = getDeps();
    const balance = keys.balance(tenant, {
      item: 'RM2',
      warehouse: 'RM',
      status: 'available',
      lot: '',
      trackingNo: '',
    });
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: { pk: balance.pk, sk: balance.sk },
        UpdateExpression: 'SET #q = :q',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#q': 'qty' },
        ExpressionAttributeValues: { ':q': 999999999999999999n },
      }),
    );
    const lina = await api.token('lina', tenant);
    const started = await api.call<MrpRun>('POST', '/api/mrp/runs', {
      token: lina,
      body: { runDate: file.runDate },
    });
    expect(started.status).toBe(202);
    await api.runtime.workflows.idle();
    const run = await api.call<MrpRun>('GET', `/api/mrp/runs/${started.body.runId}`, {
      token: lina,
    });
    expect(run.body.status).toBe('completed');
    const plan = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', { token: lina });
    expect(plan.body.plannedOrders.map((o) => `${o.item} ${o.qty}`)).toEqual(['FG 5', 'RM1 9']);
    expect(plan.body.exceptions).toEqual([
      expect.objectContaining({ kind: 'notPlanned', item: 'RM2' }),
    ]);
    const kitting = await api.call<Kitting>('GET', '/api/mrp/kitting?item=FG&qty=5', {
      token: lina,
    });
    expect(kitting.status).toBe(200);
    expect(kitting.body.components.find((c) => c.item === 'RM2')!.short).toBe('0');
    expect((await api.call('GET', '/api/mrp/shortage', { token: lina })).status).toBe(200);
  });
});
