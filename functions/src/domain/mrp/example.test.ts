import { readFileSync } from 'node:fs';
import { zFactoryFile } from '@factory/shared';
import { mrpInputFromFile } from './fromFile.js';
import { planMrp } from './engine.js';

// docs/planning.md walks through this example by hand; the committed result must stay true.
const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../docs/examples/${name}`, import.meta.url), 'utf8'));

test('the worked example of docs/planning.md', () => {
  const file = zFactoryFile.parse(read('planning-example.json'));
  expect(planMrp(mrpInputFromFile(file))).toEqual(read('planning-example.result.json'));
});

test('the second example of docs/planning.md: phantom stock, delivered quantities, substitutes', () => {
  const file = zFactoryFile.parse(read('planning-rules.json'));
  expect(planMrp(mrpInputFromFile(file))).toEqual(read('planning-rules.result.json'));
});

test('the third example of docs/planning.md: customer-supplied material nets its customer’s stock', () => {
  const file = zFactoryFile.parse(read('planning-customer-supplied.json'));
  const result = planMrp(mrpInputFromFile(file));
  expect(result).toEqual(read('planning-customer-supplied.result.json'));
  // C1's available 40 count, C2's 100 and C1's 15 in inspection do not: 60 asked of C1.
  const cs = result.plannedOrders.filter((o) => o.item === 'CS1');
  expect(cs.map((o) => [o.type, o.qty, o.supplier])).toEqual([['customerSupply', '60', 'C1']]);
  expect(result.plannedOrders.some((o) => o.item === 'CS1' && o.type === 'purchase')).toBe(false);
});
