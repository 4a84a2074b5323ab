import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { zFactoryFile } from '@factory/shared';
import { mrpInputFromFile } from './fromFile.js';
import { peggedDemands, planMrp, samePegging } from './engine.js';
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

/** Random factories (lot sizes, shared parts: orders pegged to several demands). */
function randomFactories() {
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
  return factories;
}

test('the demands an order is pegged to, read without its list, are the list demands, in order', () => {
  const factories = randomFactories();
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

test('two orders have the same pegging exactly when their lists are equal, lists made or not', () => {
  const factories = randomFactories();
  const lists = factories.flatMap((f) => planMrp(f).plannedOrders.map((o) => o.pegging));
  const a = factories.flatMap((f) => planMrp(f).plannedOrders);
  const b = factories.flatMap((f) => planMrp(f).plannedOrders);
  const plain = JSON.parse(JSON.stringify(a)) as typeof a;
  // Each order against its twin of another plan, and against the orders after it.
  const pairs: [number, number][] = [];
  for (let k = 0; k < a.length; k++)
    for (const d of [0, 1, 2, 7]) if (k + d < a.length) pairs.push([k, k + d]);
  let same = 0;
  for (const [i, j] of pairs) {
    const expected = isDeepStrictEqual(lists[i], lists[j]);
    if (expected && i !== j) same++;
    expect(samePegging(a[i]!, b[j]!)).toBe(expected); // neither list made
    expect(samePegging(plain[i]!, b[j]!)).toBe(expected); // one a stored plan's
  }
  // Some different orders have the same pegging (an empty one, or one demand's in lots).
  expect(same).toBeGreaterThan(0);
  // Made lists, and one set by hand.
  expect(b.map((o, k) => samePegging(o, a[k]!))).toEqual(b.map(() => true));
  expect(a.map((o) => o.pegging.length)).toEqual(lists.map((l) => l.length));
  expect(b.map((o, k) => samePegging(o, a[k]!))).toEqual(b.map(() => true));
  // The same factories with every sales line for 1 more: orders pegged to the same demands
  // for other quantities, compared with their lists not made.
  const planMore = () =>
    factories.flatMap(
      (f) =>
        planMrp({
          ...f,
          salesOrders: f.salesOrders.map((l) => ({ ...l, qty: String(Number(l.qty) + 1) })),
        }).plannedOrders,
    );
  const more = planMore();
  const moreLists = JSON.parse(JSON.stringify(planMore())) as typeof more;
  const fresh = factories.flatMap((f) => planMrp(f).plannedOrders);
  let sameDemandsOtherQty = 0;
  for (let i = 0; i < fresh.length; i++)
    for (let j = 0; j < more.length; j++) {
      if (fresh[i]!.item !== more[j]!.item) continue;
      const x = lists[i]!;
      const y = moreLists[j]!.pegging;
      const expected = isDeepStrictEqual(x, y);
      const sameDemands = isDeepStrictEqual(
        x.map((p) => p.demand),
        y.map((p) => p.demand),
      );
      if (sameDemands && !expected) sameDemandsOtherQty++;
      expect(samePegging(fresh[i]!, more[j]!)).toBe(expected);
    }
  expect(sameDemandsOtherQty).toBeGreaterThan(0);
  const withList = a.findIndex((o) => o.pegging.length > 0);
  const changed = b[withList]!;
  changed.pegging = changed.pegging.map((p) => ({ ...p, qty: `${p.qty}1` }));
  expect(samePegging(changed, a[withList]!)).toBe(false);
});
