import type { Approval, ApprovalRules, BomVersion, Ecn, InboxEntry, Page } from '@factory/shared';
import { useApprovalNotifier } from '../../functions/src/deps.js';
import { createItems } from './bomHarness.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { recordingNotifier, seedUsers } from './salesHarness.js';

/** ECNs decided through the approval engine: card, inbox, the approvals and ECN routes. */
let api: Api;
let engineer: string;
let manager: string;
let cards: ReturnType<typeof recordingNotifier>;

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  await seedUsers();
  engineer = await api.token('wuhao');
  manager = await api.token('zhoujun');
  await createItems(api, await api.token('admin'), {
    P1: {},
    P2: {},
    P3: {},
    P5: {},
    C1: { source: 'purchased' },
  });
});
beforeEach(() => {
  cards = recordingNotifier();
  useApprovalNotifier(cards.notifier);
});
// Cards and messages go out through the outbox: delivered before the next test's recorder.
afterEach(() => api.runtime.outbox.idle());
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

/** A draft V1 of `parent` and a submitted ECN releasing it (by the engineer, unless given). */
async function submittedRelease(parent: string, by = engineer): Promise<Ecn> {
  const draft = await api.call<BomVersion>('POST', `/api/boms/${parent}/versions`, {
    token: by,
    body: { version: 'V1', lines: [{ component: 'C1', qtyPer: '2' }] },
  });
  expect(draft.status).toBe(201);
  const ecn = await api.call<Ecn>('POST', '/api/ecns', {
    token: by,
    body: { reason: `发布 ${parent}`, changes: [{ kind: 'release', parent, version: 'V1' }] },
  });
  const submitted = await api.call<Ecn>('POST', `/api/ecns/${ecn.body.no}/submit`, {
    token: by,
  });
  expect(submitted.status).toBe(200);
  return submitted.body;
}

it('submitting an ECN starts an approval; the manager approves it from the inbox and the BOM is released', async () => {
  const ecn = await submittedRelease('P1');
  expect(ecn.status).toBe('submitted');
  const id = ecn.approvalId!;
  expect(id).toBeTruthy();
  await api.runtime.outbox.idle();
  expect(cards.sent).toHaveLength(1);
  expect(cards.sent[0]).toMatchObject({
    taskId: `ap-${id}-1`,
    title: '工程变更单审批',
    approveKey: `approve:${id}`,
  });
  // The engineer holds the step's role but submitted it: the card goes to the manager only.
  expect(cards.sent[0]!.touser).toEqual(['zhoujun']);
  expect(cards.sent[0]!.fields).toEqual(
    expect.arrayContaining([
      { key: '单号', value: ecn.no },
      { key: '变更物料', value: 'P1' },
    ]),
  );

  const inbox = await api.call<Page<InboxEntry>>('GET', '/api/approvals/inbox', { token: manager });
  expect(inbox.body.items.find((e) => e.approvalId === id)).toMatchObject({
    docType: 'ecn',
    docNo: ecn.no,
    stepName: '工程变更审批',
  });
  const bySales = await api.call('POST', `/api/approvals/${id}/approve`, {
    token: await api.token('zhangwei'),
    body: {},
  });
  expect(bySales.status).toBe(403);
  expect(errorOf(bySales).code).toBe('approval.notApprover');
  // Nor may the engineer who submitted it, by either route.
  for (const path of [`/api/approvals/${id}/approve`, `/api/ecns/${ecn.no}/approve`]) {
    const own = await api.call('POST', path, {
      token: engineer,
      body: {},
    });
    expect(own.status).toBe(403);
    expect(errorOf(own).code).toBe('approval.ownDocument');
  }

  const approved = await api.call<Approval>('POST', `/api/approvals/${id}/approve`, {
    token: manager,
    body: { comment: '可以发布' },
  });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('approved');
  const read = await api.call<Ecn>('GET', `/api/ecns/${ecn.no}`, { token: engineer });
  expect(read.body).toMatchObject({
    status: 'approved',
    decidedBy: 'zhoujun',
    comment: '可以发布',
    approvalId: id,
  });
  const v1 = await api.call<BomVersion>('GET', '/api/boms/P1/versions/V1', { token: engineer });
  expect(v1.body.status).toBe('approved');
  await api.runtime.outbox.idle();
  expect(cards.updated.map((u) => u.replaceName)).toEqual(['已同意']);
  // The engineer who submitted it was told.
  expect(cards.told).toEqual([
    {
      tenant: 'wwtest01',
      touser: ['wuhao'],
      content: expect.stringContaining(`【审批通过】您提交的工程变更单 ${ecn.no} 已审批通过`),
    },
  ]);
});

