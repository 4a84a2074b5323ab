import type {
  BomHistory,
  BomVersion,
  Ecn,
  Explosion,
  ExplosionNode,
  WhereUsed,
} from '@factory/shared';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { approvedBom, createItems, runEcn } from './bomHarness.js';
import { TEST_TODAY } from '../testClock.js';

let api: Api;
let engineer: string;
// The runtime's business date (Shanghai), on which new BOMs become effective.
const today = TEST_TODAY;

function find(node: ExplosionNode, item: string): ExplosionNode[] {
  return [...(node.item === item ? [node] : []), ...node.children.flatMap((c) => find(c, item))];
}

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  engineer = await api.token('wuhao');
  const admin = await api.token('admin');
  await createItems(api, admin, {
    FAN: {},
    HEAD: {},
    PH_OUT: { source: 'phantom' },
    PH_IN: { source: 'phantom' },
    SCREW: { source: 'purchased' },
    WIRE: { source: 'purchased', unit: 'kg', precision: 3 },
    CAP: { source: 'purchased' },
    CAP2: { source: 'purchased' },
    A: {},
    B: {},
    C: {},
  });
  // FAN -> HEAD (loss 2%) -> PH_OUT (phantom) -> PH_IN (phantom, x2) -> SCREW x3 (loss 10%)
  await approvedBom(api, engineer, 'PH_IN', [{ component: 'SCREW', qtyPer: '3', lossRate: '0.1' }]);
  await approvedBom(api, engineer, 'PH_OUT', [
    { component: 'PH_IN', qtyPer: '2' },
    { component: 'WIRE', qtyPer: '0.25', lossRate: '0.04' },
  ]);
  await approvedBom(api, engineer, 'HEAD', [
    { component: 'PH_OUT', qtyPer: '1' },
    { component: 'CAP', qtyPer: '1', substitutes: [{ item: 'CAP2', priority: 1, ratio: '1' }] },
  ]);
  await approvedBom(api, engineer, 'FAN', [
    { component: 'HEAD', qtyPer: '1', lossRate: '0.02' },
    { component: 'SCREW', qtyPer: '4' },
  ]);
});
afterAll(() => api.close());

describe('explosion', () => {
  it('multiplies quantities and losses through every level, phantom inside phantom included', async () => {
    const res = await api.call<Explosion>('GET', '/api/boms/FAN/explosion?qty=10', {
      token: engineer,
    });
    expect(res.status).toBe(200);
    const head = find(res.body.tree, 'HEAD')[0]!;
    expect(head.qty).toBe('10.2'); // 10 x 1 x 1.02
    const inner = find(res.body.tree, 'PH_IN')[0]!;
    expect(inner).toMatchObject({
      level: 3,
      phantom: true,
      qty: '20.4',
      path: ['FAN', 'HEAD', 'PH_OUT', 'PH_IN'],
    });
    const screws = find(res.body.tree, 'SCREW');
    // Under the phantoms: 20.4 x 3 x 1.1 = 67.32; directly under FAN: 10 x 4 = 40.
    expect(screws.map((n) => `${n.level}:${n.qty}`).sort()).toEqual(['1:40', '4:67.32']);
    expect(find(res.body.tree, 'WIRE')[0]!.qty).toBe('2.652'); // 10.2 x 0.25 x 1.04
    const flatScrew = res.body.flat.find((f) => f.item === 'SCREW')!;
    expect(flatScrew).toMatchObject({ qty: '107.32', levels: [1, 4], leaf: true });
    expect(res.body.flat.find((f) => f.item === 'PH_OUT')).toMatchObject({
      phantom: true,
      leaf: false,
    });
  });

  it('answers 404 for an item without a BOM at that date', async () => {
    const res = await api.call('GET', '/api/boms/SCREW/explosion', { token: engineer });
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('bom.notEffective');
  });
});

