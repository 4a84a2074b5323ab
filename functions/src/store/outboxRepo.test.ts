import { fromItem, outboxRepo, toEntry, type OutboxRecord } from './outboxRepo.js';
import { OUTBOX_PENDING } from './keys.js';

// Items built as data: keys, conditions and what moves in and out of the indexes, checked
// without a database (round trips: tests/integration/outbox.test.ts).
const repo = outboxRepo({ db: undefined as never, tableName: 'T' }, 'ww1');
const AT = '2026-12-01T00:30:00.000Z';
const LATER = '2026-12-01T00:31:00.000Z';

const claimed: OutboxRecord = {
  tenant: 'ww1',
  id: '01OUT',
  kind: 'approvalCard',
  status: 'pending',
  payload: { x: 1 },
  summary: '审批卡片',
  recipients: ['zhoujun'],
  attempts: 2,
  deferrals: 0,
  createdAt: AT,
  claim: 'local:01CLAIM',
};

describe('outbox items', () => {
  it('a new message: pending, due now, listed under pending, in the cross-tenant index, put once', () => {
    const item = repo.enqueueItem('01OUT', AT, {
      kind: 'approvalText',
      payload: { text: 'hi' },
      summary: '通知',
      recipients: ['lisi'],
      ref: { approvalId: '01A', step: '1' },
    });
    expect(item.Put).toMatchObject({
      Item: {
        pk: 'T#ww1#OUTBOX#01OUT',
        sk: '#',
        gsi1pk: 'T#ww1#OUTBOX',
        gsi1sk: `pending#${AT}#01OUT`,
        pendingPk: OUTBOX_PENDING,
        pendingSk: `${AT}#ww1#01OUT`,
        type: 'outbox',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: AT,
        payload: '{"text":"hi"}',
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    // The local worker is woken once it commits (in AWS, the stream).
    expect(item.onCommitted).toEqual(expect.any(Function));
  });

  it('every outcome of an attempt is conditioned on the claim', () => {
    for (const item of [
      repo.deliveredItem(claimed, LATER, 'msg1'),
      repo.retryItem(claimed, LATER, 'HTTP 500', true),
      repo.deferItem(claimed, LATER, '卡片尚未送达'),
      repo.failedItem(claimed, LATER, 'HTTP 500'),
    ]) {
      expect(item.Update).toMatchObject({
        Key: { pk: 'T#ww1#OUTBOX#01OUT', sk: '#' },
        ConditionExpression: '#claim = :token',
        ExpressionAttributeValues: expect.objectContaining({ ':token': 'local:01CLAIM' }),
      });
      expect(item.onConditionFailed!(undefined).message).toContain('claim was lost');
    }
  });

  it('delivered and failed leave the pending index; a retry moves its due time there', () => {
    const values = (i: ReturnType<typeof repo.deliveredItem>) =>
      Object.fromEntries(
        Object.entries(i.Update!.ExpressionAttributeNames!).map(([k, name]) => [
          name,
          i.Update!.ExpressionAttributeValues![k.replace('#', ':')],
        ]),
      );
    const delivered = repo.deliveredItem(claimed, LATER, 'msg1');
    expect(delivered.Update!.UpdateExpression).toMatch(/REMOVE .*#r\d/);
    expect(values(delivered)).toMatchObject({
      status: 'delivered',
      msgid: 'msg1',
      gsi1sk: `delivered#${LATER}#01OUT`,
      pendingPk: undefined,
    });
    expect(Object.values(delivered.Update!.ExpressionAttributeNames!)).toEqual(
      expect.arrayContaining(['pendingPk', 'pendingSk', 'claim']),
    );
    expect(values(repo.failedItem(claimed, LATER, 'x'))).toMatchObject({
      status: 'failed',
      gsi1sk: `failed#${LATER}#01OUT`,
      lastError: 'x',
    });
    expect(values(repo.retryItem(claimed, LATER, 'x', false))).toMatchObject({
      nextAttemptAt: LATER,
      pendingSk: `${LATER}#ww1#01OUT`,
    });
    // A deferral does not count the attempt.
    expect(values(repo.deferItem(claimed, LATER, 'wait'))).toMatchObject({
      attempts: 1,
      deferrals: 1,
    });
  });

  it('a resend applies only to a failed record: pending again, due now, attempts from zero', () => {
    const item = repo.resendItem({ ...claimed, status: 'failed' }, LATER);
    expect(item.Update).toMatchObject({
      ConditionExpression: '#status = :failed',
      ExpressionAttributeValues: expect.objectContaining({
        ':pending': 'pending',
        ':zero': 0,
        ':ppk': OUTBOX_PENDING,
        ':psk': `${LATER}#ww1#01OUT`,
        ':gsk': `pending#${LATER}#01OUT`,
      }),
    });
    expect(item.onConditionFailed!(undefined).code).toBe('resource.versionConflict');
  });

  it('reads a stored record back and shows it without payload or claim', () => {
    const raw = {
      ...repo.enqueueItem('01OUT', AT, {
        kind: 'completionNotice',
        payload: { n: 1 },
        summary: '完工通知',
        recipients: ['liuyang'],
      }).Put!.Item!,
    };
    const r = fromItem({ ...raw, attempts: 3, maxAttempts: 8, lastError: 'x', claim: 'c' });
    expect(r).toMatchObject({ kind: 'completionNotice', payload: { n: 1 }, attempts: 3 });
    expect(toEntry(r)).toEqual({
      id: '01OUT',
      kind: 'completionNotice',
      status: 'pending',
      summary: '完工通知',
      recipients: ['liuyang'],
      attempts: 3,
      maxAttempts: 8,
      createdAt: AT,
      nextAttemptAt: AT,
      lastError: 'x',
    });
  });
});