it('rejecting an ECN needs a reason, by either route', async () => {
  const ecn = await submittedRelease('P5');
  for (const path of [`/api/ecns/${ecn.no}/reject`, `/api/approvals/${ecn.approvalId}/reject`]) {
    for (const body of [{}, { comment: '  ' }]) {
      const res = await api.call('POST', path, { token: manager, body });
      expect(res.status).toBe(400);
      expect(errorOf(res).issues).toEqual([
        expect.objectContaining({ path: ['body', 'comment'], message: '请填写驳回原因' }),
      ]);
    }
  }
  const read = await api.call<Ecn>('GET', `/api/ecns/${ecn.no}`, { token: engineer });
  expect(read.body.status).toBe('submitted');
});

it('the ECN reject route ends in the engine: approval and ECN rejected, card updated', async () => {
  const ecn = await submittedRelease('P2');
  const rejected = await api.call<Ecn>('POST', `/api/ecns/${ecn.no}/reject`, {
    token: manager,
    body: { comment: '用量不对' },
  });
  expect(rejected.status).toBe(200);
  expect(rejected.body).toMatchObject({ status: 'rejected', comment: '用量不对' });
  const approval = await api.call<Approval>('GET', `/api/approvals/${ecn.approvalId}`, {
    token: manager,
  });
  expect(approval.body.status).toBe('rejected');
  expect(approval.body.history.at(-1)).toMatchObject({
    by: 'zhoujun',
    action: 'rejected',
    comment: '用量不对',
  });
  await api.runtime.outbox.idle();
  expect(cards.updated.map((u) => u.replaceName)).toEqual(['已驳回']);
  const again = await api.call('POST', `/api/approvals/${ecn.approvalId}/approve`, {
    token: manager,
    body: {},
  });
  expect(errorOf(again).code).toBe('approval.alreadyDecided');
});

it('an ECN approve and an approval reject at once: one wins, the other gets 409', async () => {
  // Submitted by the manager, so the engineer may decide it.
  const ecn = await submittedRelease('P3', manager);
  const [a, b] = await Promise.all([
    api.call('POST', `/api/ecns/${ecn.no}/approve`, { token: engineer, body: {} }),
    api.call('POST', `/api/approvals/${ecn.approvalId}/reject`, {
      token: engineer,
      body: { comment: '再看看' },
    }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const read = await api.call<Ecn>('GET', `/api/ecns/${ecn.no}`, { token: engineer });
  const approval = await api.call<Approval>('GET', `/api/approvals/${ecn.approvalId}`, {
    token: manager,
  });
  expect(read.body.status).toBe(approval.body.status === 'approved' ? 'approved' : 'rejected');
  expect(approval.body.history.filter((h) => h.action !== 'submitted')).toHaveLength(1);
});

it('when the rules need no ECN approval, submitting approves the ECN at once', async () => {
  const admin = await api.token('admin');
  const read = await api.call<ApprovalRules>('GET', '/api/approval-rules', { token: admin });
  const put = await api.call<ApprovalRules>('PUT', '/api/approval-rules', {
    token: admin,
    body: { expectedVersion: read.body.version, rules: { ...read.body.rules, ecn: { steps: [] } } },
  });
  expect(put.status).toBe(200);
  try {
    await createItems(api, admin, { P4: {} });
    const ecn = await submittedRelease('P4');
    expect(ecn).toMatchObject({ status: 'approved', decidedBy: 'wuhao' });
    expect(ecn.approvalId).toBeUndefined();
    expect(cards.sent).toEqual([]);
  } finally {
    await api.call('PUT', '/api/approval-rules', {
      token: admin,
      body: { expectedVersion: put.body.version, rules: read.body.rules },
    });
  }
});
