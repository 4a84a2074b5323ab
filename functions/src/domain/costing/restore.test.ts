import { costPeriod } from './period.js';
import { restoredComposition } from './restore.js';
import type { CostingInput } from './types.js';

/**
 * October of docs/costing.md's three-month example: FG1 drew the 10 SA1 at 610.00, of which
 * 542.22 went to its output; SA1's output this month (MO-SA's last 4) was 44.00 material (its
 * opening WIP) and 50.00 labour, so the 542.22 splits 44 : 50 back into 253.81 material and
 * 288.41 labour (54,222 fen × 44/94 = 25,380.51 and × 50/94 = 28,841.49: the fen left goes to
 * the larger remainder .51).
 */
const october: CostingInput = {
  period: { id: '2026-10', from: '2026-10-01', to: '2026-10-31' },
  items: [
    { code: 'RM1', llc: 2 },
    { code: 'SA1', llc: 1, costCoefficient: '1.5' },
    { code: 'FG1', llc: 0 },
  ],
  opening: {
    stock: [
      { item: 'RM1', qty: '180', value: '990.00' },
      { item: 'SA1', qty: '6', value: '516.00' },
    ],
    wip: [{ order: 'MO-SA', material: '44.00', pools: {}, fee: '0.00' }],
  },
  orders: [
    {
      no: 'MO-SA',
      kind: 'task',
      item: 'SA1',
      qty: '10',
      date: '2026-09-01',
      receivedBefore: '6',
      hours: '5',
    },
    {
      no: 'MO-FG',
      kind: 'task',
      item: 'FG1',
      qty: '10',
      date: '2026-09-01',
      hours: '20',
      wipCount: '1',
    },
  ],
  moves: [
    {
      kind: 'output',
      item: 'SA1',
      qty: '4',
      order: 'MO-SA',
      doc: 'RC1',
      line: 1,
      date: '2026-10-05',
    },
    {
      kind: 'issue',
      item: 'SA1',
      qty: '-10',
      order: 'MO-FG',
      doc: 'PK1',
      line: 1,
      date: '2026-10-06',
    },
    {
      kind: 'output',
      item: 'FG1',
      qty: '8',
      order: 'MO-FG',
      doc: 'RC2',
      line: 1,
      date: '2026-10-08',
    },
    {
      kind: 'purchase',
      item: 'RM1',
      qty: '-10',
      price: '6.00',
      doc: 'RT1',
      line: 1,
      date: '2026-10-20',
    },
    { kind: 'delivery', item: 'FG1', qty: '-5', doc: 'DL1', line: 1, date: '2026-10-25' },
  ],
  pools: [
    { code: 'labour', basis: 'hours', amount: '250.00' },
    { code: 'overhead', basis: 'quantity', amount: '0.00' },
    { code: 'power', basis: 'material', amount: '100.00' },
  ],
};

test('restores a product made of a sub-assembly made this period into its elements, to the cent', () => {
  const result = costPeriod(october);
  expect(result.orders.find((o) => o.no === 'MO-FG')!.completed).toBe('842.22');
  const restored = restoredComposition(october, result);
  expect(restored.get('SA1')).toEqual({
    material: '44.00',
    pools: { labour: '50.00', overhead: '0.00', power: '0.00' },
    outsourcingFee: '0.00',
  });
  expect(restored.get('FG1')).toEqual({
    material: '253.81',
    pools: { labour: '488.41', overhead: '0.00', power: '100.00' },
    outsourcingFee: '0.00',
  });
});

test('material of an item not made this period stays material; a closed order with a loss restores nothing', () => {
  const result = costPeriod({
    ...october,
    orders: october.orders.map((o) => (o.no === 'MO-SA' ? { ...o, closedOn: '2026-10-02' } : o)),
    moves: october.moves.filter((m) => m.doc !== 'RC1'),
    opening: {
      ...october.opening,
      stock: [...october.opening.stock, { item: 'SA1', qty: '4', value: '100.00' }],
    },
  });
  const restored = restoredComposition(october, result);
  // MO-SA received nothing and was closed: its 94.00 is a loss, SA1 was not made this month.
  expect(restored.has('SA1')).toBe(false);
  expect(restored.get('FG1')!.material).not.toBe('0.00');
  expect(Object.values(restored.get('FG1')!.pools)).toEqual(['200.00', '0.00', '100.00']);
});
