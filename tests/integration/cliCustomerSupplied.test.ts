import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zFactoryFile } from '@factory/shared';
import {
  mrpInputFromFile,
  planMrp,
  type PlanningResult,
} from '../../functions/src/domain/mrp/index.js';
import { exited, npm } from './processes.js';

/**
 * `cli plan` accepts customer-supplied items and stock owners (SCENARIO.md; issue 14), through
 * the real import and workflow: the third example of docs/planning.md. CS1 is supplied by C1,
 * who holds 40 available in CS (C2's 100 there and C1's 15 in inspection do not count); 100
 * FG1 need 100 CS1, so C1 is asked for 60 (`customerSupply`), and CS1 is never bought.
 */
jest.setTimeout(120_000);
const dir = mkdtempSync(join(tmpdir(), 'erp-cli-cs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../docs/examples/${name}`, import.meta.url), 'utf8'));

it('cli plan prints a customerSupply planned order to the customer for what its stock lacks', async () => {
  const file = example('planning-customer-supplied.json');
  const path = join(dir, 'factory.json');
  writeFileSync(path, JSON.stringify(file));
  const run = npm(['run', '--silent', 'cli', '--', 'plan', path, '--json'], { DATA_DIR: dir });
  expect(await exited(run.child)).toBe(0);
  const printed = JSON.parse(run.output()) as PlanningResult;
  expect(printed).toEqual(planMrp(mrpInputFromFile(zFactoryFile.parse(file))));
  expect(printed).toEqual(example('planning-customer-supplied.result.json'));
  // Sorted by item code like the others; CS1 only asked of its customer, never purchased.
  expect(printed.plannedOrders.map((o) => [o.item, o.type, o.qty, o.supplier])).toEqual([
    ['CS1', 'customerSupply', '60', 'C1'],
    ['FG1', 'production', '100', null],
    ['RM1', 'purchase', '70', 'S1'],
  ]);
});

it('cli plan refuses a customer-supplied item without its customer and an ownerless stock line', async () => {
  const file = example('planning-customer-supplied.json');
  delete file.items[1].customer;
  delete file.stock[0].customer;
  const path = join(dir, 'bad.json');
  writeFileSync(path, JSON.stringify(file));
  const run = npm(['run', '--silent', 'cli', '--', 'plan', path, '--json'], { DATA_DIR: dir });
  expect(await exited(run.child)).toBe(1);
  expect(run.output()).toContain('items[1].customer: 客供料必须指定提供物料的客户');
  expect(run.output()).toContain('stock[0].customer: 客供料仓 CS 的库存必须指定所属客户');
});
