import type { FactoryFile } from '@factory/shared';
import { mrpInputFromFile, planMrp } from '../../functions/src/domain/mrp/index.js';
import type { PlanningResult } from '../../functions/src/domain/mrp/types.js';
import { planMrpReference } from '../../functions/src/domain/mrp/referenceEngine.js';
import { mrpFactory } from './mrpGenerator.js';

/**
 * The engine (functions/src/domain/mrp/engine.ts) against a frozen copy of it as it was before
 * the "engine near its floor" rewrite (referenceEngine.ts), on generated bench:mrp factories
 * of several seeds and shapes: every planned order, every pegging entry, every exception, in
 * order and with the same keys in the same order. Compared as JSON text, so fields built
 * lazily are read as any consumer reads them.
 */
function expectSame(actual: PlanningResult, expected: PlanningResult): void {
  expect(actual.runDate).toBe(expected.runDate);
  expect(actual.plannedOrders.length).toBe(expected.plannedOrders.length);
  expect(actual.exceptions.length).toBe(expected.exceptions.length);
  // Element by element (the first difference is shown as objects), then the whole text.
  const differs = <T>(a: readonly T[], b: readonly T[]) =>
    a.findIndex((x, k) => JSON.stringify(x) !== JSON.stringify(b[k]));
  const o = differs(actual.plannedOrders, expected.plannedOrders);
  if (o >= 0)
    expect({ at: o, ...actual.plannedOrders[o] }).toEqual({ at: o, ...expected.plannedOrders[o] });
  const e = differs(actual.exceptions, expected.exceptions);
  if (e >= 0)
    expect({ at: e, ...actual.exceptions[e] }).toEqual({ at: e, ...expected.exceptions[e] });
  expect(JSON.stringify(actual) === JSON.stringify(expected)).toBe(true);
  // Read field by field, as the workflow and the CLI read them.
  actual.plannedOrders.forEach((p, k) => {
    const q = expected.plannedOrders[k]!;
    if (p.pegging.length !== q.pegging.length) expect(p.pegging).toEqual(q.pegging);
  });
}

const SHAPES = [
  { items: 1_500, lines: 6_000, levels: 6, demandLines: 150 },
  { items: 800, lines: 2_400, levels: 4, demandLines: 200 },
  { items: 3_000, lines: 15_000, levels: 8, demandLines: 300 },
];
const SEEDS = [1, 7, 20261201, 424242];

describe('planMrp equals the reference engine on generated factories', () => {
  for (const seed of SEEDS) {
    for (const [k, shape] of SHAPES.entries()) {
      test(`seed ${seed}, ${shape.items} items / ${shape.lines} lines / ${shape.levels} levels`, () => {
        const { file } = mrpFactory({ seed, ...shape });
        for (const horizon of k === 0 ? [90, 30] : [90]) {
          expectSame(
            planMrp(mrpInputFromFile(file, horizon)),
            planMrpReference(mrpInputFromFile(file, horizon)),
          );
        }
      });
    }
  }

  test('a factory with the run date moved: past-due demand, late orders', () => {
    const shape = { items: 1_000, lines: 4_000, levels: 5, demandLines: 200 };
    const { file } = mrpFactory({ seed: 99, ...shape });
    const moved: FactoryFile = { ...file, runDate: '2026-12-20' };
    expectSame(planMrp(mrpInputFromFile(moved, 60)), planMrpReference(mrpInputFromFile(moved, 60)));
  });
});
