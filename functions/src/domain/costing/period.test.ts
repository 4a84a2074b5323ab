import { AppError } from '@factory/shared';
import { aMove, anOrder, aPeriod } from './builders.js';
import { costPeriod } from './period.js';
import type { CostingInput } from './types.js';

const itemOf = (r: ReturnType<typeof costPeriod>, code: string) =>
  r.items.find((i) => i.item === code)!;
const orderOf = (r: ReturnType<typeof costPeriod>, no: string) =>
  r.orders.find((o) => o.no === no)!;

/** The SCENARIO.md period file's November, worked by hand below. */
function scenarioNovember(): CostingInput {
  return aPeriod({
    items: [
      { code: 'FG1', llc: 0 },
      { code: 'SA1', llc: 0 },
      { code: 'RM1', llc: 1 },
    ],
    opening: {
      stock: [{ item: 'RM1', qty: '100', value: '1000.00' }],
      wip: [{ order: 'MO-1', material: '200.00', pools: { labour: '50.00' } }],
    },
    orders: [
      anOrder('MO-1', 'FG1', { closedOn: '2026-11-28', hours: '8' }),
      anOrder('OS-1', 'SA1', { kind: 'outsourcing', qty: '120', fee: '450.00' }),
    ],
    moves: [
      aMove('purchase', 'RM1', '50', { price: '11.00', date: '2026-11-03' }),
      aMove('issue', 'RM1', '-30', { order: 'MO-1', date: '2026-11-04' }),
      aMove('issue', 'RM1', '2', { order: 'MO-1', date: '2026-11-05' }),
      aMove('output', 'FG1', '10', { order: 'MO-1', date: '2026-11-06' }),
      aMove('transfer', 'RM1', '-20', { doc: 'TR-1', line: 1, date: '2026-11-07' }),
      aMove('transfer', 'RM1', '20', { doc: 'TR-1', line: 1, date: '2026-11-07' }),
      aMove('output', 'SA1', '100', { order: 'OS-1', doc: 'OR-1', date: '2026-11-09' }),
      aMove('consume', 'RM1', '-20', { order: 'OS-1', doc: 'OR-1', line: 2, date: '2026-11-09' }),
      aMove('delivery', 'FG1', '-4', { date: '2026-11-25' }),
      aMove('scrap', 'RM1', '-1', { date: '2026-11-26' }),
    ],
    pools: [
      { code: 'labour', basis: 'hours', amount: '1000.00' },
      { code: 'overhead', basis: 'quantity', amount: '0' },
    ],
  });
}

