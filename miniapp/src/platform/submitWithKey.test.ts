// Lives in platform/ because it stubs @tarojs/taro (only platform/ may import it).
import Taro from '@tarojs/taro';
import { reportWork } from '../api/shopfloor';
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
