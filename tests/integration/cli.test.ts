import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zFactoryFile } from '@factory/shared';
import { DEMO_FACTORY_FILE } from '../../functions/local/runtime.js';
import { mrpInputFromFile, planMrp } from '../../functions/src/domain/mrp/index.js';
import { exited, npm } from './processes.js';

jest.setTimeout(120_000);
const dir = mkdtempSync(join(tmpdir(), 'erp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const demo = () => JSON.parse(readFileSync(DEMO_FACTORY_FILE, 'utf8'));

it('cli plan FILE --json prints the planning result of the real workflow, in the documented shape', async () => {
  const run = npm(['run', '--silent', 'cli', '--', 'plan', DEMO_FACTORY_FILE.pathname, '--json'], {
    DATA_DIR: dir,
  });
  expect(await exited(run.child)).toBe(0);
  const printed = JSON.parse(run.output());
  expect(Object.keys(printed)).toEqual(['runDate', 'plannedOrders', 'exceptions']);
  expect(Object.keys(printed.plannedOrders[0])).toEqual([
    'type',
    'item',
    'qty',
    'releaseDate',
    'dueDate',
    'trackingNo',
    'supplier',
    'pegging',
    'substitutes',
    'late',
  ]);
  expect(printed).toEqual(planMrp(mrpInputFromFile(zFactoryFile.parse(demo()))));
});

it('cli plan refuses a bad file with every problem, a BOM cycle by its path', async () => {
  const file = demo();
  file.items[0].safetyStock = 'lots';
  const sub = file.boms.find((b: { parent: string }) => b.parent === 'SA-HEAD40');
  sub.lines.push({ component: 'FG-FS40', qtyPer: '1' });
  const path = join(dir, 'bad.json');
  writeFileSync(path, JSON.stringify(file));
  const run = npm(['run', '--silent', 'cli', '--', 'plan', path, '--json'], { DATA_DIR: dir });
  expect(await exited(run.child)).toBe(1);
  expect(run.output()).toContain('items[0].safetyStock');

  file.items[0].safetyStock = '0';
  writeFileSync(path, JSON.stringify(file));
  const cycle = npm(['run', '--silent', 'cli', '--', 'plan', path], { DATA_DIR: dir });
  expect(await exited(cycle.child)).toBe(1);
  expect(cycle.output()).toMatch(
    /物料清单存在循环：(FG-FS40 > SA-HEAD40 > FG-FS40|SA-HEAD40 > FG-FS40 > SA-HEAD40)/,
  );
});

it('cli kitting ITEM QTY --json analyses the local store', async () => {
  const imported = npm(
    ['run', '--silent', 'cli', '--', 'import', DEMO_FACTORY_FILE.pathname, '--tenant', 'wwcli03'],
    { DATA_DIR: dir },
  );
  expect(await exited(imported.child)).toBe(0);
  const run = npm(
    ['run', '--silent', 'cli', '--', 'kitting', 'FG-TS40', '30', '--json', '--tenant', 'wwcli03'],
    { DATA_DIR: dir },
  );
  expect(await exited(run.child)).toBe(0);
  const result = JSON.parse(run.output());
  expect(result).toMatchObject({ item: 'FG-TS40', qty: '30' });
  expect(result.components.length).toBeGreaterThan(3);
});
