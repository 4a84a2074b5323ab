// Lives in platform/ because it stubs @tarojs/taro (only platform/ may import it).
import Taro from '@tarojs/taro';
import { issueToTaskOrder, mergedPick, reportWork } from '../api/shopfloor';
import { setConfig } from './config';
import { clearSession, saveSession } from './session';
import { SubmitKeys } from '../lib/submitKey';
import { submitWithKey } from '../lib/submitWithKey';

type Call = { url: string; header?: Record<string, string>; data?: unknown };
const stub = Taro as unknown as {
  request: (o: Call) => Promise<{ statusCode: number; data: unknown }>;
};

beforeEach(() => {
  setConfig({ apiBaseUrl: 'http://api.test' });
  saveSession({ token: 'tok', user: 'chenjie', roles: ['worker'], tenant: 'wwdemo01' });
});
afterEach(() => clearSession());

const body = {
  taskOrder: 'MO-1',
  date: '2026-12-01',
  good: '10',
  scrap: '0',
  hours: '2',
};

test('a report whose answers are lost is sent again with the same key and posted once', async () => {
  // The server does the work the first time it sees a key (the answer is lost on the way
  // back three times), and answers a repeated key with the stored result.
  const posted = new Map<string, { no: string }>();
  const keysSeen: string[] = [];
  let lose = 3;
  stub.request = async (o) => {
    const key = o.header?.['idempotency-key'] ?? '';
    keysSeen.push(key);
    if (!posted.has(key)) posted.set(key, { no: `WR-${posted.size + 1}` });
    if (lose-- > 0) throw { errMsg: 'request:fail timeout' };
    return { statusCode: 201, data: { report: posted.get(key), completed: false } };
  };
  const keys = new SubmitKeys();
  const send = () =>
    submitWithKey(keys, 'report:MO-1', body, (key) => reportWork(body, key)) as Promise<{
      report: { no: string };
    }>;

  // Press 1: every try (3) times out; the page says so and keeps the key.
  await expect(send()).rejects.toMatchObject({ code: 'network.timeout', status: 0 });
  // Press 2 (same data): the same key again; the server had posted it, answers the same report.
  await expect(send()).resolves.toMatchObject({ report: { no: 'WR-1' } });
  expect(keysSeen).toHaveLength(4);
  expect(new Set(keysSeen).size).toBe(1);
  expect(posted.size).toBe(1);

  // Answered: the next press is a new report with a new key.
  lose = 0;
  await send();
  expect(new Set(keysSeen).size).toBe(2);
}, 20_000);

test('a merged pick and a kit issue whose answers are lost post once each', async () => {
  const posted = new Map<string, string>();
  const sent: { url: string; key: string }[] = [];
  let lose = 3;
  stub.request = async (o) => {
    const key = o.header?.['idempotency-key'] ?? '';
    sent.push({ url: o.url, key });
    if (!posted.has(key)) posted.set(key, `IS-${posted.size + 1}`);
    if (lose-- > 0) throw { errMsg: 'request:fail timeout' };
    return { statusCode: 201, data: { documents: [posted.get(key)], orders: [] } };
  };
  const keys = new SubmitKeys();
  const merged = { orders: ['MO-1', 'MO-2', 'MO-3'], date: '2026-12-01' };
  const pickAll = () =>
    submitWithKey(keys, 'merged:MO-1,MO-2,MO-3', merged, (key) => mergedPick(merged, key));
  await expect(pickAll()).rejects.toMatchObject({ code: 'network.timeout' });
  await expect(pickAll()).resolves.toMatchObject({ documents: ['IS-1'] });
  expect(sent.every((s) => s.url === 'http://api.test/api/picking/merged')).toBe(true);
  expect(new Set(sent.map((s) => s.key)).size).toBe(1);

  lose = 1;
  sent.length = 0;
  const kit = { date: '2026-12-01', sets: '380' };
  await expect(
    submitWithKey(keys, 'kit:MO-1', kit, (key) => issueToTaskOrder('MO-1', kit, key)),
  ).resolves.toMatchObject({ documents: ['IS-2'] });
  expect(sent.map((s) => s.url)).toEqual([
    'http://api.test/api/task-orders/MO-1/issues',
    'http://api.test/api/task-orders/MO-1/issues',
  ]);
  expect(new Set(sent.map((s) => s.key)).size).toBe(1);
  expect(posted.size).toBe(2);
}, 20_000);
