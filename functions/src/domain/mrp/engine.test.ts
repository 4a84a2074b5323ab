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

describe('rules', () => {
  test('safety stock: a shortfall below it is ordered at once and pegged to SAFETY', () => {
    const r = planMrp(
      anInput({ items: [anItem('RM', { safetyStock: '20' })], stock: [{ item: 'RM', qty: '5' }] }),
    );
    expect(r.plannedOrders.map(brief)).toEqual(['RM 15 2026-12-01>2026-12-01']);
    expect(r.plannedOrders[0]!.pegging).toEqual([{ demand: 'SAFETY', qty: '15' }]);
  });

  test('safety stock is kept while demand is met', () => {
    const r = planMrp(
      anInput({
        items: [anItem('RM', { safetyStock: '20' })],
        stock: [{ item: 'RM', qty: '50' }],
        salesOrders: [so('SO1', 'RM', '40', '2026-12-10')],
      }),
    );
    expect(r.plannedOrders.map(brief)).toEqual(['RM 10 2026-12-10>2026-12-10']);
  });

  test('fixed lot: orders are multiples of the lot', () => {
    const r = planMrp(
      anInput({
        items: [anItem('RM', { lotSizing: { rule: 'fixed', qty: '25' } })],
        salesOrders: [so('S', 'RM', '60', '2026-12-10')],
      }),
    );
    expect(r.plannedOrders.map((o) => o.qty)).toEqual(['75']);
  });

  test('minimum plus multiple: at least the minimum, rounded up to the multiple', () => {
    const r = planMrp(
      anInput({
        items: [
          anItem('RM', {
            precision: 3,
            lotSizing: { rule: 'minMultiple', min: '100', multiple: '25' },
          }),
        ],
        salesOrders: [so('S1', 'RM', '76.5', '2026-12-10'), so('S2', 'RM', '130', '2026-12-20')],
      }),
    );
    // day 1: max(76.5, 100) = 100; 23.5 left over; day 2 needs 106.5 -> 125.
    expect(r.plannedOrders.map((o) => o.qty)).toEqual(['100', '125']);
  });

  test('period rule: one order covers the net requirements of N calendar days from its due date', () => {
    const r = planMrp(
      anInput({
        items: [anItem('RM', { lotSizing: { rule: 'period', days: 7 } })],
        salesOrders: [
          so('S1', 'RM', '10', '2026-12-07'),
          so('S2', 'RM', '20', '2026-12-09'),
          so('S3', 'RM', '30', '2026-12-13'),
          so('S4', 'RM', '40', '2026-12-14'),
        ],
      }),
    );
    expect(r.plannedOrders.map(brief)).toEqual([
      'RM 60 2026-12-07>2026-12-07',
      'RM 40 2026-12-14>2026-12-14',
    ]);
    expect(r.plannedOrders[0]!.pegging.map((p) => p.demand)).toEqual(['S1/1', 'S2/1', 'S3/1']);
  });

  test('a planned quantity is rounded up to the unit precision after lot sizing', () => {
    const r = planMrp(
      anInput({
        items: [made('FG'), anItem('BOX', { precision: 0 }), anItem('KG', { precision: 2 })],
        boms: new Map([
          [
            'FG',
            bom([
              ['BOX', '0.3'],
              ['KG', '0.333', '0.01'],
            ]),
          ],
        ]),
        salesOrders: [so('S', 'FG', '7', '2026-12-10')],
      }),
    );
    // BOX: 2.1 -> 3; KG: 7 x 0.333 x 1.01 = 2.35431 -> 2.36
    expect(ordersOf(r.plannedOrders, 'BOX')[0]!.qty).toBe('3');
    expect(ordersOf(r.plannedOrders, 'KG')[0]!.qty).toBe('2.36');
    expect(ordersOf(r.plannedOrders, 'KG')[0]!.pegging[0]!.qty).toBe('2.35431');
  });

  test('lead time counts working days of the calendar; before the run date the order is late', () => {
    const r = planMrp(
      anInput({
        calendar: { nonWorkingWeekdays: [6, 7], holidays: ['2026-12-08'] },
        items: [anItem('RM', { leadTimeDays: 3 }), anItem('RUSH', { leadTimeDays: 10 })],
        salesOrders: [so('S1', 'RM', '1', '2026-12-10'), so('S2', 'RUSH', '1', '2026-12-04')],
      }),
    );
    // 12-10 (Thu) back 3 working days, skipping the holiday on Tue 12-08: Wed 12-09, Mon 12-07, Fri 12-04.
    expect(ordersOf(r.plannedOrders, 'RM').map(brief)).toEqual(['RM 1 2026-12-04>2026-12-10']);
    const rush = ordersOf(r.plannedOrders, 'RUSH')[0]!;
    expect([rush.releaseDate, rush.late]).toEqual(['2026-12-01', true]);
    expect(r.exceptions.filter((e) => e.kind === 'late').map((e) => e.item)).toEqual(['RUSH']);
  });

  test('MTO: demand nets only against stock and supply of its own tracking number', () => {
    const r = planMrp(
      anInput({
        items: [
          made('FG', { strategy: 'mto' }),
          anItem('MTOPART', { strategy: 'mto' }),
          anItem('POOL'),
        ],
        boms: new Map([
          [
            'FG',
            bom([
              ['MTOPART', '1'],
              ['POOL', '1'],
            ]),
          ],
        ]),
        stock: [
          { item: 'FG', qty: '100' }, // pool stock: not for an order
          { item: 'FG', qty: '3', trackingNo: 'SO1' },
          { item: 'POOL', qty: '4' },
        ],
        salesOrders: [so('SO1', 'FG', '10', '2026-12-10'), so('SO2', 'FG', '5', '2026-12-10')],
      }),
    );
    expect(ordersOf(r.plannedOrders, 'FG').map((o) => `${o.trackingNo}:${o.qty}`)).toEqual([
      'SO1:7',
      'SO2:5',
    ]);
    expect(ordersOf(r.plannedOrders, 'MTOPART').map((o) => `${o.trackingNo}:${o.qty}`)).toEqual([
      'SO1:7',
      'SO2:5',
    ]);
    // An MTS component nets in the pool across both orders: 12 needed, 4 on hand.
    expect(ordersOf(r.plannedOrders, 'POOL').map((o) => `${o.trackingNo}:${o.qty}`)).toEqual([
      'null:8',
    ]);
  });

  test('forecast: consumed by sales orders of its period, the rest on its first working day from the run date', () => {
    const r = planMrp(
      anInput({
        items: [anItem('FG')],
        salesOrders: [so('SO1', 'FG', '30', '2026-12-15'), so('SO2', 'FG', '500', '2027-01-05')],
        forecasts: [{ item: 'FG', from: '2026-11-28', to: '2026-12-31', qty: '100' }],
      }),
    );
    expect(
      r.plannedOrders.map(
        (o) => `${o.dueDate}:${o.qty}:${o.pegging.map((p) => p.demand).join(',')}`,
      ),
    ).toEqual(['2026-12-01:70:FC:FG:2026-11-28', '2026-12-15:30:SO1/1', '2027-01-05:500:SO2/1']);
  });

  test('a sales order line is demand only for qty − delivered; the whole line consumes the forecast', () => {
    const r = planMrp(
      anInput({
        items: [anItem('FG', { precision: 1 })],
        salesOrders: [
          { ...so('SO1', 'FG', '30', '2026-12-15'), delivered: '12.5' },
          { ...so('SO2', 'FG', '8', '2026-12-16'), delivered: '8' },
        ],
        forecasts: [{ item: 'FG', from: '2026-12-01', to: '2026-12-31', qty: '100' }],
      }),
    );
    expect(
      r.plannedOrders.map(
        (o) => `${o.dueDate}:${o.qty}:${o.pegging.map((p) => `${p.demand}=${p.qty}`).join(',')}`,
      ),
    ).toEqual(['2026-12-01:62:FC:FG:2026-12-01=62', '2026-12-15:17.5:SO1/1=17.5']);
  });

  test('open task orders: unissued component needs on the start date, open quantity a receipt on the due date', () => {
    const r = planMrp(
      anInput({
        items: [made('FG'), phantomItem('PH'), anItem('RM'), anItem('SCREW')],
        boms: new Map([
          [
            'FG',
            bom([
              ['RM', '2'],
              ['PH', '1'],
            ]),
          ],
          ['PH', bom([['SCREW', '4']])],
        ]),
        workOrders: [
          {
            no: 'MO1',
            kind: 'task',
            item: 'FG',
            qty: '10',
            received: '4',
            startDate: '2026-12-03',
            dueDate: '2026-12-08',
            issued: [{ item: 'RM', qty: '5' }],
          },
        ],
        salesOrders: [so('SO1', 'FG', '6', '2026-12-09')],
      }),
    );
    expect(ordersOf(r.plannedOrders, 'FG')).toEqual([]); // the task order's 6 cover the sale
    expect(ordersOf(r.plannedOrders, 'RM').map((o) => `${o.dueDate}:${o.qty}`)).toEqual([
      '2026-12-03:15',
    ]);
    expect(ordersOf(r.plannedOrders, 'SCREW').map((o) => `${o.dueDate}:${o.qty}`)).toEqual([
      '2026-12-03:40',
    ]);
    expect(ordersOf(r.plannedOrders, 'RM')[0]!.pegging).toEqual([{ demand: 'MO1', qty: '15' }]);
  });

  test('a rework order: its explicit needs replace the BOM, its output is a scheduled receipt', () => {
    // FG needs 2 RM per unit by its BOM; the rework of 5 rejected FG needs only 3 GLUE (its
    // rejected FG is not planning stock and is no demand) and brings 5 FG on its due date.
    const r = planMrp(
      anInput({
        items: [made('FG'), anItem('RM'), anItem('GLUE')],
        boms: new Map([['FG', bom([['RM', '2']])]]),
        workOrders: [
          {
            no: 'RW1',
            kind: 'task',
            item: 'FG',
            qty: '5',
            received: '0',
            startDate: '2026-12-03',
            dueDate: '2026-12-08',
            issued: [{ item: 'FG', qty: '5' }],
            needs: [{ item: 'GLUE', qty: '3' }],
          },
        ],
        salesOrders: [so('SO1', 'FG', '5', '2026-12-09')],
      }),
    );
    expect(ordersOf(r.plannedOrders, 'FG')).toEqual([]); // the rework's 5 cover the sale
    expect(ordersOf(r.plannedOrders, 'RM')).toEqual([]); // no BOM explosion
    expect(ordersOf(r.plannedOrders, 'GLUE').map((o) => `${o.dueDate}:${o.qty}`)).toEqual([
      '2026-12-03:3',
    ]);
  });

  test('scheduled receipts: a late one is pulled in, an unneeded one is flagged for cancel', () => {
    const r = planMrp(
      anInput({
        items: [anItem('RM', { defaultSupplier: 'S1' }), anItem('EXTRA')],
        purchaseOrders: [
          { no: 'PO1', item: 'RM', qty: '50', dueDate: '2026-12-15' },
          { no: 'PO2', item: 'EXTRA', qty: '10', dueDate: '2026-12-15' },
        ],
        salesOrders: [so('SO1', 'RM', '30', '2026-12-10')],
      }),
    );
    expect(r.plannedOrders).toEqual([]);
    expect(r.exceptions.map((e) => `${e.kind}:${e.item}`)).toEqual([
      'cancel:EXTRA',
      'rescheduleIn:RM',
    ]);
    expect(r.exceptions[1]!.detail).toContain('PO1：2026-12-15 → 2026-12-10');
  });

  test('a planned lot made after a receipt was pulled in is drawn on by later days', () => {
    // PO1 is pulled in whole for the 10th; the 11th then orders a lot of 100, which must
    // serve the 12th too. (The lot used to be skipped: the cursor of used-up lots had moved
    // past the emptied PO1, and the new lot went in before it.)
    const r = planMrp(
      anInput({
        items: [anItem('RM', { lotSizing: { rule: 'minMultiple', min: '100' } })],
        purchaseOrders: [{ no: 'PO1', item: 'RM', qty: '30', dueDate: '2026-12-20' }],
        salesOrders: [
          so('SO1', 'RM', '30', '2026-12-10'),
          so('SO2', 'RM', '20', '2026-12-11'),
          so('SO3', 'RM', '20', '2026-12-14'),
        ],
      }),
    );
    expect(r.plannedOrders.map(brief)).toEqual(['RM 100 2026-12-11>2026-12-11']);
    expect(r.plannedOrders[0]!.pegging).toEqual([
      { demand: 'SO2/1', qty: '20' },
      { demand: 'SO3/1', qty: '20' },
    ]);
  });

  test('substitutes: free stock of substitutes is used in priority order (x ratio) before anything is ordered', () => {
    const r = planMrp(
      anInput({
        items: [made('FG'), anItem('CAP'), anItem('ALT1'), anItem('ALT2', { precision: 1 })],
        boms: new Map([
          [
            'FG',
            [
              {
                version: 'V1',
                lines: [
                  {
                    component: 'CAP',
                    qtyPer: '1',
                    lossRate: '0',
                    substitutes: [
                      { item: 'ALT2', priority: 2, ratio: '0.5' },
                      { item: 'ALT1', priority: 1, ratio: '2' },
                    ],
                  },
                ],
              },
            ],
          ],
        ]),
        stock: [
          { item: 'ALT1', qty: '6' },
          { item: 'ALT2', qty: '1' },
        ],
        salesOrders: [so('SO1', 'FG', '10', '2026-12-10')],
      }),
    );
    // 10 CAP short: ALT1 (priority 1) 6 free -> covers 3 (x2); ALT2 1 free -> covers 2 (x0.5); 5 ordered.
    const cap = ordersOf(r.plannedOrders, 'CAP')[0]!;
    expect(cap.qty).toBe('5');
    expect(cap.substitutes).toEqual([
      { item: 'ALT1', qty: '6' },
      { item: 'ALT2', qty: '1' },
    ]);
    expect(ordersOf(r.plannedOrders, 'ALT1')).toEqual([]);
  });

  test('a task order’s unissued need may use the substitutes of its BOM line (through a phantom); a rework order’s may not', () => {
    const boms = new Map([
      ['FG', bom([['PH', '1']])],
      [
        'PH',
        [
          {
            version: 'V1',
            lines: [
              {
                component: 'CAP',
                qtyPer: '2',
                lossRate: '0',
                substitutes: [{ item: 'ALT', priority: 1, ratio: '1' }],
              },
            ],
          },
        ],
      ],
    ]);
    const order = {
      no: 'MO1',
      kind: 'task' as const,
      item: 'FG',
      qty: '5',
      received: '0',
      startDate: '2026-12-03',
      dueDate: '2026-12-08',
      issued: [{ item: 'CAP', qty: '1' }],
    };
    const input = anInput({
      items: [made('FG'), phantomItem('PH'), anItem('CAP'), anItem('ALT')],
      boms,
      stock: [{ item: 'ALT', qty: '4' }],
      workOrders: [order],
    });
    // 10 − 1 issued = 9 CAP on 12-03: ALT's 4 free cover 4, 5 ordered.
    const r = planMrp(input);
    expect(
      r.plannedOrders.map((o) => `${o.item}:${o.qty}:${JSON.stringify(o.substitutes)}`),
    ).toEqual(['CAP:5:[{"item":"ALT","qty":"4"}]']);
    const rework = planMrp({
      ...input,
      workOrders: [{ ...order, rework: true, needs: [{ item: 'CAP', qty: '9' }] }],
    });
    expect(rework.plannedOrders.map((o) => `${o.item}:${o.qty}`)).toEqual(['CAP:9']);
  });

  test('a phantom nets its own stock before its components are planned', () => {
    const r = planMrp(
      anInput({
        items: [made('FG'), phantomItem('PH'), anItem('RM')],
        boms: new Map([
          ['FG', bom([['PH', '1']])],
          ['PH', bom([['RM', '2']])],
        ]),
        stock: [{ item: 'PH', qty: '4' }],
        salesOrders: [so('SO1', 'FG', '10', '2026-12-10')],
      }),
    );
    expect(r.plannedOrders.map((o) => `${o.item}:${o.qty}`)).toEqual(['FG:10', 'RM:12']);
  });

  test('demand beyond the horizon is not planned; pegging never exceeds the order', () => {
    const r = planMrp(
      anInput({
        horizonDays: 10,
        items: [anItem('RM', { lotSizing: { rule: 'fixed', qty: '100' } })],
        salesOrders: [so('S1', 'RM', '30', '2026-12-05'), so('S2', 'RM', '30', '2026-12-30')],
      }),
    );
    expect(r.plannedOrders.map((o) => o.qty)).toEqual(['100']);
    expect(r.plannedOrders[0]!.pegging).toEqual([{ demand: 'S1/1', qty: '30' }]);
  });

  test('types and suppliers come from the item', () => {
    const r = planMrp(
      anInput({
        items: [
          made('FG'),
          anItem('OS', { source: 'outsourced', defaultSupplier: 'W1' }),
          anItem('RM', { defaultSupplier: 'S1' }),
        ],
        boms: new Map([
          [
            'FG',
            bom([
              ['OS', '1'],
              ['RM', '1'],
            ]),
          ],
        ]),
        salesOrders: [so('S', 'FG', '1', '2026-12-10')],
      }),
    );
    expect(r.plannedOrders.map((o) => `${o.item}:${o.type}:${o.supplier}`)).toEqual([
      'FG:production:null',
      'OS:outsourcing:W1',
      'RM:purchase:S1',
    ]);
  });
});

