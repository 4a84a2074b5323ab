import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchPreview, BomHistory, Ecn, WhereUsed } from '@factory/shared';
import { demoSession } from '../../functions/src/auth/demoUsers.js';
import { getDeps, withTableClient } from '../../functions/src/deps.js';
import { decideEcn } from '../../functions/src/usecases/bom/ecn.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { approvedBom, createItems } from './bomHarness.js';

let api: Api;
let engineer: string;
const TENANT = 'wwtest01';

const parents = Array.from({ length: 40 }, (_, i) => `P${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  engineer = await api.token('wuhao');
  const admin = await api.token('admin');
  await createItems(api, admin, {
    OLD: { source: 'purchased' },
    NEW: { source: 'purchased' },
    OTHER1: { source: 'purchased' },
    OTHER2: { source: 'purchased' },
    X1: {},
    X2: {},
    M1: {},
    OLDM: { source: 'purchased' },
    NEWM: { source: 'purchased' },
    ...Object.fromEntries(parents.map((p) => [p, {}])),
  });
  for (const p of parents) {
    await approvedBom(api, engineer, p, [
      { component: 'OLD', qtyPer: '2', lossRate: '0.01' },
      { component: 'OTHER1', qtyPer: '1' },
      { component: 'OTHER2', qtyPer: '3' },
    ]);
  }
  // Not selected: uses OLD only as a substitute, or is filtered out by prefix.
  await approvedBom(api, engineer, 'X1', [
    { component: 'OTHER1', qtyPer: '1', substitutes: [{ item: 'OLD', priority: 1, ratio: '1' }] },
  ]);
  await approvedBom(api, engineer, 'X2', [{ component: 'OLD', qtyPer: '1' }]);
  // Already has the replacement: a batch replace of OLDM by NEWM merges into its NEWM line.
  await approvedBom(api, engineer, 'M1', [
    { component: 'OLDM', qtyPer: '2', lossRate: '0.1', position: 'R1' },
    { component: 'NEWM', qtyPer: '1', lossRate: '0.04', position: 'R2' },
    { component: 'OTHER1', qtyPer: '1' },
  ]);
});
afterAll(() => api.close());

const history = async (parent: string) =>
  (await api.call<BomHistory>('GET', `/api/boms/${parent}`, { token: engineer })).body;

it('previews every BOM using the component, with the line before and after', async () => {
  const res = await api.call<BatchPreview>('POST', '/api/boms/batch-preview', {
    token: engineer,
    body: {
      component: 'OLD',
      parentPrefix: 'P',
      action: { kind: 'replace', with: 'NEW', factor: '1.5' },
    },
  });
  expect(res.status).toBe(200);
  expect(res.body.entries.map((e) => e.parent)).toEqual(parents);
  expect(res.body.entries[0]).toMatchObject({
    before: { component: 'OLD', qtyPer: '2', lossRate: '0.01' },
    after: { component: 'NEW', qtyPer: '3', lossRate: '0.01' },
  });
});

it('a batch change that fails part way leaves every BOM as it was, and can then be approved', async () => {
  const created = await api.call<Ecn>('POST', '/api/ecns/batch', {
    token: engineer,
    body: {
      reason: 'OLD 停产，全部换用 NEW',
      component: 'OLD',
      parentPrefix: 'P',
      action: { kind: 'replace', with: 'NEW', factor: '1.5' },
    },
  });
  expect(created.status).toBe(201);
  expect(created.body.changes).toHaveLength(parents.length);
  await api.call('POST', `/api/ecns/${created.body.no}/submit`, { token: engineer });

  // The store fails the third transaction of the approval: two chunks are in by then.
  const deps = getDeps();
  let transactions = 0;
  const failing = withTableClient(deps, {
    send: (command: unknown) => {
      if (command instanceof TransactWriteCommand && ++transactions === 3) {
        return Promise.reject(new Error('injected store failure'));
      }
      return deps.db.send(command as never);
    },
  } as typeof deps.db);
  await expect(
    decideEcn(failing, demoSession('zhoujun', TENANT)!, created.body.no, { approve: true }),
  ).rejects.toThrow('injected store failure');
  expect(transactions).toBeGreaterThan(3); // the rollback ran

  for (const p of [parents[0]!, parents[20]!, parents[39]!]) {
    const h = await history(p);
    expect(h.versions.map((v) => `${v.version}:${v.status}:${v.effectiveTo ?? ''}`)).toEqual([
      'V1:approved:',
    ]);
    expect((await api.call('GET', `/api/boms/${p}/versions/V2`, { token: engineer })).status).toBe(
      404,
    );
  }
  const used = await api.call<WhereUsed>('GET', '/api/boms/NEW/where-used', { token: engineer });
  expect(used.body.entries).toEqual([]);
  const usedAll = await api.call<WhereUsed>('GET', '/api/boms/NEW/where-used?levels=all', {
    token: engineer,
  });
  expect(usedAll.body.entries).toEqual([]);
  const ecn = await api.call<Ecn>('GET', `/api/ecns/${created.body.no}`, { token: engineer });
  expect(ecn.body.status).toBe('submitted');

  // Nothing was left half done: the same ECN approves cleanly now.
  // Approved by the manager: nobody approves what they submitted.
  const approved = await api.call<Ecn>('POST', `/api/ecns/${created.body.no}/approve`, {
    token: await api.token('zhoujun'),
    body: {},
  });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('approved');
  const after = await api.call<WhereUsed>('GET', '/api/boms/NEW/where-used', { token: engineer });
  expect(after.body.entries.map((e) => e.parent)).toEqual(parents);
  // All levels reads a cached structure: the approval must have made it stale.
  const allAfter = await api.call<WhereUsed>('GET', '/api/boms/NEW/where-used?levels=all', {
    token: engineer,
  });
  expect(allAfter.body.entries.map((e) => e.parent)).toEqual(parents);
  expect(after.body.entries[0]!.qtyPer).toBe('3');
  const stillOld = await api.call<WhereUsed>('GET', '/api/boms/OLD/where-used', {
    token: engineer,
  });
  expect(stillOld.body.entries.map((e) => e.parent)).toEqual(['X1', 'X2']);
  expect(
    (await history(parents[7]!)).versions.map((v) => `${v.version}:${v.ecn === created.body.no}`),
  ).toEqual(['V2:true', 'V1:false']);
});

it('refuses a batch change that finds nothing, naming the field', async () => {
  const res = await api.call('POST', '/api/ecns/batch', {
    token: engineer,
    body: { reason: '无', component: 'OTHER2', parentPrefix: 'ZZ', action: { kind: 'remove' } },
  });
  expect(res.status).toBe(400);
  expect(errorOf(res).issues![0]!.path).toEqual(['body', 'component']);
});

it('an approval that stopped part way (a crash, not a refusal) is rolled back from its log and applied again', async () => {
  const created = await api.call<Ecn>('POST', '/api/ecns/batch', {
    token: engineer,
    body: {
      reason: 'OTHER2 用量改为 4',
      component: 'OTHER2',
      parentPrefix: 'P',
      action: { kind: 'setQtyPer', qtyPer: '4' },
    },
  });
  await api.call('POST', `/api/ecns/${created.body.no}/submit`, { token: engineer });
  const deps = getDeps();
  let transactions = 0;
  // From the third transaction on, the store is gone: not even the rollback gets through.
  const dying = withTableClient(deps, {
    send: (command: unknown) => {
      if (command instanceof TransactWriteCommand && ++transactions >= 3)
        return Promise.reject(new Error('store down'));
      if (transactions >= 3) return Promise.reject(new Error('store down'));
      return deps.db.send(command as never);
    },
  } as typeof deps.db);
  await expect(
    decideEcn(dying, demoSession('zhoujun', TENANT)!, created.body.no, { approve: true }),
  ).rejects.toThrow('store down');
  const stuck = await api.call<Ecn>('GET', `/api/ecns/${created.body.no}`, { token: engineer });
  expect(stuck.body.status).toBe('applying');

  // Approved by the manager: nobody approves what they submitted.
  const approved = await api.call<Ecn>('POST', `/api/ecns/${created.body.no}/approve`, {
    token: await api.token('zhoujun'),
    body: {},
  });
  expect(approved.status).toBe(200);
  for (const p of parents) {
    const h = await history(p);
    // Versions approved the same day are superseded, not closed the day before.
    expect(h.versions.map((v) => `${v.version}:${v.status}`)).toEqual([
      'V3:approved',
      'V2:obsolete',
      'V1:obsolete',
    ]);
  }
  const used = await api.call<WhereUsed>('GET', '/api/boms/OTHER2/where-used', { token: engineer });
  expect(
    used.body.entries
      .filter((e) => e.parent.startsWith('P'))
      .map((e) => `${e.version}:${e.qtyPer}`),
  ).toEqual(parents.map(() => 'V3:4'));
});

it('a BOM that already holds the replacement is merged, shown as such in the preview and the ECN', async () => {
  const action = { kind: 'replace', with: 'NEWM', factor: '1.5' };
  const preview = await api.call<BatchPreview>('POST', '/api/boms/batch-preview', {
    token: engineer,
    body: { component: 'OLDM', parentPrefix: 'M', action },
  });
  expect(preview.status).toBe(200);
  // 2 × 1.5 + 1 = 4 per parent; loss (3 × 0.1 + 1 × 0.04) / 4 = 0.085, so 4 × 1.085 = 4.34
  // is what the two lines needed together.
  const merged = {
    component: 'NEWM',
    qtyPer: '4',
    lossRate: '0.085',
    position: 'R2,R1',
    issueMethod: 'manual',
    substitutes: [],
  };
  expect(preview.body.entries).toEqual([
    {
      parent: 'M1',
      version: 'V1',
      op: 'merge',
      before: expect.objectContaining({ component: 'OLDM', qtyPer: '2' }),
      mergedWith: expect.objectContaining({ component: 'NEWM', qtyPer: '1' }),
      after: merged,
      note: expect.stringContaining('合并为一行'),
    },
  ]);

  const created = await api.call<Ecn>('POST', '/api/ecns/batch', {
    token: engineer,
    body: {
      reason: 'OLDM 换 NEWM（M1 已有 NEWM，合并）',
      component: 'OLDM',
      parentPrefix: 'M',
      action,
    },
  });
  expect(created.status).toBe(201);
  expect(created.body.records).toEqual([
    expect.objectContaining({
      parent: 'M1',
      lines: [
        {
          component: 'OLDM',
          op: 'merge',
          before: expect.objectContaining({ component: 'OLDM' }),
          mergedWith: expect.objectContaining({ component: 'NEWM', qtyPer: '1' }),
          after: merged,
        },
      ],
    }),
  ]);
  expect(
    (await api.call('POST', `/api/ecns/${created.body.no}/submit`, { token: engineer })).status,
  ).toBe(200);
  // Approved by the manager: nobody approves what they submitted.
  const approved = await api.call<Ecn>('POST', `/api/ecns/${created.body.no}/approve`, {
    token: await api.token('zhoujun'),
    body: {},
  });
  expect(approved.status).toBe(200);
  expect(approved.body.records[0]!.lines[0]!.op).toBe('merge');
  const v2 = await api.call<{ lines: unknown[] }>('GET', '/api/boms/M1/versions/V2', {
    token: engineer,
  });
  expect(v2.body.lines).toEqual([merged, expect.objectContaining({ component: 'OTHER1' })]);
});
