import { readFileSync } from 'node:fs';
import { AppError, type PeriodFile, zPeriodFile } from '@factory/shared';
import type { CostingSetup } from '../../functions/src/cli/cost/port.js';
import { loadPeriodFile } from '../../functions/src/cli/cost/load.js';
import { getDeps } from '../../functions/src/deps.js';
import { monthPeriod } from '../../functions/src/domain/costing/index.js';
import { checkPeriodFile } from '../../functions/src/domain/periodFile/index.js';
import { loadPeriodLedger } from '../../functions/src/usecases/costing/ledger.js';
import { TEST_NOW } from '../testClock.js';
import { startApi, type Api } from './harness.js';

/**
 * The period file's loader (`cli cost`): SCENARIO.md's example loaded into the local runtime by
 * the product's use cases, read back as costing reads the ledger; costing's own setup recorded
 * by a fake port; refusals named at the event's path in the file.
 */
let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const example = (): PeriodFile => {
  const raw: unknown = JSON.parse(readFileSync('docs/examples/period-scenario.json', 'utf8'));
  return zPeriodFile.parse(raw);
};

/** A CostingSetup that records what the loader asked of it. */
function fakeCosting() {
  const calls: { method: keyof CostingSetup; input: unknown }[] = [];
  const record =
    (method: keyof CostingSetup) =>
    async (input: unknown): Promise<void> => {
      calls.push({ method, input });
    };
  const setup: CostingSetup = {
    definePool: record('definePool'),
    setOpening: record('setOpening'),
    addExpense: record('addExpense'),
    setWipCount: record('setWipCount'),
  };
  return { setup, calls, of: (m: keyof CostingSetup) => calls.filter((c) => c.method === m) };
}

/** Loads a file that passed its contract and checks, or answers the loader's refusal. */
async function load(tenant: string, file: PeriodFile, costing = fakeCosting().setup) {
  expect(checkPeriodFile(file)).toEqual([]);
  try {
    await loadPeriodFile(getDeps(), tenant, file, costing);
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

const row = (m: { kind: string; item: string; qty: string; order?: string }) => [
  m.kind,
  m.item,
  m.qty,
  m.order ?? null,
];

describe("SCENARIO.md's period file", () => {
  const T = 'wwcostload1';
  const costing = fakeCosting();

  beforeAll(async () => {
    const refused = await load(T, example(), costing.setup);
    expect(refused?.issues ?? refused).toBeUndefined();
  });

  it('posts November as costing reads it', async () => {
    const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
    expect(ledger.moves.map(row)).toEqual([]);
    expect(ledger.orders).toEqual([]);
  });

  it('the business clock is given back', () => {
    expect(Math.abs(getDeps().clock.now().getTime() - TEST_NOW.getTime())).toBeLessThan(600_000);
  });
});