describe('a stored value past what planning computes exactly', () => {
  const notPlanned = (r: ReturnType<typeof planMrp>) =>
    r.exceptions.filter((e) => e.kind === 'notPlanned').map((e) => e.item);

  test('a legacy receipt of 999999999999999999 leaves that item out, not the whole run', () => {
    const input = anInput({
      items: [anItem('HUGE'), anItem('RM')],
      stock: [
        { item: 'HUGE', qty: '999999999999999999' },
        { item: 'RM', qty: '5' },
      ],
      salesOrders: [so('S1', 'HUGE', '10', '2026-12-10'), so('S2', 'RM', '30', '2026-12-10')],
    });
    const r = planMrp(input);
    expect(notPlanned(r)).toEqual(['HUGE']);
    expect(r.exceptions.find((e) => e.item === 'HUGE')!.detail).toContain('999999999999999999');
    expect(r.plannedOrders.map(brief)).toEqual(['RM 25 2026-12-10>2026-12-10']);
  });

  test('a BOM line whose factor does not fit leaves its parent out, with its line named', () => {
    const r = planMrp(
      anInput({
        items: [made('FG'), made('FG2'), anItem('RM')],
        boms: new Map([
          ['FG', bom([['RM', '999999999999.999999', '0.999999']])],
          ['FG2', bom([['RM', '2']])],
        ]),
        salesOrders: [so('S1', 'FG', '1', '2026-12-10'), so('S2', 'FG2', '3', '2026-12-10')],
      }),
    );
    expect(notPlanned(r)).toEqual(['FG']);
    expect(r.exceptions.find((e) => e.item === 'FG')!.detail).toContain('RM');
    expect(r.plannedOrders.map(brief)).toEqual([
      'FG2 3 2026-12-10>2026-12-10',
      'RM 6 2026-12-10>2026-12-10',
    ]);
  });

  test('an item whose plan overflows part way is taken back whole; its components keep the other demand', () => {
    // FG: 999,999,999,999 × 10,000 RM is past 2^53; FG2's 3 × 2 RM is planned as usual.
    const r = planMrp(
      anInput({
        items: [made('FG'), made('FG2'), anItem('RM', { safetyStock: '1' })],
        boms: new Map([
          ['FG', bom([['RM', '10000']])],
          ['FG2', bom([['RM', '2']])],
        ]),
        salesOrders: [
          so('S1', 'FG', '999999999999', '2026-12-10'),
          so('S2', 'FG2', '3', '2026-12-10'),
        ],
      }),
    );
    expect(notPlanned(r)).toEqual(['FG']);
    expect(r.plannedOrders.map(brief)).toEqual([
      'FG2 3 2026-12-10>2026-12-10',
      'RM 1 2026-12-01>2026-12-01',
      'RM 6 2026-12-10>2026-12-10',
    ]);
    expect(r.plannedOrders.flatMap((o) => o.pegging.map((p) => p.demand))).not.toContain(
      expect.stringContaining('PLAN:FG:'),
    );
  });

  test('quantities that would need more than 15 decimals leave out only the items concerned', () => {
    const r = planMrp(
      anInput({
        items: [made('FG', { precision: 6 }), phantomItem('P'), anItem('RM')],
        boms: new Map([
          ['FG', bom([['P', '0.000001', '0.000001']])],
          ['P', bom([['RM', '0.000001', '0.000001']])],
        ]),
        salesOrders: [so('S1', 'FG', '1', '2026-12-10'), so('S2', 'RM', '4', '2026-12-10')],
      }),
    );
    // P's quantities would need 6 + 12 decimals, RM's (through the phantom) 30.
    expect(notPlanned(r).sort()).toEqual(['P', 'RM']);
    expect(r.plannedOrders.map(brief)).toEqual(['FG 1 2026-12-10>2026-12-10']);
  });
});

