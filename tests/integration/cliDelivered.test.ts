import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qty, zFactoryFile } from '@factory/shared';
import { DEMO_FACTORY_FILE } from '../../functions/local/runtime.js';
import {
  mrpInputFromFile,
  planMrp,
  type PlanningResult,
} from '../../functions/src/domain/mrp/index.js';
import { exited, npm } from './processes.js';

/**
 * `cli plan` honours `delivered` on sales lines (SCENARIO.md; issue 12): only qty − delivered
 * is demand, through the real import and workflow, the same as a delivery leaves it.
 */
jest.setTimeout(120_000);
const dir = mkdtempSync(join(tmpdir(), 'erp-cli-delivered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the planned orders of a run cover of one demand (`SO/line`). */
const pegged = (result: Pick<PlanningResult, 'plannedOrders'>, demand: string) =>
  result.plannedOrders
    .flatMap((o) => o.pegging)
    .filter((p) => p.demand === demand)
    .reduce((sum, p) => sum.plus(p.qty), qty(0))
    .toString();

it('cli plan plans only what is not yet delivered of a sales line', async () => {
  const file = JSON.parse(readFileSync(DEMO_FACTORY_FILE, 'utf8'));
  const before = planMrp(mrpInputFromFile(zFactoryFile.parse(file)));
  // The MTO order SO-2611-021: 1200 ordered, 500 of them delivered.
  const line = file.salesOrders.find((s: { no: string }) => s.no === 'SO-2611-021').lines[0];
  expect(line.qty).toBe('1200');
  line.delivered = '500';
  const path = join(dir, 'factory.json');
  writeFileSync(path, JSON.stringify(file));

  const run = npm(['run', '--silent', 'cli', '--', 'plan', path, '--json'], { DATA_DIR: dir });
  expect(await exited(run.child)).toBe(0);
  const printed = JSON.parse(run.output());
  expect(printed).toEqual(planMrp(mrpInputFromFile(zFactoryFile.parse(file))));
  const demand = 'SO-2611-021/1';
  expect(qty(pegged(before, demand)).minus(pegged(printed, demand)).toString()).toBe('500');
});
