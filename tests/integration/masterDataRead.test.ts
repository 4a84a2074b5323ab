import { getDeps } from '../../functions/src/deps.js';
import { loadMasterData, loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { aFactoryFile, fileItem, startApi, type Api } from './harness.js';

/** The planning data's master data read (usecases/mrp/load.ts), in full and since a change. */
const T = 'wwmaster01';
let api: Api;

const FACTORY = aFactoryFile({
  items: [
    fileItem('FG', 'manufactured', 1),
    fileItem('A', 'purchased', 2),
    fileItem('B', 'purchased', 2),
  ],
  boms: [{ parent: 'FG', version: 'V1', lines: [{ component: 'A', qtyPer: '2' }] }],
});

beforeAll(async () => {
  api = await startApi();
  const admin = await api.token('admin', T);
  const imported = await api.call('POST', '/api/imports', { token: admin, body: FACTORY });
  expect(imported.status).toBeLessThan(300);
});
afterAll(() => api.close());

describe('the master data of a plan', () => {
  it('has every approved version effective in the horizon with its lines', async () => {
    const master = await loadMasterData(getDeps(), T, '2026-12-01', 90);
    expect([...master.items.keys()].sort()).toEqual(['A', 'B', 'FG']);
    expect(master.boms.get('FG')).toEqual([
      expect.objectContaining({
        version: 'V1',
        lines: [expect.objectContaining({ component: 'A', qtyPer: '2' })],
      }),
    ]);
  });

  it('given an earlier read and the items changed since, reads those items and BOMs again', async () => {
    const full = await loadMasterData(getDeps(), T, '2026-12-01', 90);
    const earlier = {
      items: new Map([...full.items].filter(([code]) => code !== 'FG')),
      boms: new Map(),
    };
    const again = await loadMasterData(getDeps(), T, '2026-12-01', 90, {
      master: earlier,
      changed: new Set(['FG']),
    });
    expect(again.items.get('FG')).toEqual(full.items.get('FG'));
    expect(again.boms).toEqual(full.boms);
  });

  it('is the same read beside the rest of the planning data', async () => {
    const input = await loadPlanningInput(getDeps(), T, '2026-12-01', 90);
    expect(input.boms.get('FG')?.map((v) => v.version)).toEqual(['V1']);
    expect(input.items.map((i) => i.code)).toEqual(['A', 'B', 'FG']);
  });
});
