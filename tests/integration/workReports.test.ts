import type { WorkReportList, WorkReportResult } from '@factory/shared';
import { getDeps, useCompletionNotifier } from '../../functions/src/deps.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { errorOf, startApi, type Api } from './harness.js';
import { seedUsers } from './salesHarness.js';
import { idem, importFactory, shopfloorFile } from './shopfloorHarness.js';

/**
 * Work reports over the local runtime with the WeCom simulator: the completion notice is a
 * real text message sent through the WeCom client to the supervisors of the demo corp.
 */
let api: Api;
let worker: string;
let supervisor: string;
const TENANT = 'wwdemo01';

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  await importFactory(api, TENANT, shopfloorFile());
  await seedUsers(TENANT);
  worker = await api.token('chenjie', TENANT);
  supervisor = await api.token('liuyang', TENANT);
});
afterAll(() => {
  useCompletionNotifier(undefined);
  return api.close();
});

async function report(token: string, body: Record<string, unknown>) {
  return api.call<WorkReportResult>('POST', '/api/work-reports', {
    token,
    headers: idem(),
    body: { date: '2026-12-05', ...body },
  });
}

async function inbox(userid: string): Promise<{ msgtype: string; text?: { content: string } }[]> {
  const res = await fetch(
    `${api.runtime.wecom!.url}/sim/api/inbox?corpid=${TENANT}&userid=${userid}`,
  );
  return ((await res.json()) as { messages: [] }).messages;
}

it('records progress, refuses an overrun, reverses, completes and notifies the supervisors', async () => {
  const first = await report(worker, { taskOrder: 'MO-1', good: '6', scrap: '1', hours: '7.5' });
  expect(first.status).toBe(201);
  expect(first.body.report).toMatchObject({
    good: '6',
    scrap: '1',
    hours: '7.5',
    worker: 'chenjie',
  });
  expect(first.body.taskOrder).toMatchObject({
    reportedGood: '6',
    reportedScrap: '1',
    status: 'open',
  });
  expect(first.body.completed).toBe(false);

  // 6 + 5 > 10: refused for a worker, and a worker cannot allow it either.
  const over = await report(worker, { taskOrder: 'MO-1', good: '5' });
  expect(over.status).toBe(409);
  expect(errorOf(over)).toMatchObject({
    code: 'workReport.overrun',
    details: { ordered: '10', reported: '6', requested: '5' },
  });
  const notAllowed = await report(worker, { taskOrder: 'MO-1', good: '5', allowOverrun: true });
  expect(notAllowed.status).toBe(403);

  // A wrong report is corrected by a reversing entry, never edited.
  const wrong = await report(worker, { taskOrder: 'MO-1', good: '3', hours: '2' });
  expect(wrong.body.taskOrder.reportedGood).toBe('9');
  const reversed = await api.call<WorkReportResult>(
    'POST',
    `/api/work-reports/${wrong.body.report.no}/reverse`,
    { token: supervisor, headers: idem(), body: { reason: '数量报错' } },
  );
  expect(reversed.status).toBe(201);
  expect(reversed.body.report).toMatchObject({
    good: '-3',
    scrap: '0',
    hours: '-2',
    reverses: wrong.body.report.no,
  });
  expect(reversed.body.taskOrder.reportedGood).toBe('6');
  const twice = await api.call('POST', `/api/work-reports/${wrong.body.report.no}/reverse`, {
    token: supervisor,
    headers: idem(),
    body: { reason: '再冲一次' },
  });
  expect(twice.status).toBe(409);
  expect(errorOf(twice).code).toBe('workReport.alreadyReversed');

  // Reaching the order quantity completes it and sends the supervisors a text message.
  const last = await report(worker, { taskOrder: 'MO-1', good: '4' });
  expect(last.status).toBe(201);
  expect(last.body.completed).toBe(true);
  expect(last.body.taskOrder).toMatchObject({ reportedGood: '10', status: 'completed' });
  // The notice goes out through the outbox, after the report answered.
  await api.runtime.wecom!.idle();
  const texts = (await inbox('liuyang')).filter((m) => m.msgtype === 'text');
  expect(texts.map((m) => m.text!.content.split('\n')[0])).toContain(
    '【完工】生产任务单 MO-1 已完工',
  );
  expect(texts[0]!.text!.content).toContain('物料 FAN：计划 10，良品 10，报废 1');
  expect(await inbox('chenjie')).toEqual([]);

  // Planning still counts it until received: its 10 are still to come.
  const planned = async () =>
    (await loadPlanningInput(getDeps(), TENANT, '2026-12-01', 30)).workOrders.map((w) => w.no);
  expect(await planned()).toContain('MO-1');
  const receipt = await api.call('POST', '/api/production-receipts', {
    token: await api.token('wangqiang', TENANT),
    headers: idem(),
    body: { taskOrder: 'MO-1', date: '2026-12-06', qty: '10' },
  });
  expect(receipt.status).toBe(201);
  expect(await planned()).not.toContain('MO-1');

  const list = await api.call<WorkReportList>('GET', '/api/work-reports?taskOrder=MO-1', {
    token: worker,
  });
  expect(list.status).toBe(200);
  expect(list.body.reports.map((r) => [r.good, r.reversedBy ?? null, r.reverses ?? null])).toEqual([
    ['6', null, null],
    ['3', reversed.body.report.no, null],
    ['-3', null, wrong.body.report.no],
    ['4', null, null],
  ]);
  expect(list.body.notices).toEqual([
    expect.objectContaining({
      report: last.body.report.no,
      status: 'sent',
      recipients: ['liuyang'],
    }),
  ]);
});

