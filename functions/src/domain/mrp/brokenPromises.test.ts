import { anInput, anItem, bom, made, so } from './builders.js';
import { brokenPromises, type PromisedLine } from './brokenPromises.js';
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
});
