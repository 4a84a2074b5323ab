import type { PurchaseOrder } from '@factory/shared';
import { escapeHtml, renderExpiredPage, renderPurchaseOrderPage } from './sharePage.js';

const fen = (amount: number) => ({ amount, scale: 2, currency: 'CNY' as const });

const order: PurchaseOrder = {
  no: 'PO-1',
  origin: 'entry',
  supplier: 'S1',
  supplierName: '<img src=x onerror=alert(1)>供应商',
  orderDate: '2026-12-01',
  status: 'open',
  remark: 'a\'b"c`d&e',
  lines: [
    {
      line: 1,
      item: 'STEEL',
      itemName: '钢板</td><script>',
      unit: 'kg',
      qty: '12.5',
      received: '0',
      unitPrice: '5.25',
      vatRate: '0.065',
      amount: fen(6563),
      tax: fen(427),
      amountWithTax: fen(6990),
      dueDate: '2026-12-20',
    },
    { line: 2, item: 'BOLT', qty: '3', received: '0', dueDate: '2026-12-20', closed: true },
  ],
  total: fen(6563),
  tax: fen(427),
  totalWithTax: fen(6990),
  version: 2,
};

describe('the share page of a purchase order', () => {
  it('escapes every text; shows unit names, prices, VAT and totals', () => {
    const html = renderPurchaseOrderPage(order, {
      unitNames: new Map([['kg', '千克']]),
      validUntil: '2026-12-08T00:00:00.000Z',
    });
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;供应商（S1）');
    expect(html).toContain('钢板&lt;/td&gt;&lt;script&gt;');
    expect(html).toContain('a&#39;b&quot;c&#96;d&amp;e');
    expect(html).toContain('<td>千克</td>');
    expect(html).toContain('6.5%');
    expect(html).toContain('¥69.90');
    expect(html).toContain('已关闭'); // the closed line says so; its missing price shows —
    expect(html).toContain('2026-12-08');
  });

  it('escapes the five characters that matter; the expired page names no order', () => {
    expect(escapeHtml(`<>&"'\``)).toBe('&lt;&gt;&amp;&quot;&#39;&#96;');
    expect(renderExpiredPage()).toContain('链接无效或已过期');
  });
});