describe('customer-supplied items (客供料)', () => {
  const supplied = (code: string, customer = 'C1') =>
    anItem(code, { source: 'customerSupplied', customer, leadTimeDays: 2 });

  test('plan a customerSupply request to their customer, never a purchase', () => {
    const r = planMrp(
      anInput({
        items: [made('FG'), supplied('BOX'), anItem('RM', { defaultSupplier: 'S1' })],
        boms: new Map([
          [
            'FG',
            bom([
              ['BOX', '1'],
              ['RM', '2'],
            ]),
          ],
        ]),
        stock: [{ item: 'BOX', qty: '40' }],
        salesOrders: [so('SO1', 'FG', '100', '2026-12-10')],
      }),
    );
    // Sorted by item code like every planned order.
    expect(r.plannedOrders.map((o) => [o.type, o.item, o.qty, o.supplier])).toEqual([
      ['customerSupply', 'BOX', '60', 'C1'],
      ['production', 'FG', '100', null],
      ['purchase', 'RM', '200', 'S1'],
    ]);
    const box = ordersOf(r.plannedOrders, 'BOX')[0]!;
    expect(brief(box)).toBe('BOX 60 2026-12-08>2026-12-10');
    expect(box.pegging).toEqual([{ demand: 'PLAN:FG:2026-12-10', qty: '60' }]);
  });

  test('lot sizing, safety stock, lateness and MTO tracking work as for any item', () => {
    const r = planMrp(
      anInput({
        items: [
          {
            ...supplied('BOX'),
            strategy: 'mto',
            safetyStock: '5',
            lotSizing: { rule: 'minMultiple', multiple: '50' },
          },
        ],
        salesOrders: [so('SO1', 'BOX', '30', '2026-12-02', 1, 'SO1')],
      }),
    );
    // Safety stock is pool demand (no tracking number); SO1's 30 is tracked.
    expect(r.plannedOrders.map((o) => [o.type, o.qty, o.trackingNo, o.late, o.supplier])).toEqual([
      ['customerSupply', '50', null, true, 'C1'],
      ['customerSupply', '50', 'SO1', true, 'C1'],
    ]);
    expect(r.exceptions.map((e) => e.kind)).toEqual(['late', 'late']);
  });

  test('without a customer (data stored before the rule) they still plan a request, to nobody', () => {
    const r = planMrp(
      anInput({
        items: [anItem('BOX', { source: 'customerSupplied' })],
        salesOrders: [so('SO1', 'BOX', '3', '2026-12-10')],
      }),
    );
    expect(r.plannedOrders.map((o) => [o.type, o.supplier])).toEqual([['customerSupply', null]]);
  });
});