describe('where-used', () => {
  it('lists direct users, substitutes flagged, and all levels up to the top items', async () => {
    const single = await api.call<WhereUsed>('GET', '/api/boms/SCREW/where-used', {
      token: engineer,
    });
    expect(single.body.entries.map((e) => `${e.parent}@${e.level}`)).toEqual(['FAN@1', 'PH_IN@1']);
    expect(single.body.entries.find((e) => e.parent === 'FAN')!.top).toBe(true);
    const all = await api.call<WhereUsed>('GET', '/api/boms/SCREW/where-used?levels=all', {
      token: engineer,
    });
    expect(all.body.entries.map((e) => `${e.parent}@${e.level}`)).toEqual([
      'FAN@1',
      'PH_IN@1',
      'PH_OUT@2',
      'HEAD@3',
    ]);
    const sub = await api.call<WhereUsed>('GET', '/api/boms/CAP2/where-used', { token: engineer });
    expect(sub.body.entries).toEqual([
      expect.objectContaining({ parent: 'HEAD', asSubstitute: true }),
    ]);
  });

  it('keeps low-level codes current', async () => {
    const res = await api.call<{ codes: Record<string, number> }>(
      'GET',
      '/api/structure/low-level-codes',
      {
        token: engineer,
      },
    );
    expect(res.body.codes).toMatchObject({
      FAN: 0,
      HEAD: 1,
      PH_OUT: 2,
      PH_IN: 3,
      SCREW: 4,
      CAP: 2,
      WIRE: 3,
    });
  });
});

describe('versions, ECN and history', () => {
  it('an ECN creates a new version effective from its date; dates choose the version; before/after is kept', async () => {
    const later = new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86400_000)
      .toISOString()
      .slice(0, 10);
    const ecn = await runEcn(api, engineer, {
      reason: '电机功率提升，换大电容，螺丝改 5 颗',
      effectiveDate: later,
      changes: [
        {
          kind: 'revise',
          parent: 'FAN',
          lines: [
            { op: 'change', component: 'SCREW', set: { qtyPer: '5' } },
            { op: 'add', line: { component: 'WIRE', qtyPer: '0.1' } },
          ],
        },
      ],
    });
    expect(ecn.status).toBe('approved');
    expect(ecn.records[0]).toMatchObject({ parent: 'FAN', baseVersion: 'V1', newVersion: 'V2' });
    expect(ecn.records[0]!.lines).toEqual([
      expect.objectContaining({
        component: 'SCREW',
        op: 'change',
        before: expect.objectContaining({ qtyPer: '4' }),
        after: expect.objectContaining({ qtyPer: '5' }),
      }),
      expect.objectContaining({ component: 'WIRE', op: 'add', before: null }),
    ]);
    const now = await api.call<Explosion>('GET', `/api/boms/FAN/explosion?date=${today}`, {
      token: engineer,
    });
    expect(now.body.tree.version).toBe('V1');
    const then = await api.call<Explosion>('GET', `/api/boms/FAN/explosion?date=${later}`, {
      token: engineer,
    });
    expect(then.body.tree.version).toBe('V2');
    expect(then.body.tree.children.find((c) => c.item === 'SCREW')!.qtyPer).toBe('5');

    const history = await api.call<BomHistory>('GET', '/api/boms/FAN', { token: engineer });
    const v1 = history.body.versions.find((v) => v.version === 'V1')!;
    const v2 = history.body.versions.find((v) => v.version === 'V2')!;
    expect(v2).toMatchObject({ status: 'approved', effectiveFrom: later, ecn: ecn.no });
    expect(v1.effectiveTo! < later).toBe(true);
    expect(v1.ecn).toBeTruthy();
    const kept = await api.call<Ecn>('GET', `/api/ecns/${ecn.no}`, { token: engineer });
    expect(kept.body.records).toEqual(ecn.records);
  });

  it('refuses to edit an approved version directly', async () => {
    const res = await api.call('PATCH', '/api/boms/FAN/versions/V1', {
      token: engineer,
      body: { expectedRevision: 1, lines: [{ component: 'SCREW', qtyPer: '1' }] },
    });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('bom.notDraft');
  });

  it('refuses a stale concurrent draft edit with 409', async () => {
    const draft = await api.call<BomVersion>('POST', '/api/boms/A/versions', {
      token: engineer,
      body: { version: 'D1', lines: [{ component: 'SCREW', qtyPer: '1' }] },
    });
    const rev = draft.body.revision;
    const [x, y] = await Promise.all(
      ['2', '3'].map((q) =>
        api.call('PATCH', '/api/boms/A/versions/D1', {
          token: engineer,
          body: { expectedRevision: rev, lines: [{ component: 'SCREW', qtyPer: q }] },
        }),
      ),
    );
    expect([x!.status, y!.status].sort()).toEqual([200, 409]);
  });

  it('refuses a loop with bom.cycle naming the path', async () => {
    await approvedBom(api, engineer, 'B', [{ component: 'C', qtyPer: '1' }]);
    await approvedBom(api, engineer, 'C', [{ component: 'SCREW', qtyPer: '1' }]);
    const aToB = await api.call('PATCH', '/api/boms/A/versions/D1', {
      token: engineer,
      body: {
        expectedRevision: (await api.call<BomHistory>('GET', '/api/boms/A', { token: engineer }))
          .body.versions[0]!.revision,
        lines: [{ component: 'B', qtyPer: '1' }],
      },
    });
    expect(aToB.status).toBe(200);
    const loop = await api.call('POST', '/api/boms/C/versions', {
      token: engineer,
      body: { version: 'D2', lines: [{ component: 'A', qtyPer: '1' }] },
    });
    expect(loop.status).toBe(422);
    expect(errorOf(loop).code).toBe('bom.cycle');
    expect(errorOf(loop).details!.path).toEqual(['C', 'A', 'B', 'C']);
    expect(errorOf(loop).message).toContain('C > A > B > C');
  });

  it('lists the open task orders a changed BOM affects, and rejects with a comment', async () => {
    const ecn = await api.call<Ecn>('POST', '/api/ecns', {
      token: engineer,
      body: {
        reason: '试改',
        changes: [{ kind: 'revise', parent: 'HEAD', lines: [{ op: 'remove', component: 'CAP' }] }],
      },
    });
    const submitted = await api.call<Ecn>('POST', `/api/ecns/${ecn.body.no}/submit`, {
      token: engineer,
    });
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.affected).toEqual([]);
    const worker = await api.token('chenjie');
    expect(
      (await api.call('POST', `/api/ecns/${ecn.body.no}/approve`, { token: worker, body: {} }))
        .status,
    ).toBe(403);
    const rejected = await api.call<Ecn>('POST', `/api/ecns/${ecn.body.no}/reject`, {
      token: await api.token('zhoujun'),
      body: { comment: '电容不能取消' },
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      comment: '电容不能取消',
      decidedBy: 'zhoujun',
    });
    const again = await api.call('POST', `/api/ecns/${ecn.body.no}/approve`, {
      token: engineer,
      body: {},
    });
    expect(errorOf(again).code).toBe('ecn.invalidState');
  });
});

