import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Item, Page } from '@factory/shared';
import { renderOpenApi } from '../../functions/src/cli/openapi.js';
import { startApi } from './harness.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

it('seeds the demo factory once and keeps data across a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'erp-runtime-'));
  dirs.push(dataDir);
  const first = await startApi({ dataDir, seedDemo: true });
  let token: string;
  let items: Page<Item>;
  try {
    token = await first.token('admin', 'wwdemo01');
    items = (await first.call<Page<Item>>('GET', '/api/items?limit=200', { token })).body;
    expect(items.items.length).toBeGreaterThanOrEqual(40);
    const created = await first.call('POST', '/api/units', {
      token,
      body: { code: 'box', name: '箱', precision: 0 },
    });
    expect(created.status).toBe(201);
  } finally {
    await first.close();
  }

  // The restarted runtime goes on with the test process's one business clock.
  const second = await startApi({ dataDir, seedDemo: true });
  try {
    // The signing key is kept too: a token from before the restart still works.
    const unit = await second.call('GET', '/api/units/box', { token });
    expect(unit.status).toBe(200);
    const again = await second.call<Page<Item>>('GET', '/api/items?limit=200', { token });
    expect(again.body.items.length).toBe(items.items.length);
  } finally {
    await second.close();
  }
});

it('has docs/openapi.json up to date with the contracts', () => {
  const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
  expect(committed).toBe(renderOpenApi());
});
