import { isAppError } from '@factory/shared';
import { anInput, anItem, bom, made, phantomItem, so } from './builders.js';
import { promiseContext, promiseDate, withSalesDemand } from './promise.js';
import type { MrpInput } from './types.js';

// Run date Tuesday 2026-12-01; weekends off (builders.ts).
const answer = (input: MrpInput, item: string, qty: string, trackingNo?: string) =>
  promiseDate(promiseContext(input), { item, qty, ...(trackingNo ? { trackingNo } : {}) });

/** FG (2 working days) = 2 × SUB (made, 3 days) + 1 × RM2 (bought, 1 day); SUB = 1 × RM1 (5 days). */
function aFactory(overrides: Partial<MrpInput> = {}): MrpInput {
  return anInput({
    items: [
      made('FG', { leadTimeDays: 2 }),
      made('SUB', { leadTimeDays: 3 }),
      anItem('RM1', { leadTimeDays: 5 }),
      anItem('RM2', { leadTimeDays: 1 }),
    ],
    boms: new Map([
      [
        'FG',
        bom([
          ['SUB', '2'],
          ['RM2', '1'],
        ]),
      ],
      ['SUB', bom([['RM1', '1']])],
    ]),
    ...overrides,
  });
}

describe('promise date', () => {
  it('promises free stock on the run date', () => {
    const a = answer(aFactory({ stock: [{ item: 'FG', qty: '10' }] }), 'FG', '10');
    expect(a).toMatchObject({ date: '2026-12-01', source: 'stock' });
    expect(a.path).toEqual([{ item: 'FG', qty: '10', how: 'stock', date: '2026-12-01' }]);
  });

  it('leaves stock that open orders take; safety stock is not free', () => {
    const input = aFactory({
      items: [made('FG', { leadTimeDays: 2, safetyStock: '2' }), ...aFactory().items.slice(1)],
      stock: [{ item: 'FG', qty: '10' }],
      salesOrders: [so('SO-1', 'FG', '5', '2026-12-20')],
    });
    expect(answer(input, 'FG', '3').source).toBe('stock');
    expect(answer(input, 'FG', '4').source).toBe('ctp');
  });

  it('promises open supply not taken by earlier demand, at its due date', () => {
    const input = aFactory({
      stock: [{ item: 'FG', qty: '4' }],
      purchaseOrders: [],
      workOrders: [
        {
          no: 'MO-1',
          kind: 'task',
          item: 'FG',
          qty: '10',
          received: '0',
          startDate: '2026-12-01',
          dueDate: '2026-12-04',
          issued: [],
          needs: [],
        },
        {
          no: 'MO-2',
          kind: 'task',
          item: 'FG',
          qty: '10',
          received: '0',
          startDate: '2026-12-01',
          dueDate: '2026-12-09',
          issued: [],
          needs: [],
        },
      ],
      salesOrders: [so('SO-1', 'FG', '8', '2026-12-05')],
    });
    // 4 + 10 - 8 = 6 free from 12-04; 16 free from 12-09
    expect(answer(input, 'FG', '6')).toMatchObject({ date: '2026-12-04', source: 'supply' });
    expect(answer(input, 'FG', '6').path[0]!.refs).toEqual(['MO-1']);
    expect(answer(input, 'FG', '16')).toMatchObject({ date: '2026-12-09', source: 'supply' });
  });

  it('does not wait for supply that comes later than buying anew', () => {
    const input = aFactory({
      purchaseOrders: [{ no: 'PO-9', item: 'RM2', qty: '50', dueDate: '2026-12-20' }],
    });
    expect(answer(input, 'RM2', '5')).toMatchObject({ date: '2026-12-02', source: 'ctp' });
    const soon = aFactory({
      purchaseOrders: [{ no: 'PO-9', item: 'RM1', qty: '50', dueDate: '2026-12-03' }],
    });
    expect(answer(soon, 'RM1', '5')).toMatchObject({ date: '2026-12-03', source: 'supply' });
  });

  it('dates what stock and supply cannot cover by lead times through the BOM', () => {
    const a = answer(aFactory(), 'FG', '5');
    // RM1 12-01 + 5 wd = 12-08; SUB + 3 wd = 12-11; FG + 2 wd = 12-15 (RM2: 12-02)
    expect(a).toMatchObject({ date: '2026-12-15', source: 'ctp' });
    expect(a.path.map((s) => [s.item, s.how, s.date, s.qty])).toEqual([
      ['FG', 'make', '2026-12-15', '5'],
      ['SUB', 'make', '2026-12-11', '10'],
      ['RM1', 'buy', '2026-12-08', '10'],
    ]);
  });

  it('takes components from stock, and free stock of the item first', () => {
    const input = aFactory({
      stock: [
        { item: 'FG', qty: '2' },
        { item: 'SUB', qty: '6' },
      ],
    });
    // 2 FG from stock; 3 more made: 6 SUB from stock, RM2 bought (12-02) -> FG 12-04
    const a = answer(input, 'FG', '5');
    expect(a).toMatchObject({ date: '2026-12-04', source: 'ctp' });
    expect(a.path.map((s) => [s.item, s.how, s.qty])).toEqual([
      ['FG', 'make', '3'],
      ['RM2', 'buy', '3'],
    ]);
  });

  it('does not count one stock twice for two lines of the same context', () => {
    const ctx = promiseContext(aFactory({ stock: [{ item: 'FG', qty: '10' }] }));
    expect(promiseDate(ctx, { item: 'FG', qty: '8' }).source).toBe('stock');
    expect(promiseDate(ctx, { item: 'FG', qty: '8' }).source).toBe('ctp');
  });

  it('passes through phantoms with no lead time, after their own stock', () => {
    const input = anInput({
      items: [
        made('FG', { leadTimeDays: 1 }),
        phantomItem('PH'),
        anItem('RM', { leadTimeDays: 3 }),
      ],
      boms: new Map([
        ['FG', bom([['PH', '1']])],
        ['PH', bom([['RM', '2']])],
      ]),
      stock: [{ item: 'PH', qty: '1' }],
    });
    const a = answer(input, 'FG', '3');
    // 1 PH from stock, 2 exploded: 4 RM bought 12-04, FG 12-07 (Monday)
    expect(a.date).toBe('2026-12-07');
    expect(a.path.map((s) => [s.item, s.how, s.qty])).toEqual([
      ['FG', 'make', '3'],
      ['PH', 'phantom', '2'],
      ['RM', 'buy', '4'],
    ]);
  });

  it('honours MTO: a new order nets no stock; a tracked one only its own', () => {
    const input = aFactory({
      items: [made('FG', { leadTimeDays: 2, strategy: 'mto' }), ...aFactory().items.slice(1)],
      stock: [
        { item: 'FG', qty: '10', trackingNo: 'SO-9' },
        { item: 'FG', qty: '10', trackingNo: 'SO-8' },
      ],
    });
    expect(answer(input, 'FG', '5').source).toBe('ctp');
    expect(answer(input, 'FG', '5', 'SO-9').source).toBe('stock');
    expect(answer(input, 'FG', '11', 'SO-9').source).toBe('ctp');
  });

  it('takes an order confirmed after indexing as if it had been in the input', () => {
    // FG pooled, OT made to order (its demand is its own order's); RM1 in stock, MO-1 on 12-08.
    const items = [...aFactory().items, made('OT', { leadTimeDays: 1, strategy: 'mto' })];
    const base = aFactory({
      items,
      boms: new Map([...aFactory().boms, ['OT', bom([['RM1', '1']])]]),
      stock: [
        { item: 'FG', qty: '10' },
        { item: 'RM1', qty: '30' },
      ],
      salesOrders: [so('SO-1', 'FG', '2', '2026-12-09')],
    });
    const later = [
      so('SO-2', 'FG', '6', '2026-12-03'),
      so('SO-3', 'OT', '4', '2026-12-04'),
      { ...so('SO-4', 'FG', '5', '2026-12-04'), delivered: '5' },
      so('SO-5', 'NOPE', '1', '2026-12-04'),
    ];
    const indexed = promiseContext(base);
    const whole = { ...base, salesOrders: [...base.salesOrders, ...later] };
    // Each answer on a context of its own (an answer claims what it promises).
    const noted = () => withSalesDemand(indexed, later);
    for (const req of [
      { item: 'FG', qty: '2' },
      { item: 'FG', qty: '3' },
      { item: 'FG', qty: '30' },
      { item: 'RM1', qty: '20' },
      { item: 'OT', qty: '4', trackingNo: 'SO-3' },
      { item: 'OT', qty: '2' },
    ])
      expect(promiseDate(noted(), req)).toEqual(promiseDate(promiseContext(whole), req));
    // FG: 10 on hand, 2 and 6 ordered: 2 are free now, 3 are not.
    expect(promiseDate(noted(), { item: 'FG', qty: '2' }).source).toBe('stock');
    expect(promiseDate(noted(), { item: 'FG', qty: '3' }).source).not.toBe('stock');
    // The context it was given is as it was.
    expect(promiseDate(indexed, { item: 'FG', qty: '8' }).source).toBe('stock');
  });

  it('skips holidays and weekends in lead times', () => {
    const input = aFactory({ calendar: { nonWorkingWeekdays: [6, 7], holidays: ['2026-12-02'] } });
    expect(answer(input, 'RM1', '1').date).toBe('2026-12-09');
  });

  it('refuses an unknown item and a quantity out of range, naming the field', () => {
    const ctx = promiseContext(aFactory());
    for (const [req, path] of [
      [{ item: 'NOPE', qty: '1' }, 'item'],
      [{ item: 'FG', qty: '0' }, 'qty'],
      [{ item: 'FG', qty: '1234567890123' }, 'qty'],
      [{ item: 'FG', qty: '1.5' }, 'qty'],
    ] as const) {
      try {
        promiseDate(ctx, req);
        throw new Error('accepted');
      } catch (err) {
        expect(isAppError(err) && err.code).toBe('request.invalid');
        expect(isAppError(err) && err.issues?.map((i) => i.path.join('.'))).toEqual([path]);
      }
    }
  });

  it('refuses a manufactured item without an effective BOM', () => {
    const input = anInput({ items: [made('FG', { leadTimeDays: 1 })] });
    expect(() => answer(input, 'FG', '1')).toThrow(
      expect.objectContaining({ code: 'bom.notEffective' }),
    );
  });

  it('counts the unissued needs of open task orders as demand on components', () => {
    const input = aFactory({
      stock: [{ item: 'RM1', qty: '10' }],
      workOrders: [
        {
          no: 'MO-1',
          kind: 'task',
          item: 'SUB',
          qty: '8',
          received: '0',
          startDate: '2026-12-02',
          dueDate: '2026-12-05',
          issued: [],
        },
      ],
    });
    expect(answer(input, 'RM1', '2').source).toBe('stock');
    expect(answer(input, 'RM1', '3').source).toBe('ctp');
  });
});
