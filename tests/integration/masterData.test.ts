import type { Item, Page } from '@factory/shared';
import { anItem, errorOf, seedBasics, startApi, type Api } from './harness.js';

let api: Api;
let admin: string;

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  admin = await api.token('admin');
});
afterAll(() => api.close());

describe('items', () => {
  it('creates, reads, updates with the version and refuses a stale update', async () => {
    const created = await api.call<Item>('POST', '/api/items', {
      token: admin,
      body: anItem({
        code: 'CAP-1',
        name: '电容 1.5uF',
        safetyStock: '20',
        lotSizing: { rule: 'fixed', qty: '50' },
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'CAP-1',
      version: 1,
      inspection: false,
      active: true,
      createdBy: 'admin',
    });

    const read = await api.call<Item>('GET', '/api/items/CAP-1', {
      token: await api.token('chenjie'),
    });
    expect(read.status).toBe(200);
    expect(read.body.lotSizing).toEqual({ rule: 'fixed', qty: '50' });

    const updated = await api.call<Item>('PATCH', '/api/items/CAP-1', {
      token: admin,
      body: { expectedVersion: 1, name: '电容 2uF', defaultSupplier: 'S1' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: '电容 2uF', version: 2, defaultSupplier: 'S1' });

    const stale = await api.call('PATCH', '/api/items/CAP-1', {
      token: admin,
      body: { expectedVersion: 1, name: 'x' },
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('resource.versionConflict');
    const after = await api.call<Item>('GET', '/api/items/CAP-1', { token: admin });
    expect(after.body.name).toBe('电容 2uF');

    const cleared = await api.call<Item>('PATCH', '/api/items/CAP-1', {
      token: admin,
      body: { expectedVersion: 2, defaultSupplier: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.defaultSupplier).toBeUndefined();
  });

  it('refuses two concurrent updates of the same version: exactly one wins', async () => {
    await api.call('POST', '/api/items', { token: admin, body: anItem({ code: 'RACE-1' }) });
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((name) =>
        api.call('PATCH', '/api/items/RACE-1', {
          token: admin,
          body: { expectedVersion: 1, name },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('refuses a duplicate code', async () => {
    const res = await api.call('POST', '/api/items', {
      token: admin,
      body: anItem({ code: 'BOLT' }),
    });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('resource.exists');
  });

  it('reports every bad field with its path and writes nothing', async () => {
    const res = await api.call('POST', '/api/items', {
      token: admin,
      body: {
        code: 'BAD 1',
        name: '',
        unit: 'pcs',
        precision: 9,
        source: 'bought',
        leadTimeDays: -1,
        safetyStock: '1e3',
        lotSizing: { rule: 'fixed' },
        colour: 'red',
      },
    });
    expect(res.status).toBe(400);
    const paths = errorOf(res).issues!.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.code',
        'body.name',
        'body.precision',
        'body.source',
        'body.leadTimeDays',
        'body.safetyStock',
        'body.lotSizing.qty',
        'body.colour',
      ]),
    );
    for (const issue of errorOf(res).issues!) expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
    const list = await api.call<Page<Item>>('GET', '/api/items?q=BAD', { token: admin });
    expect(list.body.items).toHaveLength(0);
  });

  it('checks references: unit, default warehouse, supplier role, precision, phantom policy', async () => {
    const res = await api.call('POST', '/api/items', {
      token: admin,
      body: anItem({
        code: 'REF-1',
        unit: 'box',
        defaultWarehouse: 'NOPE',
        defaultSupplier: 'S9',
        precision: 0,
        safetyStock: '1.5',
      }),
    });
    expect(res.status).toBe(400);
    expect(
      errorOf(res)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(
      ['body.defaultSupplier', 'body.defaultWarehouse', 'body.safetyStock', 'body.unit'].sort(),
    );
    const phantom = await api.call('POST', '/api/items', {
      token: admin,
      body: anItem({ code: 'PH-2', source: 'phantom', safetyStock: '5' }),
    });
    expect(errorOf(phantom).issues!.map((i) => i.path.join('.'))).toEqual(['body.safetyStock']);
  });

  it('a customer-supplied item names an existing customer, others name none; a patch checks the merged item', async () => {
    const post = (body: Record<string, unknown>) =>
      api.call<Item>('POST', '/api/items', { token: admin, body });
    const partner = await api.call('POST', '/api/partners', {
      token: admin,
      body: { code: 'CUST-1', name: '客户一', roles: ['customer'] },
    });
    expect(partner.status).toBe(201);

    const issuesOf = (res: Awaited<ReturnType<typeof post>>) =>
      errorOf(res).issues!.map((i) => `${i.path.join('.')}: ${i.message}`);
    const none = await post(anItem({ code: 'CS-BAD1', source: 'customerSupplied' }));
    expect(none.status).toBe(400);
    expect(issuesOf(none)).toEqual(['body.customer: 客供料必须指定提供物料的客户']);
    const unknown = await post(
      anItem({ code: 'CS-BAD2', source: 'customerSupplied', customer: 'CUST-9' }),
    );
    expect(issuesOf(unknown)).toEqual(['body.customer: 往来单位不存在：CUST-9']);
    const notCustomer = await post(
      anItem({
        code: 'CS-BAD3',
        source: 'customerSupplied',
        customer: 'S1',
        defaultSupplier: 'S1',
      }),
    );
    expect(issuesOf(notCustomer)).toEqual([
      'body.customer: 往来单位 S1 不是客户',
      'body.defaultSupplier: 客供料由客户提供，不采购，不能有默认供应商',
    ]);
    const purchased = await post(anItem({ code: 'CS-BAD4', customer: 'CUST-1' }));
    expect(issuesOf(purchased)).toEqual(['body.customer: 只有来源为客供料的物料才指定客户']);
    const refused = await api.call<Page<Item>>('GET', '/api/items?q=CS-BAD', { token: admin });
    expect(refused.body.items).toHaveLength(0);

    const created = await post(
      anItem({ code: 'CS-BOX', name: '客供彩箱', source: 'customerSupplied', customer: 'CUST-1' }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ source: 'customerSupplied', customer: 'CUST-1' });

    // The patch is checked as the item it makes: a new source without clearing the customer,
    // a cleared customer, a supplier added are each refused, and nothing changes.
    const patch = (body: Record<string, unknown>) =>
      api.call<Item>('PATCH', '/api/items/CS-BOX', {
        token: admin,
        body: { expectedVersion: 1, ...body },
      });
    expect(issuesOf(await patch({ source: 'purchased' }))).toEqual([
      'body.customer: 只有来源为客供料的物料才指定客户',
    ]);
    expect(issuesOf(await patch({ customer: null }))).toEqual([
      'body.customer: 客供料必须指定提供物料的客户',
    ]);
    expect(issuesOf(await patch({ defaultSupplier: 'S1' }))).toEqual([
      'body.defaultSupplier: 客供料由客户提供，不采购，不能有默认供应商',
    ]);
    const unchanged = await api.call<Item>('GET', '/api/items/CS-BOX', { token: admin });
    expect(unchanged.body).toMatchObject({ version: 1, customer: 'CUST-1' });
    const bought = await patch({ source: 'purchased', customer: null, defaultSupplier: 'S1' });
    expect(bought.status).toBe(200);
    expect(bought.body.customer).toBeUndefined();
    expect(bought.body).toMatchObject({ source: 'purchased', defaultSupplier: 'S1', version: 2 });
  });

  it('lists with paging and searches by code prefix or name', async () => {
    for (let i = 0; i < 7; i++) {
      await api.call('POST', '/api/items', {
        token: admin,
        body: anItem({ code: `PAGE-${i}`, name: `分页物料${i}` }),
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/items?limit=3&q=PAGE-${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: Page<Item> } = await api.call<Page<Item>>('GET', q, { token: admin });
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((i) => i.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['PAGE-0', 'PAGE-1', 'PAGE-2', 'PAGE-3', 'PAGE-4', 'PAGE-5', 'PAGE-6']);

    const byName = await api.call<Page<Item>>(
      'GET',
      `/api/items?q=${encodeURIComponent('分页物料3')}`,
      { token: admin },
    );
    expect(byName.body.items.map((i) => i.code)).toEqual(['PAGE-3']);
  });

  it('lists only sellable items with sellable=true (the sales order entry), with the search', async () => {
    const made = [
      anItem({ code: 'SELL-FG', name: '可售成品', source: 'manufactured', sellable: true }),
      anItem({ code: 'SELL-SA', name: '可售半成品', source: 'manufactured' }),
      anItem({ code: 'SELL-RM', name: '可售原料', sellable: false }),
    ];
    for (const body of made) {
      const res = await api.call('POST', '/api/items', { token: admin, body });
      expect(res.status).toBe(201);
    }
    const codes = async (query: string) =>
      (await api.call<Page<Item>>('GET', `/api/items?${query}`, { token: admin })).body.items.map(
        (i) => i.code,
      );
    expect(await codes('q=SELL-&sellable=true')).toEqual(['SELL-FG']);
    expect(await codes(`q=${encodeURIComponent('可售')}&sellable=true`)).toEqual(['SELL-FG']);
    expect(await codes('q=SELL-&sellable=false')).toEqual(['SELL-RM', 'SELL-SA']);
    expect(await codes('q=SELL-')).toEqual(['SELL-FG', 'SELL-RM', 'SELL-SA']);

    const bad = await api.call('GET', '/api/items?sellable=yes', { token: admin });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(['query.sellable']);
  });
});

describe('warehouses, partners and units', () => {
  it('creates and lists each kind', async () => {
    const wh = await api.call('POST', '/api/warehouses', {
      token: admin,
      body: { code: 'CS', name: '客供料仓', kind: 'customerSupplied', partner: 'S1' },
    });
    expect(wh.status).toBe(201);
    const badWh = await api.call('POST', '/api/warehouses', {
      token: admin,
      body: { code: 'SUB', name: '外协仓', kind: 'subcontractor', partner: 'NOBODY' },
    });
    expect(errorOf(badWh).issues![0]!.path).toEqual(['body', 'partner']);
    const partners = await api.call<Page<{ code: string }>>('GET', '/api/partners', {
      token: admin,
    });
    expect(partners.body.items.map((p) => p.code)).toContain('S1');
    const units = await api.call<Page<{ code: string }>>('GET', '/api/units', { token: admin });
    expect(units.body.items.map((u) => u.code)).toEqual(['kg', 'pcs']);
  });
});

describe('auth and tenancy', () => {
  it('answers 401 without a token and with a forged one', async () => {
    expect((await api.call('GET', '/api/items')).status).toBe(401);
    const forged = await api.call('GET', '/api/items', { token: `${admin.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(errorOf(forged).code).toBe('auth.unauthenticated');
  });

  it('answers 403 to a role the route does not allow, and writes nothing', async () => {
    const worker = await api.token('chenjie');
    const res = await api.call('POST', '/api/items', {
      token: worker,
      body: anItem({ code: 'W-1' }),
    });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('auth.forbidden');
    expect((await api.call('GET', '/api/items/W-1', { token: admin })).status).toBe(404);
  });

  it("gives tenant B a 404 for tenant A's item and never lists it", async () => {
    const otherAdmin = await api.token('admin', 'wwother99');
    const res = await api.call('GET', '/api/items/BOLT', { token: otherAdmin });
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('resource.notFound');
    const list = await api.call<Page<Item>>('GET', '/api/items', { token: otherAdmin });
    expect(list.body.items).toEqual([]);
    const update = await api.call('PATCH', '/api/items/BOLT', {
      token: otherAdmin,
      body: { expectedVersion: 1, name: 'x' },
    });
    expect(update.status).toBe(404);
  });

  it("refuses a paging cursor taken from another tenant's listing", async () => {
    const page = await api.call<Page<Item>>('GET', '/api/items?limit=1', { token: admin });
    expect(page.body.nextCursor).toBeTruthy();
    const otherAdmin = await api.token('admin', 'wwother99');
    const res = await api.call('GET', `/api/items?limit=1&cursor=${page.body.nextCursor}`, {
      token: otherAdmin,
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues![0]!.path).toEqual(['query', 'cursor']);
  });
});

describe('request handling', () => {
  it('answers malformed JSON with 400 request.malformedJson', async () => {
    const res = await api.call('POST', '/api/items', {
      token: admin,
      rawBody: '{"code": "X",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('request.malformedJson');
  });

  it('answers a non-JSON body with 415 and an unknown route with 404', async () => {
    const res = await api.call('POST', '/api/items', {
      token: admin,
      rawBody: 'code=X',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect((await api.call('GET', '/api/nothing-here')).status).toBe(404);
    expect((await api.call('DELETE', '/api/items')).status).toBe(405);
  });

  it('replays an idempotent create and refuses the key for another body', async () => {
    const headers = { 'idempotency-key': 'create-idem-0001' };
    const first = await api.call('POST', '/api/items', {
      token: admin,
      headers,
      body: anItem({ code: 'IDEM-1' }),
    });
    const again = await api.call('POST', '/api/items', {
      token: admin,
      headers,
      body: anItem({ code: 'IDEM-1' }),
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replay')).toBe('true');
    const other = await api.call('POST', '/api/items', {
      token: admin,
      headers,
      body: anItem({ code: 'IDEM-2' }),
    });
    expect(other.status).toBe(409);
    expect(errorOf(other).code).toBe('idempotency.keyReused');
    expect((await api.call('GET', '/api/items/IDEM-2', { token: admin })).status).toBe(404);
  });

  it('frees the key after a refused request so a corrected retry can run', async () => {
    const headers = { 'idempotency-key': 'create-idem-0002' };
    const bad = await api.call('POST', '/api/items', {
      token: admin,
      headers,
      body: anItem({ code: 'IDEM-3', unit: 'box' }),
    });
    expect(bad.status).toBe(400);
    const good = await api.call('POST', '/api/items', {
      token: admin,
      headers,
      body: anItem({ code: 'IDEM-3', unit: 'box' }),
    });
    expect(good.status).toBe(400); // still the same refusal, re-evaluated, not replayed
    expect(good.headers.get('idempotent-replay')).toBeNull();
  });

  it('serves health and the OpenAPI document without a token', async () => {
    const health = await api.call<{ status: string; database: string }>('GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok' });
    const doc = await api.call<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/stock/issues');
    expect(Object.keys(doc.body.paths)).not.toContain('/api/dev/token');
  });
});
