import { decide } from '../domain/approval/index.js';
import { defaultApprovalRules } from '../domain/approval/rules.js';
import { aStep, anActor, anApproval, later } from '../domain/approval/builders.js';
import {
  approvalRecord,
  approvalRepo,
  approvalRulesRecord,
  inboxEntryRecord,
  notificationRecord,
} from './approvalRepo.js';

// The repository builds its transaction items as data: key shapes and conditions are checked
// here without a database (round trips run in tests/integration).
const repo = approvalRepo({ db: undefined as never, tableName: 'T' }, 'ww1');

const summary = (items: ReturnType<typeof repo.createItems>) =>
  items.map((i) =>
    i.Put
      ? ['put', i.Put.Item!.sk, i.Put.Item!.gsi1pk, i.Put.Item!.gsi1sk]
      : ['delete', i.Delete!.Key!.sk],
  );

describe('approvalRepo items', () => {
  const two = anApproval({
    steps: [aStep(), aStep({ name: '管理员', roles: ['admin'] })],
    approvers: [['zhoujun', 'lina'], ['admin']],
  });

  it('creates the approval (indexed by document) and pending inbox entries of step 1', () => {
    const items = repo.createItems(two);
    expect(items[0]!.Put).toMatchObject({
      Item: {
        pk: 'T#ww1#APPROVAL#01APPROVAL',
        sk: '#',
        gsi1pk: 'T#ww1#APPROVALDOC#salesOrder#SO-20261125-0001',
        status: 'pending',
        version: 1,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(summary(items).slice(1)).toEqual([
      ['put', 'INBOX#01#zhoujun', 'T#ww1#INBOX#zhoujun', `P#${two.createdAt}#01APPROVAL`],
      ['put', 'INBOX#01#lina', 'T#ww1#INBOX#lina', `P#${two.createdAt}#01APPROVAL`],
    ]);
  });

  it('a decision is conditional on the version read; inbox entries move with it', () => {
    const { approval } = decide(
      two,
      anActor('zhoujun', 'manager'),
      { approve: true, via: 'miniapp' },
      later(3),
    );
    const items = repo.transitionItems(two, approval, 'zhoujun');
    expect(items[0]!.Put).toMatchObject({
      ConditionExpression: '#version = :expected',
      ExpressionAttributeValues: { ':expected': 1 },
      Item: { version: 2, status: 'pending' },
    });
    expect(items[0]!.onConditionFailed!(undefined).code).toBe('approval.alreadyDecided');
    const at = later(3).toISOString();
    expect(summary(items).slice(1)).toEqual([
      ['delete', 'INBOX#01#lina'],
      ['put', 'INBOX#01#zhoujun', 'T#ww1#INBOX#zhoujun', `D#${at}#01APPROVAL`],
      ['put', 'INBOX#02#admin', 'T#ww1#INBOX#admin', `P#${at}#01APPROVAL`],
    ]);
  });

  it('stores the approval as JSON text with version and status as attributes', () => {
    const item = repo.createItems(two)[0]!.Put!.Item!;
    expect(JSON.parse(String(item.data))).toMatchObject({ id: '01APPROVAL', currentStep: 1 });
    expect(JSON.parse(String(item.data)).notifications).toBeUndefined();
  });

  it("a card's outcome and its update are written apart: neither overwrites the other", () => {
    const base = {
      step: 1,
      taskId: 'ap-01A-1',
      recipients: ['zhoujun'],
      at: '2026-12-01T00:30:00.000Z',
    };
    const queued = repo.notificationItem('01A', { ...base, status: 'queued' });
    expect(queued.Put!.Item).toMatchObject({ sk: 'NOTIFY#01', type: 'approvalNotification' });
    expect(queued.Put!.Item).not.toHaveProperty('cardUpdate');
    const sent = repo.notificationOutcomeItem('01A', {
      ...base,
      status: 'sent',
      msgid: 'm1',
      responseCode: 'rc',
      update: { label: 'x', status: 'queued' },
    });
    expect(sent.Update).toMatchObject({
      Key: { pk: 'T#ww1#APPROVAL#01A', sk: 'NOTIFY#01' },
      UpdateExpression: 'SET #type = :type, #data = :data',
    });
    expect(JSON.parse(String(sent.Update!.ExpressionAttributeValues![':data']))).toEqual({
      ...base,
      status: 'sent',
      msgid: 'm1',
      responseCode: 'rc',
    });
    const update = repo.cardUpdateItem('01A', 1, { label: '已同意', status: 'queued' });
    expect(update.Update).toMatchObject({
      Key: { pk: 'T#ww1#APPROVAL#01A', sk: 'NOTIFY#01' },
      UpdateExpression: 'SET #u = :u',
      ExpressionAttributeNames: { '#u': 'cardUpdate' },
    });
  });
});

describe('approval records', () => {
  const a = anApproval({ steps: [aStep()], approvers: [['zhoujun']] });

  it('stores the approval as before: JSON text without notifications, attributes for conditions', () => {
    const item = repo.createItems({ ...a, notices: [] })[0]!.Put!.Item!;
    const { notifications: _n, notices: _x, ...rest } = { ...a, notices: [] };
    expect(item).toEqual({
      pk: 'T#ww1#APPROVAL#01APPROVAL',
      sk: '#',
      gsi1pk: 'T#ww1#APPROVALDOC#salesOrder#SO-20261125-0001',
      gsi1sk: '01APPROVAL',
      type: 'approval',
      id: a.id,
      docType: a.docType,
      docNo: a.docNo,
      status: a.status,
      version: a.version,
      data: JSON.stringify(rest),
    });
    // Read back: the version attribute counts (a claim bumps it alone), with its claim.
    expect(approvalRecord.read({ ...item, version: '3', claimedAt: 'AT' })).toEqual({
      ...a,
      version: 3,
      notifications: [],
      claimedAt: 'AT',
    });
  });

  it('stores an inbox entry as its JSON text and reads it back', () => {
    const put = repo.createItems(a)[1]!.Put!;
    expect(Object.keys(put.Item!)).toEqual(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type', 'data']);
    const entry = inboxEntryRecord.read(put.Item!);
    expect(JSON.parse(String(put.Item!.data))).toEqual(entry);
    expect(entry).toMatchObject({ approvalId: a.id, step: 1, state: 'pending' });
    expect(put.Item!.data).not.toContain('zhoujun');
  });

  it('keeps a card update apart from the card, and the notice as JSON text', () => {
    const n = {
      step: 1,
      status: 'sent' as const,
      at: a.createdAt,
      taskId: 't1',
      recipients: ['zhoujun'],
      responseCode: 'rc',
      update: { label: '已同意', status: 'queued' as const },
    };
    const item = repo.notificationItem(a.id, n).Put!.Item!;
    const { update, ...card } = n;
    expect(item).toEqual({
      pk: 'T#ww1#APPROVAL#01APPROVAL',
      sk: 'NOTIFY#01',
      type: 'approvalNotification',
      data: JSON.stringify(card),
      cardUpdate: JSON.stringify(update),
    });
    expect(notificationRecord.read(item)).toEqual(n);
    const notice = {
      step: 1,
      decision: 'approved' as const,
      at: a.createdAt,
      to: 'x',
      status: 'queued' as const,
    };
    expect(repo.noticeItem(a.id, notice).Put!.Item).toEqual({
      pk: 'T#ww1#APPROVAL#01APPROVAL',
      sk: 'NOTICE#01',
      type: 'approvalNotice',
      data: JSON.stringify(notice),
    });
  });

  it('stores the rules with the rule set as JSON text', () => {
    const rules = {
      version: 2,
      updatedAt: a.createdAt,
      updatedBy: 'admin',
      rules: defaultApprovalRules(),
    };
    const item = approvalRulesRecord.item('ww1', rules);
    expect(item).toEqual({
      pk: 'T#ww1#APRULES',
      sk: '#',
      type: 'approvalRules',
      rules: JSON.stringify(rules.rules),
      version: 2,
      updatedAt: a.createdAt,
      updatedBy: 'admin',
    });
    expect(approvalRulesRecord.read({ ...item, version: '2' })).toEqual(rules);
  });
});
