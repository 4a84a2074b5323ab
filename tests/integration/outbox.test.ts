import { mkdtempSync, rmSync } from 'node:fs';
import { jest } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Approval, OutboxEntry, Page, SalesOrder } from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { outboxRepo } from '../../functions/src/store/outboxRepo.js';
import type { SimMessage } from '../../functions/local/wecom/simulator.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { BIG_ORDER, seedSales, seedUsers, submittedOrder } from './salesHarness.js';
import { testClockAfter } from '../testClock.js';

/**
 * The outbox (issue 11, deliverable 5): a WeCom card or text is written in the transaction of
 * the business change and delivered by the outbox worker, so a request never waits on WeCom;
 * failures are retried with backoff, visible once the worker gives up, and resent.
 */
const TENANT = 'wwdemo01';
/** Fast retries for the test: 100 ms doubling to 800 ms, 4 attempts in all. */
const POLICY = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 800 };
const SLOW_MS = 5_000;

async function seed(api: Api): Promise<void> {
  await seedBasics(api, TENANT);
  await seedSales(api, TENANT);
  await seedUsers(TENANT);
}

/** Every card the simulator received for one approval step (what reached WeCom). */
function cardsOf(api: Api, approvalId: string, step = 1): SimMessage[] {
  const taskId = `ap-${approvalId}-${step}`;
  return api.runtime
    .wecom!.sim.sentMessages(TENANT)
    .filter((m) => m.msgtype === 'template_card' && m.taskId === taskId);
}

const nowMs = (api: Api) => api.runtime.clock.now().getTime();

