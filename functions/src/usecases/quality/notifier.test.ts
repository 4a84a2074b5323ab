import { inspectionText } from './notifier.js';
import type { InspectionNotice } from './openings.js';

const notice = (orders: number): InspectionNotice => ({
  tenant: 't',
  touser: ['zhaomin'],
  receipt: 'RC-20261201-0001',
  kind: 'purchase',
  partner: 'S1',
  orders: Array.from({ length: orders }, (_, i) => ({
    no: `QC-RC-20261201-0001-${i + 1}`,
    item: `PT-${i + 1}`,
    itemName: '电机四十瓦铜线款加长型号',
    qty: '1200',
    unit: '个',
  })),
  warehouse: 'RM',
  by: '王强',
});

test('names the receipt, its kind, each order with item, quantity and unit, and who received', () => {
  expect(inspectionText(notice(1))).toBe(
    [
      '【待检】采购入库 RC-20261201-0001 有 1 行待检验',
      '往来单位：S1',
      '仓库：RM',
      'QC-RC-20261201-0001-1：电机四十瓦铜线款加长型号（PT-1） 1200个',
      '入库人：王强',
      '请在小程序「检验」中录入结果',
    ].join('\n'),
  );
});

test('a receipt of many lines is cut to fit a WeCom text, with the count', () => {
  const text = inspectionText(notice(40));
  expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(2000);
  expect(text).toContain('……等 40 行');
  expect(text.endsWith('请在小程序「检验」中录入结果')).toBe(true);
});
