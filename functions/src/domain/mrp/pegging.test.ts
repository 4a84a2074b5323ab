import { readFileSync } from 'node:fs';
import { zFactoryFile } from '@factory/shared';
import { mrpInputFromFile } from './fromFile.js';
import { peggedDemands, planMrp } from './engine.js';
import { randomFactory, seeded } from './randomPlanning.js';

// Pegging is made when it is read (engine.ts, PlannedOrderRow): it must look like the plain
// field it always was to every way a result is read.
const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../docs/examples/${name}`, import.meta.url), 'utf8'));
const plan = () => planMrp(mrpInputFromFile(zFactoryFile.parse(read('planning-rules.json'))));
const KEYS = [
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
];

test('a planned order has its fields as own, enumerable keys in the documented order', () => {
  const result = plan();
  expect(result.plannedOrders.length).toBeGreaterThan(0);
  for (const o of result.plannedOrders) {
    expect(Object.keys(o)).toEqual(KEYS);
    expect(Object.keys(JSON.parse(JSON.stringify(o)))).toEqual(KEYS);
    expect(Object.getOwnPropertyDescriptor(o, 'pegging')?.enumerable).toBe(true);
  }
});

test('pegging read in any order, spread, serialised or set gives the same lists', () => {
  const a = plan();
  const b = plan();
  const expected = read('planning-rules.result.json') as { plannedOrders: { pegging: unknown }[] };
  // Read back to front in one result, front to back in the other.
  const backwards = [...a.plannedOrders]
    .reverse()
    .map((o) => o.pegging)
    .reverse();
  expect(backwards).toEqual(expected.plannedOrders.map((o) => o.pegging));
  expect(b.plannedOrders.map((o) => ({ id: 'x', ...o }).pegging)).toEqual(backwards);
  expect(JSON.parse(JSON.stringify(b))).toEqual(read('planning-rules.result.json'));
  // Read twice: the same list (made once).
  const first = a.plannedOrders[0]!;
  expect(first.pegging).toBe(first.pegging);
  first.pegging = [{ demand: 'X', qty: '1' }];
  expect(first.pegging).toEqual([{ demand: 'X', qty: '1' }]);
  expect(JSON.parse(JSON.stringify(first)).pegging).toEqual([{ demand: 'X', qty: '1' }]);
});

test('the demands an order is pegged to, read without its list, are the list demands, in order', () => {
  // Random factories (lot sizes, shared parts: orders pegged to several demands).
  const factories = Array.from({ length: 12 }, (_, seed) => randomFactory(seeded(seed))).filter(
    (f) => {
      try {
        return planMrp(f).plannedOrders.length > 0;
      } catch {
        return false; // a factory the engine refuses (substitutes in a cycle)
      }
    },
  );
  expect(factories.length).toBeGreaterThan(3);
  const lists = factories.flatMap((f) =>
    planMrp(f).plannedOrders.map((o) => o.pegging.map((p) => p.demand)),
  );
  expect(lists.some((l) => l.length > 1)).toBe(true);
  const orders = factories.flatMap((f) => planMrp(f).plannedOrders);
  // Lists not made yet, then made, then set, and a plain order (a stored plan read back).
  expect(orders.map(peggedDemands)).toEqual(lists);
  expect(orders.map((o) => o.pegging.length)).toEqual(lists.map((l) => l.length));
  expect(orders.map(peggedDemands)).toEqual(lists);
  const stored = JSON.parse(JSON.stringify(orders)) as typeof orders;
  expect(stored.map(peggedDemands)).toEqual(lists);
  const first = orders[0]!;
  first.pegging = [
    { demand: 'X', qty: '1' },
    { demand: 'Y', qty: '2' },
  ];
  expect(peggedDemands(first)).toEqual(['X', 'Y']);
});
