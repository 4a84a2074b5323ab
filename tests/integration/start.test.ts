import { jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_NOW } from '../testClock.js';
import { exited, interrupt, npm, stoppedBySignal, waitFor } from './processes.js';

// The README's first command, for real: `npm start` in a process, Ctrl-C, start again.
jest.setTimeout(120_000);

const dataDir = mkdtempSync(join(tmpdir(), 'erp-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Stopped = { code: number | null; signal: string | null; output: string };

async function start(
  env: Record<string, string> = {},
): Promise<{ url: string; sim: string; stop: () => Promise<Stopped> }> {
  const proc = npm(['start'], {
    DATA_DIR: dataDir,
    PORT: '0',
    DYNAMO_PORT: '0',
    WECOM_PORT: '0',
    ...env,
  });
  await waitFor(
    () => proc.output().includes('Ctrl-C') || proc.child.exitCode !== null,
    60_000,
    'npm start',
  );
  const match = /API\s+(http:\/\/\S+)\/api/.exec(proc.output());
  if (!match) throw new Error(`npm start did not print its URL:\n${proc.output()}`);
  const sim = /WeCom sim\s+(http:\/\/\S+)\/sim\//.exec(proc.output());
  if (!sim) throw new Error(`npm start did not print the WeCom simulator URL:\n${proc.output()}`);
  return {
    url: match[1]!,
    sim: sim[1]!,
    stop: async () => {
      interrupt(proc.child);
      const { code, signal } = await stoppedBySignal(proc.child);
      return { code, signal, output: proc.output() };
    },
  };
}

it('npm start serves the demo factory, stops cleanly on Ctrl-C and keeps data on restart', async () => {
  const first = await start();
  const health = await (await fetch(`${first.url}/api/health`)).json();
  expect(health).toMatchObject({ status: 'ok', database: 'ok' });
  const { token } = (await (
    await fetch(`${first.url}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'wangqiang' }),
    })
  ).json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const balances = await (
    await fetch(`${first.url}/api/stock/balances?warehouse=RM`, { headers: auth })
  ).json();
  const someItem = (balances as { items: { item: string; qty: string }[] }).items[0]!;
  const issued = await fetch(`${first.url}/api/stock/issues`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      date: '2026-11-25',
      reason: 'production',
      lines: [{ item: someItem.item, warehouse: 'RM', qty: '1' }],
    }),
  });
  expect(issued.status).toBe(201);
  // The WeCom simulator runs beside it: its page, and a real WeCom login of a demo user.
  expect((await fetch(`${first.sim}/sim/`)).status).toBe(200);
  const { code } = (await (
    await fetch(`${first.sim}/sim/api/login-code`, {
      method: 'POST',
      body: JSON.stringify({ corpid: 'wwdemo01', userid: 'zhoujun' }),
    })
  ).json()) as { code: string };
  const login = await fetch(`${first.url}/api/auth/wecom/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(await login.json()).toMatchObject({
    tenant: 'wwdemo01',
    user: 'zhoujun',
    roles: ['manager'],
  });

  const stopped = await first.stop();
  expectCleanStop(stopped);
  await expect(fetch(`${first.url}/api/health`)).rejects.toThrow();

  // Restarted later (its business clock too: the token above is never from its future).
  const second = await start({ FACTORY_NOW: new Date(TEST_NOW.getTime() + 60_000).toISOString() });
  expect(second.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const after = await (
    await fetch(`${second.url}/api/stock/balances?item=${someItem.item}&warehouse=RM`, {
      headers: auth,
    })
  ).json();
  const expected = (BigInt(someItem.qty.split('.')[0]!) - 1n).toString();
  expect((after as { items: { qty: string }[] }).items[0]!.qty).toBe(expected);
  expectCleanStop(await second.stop());
});

function expectCleanStop(stopped: Stopped): void {
  expect(stopped.output).toContain('stopped; data kept in');
  expect(stopped.code === 0 || stopped.signal === 'SIGINT').toBe(true);
}

it('cli import refuses a bad file with every problem and a non-zero exit, and imports a good one', async () => {
  const file = JSON.parse(
    readFileSync(new URL('../../functions/local/demo/factory.json', import.meta.url), 'utf8'),
  );
  file.items[0].defaultWarehouse = 'NOWHERE';
  file.stock[0].qty = '-5';
  const bad = join(dataDir, 'bad.json');
  writeFileSync(bad, JSON.stringify(file));
  const run = npm(['run', '--silent', 'cli', '--', 'import', bad, '--tenant', 'wwcli02'], {
    DATA_DIR: dataDir,
  });
  expect(await exited(run.child)).toBe(1);
  expect(run.output()).toContain('stock[0].qty');

  file.stock[0].qty = '5';
  writeFileSync(bad, JSON.stringify(file));
  const semantic = npm(['run', '--silent', 'cli', '--', 'import', bad, '--tenant', 'wwcli02'], {
    DATA_DIR: dataDir,
  });
  expect(await exited(semantic.child)).toBe(1);
  expect(semantic.output()).toContain('items[0].defaultWarehouse: 仓库不存在：NOWHERE');

  const good = npm(
    [
      'run',
      '--silent',
      'cli',
      '--',
      'import',
      'functions/local/demo/factory.json',
      '--tenant',
      'wwcli02',
      '--json',
    ],
    { DATA_DIR: dataDir },
  );
  expect(await exited(good.child)).toBe(0);
  expect(JSON.parse(good.output()).counts.items).toBe(file.items.length);
});
