import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, npm } from './processes.js';

jest.setTimeout(180_000);
const dir = mkdtempSync(join(tmpdir(), 'erp-cli-cost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = (name: string) => new URL(`../../docs/examples/${name}`, import.meta.url);

type Report = {
  periods: {
    period: string;
    items: Record<string, string | null>[];
    orders: (Record<string, string | null> & { pools: Record<string, string> })[];
    pools: Record<string, string>[];
    customerSupplied: Record<string, string>[];
    reconciliation: { in: string; out: string; difference: string };
  }[];
};

async function cost(path: string): Promise<Report> {
  const run = npm(['run', '--silent', 'cli', '--', 'cost', path, '--json'], { DATA_DIR: dir });
  const code = await exited(run.child);
  if (code !== 0) throw new Error(`cli cost exited ${code}: ${run.output()}`);
  return JSON.parse(run.output()) as Report;
}

const pick = (rows: Record<string, unknown>[], key: string, value: string) =>
  rows.find((r) => r[key] === value);

it("cli cost prints SCENARIO's example as docs/costing.md works it out by hand", async () => {
  const report = await cost(example('period-scenario.json').pathname);
  expect(report.periods.map((p) => p.period)).toEqual(['2026-11', '2026-12']);
  const [nov, dec] = report.periods;
  expect(Object.keys(nov!)).toEqual([
    'period',
    'items',
    'orders',
    'pools',
    'customerSupplied',
    'reconciliation',
  ]);
  expect(pick(nov!.items, 'item', 'RM1')).toEqual({
    item: 'RM1',
    openingQty: '100',
    openingValue: '1000.00',
    receiptQty: '50',
    receiptValue: '550.00',
    outQty: '49',
    outValue: '506.33',
    closingQty: '101',
    closingValue: '1043.67',
    unitCost: '10.3333',
    priceDifference: '0.00',
  });
  expect(pick(nov!.orders, 'no', 'MO-1')).toEqual({
    no: 'MO-1',
    item: 'FG1',
    received: '10',
    openingWip: '250.00',
    material: '289.33',
    pools: { labour: '1000.00', overhead: '0.00' },
    outsourcingFee: '0.00',
    completed: '1539.33',
    unitCost: '153.9330',
    closingWip: '0.00',
    loss: '0.00',
  });
  expect(pick(nov!.orders, 'no', 'OS-1')).toMatchObject({
    material: '206.67',
    outsourcingFee: '450.00',
    completed: '656.67',
  });
  expect(pick(nov!.items, 'item', 'FG1')).toMatchObject({
    outValue: '615.73',
    closingValue: '923.60',
  });
  expect(nov!.pools).toEqual([
    { code: 'labour', amount: '1000.00', allocated: '1000.00', unallocated: '0.00' },
    { code: 'overhead', amount: '0.00', allocated: '0.00', unallocated: '0.00' },
  ]);
  expect(nov!.customerSupplied).toEqual([
    {
      customer: 'C1',
      item: 'CS1',
      received: '40',
      issued: '0',
      returnedToCustomer: '5',
      onHand: '85',
    },
  ]);
  expect(nov!.reconciliation).toEqual({ in: '3250.00', out: '3250.00', difference: '0.00' });
  // December: the settlement of 470.00 against 450.00 accrued adjusts SA1 by 20.00.
  expect(pick(dec!.items, 'item', 'SA1')).toMatchObject({
    openingValue: '656.67',
    receiptValue: '20.00',
    closingValue: '676.67',
  });
  expect(dec!.reconciliation.difference).toBe('0.00');
});

/**
 * Three months worked by hand (docs/costing.md, "Worked example: three months"): WIP at
 * material cost carried over two periods, a WIP count, a two-level roll-up, a purchase return,
 * pools by hours, by quantity with a coefficient and by material, a pool with no basis left
 * unallocated, a count loss.
 */
it('cli cost carries three months from one to the next, to the cent', async () => {
  const report = await cost(example('period-three-months.json').pathname);
  const [sep, oct, nov] = report.periods;
  expect(pick(sep!.orders, 'no', 'MO-SA')).toMatchObject({
    received: '6',
    material: '110.00',
    pools: { labour: '300.00', overhead: '150.00', power: '0.00' },
    completed: '516.00',
    unitCost: '86.0000',
    closingWip: '44.00',
  });
  expect(sep!.reconciliation).toEqual({ in: '1550.00', out: '1550.00', difference: '0.00' });

  expect(pick(oct!.items, 'item', 'RM1')).toMatchObject({
    receiptQty: '-10',
    receiptValue: '-60.00',
    closingValue: '930.00',
    unitCost: '5.4706',
  });
  expect(pick(oct!.orders, 'no', 'MO-SA')).toMatchObject({
    openingWip: '44.00',
    pools: { labour: '50.00', overhead: '0.00', power: '0.00' },
    completed: '94.00',
    closingWip: '0.00',
  });
  expect(pick(oct!.items, 'item', 'SA1')).toMatchObject({
    outValue: '610.00',
    unitCost: '61.0000',
  });
  expect(pick(oct!.orders, 'no', 'MO-FG')).toMatchObject({
    received: '8',
    material: '610.00',
    pools: { labour: '200.00', overhead: '0.00', power: '100.00' },
    completed: '842.22',
    unitCost: '105.2775',
    closingWip: '67.78',
  });
  expect(pick(oct!.items, 'item', 'FG1')).toMatchObject({
    outValue: '526.39',
    closingValue: '315.83',
  });
  expect(oct!.reconciliation).toEqual({ in: '1840.00', out: '1840.00', difference: '0.00' });

  expect(pick(nov!.orders, 'no', 'MO-FG')).toMatchObject({
    openingWip: '67.78',
    pools: { labour: '40.00', overhead: '90.00', power: '0.00' },
    completed: '197.78',
    unitCost: '98.8900',
    closingWip: '0.00',
  });
  expect(pick(nov!.items, 'item', 'RM1')).toMatchObject({
    outValue: '16.41',
    closingValue: '913.59',
  });
  expect(pick(nov!.pools, 'code', 'power')).toEqual({
    code: 'power',
    amount: '60.00',
    allocated: '0.00',
    unallocated: '60.00',
  });
  expect(nov!.reconciliation).toEqual({ in: '1503.61', out: '1503.61', difference: '0.00' });
});

it('cli cost refuses a bad file listing every problem, and prints no report', async () => {
  const file = JSON.parse(readFileSync(example('period-scenario.json'), 'utf8'));
  file.events[0].lines[0].price = '11.0000001';
  file.events[1].date = '2027-01-04';
  file.events.push({ date: '2026-11-30', kind: 'expense', pool: 'nosuch', amount: '5.00' });
  const path = join(dir, 'bad-period.json');
  writeFileSync(path, JSON.stringify(file));
  const run = npm(['run', '--silent', 'cli', '--', 'cost', path, '--json'], { DATA_DIR: dir });
  expect(await exited(run.child)).toBe(1);
  const out = run.output();
  expect(out).toContain('events[0].lines[0].price');
  expect(out).not.toContain('"periods"');
  // Shape first: with the price fixed the semantic problems show, all of them.
  file.events[0].lines[0].price = '11.00';
  writeFileSync(path, JSON.stringify(file));
  const again = npm(['run', '--silent', 'cli', '--', 'cost', path, '--json'], { DATA_DIR: dir });
  expect(await exited(again.child)).toBe(1);
  expect(again.output()).toContain('events[1].date');
  expect(again.output()).toContain(`events[${file.events.length - 1}].pool`);
});
