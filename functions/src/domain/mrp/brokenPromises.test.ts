import { anInput, anItem, bom, made, so } from './builders.js';
import { brokenPromises, brokenPromisesSince, type PromisedLine } from './brokenPromises.js';
import { planMrp } from './engine.js';

// FG (2 working days) = 1 RM (bought, 5 days); run date Tuesday 2026-12-01.
const factory = (stock = '0') =>
  anInput({
    items: [made('FG', { leadTimeDays: 2 }), anItem('RM', { leadTimeDays: 5 })],
    boms: new Map([['FG', bom([['RM', '1']])]]),
    stock: stock === '0' ? [] : [{ item: 'FG', qty: stock }],
    salesOrders: [so('SO-1', 'FG', '10', '2026-12-04')],
  });
const line = (over: Partial<PromisedLine> = {}): PromisedLine => ({
  no: 'SO-1',
  line: 1,
  item: 'FG',
  qty: '10',
  delivered: '0',
  dueDate: '2026-12-04',
  promisedDate: '2026-12-04',
  rep: 'zhangwei',
  ...over,
});

describe('broken promises', () => {
  it('a line whose planned orders cannot be there by its promise is broken', () => {
    const input = factory();
    // RM late: bought 12-01 + 5 = 12-08; FG 2 more working days: 12-10.
    const { broken, exceptions } = brokenPromises(input, planMrp(input), [line()]);
    expect(broken).toEqual([{ ...line(), expected: '2026-12-10' }]);
    expect(exceptions).toEqual([
      {
        kind: 'promiseBroken',
        item: 'FG',
        detail: 'SO-1/1：承诺交期 2026-12-04，按本次计划最早 2026-12-10',
      },
    ]);
  });

  it('gives the same answer for the plan’s orders in any order', () => {
    const input = factory();
    const plan = planMrp(input);
    const shuffled = { plannedOrders: [...plan.plannedOrders].reverse() };
    expect(shuffled.plannedOrders.map((o) => o.item)).toEqual(['RM', 'FG']);
    expect(brokenPromises(input, shuffled, [line()]).broken).toEqual([
      { ...line(), expected: '2026-12-10' },
    ]);
  });

  it('keeps a promise the plan meets, one served from stock, and a delivered line', () => {
    const fromStock = factory('10');
    expect(brokenPromises(fromStock, planMrp(fromStock), [line()]).broken).toEqual([]);
    const input = factory();
    const plan = planMrp(input);
    expect(brokenPromises(input, plan, [line({ promisedDate: '2026-12-10' })]).broken).toEqual([]);
    expect(brokenPromises(input, plan, [line({ delivered: '10' })]).broken).toEqual([]);
  });

  it('measures against the due date when the promise is earlier than it', () => {
    const input = factory();
    const plan = planMrp(input);
    expect(
      brokenPromises(input, plan, [line({ promisedDate: '2026-12-01', dueDate: '2026-12-10' })])
        .broken,
    ).toEqual([]);
  });

  it('follows the promised item’s components and substitutes, and reads no other order', () => {
    // FG = 1 SA; SA = 1 RM, RM may be replaced by RM2; OT is another product.
    const input = anInput({
      items: [
        made('FG', { leadTimeDays: 1 }),
        made('SA', { leadTimeDays: 1 }),
        anItem('RM', { leadTimeDays: 6 }),
        anItem('RM2', { leadTimeDays: 1 }),
        made('OT', { leadTimeDays: 1 }),
      ],
      boms: new Map([
        ['FG', bom([['SA', '1']])],
        [
          'SA',
          [
            {
              version: 'V1',
              lines: [
                {
                  component: 'RM',
                  qtyPer: '1',
                  lossRate: '0',
                  substitutes: [{ item: 'RM2', priority: 1, ratio: '1' }],
                },
              ],
            },
          ],
        ],
        ['OT', bom([['RM', '1']])],
      ]),
      salesOrders: [so('SO-1', 'FG', '10', '2026-12-04'), so('SO-2', 'OT', '5', '2026-12-04')],
    });
    const plan = planMrp(input);
    // The other product's orders are never read: their pegging would throw.
    const guarded = {
      plannedOrders: plan.plannedOrders.map((o) =>
        o.item === 'OT'
          ? Object.defineProperty({ ...o }, 'pegging', {
              get: () => {
                throw new Error('OT read');
              },
            })
          : o,
      ),
    };
    const { broken } = brokenPromises(input, guarded, [line()]);
    // RM's 6 days below SA and FG (1 day each) make FG late for the 4th: found two levels down.
    expect(broken).toEqual([
      expect.objectContaining({ no: 'SO-1', line: 1, expected: expect.any(String) }),
    ]);
    expect(broken[0]!.expected > '2026-12-04').toBe(true);
    expect(brokenPromises(input, plan, [line()])).toEqual(brokenPromises(input, guarded, [line()]));
  });

  it('follows a part through every parent that takes it, however deep', () => {
    // FG = 1 RM + 1 SA, SA = 1 RM: RM is taken at two depths. RM is bought late (6 working
    // days from the run date: 12-09); SA waits for it (12-10) and FG for SA (12-11). Missing
    // the RM order pegged to SA would give 12-10.
    const input = anInput({
      items: [
        made('FG', { leadTimeDays: 1 }),
        made('SA', { leadTimeDays: 1 }),
        anItem('RM', { leadTimeDays: 6 }),
      ],
      boms: new Map([
        [
          'FG',
          bom([
            ['RM', '1'],
            ['SA', '1'],
          ]),
        ],
        ['SA', bom([['RM', '1']])],
      ]),
      salesOrders: [so('SO-1', 'FG', '10', '2026-12-04')],
    });
    const { broken } = brokenPromises(input, planMrp(input), [line()]);
    expect(broken).toEqual([{ ...line(), expected: '2026-12-11' }]);
  });
});

