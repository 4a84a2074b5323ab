import { anOutsourcingOrder } from './builders.js';
import { orderSettlementLines } from './settlement.js';

const cny = (amount: number) => ({ amount, scale: 2, currency: 'CNY' as const });
const receipt = (no: string, date: string, fee: number, extra: Record<string, unknown> = {}) => ({
  no,
  kind: 'receipt' as const,
  date,
  qty: '10',
  fee: cny(fee),
  ...extra,
});

describe('orderSettlementLines: a settlement of a whole order', () => {
  const order = anOutsourcingOrder({
    no: 'WX-1',
    documents: [
      receipt('RC-3', '2026-11-28', 200),
      receipt('RC-1', '2026-11-25', 100),
      receipt('RC-0', '2026-11-20', 50, { settlement: 'OSS-1' }),
      receipt('RC-9', '2026-12-20', 70),
      {
        no: 'PR-1',
        kind: 'productReturn' as const,
        date: '2026-11-29',
        receipt: 'RC-3',
        fee: cny(20),
      },
    ],
  });

  test('covers the unsettled receipts up to its date, in order, the amount shared by accrued fee', () => {
    // Accrued: RC-1 1.00, RC-3 2.00 − 0.20 returned = 1.80; 3.01 over 100 : 180 → 1.075 / 1.935:
    // floors 1.07 and 1.93, the fen left to the larger remainder (RC-1's .5 over RC-3's .5: the
    // earlier line).
    expect(orderSettlementLines(order, '2026-12-10', 301)).toEqual([
      { receipt: 'RC-1', invoicedFen: 108 },
      { receipt: 'RC-3', invoicedFen: 193 },
    ]);
  });

  test('one covering nothing is refused', () => {
    expect(orderSettlementLines(order, '2026-11-24', 100)).toBe(
      '委外订单 WX-1 在 2026-11-24 前没有未结算的入库',
    );
  });
});
