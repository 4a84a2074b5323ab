import type { DefectRecord, InspectionPlanRecord, Page } from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { putInspectionPlan, updateDefect } from '../../functions/src/usecases/quality/plans.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';

let api: Api;
let qc: string;
let planner: string;
let warehouse: string;
let worker: string;

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  qc = await api.token('zhaomin');
  planner = await api.token('lina');
  warehouse = await api.token('wangqiang');
  worker = await api.token('chenjie');
  for (const body of [
    { code: 'SCRATCH', name: '划伤', category: '外观' },
    { code: 'DIM', name: '尺寸超差', category: '尺寸' },
    { code: 'OLD', name: '旧缺陷', category: '外观' },
  ]) {
    const res = await api.call('POST', '/api/defects', { token: qc, body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  const old = await api.call('PATCH', '/api/defects/OLD', {
    token: qc,
    body: { expectedVersion: 1, active: false },
  });
  if (old.status !== 200) throw new Error(JSON.stringify(old.body));
});
afterAll(() => api.close());

const paths = (res: Parameters<typeof errorOf>[0]) =>
  errorOf(res).issues!.map((i) => i.path.join('.'));

const putPlan = (item: string, body: unknown, token = qc, headers: Record<string, string> = {}) =>
  api.call<InspectionPlanRecord>('PUT', `/api/inspection-plans/${item}`, {
    token,
    body,
    headers,
  });

describe('defect list', () => {
  it('creates, lists, reads and updates; a taken code is 409; deactivation shows in the list', async () => {
    const created = await api.call<DefectRecord>('POST', '/api/defects', {
      token: qc,
      body: { code: 'CRACK', name: '裂纹', category: '功能' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'CRACK', active: true, version: 1 });
    const again = await api.call('POST', '/api/defects', {
      token: qc,
      body: { code: 'CRACK', name: '裂纹二', category: '功能' },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('resource.exists');

    const read = await api.call<DefectRecord>('GET', '/api/defects/CRACK', { token: planner });
    expect(read.body.name).toBe('裂纹');
    const renamed = await api.call<DefectRecord>('PATCH', '/api/defects/CRACK', {
      token: qc,
      body: { expectedVersion: 1, name: '贯穿裂纹' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '贯穿裂纹', version: 2 });
    const stale = await api.call('PATCH', '/api/defects/CRACK', {
      token: qc,
      body: { expectedVersion: 1, name: 'x' },
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('resource.versionConflict');

    const looks = await api.call<Page<DefectRecord>>('GET', '/api/defects?category=外观', {
      token: warehouse,
    });
    expect(looks.body.items.map((d) => d.code)).toEqual(['OLD', 'SCRATCH']);
    const active = await api.call<Page<DefectRecord>>('GET', '/api/defects?active=true', {
      token: qc,
    });
    expect(active.body.items.map((d) => d.code)).toEqual(['CRACK', 'DIM', 'SCRATCH']);
    expect((await api.call('GET', '/api/defects/NOPE', { token: qc })).status).toBe(404);
  });

  it('bad input names each bad field; nothing is written', async () => {
    const bad = await api.call('POST', '/api/defects', {
      token: qc,
      body: { code: 'A#B', name: '', category: '', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(expect.arrayContaining(['body.code', 'body.name', 'body.category']));
    const badQuery = await api.call('GET', '/api/defects?active=maybe&limit=0', { token: qc });
    expect(badQuery.status).toBe(400);
    expect(paths(badQuery)).toEqual(expect.arrayContaining(['query.active', 'query.limit']));
    const badPatch = await api.call('PATCH', '/api/defects/DIM', {
      token: qc,
      body: { active: 'no' },
    });
    expect(badPatch.status).toBe(400);
    expect(paths(badPatch)).toEqual(
      expect.arrayContaining(['body.expectedVersion', 'body.active']),
    );
    const dim = await api.call<DefectRecord>('GET', '/api/defects/DIM', { token: qc });
    expect(dim.body.version).toBe(1);
  });

  it('only quality editors write; planners and the warehouse read; others are refused', async () => {
    const byPlanner = await api.call('POST', '/api/defects', {
      token: planner,
      body: { code: 'P1', name: '计划员', category: '外观' },
    });
    expect(byPlanner.status).toBe(403);
    expect((await api.call('GET', '/api/defects', { token: worker })).status).toBe(403);
    const manager = await api.token('zhoujun');
    const byManager = await api.call('POST', '/api/defects', {
      token: manager,
      body: { code: 'RUST', name: '锈蚀', category: '外观' },
    });
    expect(byManager.status).toBe(201);
  });
});

describe('inspection plans', () => {
  it('sets, reads, lists, replaces and deletes an item plan', async () => {
    const set = await putPlan('MOTOR', {
      receipts: ['purchase', 'customerReturn'],
      sampling: { rule: 'percentage', percent: '10' },
      defects: ['SCRATCH', 'DIM'],
      note: '来料抽检',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      item: 'MOTOR',
      itemName: '电机',
      unit: 'pcs',
      version: 1,
      defects: ['SCRATCH', 'DIM'],
    });
    const twice = await putPlan('MOTOR', { receipts: ['purchase'], sampling: { rule: 'full' } });
    expect(twice.status).toBe(409);
    expect(errorOf(twice).code).toBe('resource.exists');

    const steel = await putPlan('STEEL', {
      receipts: ['outsourcing'],
      sampling: {
        rule: 'table',
        rows: [
          { fromLot: '0', sample: '1' },
          { fromLot: '100', sample: '5.5' },
        ],
      },
    });
    expect(steel.status).toBe(200);

    const got = await api.call<InspectionPlanRecord>('GET', '/api/inspection-plans/MOTOR', {
      token: warehouse,
    });
    expect(got.body.sampling).toEqual({ rule: 'percentage', percent: '10' });
    const list = await api.call<Page<InspectionPlanRecord>>('GET', '/api/inspection-plans', {
      token: planner,
    });
    expect(list.body.items.map((p) => p.item)).toEqual(['MOTOR', 'STEEL']);
    const purchase = await api.call<Page<InspectionPlanRecord>>(
      'GET',
      '/api/inspection-plans?receipt=purchase',
      { token: planner },
    );
    expect(purchase.body.items.map((p) => p.item)).toEqual(['MOTOR']);

    const replaced = await putPlan('MOTOR', {
      expectedVersion: 1,
      receipts: ['purchase'],
      sampling: { rule: 'fixed', count: '3' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ version: 2, sampling: { rule: 'fixed', count: '3' } });
    expect(replaced.body.defects).toBeUndefined();
    const stale = await putPlan('MOTOR', {
      expectedVersion: 1,
      receipts: ['purchase'],
      sampling: { rule: 'full' },
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('resource.versionConflict');

    const staleDelete = await api.call('DELETE', '/api/inspection-plans/MOTOR?expectedVersion=1', {
      token: qc,
    });
    expect(staleDelete.status).toBe(409);
    const deleted = await api.call('DELETE', '/api/inspection-plans/MOTOR?expectedVersion=2', {
      token: qc,
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ item: 'MOTOR', deleted: true });
    expect((await api.call('GET', '/api/inspection-plans/MOTOR', { token: qc })).status).toBe(404);
    const gone = await api.call('DELETE', '/api/inspection-plans/MOTOR?expectedVersion=2', {
      token: qc,
    });
    expect(gone.status).toBe(404);
  });

  it('refuses an unknown item and unknown or inactive defect codes, naming each; nothing is written', async () => {
    const noItem = await putPlan('NOPE', { receipts: ['purchase'], sampling: { rule: 'full' } });
    expect(noItem.status).toBe(400);
    expect(paths(noItem)).toEqual(['params.item']);
    const badCodes = await putPlan('BOLT', {
      receipts: ['purchase'],
      sampling: { rule: 'full' },
      defects: ['SCRATCH', 'GHOST', 'OLD'],
    });
    expect(badCodes.status).toBe(400);
    expect(paths(badCodes)).toEqual(['body.defects.1', 'body.defects.2']);
    expect((await api.call('GET', '/api/inspection-plans/BOLT', { token: qc })).status).toBe(404);
    expect((await api.call('GET', '/api/inspection-plans/NOPE', { token: qc })).status).toBe(404);
  });

  it('bad shapes name each bad field: receipts, sampling rule, table rows, precision', async () => {
    const shape = await putPlan('BOLT', {
      receipts: ['purchase', 'purchase'],
      sampling: { rule: 'percentage', percent: '120' },
      defects: ['DIM', 'DIM'],
      extra: true,
    });
    expect(shape.status).toBe(400);
    expect(paths(shape)).toEqual(
      expect.arrayContaining([
        'body.receipts.1',
        'body.sampling.percent',
        'body.defects.1',
        'body.extra',
      ]),
    );
    const table = await putPlan('BOLT', {
      receipts: ['gift'],
      sampling: {
        rule: 'table',
        rows: [
          { fromLot: '10', sample: '1' },
          { fromLot: '5', sample: '0' },
        ],
      },
    });
    expect(table.status).toBe(400);
    expect(paths(table)).toEqual(
      expect.arrayContaining([
        'body.receipts.0',
        'body.sampling.rows.0.fromLot',
        'body.sampling.rows.1.fromLot',
        'body.sampling.rows.1.sample',
      ]),
    );
    const empty = await putPlan('BOLT', { receipts: [], sampling: { rule: 'every' } });
    expect(empty.status).toBe(400);
    expect(paths(empty)).toEqual(expect.arrayContaining(['body.receipts', 'body.sampling.rule']));
    // BOLT is counted in whole pieces: a fixed count of 2.5 does not fit it.
    const fraction = await putPlan('BOLT', {
      receipts: ['purchase'],
      sampling: { rule: 'fixed', count: '2.5' },
    });
    expect(fraction.status).toBe(400);
    expect(paths(fraction)).toEqual(['body.sampling.count']);
    const badDelete = await api.call('DELETE', '/api/inspection-plans/BOLT', { token: qc });
    expect(badDelete.status).toBe(400);
    expect(paths(badDelete)).toEqual(['query.expectedVersion']);
    expect((await api.call('GET', '/api/inspection-plans/BOLT', { token: qc })).status).toBe(404);
  });

  it('a PUT retried with the same Idempotency-Key sets the plan once', async () => {
    const headers = { 'idempotency-key': 'plan-ph1-once' };
    const body = { receipts: ['production'], sampling: { rule: 'full' } };
    const first = await putPlan('PH1', body, qc, headers);
    const second = await putPlan('PH1', body, qc, headers);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replay')).toBe('true');
    expect(second.body.version).toBe(1);
  });

  it('tenants are isolated: another tenant neither reads nor lists nor uses our plans and defects', async () => {
    await putPlan('STEEL', {
      expectedVersion: 1,
      receipts: ['purchase'],
      sampling: { rule: 'full' },
    });
    await seedBasics(api, 'wwother2');
    const other = await api.token('zhaomin', 'wwother2');
    expect((await api.call('GET', '/api/inspection-plans/STEEL', { token: other })).status).toBe(
      404,
    );
    expect(
      (await api.call<Page<InspectionPlanRecord>>('GET', '/api/inspection-plans', { token: other }))
        .body.items,
    ).toEqual([]);
    expect(
      (await api.call<Page<DefectRecord>>('GET', '/api/defects', { token: other })).body.items,
    ).toEqual([]);
    expect((await api.call('GET', '/api/defects/SCRATCH', { token: other })).status).toBe(404);
    const usesOurs = await putPlan(
      'STEEL',
      { receipts: ['purchase'], sampling: { rule: 'full' }, defects: ['SCRATCH'] },
      other,
    );
    expect(usesOurs.status).toBe(400);
    expect(paths(usesOurs)).toEqual(['body.defects.0']);
    const ours = await api.call<InspectionPlanRecord>('GET', '/api/inspection-plans/STEEL', {
      token: qc,
    });
    expect(ours.body.version).toBe(2);
  });

  it('planners and the warehouse read but may not set; other roles may not read', async () => {
    const body = { receipts: ['purchase'], sampling: { rule: 'full' } };
    expect((await putPlan('BOLT', body, planner)).status).toBe(403);
    expect((await putPlan('BOLT', body, warehouse)).status).toBe(403);
    expect(
      (
        await api.call('DELETE', '/api/inspection-plans/STEEL?expectedVersion=2', {
          token: planner,
        })
      ).status,
    ).toBe(403);
    expect((await api.call('GET', '/api/inspection-plans', { token: worker })).status).toBe(403);
    const sales = await api.token('zhangwei');
    expect((await api.call('GET', '/api/inspection-plans/STEEL', { token: sales })).status).toBe(
      403,
    );
    expect(
      (await api.call('GET', '/api/inspection-plans/STEEL', { token: warehouse })).status,
    ).toBe(200);
  });

  it('a defect deactivated while a plan naming it is written fails the plan (409); nothing is written', async () => {
    const deps = getDeps();
    const session = { tenant: 'wwtest01', user: 'zhaomin', roles: ['qc' as const] };
    await api.call('POST', '/api/defects', {
      token: qc,
      body: { code: 'BURR', name: '毛刺', category: '外观' },
    });
    // The deactivation commits between the plan's reads and its transaction.
    const racing = {
      ...deps,
      unitOfWork: {
        ...deps.unitOfWork,
        commit: (async (...args: Parameters<typeof deps.unitOfWork.commit>) => {
          await updateDefect(deps, session, 'BURR', { expectedVersion: 1, active: false });
          return deps.unitOfWork.commit(...args);
        }) as typeof deps.unitOfWork.commit,
      },
    };
    const err = await putInspectionPlan(racing, session, 'BOLT', {
      receipts: ['purchase'],
      sampling: { rule: 'full' },
      defects: ['BURR'],
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'resource.versionConflict' });
    expect((await api.call('GET', '/api/inspection-plans/BOLT', { token: qc })).status).toBe(404);
  });
});
