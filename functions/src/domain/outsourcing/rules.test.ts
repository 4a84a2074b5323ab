import type { AppError } from '@factory/shared';
import { anOutsourcingOrder } from './builders.js';
import {
  addHeld,
  assertAction,
  checkReceipt,
  componentsOf,
  consumption,
  openingUse,
  outsourcingState,
  statusAfterReceived,
  subcontractorWarehouse,
  type SubcontractorWarehouseFacts,
} from './index.js';

const facts = (item: string) =>
  ({ BOLT: { source: 'purchased', precision: 0 }, STEEL: { source: 'purchased', precision: 3 } })[
    item
  ] as { source: 'purchased'; precision: number } | undefined;

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as AppError).code;
  }
  return undefined;
};

describe('states and actions', () => {
  it('reads stored statuses (older `received` is completed; absent or unknown is open)', () => {
    expect(
      ['open', 'received', 'completed', 'closed', 'cancelled', 'x'].map(outsourcingState),
    ).toEqual(['open', 'completed', 'completed', 'closed', 'cancelled', 'open']);
    expect(outsourcingState(undefined)).toBe('open');
  });

  it('edits and cancels only while nothing moved; closes open or completed orders', () => {
    const sent = anOutsourcingOrder({ issued: [{ item: 'BOLT', qty: '1' }] });
    expect(codeOf(() => assertAction(anOutsourcingOrder(), 'edit'))).toBeUndefined();
    expect(codeOf(() => assertAction(sent, 'edit'))).toBe('order.invalidState');
    expect(codeOf(() => assertAction(sent, 'cancel'))).toBe('order.invalidState');
    expect(codeOf(() => assertAction(sent, 'close'))).toBeUndefined();
    const closed = anOutsourcingOrder({ status: 'closed' });
    expect(codeOf(() => assertAction(closed, 'send'))).toBe('order.invalidState');
    expect(codeOf(() => assertAction(closed, 'receive'))).toBe('order.invalidState');
    expect(codeOf(() => assertAction(closed, 'returnMaterials'))).toBeUndefined();
    expect(
      codeOf(() => assertAction(anOutsourcingOrder({ status: 'received' }), 'receive')),
    ).toBeUndefined();
  });

  it('is completed when received in full and open again when a return takes it below', () => {
    expect(statusAfterReceived(anOutsourcingOrder(), '9')).toBe('open');
    expect(statusAfterReceived(anOutsourcingOrder(), '10')).toBe('completed');
    expect(
      statusAfterReceived(anOutsourcingOrder({ status: 'completed', received: '10' }), '8'),
    ).toBe('open');
    expect(statusAfterReceived(anOutsourcingOrder({ status: 'closed' }), '8')).toBe('closed');
  });

  it('refuses a receipt beyond the quantity unless allowed, naming body.qty', () => {
    const o = anOutsourcingOrder({ received: '8' });
    expect(checkReceipt(o, { qty: '2' })).toBe('10');
    let err: AppError | undefined;
    try {
      checkReceipt(o, { qty: '3' });
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.code).toBe('receipt.overReceipt');
    expect(err?.issues?.[0]?.path).toEqual(['body', 'qty']);
    expect(checkReceipt(o, { qty: '3', allowOverReceipt: true })).toBe('11');
  });
});

describe('the subcontractor warehouse', () => {
  const wh = (code: string, over: Partial<SubcontractorWarehouseFacts> = {}) => ({
    code,
    kind: 'subcontractor',
    partner: 'W1',
    active: true,
    ...over,
  });
  const all = [
    wh('SUB1'),
    wh('SUB2', { partner: 'W2' }),
    wh('RM', { kind: 'normal', partner: undefined }),
  ];
  const find = (c: string) => all.find((w) => w.code === c);
  const pick = (named: string | undefined, o = anOutsourcingOrder(), own = [all[0]!]) =>
    subcontractorWarehouse(o, named, find, own, ['body', 'toWarehouse']);

  it("defaults to the subcontractor's only warehouse, or the order's", () => {
    expect(pick(undefined)).toEqual({ ok: true, code: 'SUB1' });
    expect(pick(undefined, anOutsourcingOrder({ subcontractorWarehouse: 'SUB1' }), [])).toEqual({
      ok: true,
      code: 'SUB1',
    });
  });

  it('refuses another partner, another kind, an unknown code, none or several, naming the field', () => {
    for (const [named, own] of [
      ['SUB2', [all[0]!]],
      ['RM', [all[0]!]],
      ['NOPE', [all[0]!]],
      [undefined, []],
      [undefined, [all[0]!, wh('SUB3')]],
    ] as const) {
      const r = pick(named, anOutsourcingOrder(), [...own]);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]!.path).toEqual(['body', 'toWarehouse']);
    }
    const fixed = anOutsourcingOrder({ subcontractorWarehouse: 'SUB1' });
    const other = subcontractorWarehouse(fixed, 'SUB3', () => wh('SUB3'), [], ['x']);
    expect(other.ok).toBe(false);
  });
});

