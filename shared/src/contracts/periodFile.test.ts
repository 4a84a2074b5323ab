import { readFileSync } from 'node:fs';
import { zPeriodFile } from './periodFile.js';

const example = () =>
  JSON.parse(
    readFileSync(new URL('../../../docs/examples/period-scenario.json', import.meta.url), 'utf8'),
  );

describe('zPeriodFile', () => {
  test('accepts the SCENARIO example', () => {
    const parsed = zPeriodFile.safeParse(example());
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data!.events).toHaveLength(14);
  });

  test('names every bad field with its path', () => {
    const file = example();
    file.periods = ['2026-13'];
    file.events[0].lines[0].price = '-1';
    file.events[3].hours = 'eight';
    file.events.push({ date: '2026-11-30', kind: 'teleport' });
    file.opening.stock[0].value = '1000.001';
    file.extra = true;
    const paths = zPeriodFile
      .safeParse(file)
      .error!.issues.map((i) => i.path.join('.'))
      .sort();
    expect(paths).toEqual(
      [
        '',
        'events.0.lines.0.price',
        'events.14.kind',
        'events.3.hours',
        'opening.stock.0.value',
        'periods.0',
      ].sort(),
    );
  });
});