describe('with the demo factory', () => {
  it('lists the open task orders of a changed BOM as affected', async () => {
    const { readFileSync } = await import('node:fs');
    const { DEMO_FACTORY_FILE } = await import('../../functions/local/runtime.js');
    const admin = await api.token('admin', 'wwdemo77');
    const imported = await api.call('POST', '/api/imports', {
      token: admin,
      body: JSON.parse(readFileSync(DEMO_FACTORY_FILE, 'utf8')),
    });
    expect(imported.status).toBe(201);
    const eng = await api.token('wuhao', 'wwdemo77');
    const ecn = await api.call<Ecn>('POST', '/api/ecns', {
      token: eng,
      body: {
        reason: '电机换型',
        changes: [
          {
            kind: 'revise',
            parent: 'SA-HEAD40',
            lines: [{ op: 'change', component: 'PT-MOT40', set: { lossRate: '0.01' } }],
          },
        ],
      },
    });
    expect(ecn.status).toBe(201);
    const submitted = await api.call<Ecn>('POST', `/api/ecns/${ecn.body.no}/submit`, {
      token: eng,
    });
    expect(submitted.body.affected).toEqual([
      expect.objectContaining({ kind: 'taskOrder', no: 'MO-2612-002', item: 'SA-HEAD40' }),
    ]);
  });
});
