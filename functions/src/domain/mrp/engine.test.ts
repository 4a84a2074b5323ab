import { anInput, anItem, bom, made, phantomItem, so } from './builders.js';
import { planMrp } from './engine.js';
import type { PlannedOrder } from './types.js';

const ordersOf = (orders: PlannedOrder[], item: string) => orders.filter((o) => o.item === item);
const brief = (o: PlannedOrder) => `${o.item} ${o.qty} ${o.releaseDate}>${o.dueDate}`;

describe('regressions peers have shipped', () => {
  test('a sub-assembly shared by two products gets both demands summed', () => {
    const r = planMrp(
      anInput({
        items: [made('A'), made('B'), made('SA', { leadTimeDays: 1 }), anItem('RM')],
        boms: new Map([
          ['A', bom([['SA', '1']])],
          ['B', bom([['SA', '2']])],
          ['SA', bom([['RM', '3']])],
        ]),
        salesOrders: [so('SO1', 'A', '10', '2026-12-10'), so('SO2', 'B', '5', '2026-12-10')],
      }),
    );
    expect(ordersOf(r.plannedOrders, 'SA').map(brief)).toEqual(['SA 20 2026-12-09>2026-12-10']);
    expect(ordersOf(r.plannedOrders, 'RM').map(brief)).toEqual(['RM 60 2026-12-09>2026-12-09']);
  });

  test('a minimum order quantity applies per item and day, not per demand row', () => {
    const r = planMrp(
      anInput({
        items: [anItem('RM', { lotSizing: { rule: 'minMultiple', min: '100' } })],
        salesOrders: [
          so('SO1', 'RM', '30', '2026-12-10'),
          so('SO2', 'RM', '40', '2026-12-10'),
          so('SO3', 'RM', '10', '2026-12-10'),
        ],
      }),
    );
    expect(r.plannedOrders.map(brief)).toEqual(['RM 100 2026-12-10>2026-12-10']);
    expect(r.plannedOrders[0]!.pegging).toEqual([
      { demand: 'SO1/1', qty: '30' },
      { demand: 'SO2/1', qty: '40' },
      { demand: 'SO3/1', qty: '10' },
    ]);
  });

  test('stock is not counted twice across two orders', () => {
    const r = planMrp(
      anInput({
        items: [anItem('RM')],
        stock: [{ item: 'RM', qty: '50' }],
        salesOrders: [so('SO1', 'RM', '40', '2026-12-10'), so('SO2', 'RM', '40', '2026-12-11')],
      }),
    );
    expect(r.plannedOrders.map(brief)).toEqual(['RM 30 2026-12-11>2026-12-11']);
  });

  test('nested phantoms multiply through, with their loss rates, and are never ordered', () => {
    const r = planMrp(
      anInput({
        items: [made('FG'), phantomItem('P1'), phantomItem('P2'), anItem('RM', { precision: 3 })],
        boms: new Map([
          ['FG', bom([['P1', '2', '0.1']])],
          ['P1', bom([['P2', '3']])],
          ['P2', bom([['RM', '0.5', '0.02']])],
        ]),
        salesOrders: [so('SO1', 'FG', '10', '2026-12-10')],
      }),
    );
    expect(r.plannedOrders.map((o) => o.item)).toEqual(['FG', 'RM']);
    // 10 x 2 x 1.1 = 22 P1; x 3 = 66 P2; x 0.5 x 1.02 = 33.66 RM
    expect(ordersOf(r.plannedOrders, 'RM')[0]!.qty).toBe('33.66');
  });

  test('available sub-assembly stock is used before its components are planned', () => {
    const r = planMrp(
      anInput({
        items: [made('FG'), made('SA'), anItem('RM')],
        boms: new Map([
          ['FG', bom([['SA', '1']])],
          ['SA', bom([['RM', '4']])],
        ]),
        stock: [{ item: 'SA', qty: '7' }],
        salesOrders: [so('SO1', 'FG', '10', '2026-12-10')],
      }),
    );
    expect(ordersOf(r.plannedOrders, 'SA').map((o) => o.qty)).toEqual(['3']);
    expect(ordersOf(r.plannedOrders, 'RM').map((o) => o.qty)).toEqual(['12']);
  });

  test('lead times of siblings are not added together', () => {
    const r = planMrp(
      anInput({
        items: [
          made('FG', { leadTimeDays: 2 }),
          anItem('C1', { leadTimeDays: 3 }),
          anItem('C2', { leadTimeDays: 5 }),
        ],
        boms: new Map([
          [
            'FG',
            bom([
              ['C1', '1'],
              ['C2', '1'],
            ]),
          ],
        ]),
        salesOrders: [so('SO1', 'FG', '1', '2026-12-31')],
      }),
    );
    // FG due Thu 12-31, released Tue 12-29; each component is due then, each with its own lead time.
    expect(r.plannedOrders.map(brief)).toEqual([
      'C1 1 2026-12-24>2026-12-29',
      'C2 1 2026-12-22>2026-12-29',
      'FG 1 2026-12-29>2026-12-31',
    ]);
  });
});
