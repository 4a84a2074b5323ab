import type { PurchaseOrder, PurchaseReturn } from '@factory/shared';
import { planPurchaseReturn, statusAfterReturn, type ReceiptFacts } from './returns.js';

const fen = (amount: number) => ({ amount, scale: 2, currency: 'CNY' as const });

function anOrder(overrides: Partial<PurchaseOrder> = {}): PurchaseOrder {
  return {
    no: 'PO-1',
    origin: 'entry',
    supplier: 'S1',
    status: 'open',
    lines: [
      {
        line: 1,
        item: 'STEEL',
        itemName: '钢板',
        unit: 'kg',
        qty: '100',
        received: '60',
        unitPrice: '5.25',
        dueDate: '2026-12-20',
      },
    ],
    total: fen(52500),
    tax: fen(6825),
    totalWithTax: fen(59325),
    version: 3,
    ...overrides,
  };
}

/** RC-1 put line 1 into two balances: 40 kg in RM (lot A) and 20 kg in QC (inspection). */
function aReceipt(overrides: Partial<ReceiptFacts> = {}): ReceiptFacts {
  const move = { lineNo: 1, item: 'STEEL', lot: '', trackingNo: '', unitCost: fen(525) };
  return {
    no: 'RC-1',
    kind: 'receipt',
    reason: 'purchase',
    ref: 'PO-1',
    status: 'posted',
    moves: [
      { ...move, warehouse: 'RM', status: 'available', lot: 'A', qty: '40' },
      { ...move, warehouse: 'QC', status: 'inspection', qty: '20' },
    ],
    ...overrides,
  };
}

const receipts = (...r: ReceiptFacts[]) => new Map(r.map((x) => [x.no, x]));
const precision = () => 3;

describe('planPurchaseReturn', () => {
  it('takes from the receipt moves in order, after what earlier returns took, at the receipt cost', () => {
    const earlier: PurchaseReturn = {
      no: 'PR-0',
      purchaseOrder: 'PO-1',
      supplier: 'S1',
      date: '2026-12-01',
      lines: [{ line: 1, item: 'STEEL', receipt: 'RC-1', qty: '30', from: [] }],
      amount: fen(0),
      postedAt: '2026-12-01T00:00:00.000Z',
      postedBy: 'u',
    };
    const planned = planPurchaseReturn(
      anOrder({ returns: [earlier] }),
      { date: '2026-12-02', lines: [{ line: 1, receipt: 'RC-1', qty: '15.5' }] },
      receipts(aReceipt()),
      precision,
    );
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    expect(planned.value.moves.map((m) => [m.warehouse, m.status, m.lot, m.qty])).toEqual([
      ['RM', 'available', 'A', '-10'],
      ['QC', 'inspection', '', '-5.5'],
    ]);
    expect(planned.value.moves.every((m) => m.unitCost?.amount === 525)).toBe(true);
    expect(planned.value.received).toEqual(['44.5']);
    // 10 × 5.25 + 5.5 × 5.25 = 52.50 + 28.875 (-> 28.88)
    expect(planned.value.amountFen).toBe(5250 + 2888);
    expect(planned.value.lines[0]).toMatchObject({ itemName: '钢板', unit: 'kg', qty: '15.5' });
  });

  it('a status given on the line is where the stock is taken from', () => {
    const planned = planPurchaseReturn(
      anOrder(),
      { date: '2026-12-02', lines: [{ line: 1, receipt: 'RC-1', qty: '1', status: 'rejected' }] },
      receipts(aReceipt()),
      precision,
    );
    expect(planned.ok && planned.value.moves[0]!.status).toBe('rejected');
  });

  it('names every bad line: unknown line, foreign receipt, too much, too fine', () => {
    const planned = planPurchaseReturn(
      anOrder({ lines: [{ ...anOrder().lines[0]!, received: '50' }] }),
      {
        date: '2026-12-02',
        lines: [
          { line: 2, receipt: 'RC-1', qty: '1' },
          { line: 1, receipt: 'RC-9', qty: '1' },
          { line: 1, receipt: 'RC-2', qty: '1' },
          { line: 1, receipt: 'RC-1', qty: '50.5' },
          { line: 1, receipt: 'RC-1', qty: '0.0001' },
        ],
      },
      receipts(aReceipt(), aReceipt({ no: 'RC-2', ref: 'PO-2' })),
      precision,
    );
    expect(planned.ok).toBe(false);
    if (planned.ok) return;
    expect(planned.issues.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.line',
      'body.lines.1.receipt',
      'body.lines.2.receipt',
      'body.lines.3.qty',
      'body.lines.4.qty',
    ]);
    // The order line holds only 50 received: the lesser of the two limits is named.
    expect(planned.issues[3]!.message).toContain('可退数量 50');
  });
});

describe('statusAfterReturn', () => {
  const lines = [{ qty: '10', closed: true }, { qty: '5' }];
  it('reopens a done order when an open line falls short; a closed line never reopens it', () => {
    expect(statusAfterReturn('received', lines, ['4', '4'])).toBe('open');
    expect(statusAfterReturn('received', lines, ['4', '5'])).toBe('received');
    expect(statusAfterReturn('closed', [{ qty: '10', closed: true }], ['1'])).toBe('closed');
  });
});