describe('broken promises after a net run', () => {
  // FG = 1 RM and OT = 1 PT, each bought in 5 days: two products that share nothing.
  const input = anInput({
    items: [
      made('FG', { leadTimeDays: 2 }),
      anItem('RM', { leadTimeDays: 5 }),
      made('OT', { leadTimeDays: 2 }),
      anItem('PT', { leadTimeDays: 5 }),
    ],
    boms: new Map([
      ['FG', bom([['RM', '1']])],
      ['OT', bom([['PT', '1']])],
    ]),
    salesOrders: [so('SO-1', 'FG', '10', '2026-12-04'), so('SO-2', 'OT', '5', '2026-12-04')],
  });
  const plan = planMrp(input);
  const lines = [line(), line({ no: 'SO-2', item: 'OT', qty: '5', rep: 'lisi' })];
  const previous = { lines, broken: brokenPromises(input, plan, lines).broken };

  it('checks again only the lines whose item or parts changed, with the answer of a full check', () => {
    expect(previous.broken).toHaveLength(2);
    // Nothing changed: the previous verdicts, nothing checked.
    const same = brokenPromisesSince(input, plan, lines, previous, new Set());
    expect(same).toEqual({ ...brokenPromises(input, plan, lines), checked: 0 });
    // PT's orders changed (stock arrived): OT's line is checked again and now kept.
    const stocked = { ...input, stock: [{ item: 'PT', qty: '5' }] };
    const after = planMrp(stocked);
    const since = brokenPromisesSince(stocked, after, lines, previous, new Set(['PT']));
    expect(since).toEqual({ ...brokenPromises(stocked, after, lines), checked: 1 });
    expect(since.broken.map((b) => b.no)).toEqual(['SO-1']);
  });

  it('checks a new line and a changed one again, and drops a line no longer promised', () => {
    const moved = [line({ promisedDate: '2026-12-10' }), line({ no: 'SO-3', qty: '1' })];
    const since = brokenPromisesSince(input, plan, moved, previous, new Set());
    expect(since).toEqual({ ...brokenPromises(input, plan, moved), checked: 2 });
    // SO-1's later promise is kept; SO-3 has no planned order pegged yet; SO-2 is not promised.
    expect(since.broken).toEqual([]);
  });
});