it('a supervisor allows an overrun', async () => {
  await report(worker, { taskOrder: 'MO-2', good: '4' });
  const res = await report(supervisor, { taskOrder: 'MO-2', good: '2', allowOverrun: true });
  expect(res.status).toBe(201);
  expect(res.body.report.overrun).toBe(true);
  expect(res.body.taskOrder).toMatchObject({ reportedGood: '6', status: 'completed' });
});

it('a failed completion notice does not fail the report; the failure is recorded', async () => {
  await importFactory(api, 'wwdemo02', {
    ...shopfloorFile(),
    purchaseOrders: [],
  });
  await seedUsers('wwdemo02');
  useCompletionNotifier(async () => {
    throw new Error('企业微信不可用');
  });
  const token = await api.token('chenjie', 'wwdemo02');
  const res = await report(token, { taskOrder: 'MO-2', good: '5' });
  expect(res.status).toBe(201);
  expect(res.body.completed).toBe(true);
  // The outbox retries, then gives up: the failure is recorded with the report.
  await api.runtime.outbox.idle();
  const list = await api.call<WorkReportList>('GET', '/api/work-reports?taskOrder=MO-2', {
    token,
  });
  expect(list.body.notices).toEqual([
    expect.objectContaining({ status: 'failed', error: '企业微信不可用' }),
  ]);
  useCompletionNotifier(undefined);
});

it('the task order read for the phone: each need required, issued and still to issue, with names', async () => {
  const res = await api.call<WorkReportList>('GET', '/api/work-reports?taskOrder=MO-1', {
    token: worker,
  });
  expect(res.status).toBe(200);
  const { needs, labels, reports } = res.body;
  // FAN × 10: MOTOR 1 per fan (manual); BOLT through the phantom and direct (backflush).
  const motor = needs!.find((n) => n.item === 'MOTOR')!;
  expect(motor.required).toBe('10');
  expect(motor.open).toBe(String(10 - Number(motor.issued)));
  for (const n of needs!) {
    expect(Number(n.open)).toBe(Math.max(0, Number(n.required) - Number(n.issued)));
  }
  expect(labels!.items.FAN).toEqual({ name: '物料FAN', unit: expect.any(String) });
  expect(labels!.items.MOTOR!.name).toBe('物料MOTOR');
  expect(labels!.items.STEEL!.unit).toBe('kg');
  // Every worker on a report is named.
  for (const r of reports) expect(labels!.users![r.worker]).toEqual(expect.any(String));

  const missing = await api.call('GET', '/api/work-reports?taskOrder=MO-404', { token: worker });
  expect(missing.status).toBe(404);
});

it('an imported purchase order is read with its items named (the file gave codes only)', async () => {
  const admin = await api.token('admin', TENANT);
  const res = await api.call<{ lines: { item: string; itemName?: string; unit?: string }[] }>(
    'GET',
    '/api/purchase-orders/PO-1',
    { token: admin },
  );
  expect(res.status).toBe(200);
  for (const l of res.body.lines) {
    expect(l.itemName).toBe(`物料${l.item}`);
    expect(l.unit).toEqual(expect.any(String));
  }
});