async function approvalOf(api: Api, id: string, token: string): Promise<Approval> {
  const res = await api.call<Approval>('GET', `/api/approvals/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

async function outboxList(api: Api, token: string, status: string): Promise<OutboxEntry[]> {
  const res = await api.call<Page<OutboxEntry>>('GET', `/api/outbox?status=${status}`, { token });
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('WeCom slow or failing', () => {
  let api: Api;
  let sales: string;
  let manager: string;

  beforeAll(async () => {
    api = await startApi({ wecom: {}, outbox: { policy: POLICY, pollMs: 200 } });
    await seed(api);
    sales = await api.token('zhangwei', TENANT);
    manager = await api.token('zhoujun', TENANT);
  });
  afterEach(() => api.runtime.wecom!.sim.setFaults({}));
  afterAll(() => api.close());

  it('WeCom answering in 5 s: the submit and the decision answer at once; the card, its update and the message arrive later, once each', async () => {
    const sim = api.runtime.wecom!.sim;
    sim.setFaults({ delayMs: SLOW_MS });
    const before = sim.stats(TENANT);

    let started = nowMs(api);
    const order = await submittedOrder(api, sales, BIG_ORDER);
    expect(nowMs(api) - started).toBeLessThan(1_000);
    expect(order.status).toBe('pending');
    const id = order.approvalId!;
    // Answered with the card waiting in the outbox.
    expect((await approvalOf(api, id, manager)).notifications).toEqual([
      expect.objectContaining({ step: 1, status: 'queued', recipients: ['zhoujun'] }),
    ]);

    await api.runtime.wecom!.idle();
    const cards = cardsOf(api, id);
    expect(cards).toHaveLength(1);
    const sent = (await approvalOf(api, id, manager)).notifications[0]!;
    expect(sent).toMatchObject({ status: 'sent', msgid: cards[0]!.msgid });
    const [delivered] = (await outboxList(api, manager, 'delivered')).filter(
      (e) => e.ref?.approvalId === id,
    );
    expect(delivered).toMatchObject({ kind: 'approvalCard', attempts: 1, msgid: cards[0]!.msgid });

    started = nowMs(api);
    const approved = await api.call<Approval>('POST', `/api/approvals/${id}/approve`, {
      token: manager,
      body: {},
    });
    expect(nowMs(api) - started).toBeLessThan(1_000);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.notifications[0]!.update).toEqual({ label: '已同意', status: 'queued' });
    expect(approved.body.notices).toEqual([
      expect.objectContaining({ step: 1, status: 'queued', to: 'zhangwei' }),
    ]);

    await api.runtime.wecom!.idle();
    const after = await approvalOf(api, id, manager);
    expect(after.notifications[0]!.update).toEqual({ label: '已同意', status: 'sent' });
    expect(after.notices).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(sim.inbox(TENANT, 'zhoujun').find((m) => m.msgid === cards[0]!.msgid)).toMatchObject({
      replaceName: '已同意',
    });
    const texts = sim
      .inbox(TENANT, 'zhangwei')
      .filter((m) => JSON.stringify(m).includes(`销售订单 ${order.no} 已审批通过`));
    expect(texts).toHaveLength(1);
    const stats = sim.stats(TENANT);
    // One card and one text reached WeCom, one card update; nothing twice.
    expect(stats.messages - before.messages).toBe(2);
    expect(stats.cardUpdates - before.cardUpdates).toBe(1);
    expect(stats.duplicates - before.duplicates).toBe(0);
  }, 30_000);

  it('an answer lost after WeCom took the card: the retry is recognised as a duplicate, the card arrives once', async () => {
    const sim = api.runtime.wecom!.sim;
    sim.setFaults({ loseAnswers: 1 });
    const before = sim.stats(TENANT);
    const order = await submittedOrder(api, sales, BIG_ORDER);
    await api.runtime.wecom!.idle();

    const cards = cardsOf(api, order.approvalId!);
    expect(cards).toHaveLength(1);
    expect(sim.stats(TENANT).lostAnswers - before.lostAnswers).toBe(1);
    expect(sim.stats(TENANT).duplicates - before.duplicates).toBe(1);
    // The retry got the first send's msgid and response code: the card works as sent.
    const n = (await approvalOf(api, order.approvalId!, manager)).notifications[0]!;
    expect(n).toMatchObject({ status: 'sent', msgid: cards[0]!.msgid });
    const [entry] = (await outboxList(api, manager, 'delivered')).filter(
      (e) => e.ref?.approvalId === order.approvalId,
    );
    expect(entry).toMatchObject({ attempts: 2, msgid: cards[0]!.msgid });
    expect(entry!.lastError).toBeDefined();
  });

  it('an answer lost after WeCom greyed the card: the retry, refused for the used response code, counts as done', async () => {
    const sim = api.runtime.wecom!.sim;
    const order = await submittedOrder(api, sales, BIG_ORDER);
    await api.runtime.wecom!.idle();
    const [card] = cardsOf(api, order.approvalId!);
    sim.setFaults({ loseAnswers: 1, apis: ['message/update_template_card'] });
    const before = sim.stats(TENANT);
    const approved = await api.call<Approval>(
      'POST',
      `/api/approvals/${order.approvalId}/approve`,
      { token: manager, body: {} },
    );
    expect(approved.status).toBe(200);
    await api.runtime.wecom!.idle();

    expect(sim.stats(TENANT).lostAnswers - before.lostAnswers).toBe(1);
    expect(sim.stats(TENANT).cardUpdates - before.cardUpdates).toBe(1);
    expect(sim.inbox(TENANT, 'zhoujun').find((m) => m.msgid === card!.msgid)).toMatchObject({
      replaceName: '已同意',
    });
    const after = await approvalOf(api, order.approvalId!, manager);
    expect(after.notifications[0]!.update).toEqual({ label: '已同意', status: 'sent' });
    const [update] = (await outboxList(api, manager, 'delivered')).filter(
      (e) => e.ref?.approvalId === order.approvalId && e.kind === 'approvalCardUpdate',
    );
    expect(update).toMatchObject({ attempts: 2 });
  });

  it('WeCom failing, then back: retried with growing pauses and delivered once', async () => {
    const sim = api.runtime.wecom!.sim;
    sim.setFaults({ fail: { count: 3 } });
    const order = await submittedOrder(api, sales, BIG_ORDER);
    await api.runtime.wecom!.idle();

    expect(cardsOf(api, order.approvalId!)).toHaveLength(1);
    const [entry] = (await outboxList(api, manager, 'delivered')).filter(
      (e) => e.ref?.approvalId === order.approvalId,
    );
    // Three refusals (errcode -1), then the fourth attempt went through.
    expect(entry).toMatchObject({ kind: 'approvalCard', attempts: 4, maxAttempts: 4 });
    expect(entry!.lastError).toContain('-1');
    // Backoff: at least half of 100 + 200 + 400 ms passed between the first and last attempt.
    expect(Date.parse(entry!.deliveredAt!) - Date.parse(entry!.createdAt)).toBeGreaterThanOrEqual(
      350,
    );
    expect((await approvalOf(api, order.approvalId!, manager)).notifications[0]).toMatchObject({
      status: 'sent',
    });
  });

  it('after the last attempt the message is failed and listed; a resend delivers it once', async () => {
    const sim = api.runtime.wecom!.sim;
    sim.setFaults({ fail: { count: 100, httpStatus: 500 } });
    const order = await submittedOrder(api, sales, BIG_ORDER);
    const id = order.approvalId!;
    await api.runtime.wecom!.idle();

    expect(cardsOf(api, id)).toHaveLength(0);
    const failed = (await outboxList(api, manager, 'failed')).find((e) => e.ref?.approvalId === id);
    expect(failed).toMatchObject({
      kind: 'approvalCard',
      status: 'failed',
      attempts: 4,
      maxAttempts: 4,
      recipients: ['zhoujun'],
    });
    expect(failed!.lastError).toContain('HTTP 500');
    expect(failed!.summary).toContain(order.no);
    // The approval shows it too, and still works from the inbox.
    expect((await approvalOf(api, id, manager)).notifications[0]).toMatchObject({
      status: 'failed',
      error: failed!.lastError,
    });
    // Only admins and managers see the outbox.
    const forbidden = await api.call('GET', '/api/outbox', { token: sales });
    expect(forbidden.status).toBe(403);

    sim.setFaults({});
    const resent = await api.call<OutboxEntry>('POST', `/api/outbox/${failed!.id}/resend`, {
      token: manager,
      headers: { 'idempotency-key': `resend-${failed!.id}` },
    });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: failed!.id, status: 'pending', attempts: 0 });
    await api.runtime.wecom!.idle();

    expect(cardsOf(api, id)).toHaveLength(1);
    expect((await approvalOf(api, id, manager)).notifications[0]).toMatchObject({
      status: 'sent',
      msgid: cardsOf(api, id)[0]!.msgid,
    });
    expect((await outboxList(api, manager, 'failed')).some((e) => e.id === failed!.id)).toBe(false);
    const again = await api.call('POST', `/api/outbox/${failed!.id}/resend`, { token: manager });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('outbox.alreadyDelivered');
    const missing = await api.call('POST', '/api/outbox/01NOSUCHMESSAGE/resend', {
      token: manager,
    });
    expect(missing.status).toBe(404);
  });
});

describe('a crash between the business write and the delivery', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'erp-outbox-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('the outbox records are durable: after a restart the cards are delivered, once', async () => {
    // The first process commits two submits, delivers nothing (its worker never ran), and
    // one of the cards was even claimed by an attempt that died with the process.
    const first = await startApi({ dataDir, wecom: {}, outbox: { paused: true } });
    let orders: SalesOrder[];
    try {
      await seed(first);
      const sales = await first.token('zhangwei', TENANT);
      orders = [
        await submittedOrder(first, sales, BIG_ORDER),
        await submittedOrder(first, sales, BIG_ORDER),
      ];
      const deps = getDeps();
      const manager = await first.token('zhoujun', TENANT);
      const waiting = await outboxList(first, manager, 'pending');
      const card = waiting.find((e) => e.ref?.approvalId === orders[1]!.approvalId)!;
      const now = deps.clock.now();
      expect(
        await outboxRepo(deps, TENANT).claim(
          card.id,
          now.toISOString(),
          new Date(now.getTime() + 60_000).toISOString(),
          'dead-worker',
          8,
        ),
      ).toBeDefined();
      expect(first.runtime.wecom!.sim.sentMessages(TENANT)).toHaveLength(0);
    } finally {
      await first.close();
    }

    // Started again on the same data, past the dead attempt's lease.
    const second = await startApi({
      dataDir,
      wecom: {},
      outbox: { policy: POLICY },
      clock: testClockAfter(2 * 60_000),
    });
    try {
      await second.runtime.wecom!.idle();
      const manager = await second.token('zhoujun', TENANT);
      for (const order of orders) {
        expect(cardsOf(second, order.approvalId!)).toHaveLength(1);
        expect(
          (await approvalOf(second, order.approvalId!, manager)).notifications[0],
        ).toMatchObject({ status: 'sent' });
      }
      const delivered = await outboxList(second, manager, 'delivered');
      // The claimed card's dead attempt counts: its delivery was the second.
      expect(delivered.find((e) => e.ref?.approvalId === orders[1]!.approvalId)?.attempts).toBe(2);
      expect(await outboxList(second, manager, 'pending')).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('the AWS worker handler (stream batches and the scheduled sweep) over the local table', () => {
  let api: Api;
  beforeAll(async () => {
    // The local loop stays paused: the Lambda's handler does the delivering here.
    api = await startApi({ wecom: {}, outbox: { paused: true } });
    await seed(api);
  });
  afterAll(() => api.close());

  const streamRecord = (e: OutboxEntry, seq: string) => ({
    eventName: 'INSERT' as const,
    dynamodb: {
      SequenceNumber: seq,
      NewImage: {
        type: { S: 'outbox' },
        tenant: { S: TENANT },
        id: { S: e.id },
        status: { S: 'pending' },
        attempts: { N: '0' },
      },
    },
  });

  it('a stream batch delivers its records and reports the one it could not process; the sweep delivers what is due', async () => {
    const { handler } = await import('../../functions/src/wecom/outboxLambda.js');
    const sales = await api.token('zhangwei', TENANT);
    const manager = await api.token('zhoujun', TENANT);
    const a = await submittedOrder(api, sales, BIG_ORDER);
    const b = await submittedOrder(api, sales, BIG_ORDER);
    const c = await submittedOrder(api, sales, BIG_ORDER);
    const pending = await outboxList(api, manager, 'pending');
    const of = (o: SalesOrder) => pending.find((e) => e.ref?.approvalId === o.approvalId)!;

    // The store refuses the claim of b's record once: b is reported, a is delivered.
    const deps = getDeps();
    const send = deps.db.send.bind(deps.db);
    let refused = false;
    deps.db.send = ((command: { input?: { Key?: { pk?: string } } }) => {
      if (!refused && command.input?.Key?.pk === `T#${TENANT}#OUTBOX#${of(b).id}`) {
        refused = true;
        return Promise.reject(new Error('store unreachable'));
      }
      return send(command as never);
    }) as typeof deps.db.send;
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let batch: unknown;
    try {
      batch = await handler({ Records: [streamRecord(of(a), '1'), streamRecord(of(b), '2')] });
    } finally {
      deps.db.send = send as typeof deps.db.send;
      errors.mockRestore();
    }
    expect(batch).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(cardsOf(api, a.approvalId!)).toHaveLength(1);
    expect(cardsOf(api, b.approvalId!)).toHaveLength(0);
    // The same record again (the stream's retry) is not sent twice.
    await handler({ Records: [streamRecord(of(a), '1')] });
    expect(cardsOf(api, a.approvalId!)).toHaveLength(1);

    // The sweep (EventBridge, every minute) delivers what is due: b and c.
    const swept = await handler(
      { source: 'aws.events', 'detail-type': 'Scheduled Event' } as never,
      {
        getRemainingTimeInMillis: () => 60_000,
      },
    );
    expect(swept).toMatchObject({ attempted: 2 });
    for (const o of [a, b, c]) expect(cardsOf(api, o.approvalId!)).toHaveLength(1);
    expect(await outboxList(api, manager, 'pending')).toEqual([]);
  });
});
