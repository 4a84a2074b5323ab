import { shipmentText, type ShipmentNotice } from './shipmentNotice.js';

const notice = (lines: number): ShipmentNotice => ({
  tenant: 'wwa',
  touser: ['zhangwei'],
  delivery: 'DL-20261201-0001',
  date: '2026-12-01',
  customer: '客户一',
  lines: Array.from({ length: lines }, (_, i) => ({
    salesOrder: 'SO-20261201-0001',
    salesOrderLine: i + 1,
    item: '十六寸落地扇（座控机械款）',
    qty: '4',
    unit: '个',
    delivered: '4',
    ordered: '10',
  })),
  closed: ['SO-20261201-0001'],
  by: '王强（仓管）',
});

describe('the shipment text', () => {
  it('names the customer, the delivery, each line by item name with delivered of ordered', () => {
    expect(shipmentText(notice(1))).toBe(
      [
        '【发货】客户一 的订单已发货',
        '发货单 DL-20261201-0001（2026-12-01）',
        'SO-20261201-0001 第1行 十六寸落地扇（座控机械款）：本次 4个，累计 4/10',
        '已全部发货，订单关闭：SO-20261201-0001',
        '发货人：王强（仓管）',
      ].join('\n'),
    );
  });

  it('stays within WeCom’s 2048 bytes however many lines, saying how many there were', () => {
    const text = shipmentText(notice(20));
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(2048);
    expect(text).toContain('……等 20 行');
    expect(text.endsWith('发货人：王强（仓管）')).toBe(true);
  });
});
