import type { Forecast, Page, PlannedOrders, WorkCalendar } from '@factory/shared';
import { errorOf, completedMrpRun, startApi, type Api } from './harness.js';

/**
 * Planning inputs through the API (issue 12): forecasts and the work calendar, written where an
 * import writes them, so an MRP run uses them as it uses imported ones.
 */
const TENANT = 'wwplan01';
const OTHER = 'wwplan02';
let api: Api;
let planner: string;
let sales: string;

/** A purchased fan, 3 working days' lead time, lot for lot; no stock, no orders. */
const factory = (runDate = '2026-12-01') => ({
  format: 'factory/1',
  runDate,
  calendar: { nonWorkingWeekdays: [6, 7], holidays: [] },
  warehouses: [{ code: 'RM', name: '原料仓', kind: 'normal' }],
  partners: [{ code: 'S1', name: '供应商1', roles: ['supplier'] }],
  items: [
    {
      code: 'FAN',
      name: '风扇',
      unit: 'pcs',
      precision: 0,
      source: 'purchased',
      strategy: 'mts',
      leadTimeDays: 3,
      safetyStock: '0',
      lotSizing: { rule: 'lotForLot' },
    },
    {
      code: 'OLD',
      name: '停用件',
      unit: 'pcs',
      precision: 0,
      source: 'purchased',
      strategy: 'mts',
      leadTimeDays: 0,
      safetyStock: '0',
      lotSizing: { rule: 'lotForLot' },
    },
  ],
});

async function runMrp(token = planner): Promise<PlannedOrders['plannedOrders']> {
  const run = await completedMrpRun(api, token, '2026-12-01');
  const res = await api.call<PlannedOrders>(
    'GET',
    `/api/mrp/planned-orders?runId=${run.runId}&item=FAN`,
    { token },
  );
  expect(res.status).toBe(200);
  return res.body.plannedOrders;
}

const post = (path: string, body: unknown, token = planner, headers: Record<string, string> = {}) =>
  api.call<Forecast>('POST', path, { token, body, headers });
const list = async (query = '', token = planner) =>
  (await api.call<Page<Forecast>>('GET', `/api/forecasts${query}`, { token })).body.items;

beforeAll(async () => {
  api = await startApi();
  for (const tenant of [TENANT, OTHER]) {
    const res = await api.call('POST', '/api/imports', {
      token: await api.token('admin', tenant),
      body: factory(),
    });
    expect(res.status).toBe(201);
  }
  const admin = await api.token('admin', TENANT);
  const off = await api.call('PATCH', '/api/items/OLD', {
    token: admin,
    body: { expectedVersion: 1, active: false },
  });
  expect(off.status).toBe(200);
  planner = await api.token('lina', TENANT);
  sales = await api.token('zhangwei', TENANT);
});
afterAll(() => api.close());

