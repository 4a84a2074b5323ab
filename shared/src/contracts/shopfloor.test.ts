import { zPurchaseReceiptRequest, zWorkReportRequest } from './shopfloor.js';

describe('shop-floor contracts', () => {
  it('a work report defaults scrap and hours and must report something', () => {
    expect(zWorkReportRequest.parse({ taskOrder: 'MO-1', date: '2026-12-01', good: '3' })).toEqual({
      taskOrder: 'MO-1',
      date: '2026-12-01',
      good: '3',
      scrap: '0',
      hours: '0',
    });
    const empty = zWorkReportRequest.safeParse({
      taskOrder: 'MO-1',
      date: '2026-12-01',
      good: '0',
    });
    expect(empty.success).toBe(false);
    expect(empty.error!.issues[0]!.path).toEqual(['good']);
    expect(
      zWorkReportRequest.safeParse({
        taskOrder: 'MO-1',
        date: '2026-12-01',
        good: '0',
        hours: '1.5',
      }).success,
    ).toBe(true);
  });

  it('a purchase receipt names order lines from 1 with positive quantities', () => {
    const bad = zPurchaseReceiptRequest.safeParse({
      purchaseOrder: 'PO-1',
      date: '2026-12-01',
      lines: [{ line: 0, qty: '-1' }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['lines.0.line', 'lines.0.qty']);
  });
});