describe('consumption at the subcontractor', () => {
  const run = (o: ReturnType<typeof anOutsourcingOrder>, qty: string) => {
    const after = String(Number(o.received) + Number(qty));
    const c = consumption(o, 'SUB1', after, facts);
    return { o: { ...o, received: after, consumed: c.consumed }, lines: c.lines };
  };

  it('is cumulative: three receipts of 2 consume what one of 6 does', () => {
    let o = anOutsourcingOrder({ openingReceived: '0' });
    const posted: string[][] = [];
    for (let i = 0; i < 3; i++) {
      const r = run(o, '2');
      o = r.o;
      posted.push(r.lines.map((l) => `${l.item} ${l.warehouse} ${l.qty}`));
    }
    expect(posted).toEqual([
      ['BOLT SUB1 4', 'STEEL SUB1 1.1'],
      ['BOLT SUB1 4', 'STEEL SUB1 1.1'],
      ['BOLT SUB1 4', 'STEEL SUB1 1.1'],
    ]);
    const once = run(anOutsourcingOrder({ openingReceived: '0' }), '6');
    expect(once.o.consumed).toEqual(o.consumed);
  });

  it('an opening received (imported) counts as consumed; returned product still counts as received', () => {
    const imported = anOutsourcingOrder({ received: '4' });
    expect(run(imported, '1').lines.map((l) => l.qty)).toEqual(['2', '0.55']);
    const back = anOutsourcingOrder({
      received: '3',
      returned: '2',
      openingReceived: '0',
      consumed: [
        { item: 'BOLT', warehouse: 'SUB1', qty: '10' },
        { item: 'STEEL', warehouse: 'SUB1', qty: '2.75' },
      ],
    });
    expect(run(back, '2').lines.map((l) => l.qty)).toEqual(['4', '1.1']);
  });
});

describe('the components view', () => {
  it('shows required, sent, consumed and what is still at the subcontractor', () => {
    const o = anOutsourcingOrder({
      needs: [
        { ...anOutsourcingOrder().needs![0]!, issued: '12' },
        { ...anOutsourcingOrder().needs![1]!, issued: '3' },
      ],
      consumed: [
        { item: 'BOLT', warehouse: 'SUB1', qty: '8' },
        { item: 'STEEL', warehouse: 'SUB1', qty: '2.2' },
      ],
    });
    expect(
      componentsOf(o).map((c) => [c.item, c.required, c.sent, c.consumed, c.atSubcontractor]),
    ).toEqual([
      ['BOLT', '20', '12', '8', '4'],
      ['STEEL', '5.5', '3', '2.2', '0.8'],
    ]);
  });

  it("counts what an imported order's opening received used as consumed", () => {
    const imported = anOutsourcingOrder({
      received: '4',
      needs: [
        { ...anOutsourcingOrder().needs![0]!, issued: '12' },
        { ...anOutsourcingOrder().needs![1]!, issued: '3' },
      ],
    });
    expect(openingUse(imported, facts)).toEqual([
      { item: 'BOLT', warehouse: '', qty: '8' },
      { item: 'STEEL', warehouse: '', qty: '2.2' },
    ]);
    expect(componentsOf(imported, undefined, facts).map((c) => c.atSubcontractor)).toEqual([
      '4',
      '0.8',
    ]);
    expect(componentsOf(imported).map((c) => c.atSubcontractor)).toEqual(['12', '3']);
  });

  it('adds held stock per item, warehouse and tracking number, dropping what reaches zero', () => {
    const held = addHeld(
      [{ item: 'A', warehouse: 'RM', qty: '2' }],
      [
        { item: 'A', warehouse: 'RM', qty: '-2' },
        { item: 'A', warehouse: 'RM', trackingNo: 'SO-1', qty: '1' },
      ],
    );
    expect(held).toEqual([{ item: 'A', warehouse: 'RM', trackingNo: 'SO-1', qty: '1' }]);
  });
});
