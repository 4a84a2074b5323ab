import type { Page, PriceListEntry } from '@factory/shared';
import { errorOf, startApi, type Api } from './harness.js';
import { idem, importFactory, shopfloorFile } from './shopfloorHarness.js';

/**
 * Processing price policies (委外价格政策, DOMAIN.md "Outsourcing"): per subcontractor and item,
 * effective dates and quantity breaks, kept apart from the suppliers' price lists.
 */
const T = 'wwosp001';
let api: Api;
let planner: string;

beforeAll(async () => {
  api = await startApi();
  const file = shopfloorFile();
  file.partners.push({ code: 'W1', name: '外协一', roles: ['subcontractor'] });
  await importFactory(api, T, file);
  planner = await api.token('lina', T);
});
afterAll(() => api.close());

const add = (body: Record<string, unknown>) =>
  api.call<PriceListEntry>('POST', '/api/outsourcing-prices', {
    token: planner,
    body: { supplier: 'W1', item: 'GRILL', effectiveFrom: '2026-12-01', ...body },
    headers: idem(),
  });

describe('processing price policies', () => {
  it('adds breaks for a subcontractor and item, lists them apart from the purchase price list', async () => {
    expect((await add({ unitPrice: '2.50' })).status).toBe(201);
    expect((await add({ unitPrice: '2.20', minQty: '100' })).status).toBe(201);
    const list = await api.call<Page<PriceListEntry>>(
      'GET',
      '/api/outsourcing-prices?supplier=W1',
      {
        token: planner,
      },
    );
    expect(list.body.items.map((e) => [e.minQty, e.unitPrice])).toEqual([
      ['0', '2.5'],
      ['100', '2.2'],
    ]);
    const purchase = await api.call<Page<PriceListEntry>>('GET', '/api/price-lists?supplier=W1', {
      token: planner,
    });
    expect(purchase.body.items).toEqual([]);
  });

  it('refuses the same entry twice, a partner that is no subcontractor, and bad fields', async () => {
    const twice = await add({ unitPrice: '3' });
    expect(twice.status).toBe(409);
    expect(errorOf(twice).code).toBe('resource.exists');
    const supplier = await add({ supplier: 'S1', unitPrice: '1' });
    expect(supplier.status).toBe(400);
    expect(errorOf(supplier).issues).toEqual([
      { path: ['body', 'supplier'], message: 'S1 不是外协厂' },
    ]);
    const bad = await add({ unitPrice: '-1', minQty: 'x', effectiveTo: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(
      errorOf(bad)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.effectiveTo', 'body.minQty', 'body.unitPrice']);
  });

  it('changes and deletes an entry by its key', async () => {
    const changed = await api.call<PriceListEntry>(
      'PATCH',
      '/api/outsourcing-prices/W1/GRILL/2026-12-01/100',
      { token: planner, body: { unitPrice: '2.10', effectiveTo: '2027-06-30' } },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ unitPrice: '2.1', effectiveTo: '2027-06-30' });
    const gone = await api.call('DELETE', '/api/outsourcing-prices/W1/GRILL/2026-12-01/100', {
      token: planner,
    });
    expect(gone.status).toBe(200);
    const again = await api.call('DELETE', '/api/outsourcing-prices/W1/GRILL/2026-12-01/100', {
      token: planner,
    });
    expect(again.status).toBe(404);
  });
});
