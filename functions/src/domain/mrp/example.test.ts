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