describe('forecasts', () => {
  it('are entered, listed by item and period, read, changed and deleted; MRP plans them', async () => {
    const created = await post('/api/forecasts', {
      item: 'FAN',
      from: '2026-12-07',
      to: '2026-12-11',
      qty: '50',
      note: '年底促销',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      item: 'FAN',
      itemName: '风扇',
      unit: 'pcs',
      from: '2026-12-07',
      to: '2026-12-11',
      qty: '50',
      origin: 'entry',
      version: 1,
      updatedBy: 'lina',
    });
    // Demand on the first working day of the period (Monday 7th); release 3 working days before.
    expect((await runMrp()).map((p) => [p.qty, p.dueDate, p.releaseDate])).toEqual([
      ['50', '2026-12-07', '2026-12-02'],
    ]);

    const second = await post('/api/forecasts', {
      item: 'FAN',
      from: '2027-01-04',
      to: '2027-01-29',
      qty: '20.0',
    });
    expect(second.status).toBe(201);
    expect(second.body.qty).toBe('20');
    expect((await list('?item=FAN')).map((f) => f.from)).toEqual(['2026-12-07', '2027-01-04']);
    expect((await list('?from=2027-01-01&to=2027-01-31')).map((f) => f.from)).toEqual([
      '2027-01-04',
    ]);
    expect((await list('?from=2026-12-11&to=2026-12-11')).map((f) => f.from)).toEqual([
      '2026-12-07',
    ]);
    // Anyone may read (a sales rep too); only planners write.
    expect((await list('', sales)).length).toBe(2);
    expect(
      (
        await post(
          '/api/forecasts',
          { item: 'FAN', from: '2027-03-01', to: '2027-03-31', qty: '1' },
          sales,
        )
      ).status,
    ).toBe(403);

    const read = await api.call<Forecast>('GET', '/api/forecasts/FAN/2026-12-07', {
      token: planner,
    });
    expect(read.status).toBe(200);
    expect(read.body.note).toBe('年底促销');

    const changed = await api.call<Forecast>('PATCH', '/api/forecasts/FAN/2026-12-07', {
      token: planner,
      body: { expectedVersion: 1, qty: '80', note: null },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ qty: '80', version: 2 });
    expect(changed.body.note).toBeUndefined();
    const stale = await api.call('PATCH', '/api/forecasts/FAN/2026-12-07', {
      token: planner,
      body: { expectedVersion: 1, qty: '90' },
    });
    expect(stale.status).toBe(409);
    const december = (orders: PlannedOrders['plannedOrders']) =>
      orders.filter((p) => p.dueDate < '2027-01-01');
    expect(december(await runMrp()).map((p) => [p.qty, p.dueDate])).toEqual([['80', '2026-12-07']]);

    // A new start date renames it: demand moves to Monday 14th.
    const moved = await api.call<Forecast>('PATCH', '/api/forecasts/FAN/2026-12-07', {
      token: planner,
      body: { expectedVersion: 2, from: '2026-12-14', to: '2026-12-18' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ from: '2026-12-14', to: '2026-12-18', version: 3 });
    expect(
      (await api.call('GET', '/api/forecasts/FAN/2026-12-07', { token: planner })).status,
    ).toBe(404);
    expect(december(await runMrp()).map((p) => [p.qty, p.dueDate, p.releaseDate])).toEqual([
      ['80', '2026-12-14', '2026-12-09'],
    ]);

    const wrongVersion = await api.call(
      'DELETE',
      '/api/forecasts/FAN/2026-12-14?expectedVersion=1',
      {
        token: planner,
      },
    );
    expect(wrongVersion.status).toBe(409);
    for (const [from, version] of [
      ['2026-12-14', 3],
      ['2027-01-04', 1],
    ] as const) {
      const gone = await api.call(
        'DELETE',
        `/api/forecasts/FAN/${from}?expectedVersion=${version}`,
        {
          token: planner,
        },
      );
      expect(gone.status).toBe(200);
      expect(gone.body).toEqual({ item: 'FAN', from, deleted: true });
    }
    expect(await list()).toEqual([]);
    expect(await runMrp()).toEqual([]);
    expect(
      (
        await api.call('DELETE', '/api/forecasts/FAN/2026-12-14?expectedVersion=3', {
          token: planner,
        })
      ).status,
    ).toBe(404);
  });

  it('refuses bad input naming each field, and overlapping periods, writing nothing', async () => {
    const bad = await post('/api/forecasts', {
      item: 'FAN',
      from: '2026-02-30',
      to: '2026-13-01',
      qty: '-1',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(
      errorOf(bad)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.extra', 'body.from', 'body.qty', 'body.to']);
    const backwards = await post('/api/forecasts', {
      item: 'FAN',
      from: '2026-12-10',
      to: '2026-12-01',
      qty: '1',
    });
    expect(errorOf(backwards).issues!.map((i) => i.path.join('.'))).toEqual(['body.to']);
    const tooLong = await post('/api/forecasts', {
      item: 'FAN',
      from: '2026-01-01',
      to: '2027-06-30',
      qty: '1',
    });
    expect(errorOf(tooLong).issues!.map((i) => i.path.join('.'))).toEqual(['body.to']);
    for (const [item, qty, path] of [
      ['NOPE', '1', 'body.item'],
      ['OLD', '1', 'body.item'],
      ['FAN', '1.5', 'body.qty'],
    ]) {
      const res = await post('/api/forecasts', { item, from: '2026-12-01', to: '2026-12-31', qty });
      expect(res.status).toBe(400);
      expect(errorOf(res).issues!.map((i) => i.path.join('.'))).toEqual([path]);
    }
    expect((await api.call('GET', '/api/forecasts?to=2026-13-01', { token: planner })).status).toBe(
      400,
    );
    expect((await api.call('GET', '/api/forecasts/FAN/someday', { token: planner })).status).toBe(
      400,
    );

    const first = await post('/api/forecasts', {
      item: 'FAN',
      from: '2026-12-01',
      to: '2026-12-15',
      qty: '10',
    });
    expect(first.status).toBe(201);
    const same = await post('/api/forecasts', {
      item: 'FAN',
      from: '2026-12-01',
      to: '2026-12-02',
      qty: '10',
    });
    expect(same.status).toBe(409);
    expect(errorOf(same).code).toBe('resource.exists');
    const overlap = await post('/api/forecasts', {
      item: 'FAN',
      from: '2026-12-15',
      to: '2026-12-31',
      qty: '10',
    });
    expect(overlap.status).toBe(409);
    expect(errorOf(overlap)).toMatchObject({
      code: 'forecast.overlap',
      details: { item: 'FAN', from: '2026-12-01', to: '2026-12-15' },
    });
    expect(errorOf(overlap).issues!.map((i) => i.path.join('.'))).toEqual(['body.from', 'body.to']);
    const next = await post('/api/forecasts', {
      item: 'FAN',
      from: '2026-12-16',
      to: '2026-12-31',
      qty: '10',
    });
    expect(next.status).toBe(201);
    // Stretching the first into the second is an overlap too.
    const stretch = await api.call('PATCH', '/api/forecasts/FAN/2026-12-01', {
      token: planner,
      body: { expectedVersion: 1, to: '2026-12-20' },
    });
    expect(stretch.status).toBe(409);
    expect(errorOf(stretch).code).toBe('forecast.overlap');
    const badChange = await api.call('PATCH', '/api/forecasts/FAN/2026-12-01', {
      token: planner,
      body: { expectedVersion: 0, qty: 'many' },
    });
    expect(badChange.status).toBe(400);
    expect(
      errorOf(badChange)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.expectedVersion', 'body.qty']);
    expect((await list('?item=FAN')).map((f) => [f.from, f.to, f.qty, f.version])).toEqual([
      ['2026-12-01', '2026-12-15', '10', 1],
      ['2026-12-16', '2026-12-31', '10', 1],
    ]);
    for (const f of await list('?item=FAN')) {
      await api.call('DELETE', `/api/forecasts/FAN/${f.from}?expectedVersion=${f.version}`, {
        token: planner,
      });
    }
  });

  it('two planners entering overlapping periods at once: one is written, the other refused', async () => {
    const [a, b] = await Promise.all([
      post('/api/forecasts', { item: 'FAN', from: '2027-03-01', to: '2027-03-20', qty: '1' }),
      post('/api/forecasts', { item: 'FAN', from: '2027-03-10', to: '2027-03-31', qty: '2' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const left = await list('?item=FAN');
    expect(left.length).toBe(1);
    await api.call('DELETE', `/api/forecasts/FAN/${left[0]!.from}?expectedVersion=1`, {
      token: planner,
    });
  });

  it('replays a retried create with the same Idempotency-Key and writes it once', async () => {
    const body = { item: 'FAN', from: '2027-02-01', to: '2027-02-28', qty: '5' };
    const headers = { 'idempotency-key': 'forecast-retry-0001' };
    const a = await post('/api/forecasts', body, planner, headers);
    const b = await post('/api/forecasts', body, planner, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replay')).toBe('true');
    expect(b.body).toEqual(a.body);
    expect((await list('?item=FAN')).length).toBe(1);
    await api.call('DELETE', '/api/forecasts/FAN/2027-02-01?expectedVersion=1', {
      token: planner,
    });
  });
});

describe('the work calendar', () => {
  it('changes through the API and the next MRP run uses it (a holiday moves a release date)', async () => {
    const initial = await api.call<WorkCalendar>('GET', '/api/calendar', { token: planner });
    expect(initial.body).toMatchObject({
      nonWorkingWeekdays: [6, 7],
      holidays: [],
      extraWorkingDays: [],
      version: 1,
    });
    expect(
      (
        await post('/api/forecasts', {
          item: 'FAN',
          from: '2026-12-07',
          to: '2026-12-11',
          qty: '50',
        })
      ).status,
    ).toBe(201);
    expect((await runMrp()).map((p) => p.releaseDate)).toEqual(['2026-12-02']);

    // Thursday 3rd off: three working days before Monday 7th are now Tue 1st, Wed 2nd, Fri 4th.
    const holiday = await api.call<WorkCalendar>('POST', '/api/calendar/holidays', {
      token: planner,
      body: { date: '2026-12-03' },
    });
    expect(holiday.status).toBe(201);
    expect(holiday.body).toMatchObject({ holidays: ['2026-12-03'], version: 2, updatedBy: 'lina' });
    expect((await runMrp()).map((p) => p.releaseDate)).toEqual(['2026-12-01']);

    // Saturday 5th worked (调休): the release goes back to Wednesday 2nd.
    const extra = await api.call<WorkCalendar>('POST', '/api/calendar/working-days', {
      token: planner,
      body: { date: '2026-12-05' },
    });
    expect(extra.status).toBe(201);
    expect(extra.body.extraWorkingDays).toEqual(['2026-12-05']);
    expect((await runMrp()).map((p) => p.releaseDate)).toEqual(['2026-12-02']);

    // A six-day week (only Sunday off), the extra day and the holiday removed: release Thursday 3rd.
    const week = await api.call<WorkCalendar>('PUT', '/api/calendar/weekdays', {
      token: planner,
      body: { nonWorkingWeekdays: [7] },
    });
    expect(week.status).toBe(200);
    expect(
      (await api.call('DELETE', '/api/calendar/working-days/2026-12-05', { token: planner }))
        .status,
    ).toBe(200);
    const removed = await api.call<WorkCalendar>('DELETE', '/api/calendar/holidays/2026-12-03', {
      token: planner,
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      nonWorkingWeekdays: [7],
      holidays: [],
      extraWorkingDays: [],
      version: 6,
    });
    expect((await runMrp()).map((p) => p.releaseDate)).toEqual(['2026-12-03']);

    await api.call('PUT', '/api/calendar/weekdays', {
      token: planner,
      body: { nonWorkingWeekdays: [6, 7] },
    });
    await api.call('DELETE', '/api/forecasts/FAN/2026-12-07?expectedVersion=1', { token: planner });
  });

  it('refuses bad input naming the field, and contradictions, writing nothing', async () => {
    const before = (await api.call<WorkCalendar>('GET', '/api/calendar', { token: planner })).body;
    for (const body of [
      { nonWorkingWeekdays: [0, 8] },
      { nonWorkingWeekdays: [6, 6] },
      { nonWorkingWeekdays: [1, 2, 3, 4, 5, 6, 7] },
      { nonWorkingWeekdays: '6,7' },
    ]) {
      const res = await api.call('PUT', '/api/calendar/weekdays', { token: planner, body });
      expect(res.status).toBe(400);
      expect(
        errorOf(res).issues!.every(
          (i) => i.path.slice(0, 2).join('.') === 'body.nonWorkingWeekdays',
        ),
      ).toBe(true);
    }
    const badDate = await api.call('POST', '/api/calendar/holidays', {
      token: planner,
      body: { date: '2026-02-29' },
    });
    expect(errorOf(badDate).issues!.map((i) => i.path.join('.'))).toEqual(['body.date']);
    expect(
      (await api.call('DELETE', '/api/calendar/holidays/not-a-date', { token: planner })).status,
    ).toBe(400);
    expect(
      (await api.call('DELETE', '/api/calendar/holidays/2026-12-24', { token: planner })).status,
    ).toBe(404);

    expect(
      (
        await api.call('POST', '/api/calendar/holidays', {
          token: planner,
          body: { date: '2026-12-24' },
        })
      ).status,
    ).toBe(201);
    const twice = await api.call('POST', '/api/calendar/holidays', {
      token: planner,
      body: { date: '2026-12-24' },
    });
    expect(twice.status).toBe(409);
    const both = await api.call('POST', '/api/calendar/working-days', {
      token: planner,
      body: { date: '2026-12-24' },
    });
    expect(both.status).toBe(400);
    expect(errorOf(both).issues!.map((i) => i.path.join('.'))).toEqual(['body.date']);
    expect(
      (
        await api.call('PUT', '/api/calendar/weekdays', {
          token: sales,
          body: { nonWorkingWeekdays: [7] },
        })
      ).status,
    ).toBe(403);
    await api.call('DELETE', '/api/calendar/holidays/2026-12-24', { token: planner });
    const after = (await api.call<WorkCalendar>('GET', '/api/calendar', { token: planner })).body;
    expect({ ...after, version: 0, updatedAt: '' }).toEqual({
      ...before,
      version: 0,
      updatedAt: '',
    });
  });
});

describe('tenant isolation', () => {
  it("one tenant's forecasts and calendar are invisible to and untouched by another", async () => {
    expect(
      (
        await post('/api/forecasts', {
          item: 'FAN',
          from: '2027-05-01',
          to: '2027-05-31',
          qty: '7',
        })
      ).status,
    ).toBe(201);
    await api.call('POST', '/api/calendar/holidays', {
      token: planner,
      body: { date: '2027-05-03' },
    });
    const other = await api.token('lina', OTHER);
    expect(await list('', other)).toEqual([]);
    expect((await api.call('GET', '/api/forecasts/FAN/2027-05-01', { token: other })).status).toBe(
      404,
    );
    expect(
      (
        await api.call('DELETE', '/api/forecasts/FAN/2027-05-01?expectedVersion=1', {
          token: other,
        })
      ).status,
    ).toBe(404);
    const theirs = await api.call<WorkCalendar>('GET', '/api/calendar', { token: other });
    expect(theirs.body.holidays).toEqual([]);
    expect((await list('', planner)).map((f) => f.qty)).toEqual(['7']);
  });
});