describe('costPeriod: the SCENARIO month by hand', () => {
  const r = costPeriod(scenarioNovember());

  test('rule 2: RM1 at the weighted average, shared to the cent over its consumers', () => {
    // V = 1000 + 50 × 11 = 1550.00, Q = 150. Consumers in order of first move: MO-1's net
    // issues 28 (289.333…), OS-1's consumption 20 (206.666…), the scrap 1 (10.333…), closing
    // 101 (1043.666…): floors 1549.98, the two fen to the .666 remainders (OS-1, closing).
    expect(itemOf(r, 'RM1')).toEqual({
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
  });

  test('rule 5: a closed order received in full takes everything to its output', () => {
    // 250.00 opening WIP + 289.33 material + 1000.00 labour (all 8 hours are MO-1's).
    expect(orderOf(r, 'MO-1')).toMatchObject({
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
  });

  test('an outsourcing order: consumption at the subcontractor and the fee go to the output', () => {
    // W = 120 − 100 = 20, but its net-issues material is 0 (sends move no value), so WIP is 0.
    expect(orderOf(r, 'OS-1')).toMatchObject({
      received: '100',
      material: '206.67',
      outsourcingFee: '450.00',
      completed: '656.67',
      unitCost: '6.5667',
      closingWip: '0.00',
      wipQty: '20',
    });
  });

  test('roll-up: the products are received at their orders’ output', () => {
    // FG1: 1539.33 over the delivery 4 (615.732) and closing 6 (923.598): 615.73 + 923.60.
    expect(itemOf(r, 'FG1')).toMatchObject({
      receiptValue: '1539.33',
      outValue: '615.73',
      closingValue: '923.60',
      unitCost: '153.9330',
    });
    expect(itemOf(r, 'SA1')).toMatchObject({ receiptValue: '656.67', closingValue: '656.67' });
    expect(r.receiptValues.map((v) => [v.item, v.order, v.value])).toEqual([
      ['FG1', 'MO-1', '1539.33'],
      ['SA1', 'OS-1', '656.67'],
    ]);
  });

  test('rule 7: it reconciles to the cent', () => {
    // In: 1000 + 250 + 550 + 450 + 1000 = 3250.00; out: stock 1043.67 + 923.60 + 656.67,
    // delivery 615.73, scrap 10.33.
    expect(r.reconciliation).toMatchObject({ in: '3250.00', out: '3250.00', difference: '0.00' });
    expect(r.pools).toEqual([
      { code: 'labour', amount: '1000.00', allocated: '1000.00', unallocated: '0.00' },
      { code: 'overhead', amount: '0.00', allocated: '0.00', unallocated: '0.00' },
    ]);
  });
});

describe('rule 2: items', () => {
  test('an order returning more than it took this period is a receipt at V′/Q′', () => {
    // Opening 10 @ 30.00; purchase 20 @ 3.50 = 70.00: V′ = 100.00, Q′ = 30. MO-1 returns 3
    // (issued last month): 3 × 100 / 30 = 10.00 in, negative direct material of MO-1.
    const r = costPeriod(
      aPeriod({
        items: [{ code: 'RM', llc: 1 }],
        opening: { stock: [{ item: 'RM', qty: '10', value: '30.00' }], wip: [] },
        orders: [anOrder('MO-1', 'FG', { closedOn: '2026-11-20' })],
        moves: [
          aMove('purchase', 'RM', '20', { price: '3.50' }),
          aMove('issue', 'RM', '3', { order: 'MO-1' }),
          aMove('scrap', 'RM', '-11'),
        ],
      }),
    );
    expect(itemOf(r, 'RM')).toMatchObject({
      receiptQty: '23',
      receiptValue: '80.00',
      outQty: '11',
      closingQty: '22',
      unitCost: '3.3333',
    });
    // 110.00 over scrap 11 (36.666…) and closing 22 (73.333…): 36.67 + 73.33.
    expect(itemOf(r, 'RM')).toMatchObject({ outValue: '36.67', closingValue: '73.33' });
    expect(orderOf(r, 'MO-1')).toMatchObject({ material: '-10.00', loss: '-10.00' });
    expect(r.reconciliation.difference).toBe('0.00');
  });

  test('an adjustment never takes V below zero: the excess is the price difference', () => {
    const r = costPeriod(
      aPeriod({
        items: [{ code: 'SA', llc: 0 }],
        opening: { stock: [{ item: 'SA', qty: '5', value: '10.00' }], wip: [] },
        moves: [aMove('adjustment', 'SA', '0', { value: '-12.50' })],
      }),
    );
    expect(itemOf(r, 'SA')).toMatchObject({
      closingQty: '5',
      closingValue: '0.00',
      priceDifference: '-2.50',
      unitCost: '0.0000',
    });
    expect(r.reconciliation.difference).toBe('0.00');
  });

  test('an item with no quantity left keeps its value as the price difference', () => {
    const r = costPeriod(
      aPeriod({
        items: [{ code: 'SA', llc: 0 }],
        opening: { stock: [{ item: 'SA', qty: '2', value: '8.00' }], wip: [] },
        moves: [
          aMove('delivery', 'SA', '-2', { date: '2026-11-05' }),
          aMove('adjustment', 'SA', '0', { value: '1.20', date: '2026-11-20' }),
        ],
      }),
    );
    // V = 9.20 over the delivery 2 and closing 0: all to the delivery; Q = 2 ≠ 0.
    expect(itemOf(r, 'SA')).toMatchObject({ outValue: '9.20', priceDifference: '0.00' });
    const empty = costPeriod(
      aPeriod({
        items: [{ code: 'SA', llc: 0 }],
        moves: [aMove('adjustment', 'SA', '0', { value: '1.20' })],
      }),
    );
    expect(itemOf(empty, 'SA')).toMatchObject({ priceDifference: '1.20', unitCost: null });
  });

  test('a period closing with negative stock is refused naming every item', () => {
    const run = () =>
      costPeriod(
        aPeriod({
          moves: [aMove('scrap', 'B', '-1'), aMove('scrap', 'A', '-2'), aMove('scrap', 'C', '0')],
        }),
      );
    expect(run).toThrow(AppError);
    expect(run).toThrow('期末库存为负，无法核算：A、B');
  });

  test('purchase returns leave at the returned receipt’s price, half up once per line', () => {
    const r = costPeriod(
      aPeriod({
        items: [{ code: 'RM', llc: 0 }],
        moves: [
          aMove('purchase', 'RM', '3', { price: '0.335' }), // 1.005 → 1.01
          aMove('purchase', 'RM', '-1', { price: '0.335' }), // 0.335 → 0.34
        ],
      }),
    );
    expect(itemOf(r, 'RM')).toMatchObject({
      receiptQty: '2',
      receiptValue: '0.67',
      closingValue: '0.67',
    });
  });
});

describe('rule 4: pools', () => {
  const base = (pools: CostingInput['pools'], orders = ['MO-2', 'MO-10', 'MO-9']) =>
    aPeriod({
      items: [
        { code: 'A', llc: 0, costCoefficient: '1.5' },
        { code: 'B', llc: 0 },
      ],
      orders: orders.map((no, i) =>
        anOrder(no, i === 0 ? 'A' : 'B', { hours: ['1', '1', '1'][i], workshop: i ? 'W2' : 'W1' }),
      ),
      moves: orders.map((no) => aMove('output', no === 'MO-2' ? 'A' : 'B', '10', { order: no })),
      pools,
    });

  test('hours shared in order of date then number (MO-10 before MO-9), ties to the earlier', () => {
    const r = costPeriod(base([{ code: 'labour', basis: 'hours', amount: '100.00' }]));
    // 10000 fen / 3: 3333 each, one fen left to the earliest of the tie: MO-10.
    expect(r.orders.map((o) => [o.no, o.pools.labour])).toEqual([
      ['MO-10', '33.34'],
      ['MO-2', '33.33'],
      ['MO-9', '33.33'],
    ]);
  });

  test('quantity × coefficient; a workshop pool over its orders only', () => {
    const r = costPeriod(
      base([
        { code: 'overhead', basis: 'quantity', amount: '35.00' },
        { code: 'w2', basis: 'quantity', amount: '10.01', workshop: 'W2' },
      ]),
    );
    // overhead: A 10 × 1.5 = 15, B 10 and 10: 15.00 / 10.00 / 10.00; w2: 5.01 / 5.00.
    expect(r.orders.map((o) => [o.no, o.pools.overhead, o.pools.w2])).toEqual([
      ['MO-10', '10.00', '5.01'],
      ['MO-2', '15.00', '0.00'],
      ['MO-9', '10.00', '5.00'],
    ]);
  });

  test('a pool with zero basis stays unallocated (carried), never divided by zero', () => {
    const r = costPeriod(
      base([{ code: 'labour', basis: 'hours', amount: '80.00', carriedIn: '20.00' }], []),
    );
    expect(r.pools).toEqual([
      { code: 'labour', amount: '100.00', allocated: '0.00', unallocated: '100.00' },
    ]);
    expect(r.reconciliation).toMatchObject({ in: '100.00', difference: '0.00' });
  });

  test('a material basis is the direct material of a first pass without material pools', () => {
    // MO-A draws 10.00 of RM, MO-B 30.00; overhead 100.00 by material: 25.00 / 75.00, even
    // though the labour pool (hours, all MO-A's) is part of the orders' costs.
    const r = costPeriod(
      aPeriod({
        items: [
          { code: 'RM', llc: 1 },
          { code: 'P', llc: 0 },
        ],
        opening: { stock: [{ item: 'RM', qty: '40', value: '40.00' }], wip: [] },
        orders: [
          anOrder('MO-A', 'P', { hours: '5', qty: '1' }),
          anOrder('MO-B', 'P', { qty: '1' }),
        ],
        moves: [
          aMove('issue', 'RM', '-10', { order: 'MO-A' }),
          aMove('issue', 'RM', '-30', { order: 'MO-B' }),
          aMove('output', 'P', '1', { order: 'MO-A' }),
          aMove('output', 'P', '1', { order: 'MO-B' }),
        ],
        pools: [
          { code: 'labour', basis: 'hours', amount: '7.00' },
          { code: 'overhead', basis: 'material', amount: '100.00' },
        ],
      }),
    );
    expect(r.orders.map((o) => [o.no, o.material, o.pools.overhead, o.completed])).toEqual([
      ['MO-A', '10.00', '25.00', '42.00'],
      ['MO-B', '30.00', '75.00', '105.00'],
    ]);
  });
});

describe('rule 5: orders', () => {
  const withWip = (order: Parameters<typeof anOrder>[2], moves = true) =>
    costPeriod(
      aPeriod({
        items: [
          { code: 'RM', llc: 1 },
          { code: 'P', llc: 0 },
        ],
        opening: {
          stock: [
            { item: 'RM', qty: '100', value: '100.00' },
            { item: 'BF', qty: '10', value: '5.00' },
          ],
          wip: [{ order: 'MO-1', material: '12.00', pools: { labour: '3.00' } }],
        },
        orders: [anOrder('MO-1', 'P', { qty: '10', hours: '2', ...order })],
        moves: moves
          ? [
              aMove('issue', 'RM', '-21', { order: 'MO-1' }),
              aMove('output', 'P', '4', { order: 'MO-1', date: '2026-11-11' }),
              aMove('consume', 'BF', '-4', { order: 'MO-1', date: '2026-11-11' }),
              aMove('output', 'P', '2', { order: 'MO-1', date: '2026-11-12' }),
            ]
          : [],
        pools: [{ code: 'labour', basis: 'hours', amount: '8.00' }],
      }),
    );

  test('R and W: WIP at material cost (opening + net issues, R : W), the rest to the output', () => {
    // R = 6, W = 10 − 6 = 4. Material for the split = 12.00 + 21.00 = 33.00: R 19.80, W 13.20.
    // Output = 3.00 + 12.00 + 21.00 + 2.00 (backflush) + 8.00 − 13.20 = 32.80 over 4 : 2.
    const r = withWip({});
    expect(orderOf(r, 'MO-1')).toMatchObject({
      received: '6',
      openingWip: '15.00',
      material: '23.00',
      completed: '32.80',
      closingWip: '13.20',
      closingWipElements: { material: '13.20', pools: {}, fee: '0.00' },
      unitCost: '5.4667',
      wipQty: '4',
    });
    expect(r.receiptValues.map((v) => v.value)).toEqual(['21.87', '10.93']);
    expect(r.reconciliation.difference).toBe('0.00');
  });

  test('a WIP count replaces qty − received', () => {
    // W = 2: 33.00 shared 6 : 2 → WIP 8.25.
    expect(orderOf(withWip({ wipCount: '2' }), 'MO-1')).toMatchObject({
      closingWip: '8.25',
      completed: '37.75',
    });
  });

  test('nothing received: everything stays in WIP, by element', () => {
    const r = withWip({}, false);
    expect(orderOf(r, 'MO-1')).toMatchObject({
      completed: '0.00',
      unitCost: null,
      closingWip: '23.00',
      closingWipElements: { material: '12.00', pools: { labour: '11.00' }, fee: '0.00' },
    });
  });

  test('closed with nothing received this period: a production loss', () => {
    const r = withWip({ closedOn: '2026-11-30' }, false);
    expect(orderOf(r, 'MO-1')).toMatchObject({ loss: '23.00', closingWip: '0.00' });
    expect(r.reconciliation).toMatchObject({ difference: '0.00' });
    expect(r.reconciliation.parts.productionLosses).toBe('23.00');
  });
});

describe('rule 6: roll-up', () => {
  test('a sub-assembly is costed before the parent order that draws it, through two levels', () => {
    // MO-S makes 4 S from 8 RM (16.00) + labour 4.00 = 20.00 (5.00 each); MO-P draws 3 S
    // (15.00) and makes 1 P; S closes 1 @ 5.00.
    const r = costPeriod(
      aPeriod({
        items: [
          { code: 'P', llc: 0 },
          { code: 'S', llc: 1 },
          { code: 'RM', llc: 2 },
        ],
        opening: { stock: [{ item: 'RM', qty: '8', value: '16.00' }], wip: [] },
        orders: [
          anOrder('MO-P', 'P', { qty: '1' }),
          anOrder('MO-S', 'S', { qty: '4', hours: '1' }),
        ],
        moves: [
          aMove('issue', 'S', '-3', { order: 'MO-P', date: '2026-11-20' }),
          aMove('output', 'P', '1', { order: 'MO-P', date: '2026-11-21' }),
          aMove('issue', 'RM', '-8', { order: 'MO-S', date: '2026-11-03' }),
          aMove('output', 'S', '4', { order: 'MO-S', date: '2026-11-05' }),
        ],
        pools: [{ code: 'labour', basis: 'hours', amount: '4.00' }],
      }),
    );
    expect(orderOf(r, 'MO-S')).toMatchObject({ completed: '20.00', unitCost: '5.0000' });
    expect(orderOf(r, 'MO-P')).toMatchObject({ material: '15.00', completed: '15.00' });
    expect(itemOf(r, 'S')).toMatchObject({ closingQty: '1', closingValue: '5.00' });
    expect(itemOf(r, 'P')).toMatchObject({ closingValue: '15.00' });
  });

  test('consumption looping outside the BOM levels is refused naming items and orders', () => {
    const loop = () =>
      costPeriod(
        aPeriod({
          items: [
            { code: 'A', llc: 0 },
            { code: 'B', llc: 0 },
          ],
          opening: {
            stock: [
              { item: 'A', qty: '5', value: '5.00' },
              { item: 'B', qty: '5', value: '5.00' },
            ],
            wip: [],
          },
          orders: [anOrder('MO-A', 'A'), anOrder('MO-B', 'B')],
          moves: [
            aMove('issue', 'B', '-1', { order: 'MO-A' }),
            aMove('output', 'A', '1', { order: 'MO-A' }),
            aMove('issue', 'A', '-1', { order: 'MO-B' }),
            aMove('output', 'B', '1', { order: 'MO-B' }),
          ],
        }),
      );
    expect(loop).toThrow('物料 A、B；订单 MO-A、MO-B');
  });
});

describe('rule 6: a rework order', () => {
  test('its product goes and comes back without value; its cost adjusts the product', () => {
    // P: 10 at 100.00. RW-1 repairs 2 of them with 2 RM (4.00) and an hour of labour (6.00):
    // P's V = 110.00 over the delivery 5 and closing 5: 55.00 each, unit 11.0000.
    const r = costPeriod(
      aPeriod({
        items: [
          { code: 'P', llc: 0 },
          { code: 'RM', llc: 1 },
        ],
        opening: {
          stock: [
            { item: 'P', qty: '10', value: '100.00' },
            { item: 'RM', qty: '10', value: '20.00' },
          ],
          wip: [],
        },
        orders: [anOrder('RW-1', 'P', { qty: '2', hours: '1', rework: true })],
        moves: [
          aMove('transfer', 'P', '-2', { date: '2026-11-03' }),
          aMove('issue', 'RM', '-2', { order: 'RW-1', date: '2026-11-04' }),
          aMove('transfer', 'P', '2', { date: '2026-11-05' }),
          aMove('delivery', 'P', '-5', { date: '2026-11-20' }),
        ],
        pools: [{ code: 'labour', basis: 'hours', amount: '6.00' }],
      }),
    );
    expect(orderOf(r, 'RW-1')).toMatchObject({
      material: '4.00',
      pools: { labour: '6.00' },
      completed: '10.00',
      unitCost: null,
      closingWip: '0.00',
    });
    expect(itemOf(r, 'P')).toMatchObject({
      receiptValue: '10.00',
      outValue: '55.00',
      closingValue: '55.00',
      unitCost: '11.0000',
    });
    expect(r.receiptValues).toEqual([]);
    expect(r.reconciliation).toMatchObject({ in: '126.00', out: '126.00', difference: '0.00' });
  });
});
