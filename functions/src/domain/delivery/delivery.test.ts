import { AppError } from '@factory/shared';
import {
  aConfirmedOrder,
  aDelivery,
  aDeliveryItem,
  anOrderLine,
  byCode,
  byNo,
} from './builders.js';
import { deliveredAfterReturn, planDelivery } from './delivery.js';
import { deliveryNoteHtml, escapeHtml } from './note.js';

const items = byCode(
  aDeliveryItem(),
  aDeliveryItem({ code: 'FAN-X', name: '定制风扇', strategy: 'mto' }),
  aDeliveryItem({ code: 'BOX', name: '包装箱', defaultWarehouse: undefined }),
);

function refusal(f: () => unknown): AppError {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('planDelivery', () => {
  it('MTS lines ship from the pool, MTO lines from their tracking number; delivered rises, a fully delivered order closes', () => {
    const orders = byNo(
      aConfirmedOrder({
        lines: [anOrderLine(), anOrderLine({ line: 2, item: 'FAN', qty: '2', delivered: '1' })],
      }),
      aConfirmedOrder({
        no: 'SO-2',
        lines: [anOrderLine({ item: 'FAN-X', qty: '3', trackingNo: 'SO-2' })],
      }),
    );
    const r = planDelivery(
      'C1',
      [
        { salesOrder: 'SO-1', line: 1, qty: '4' },
        { salesOrder: 'SO-2', line: 1, qty: '2', warehouse: 'FG2', lot: 'L1' },
        { salesOrder: 'SO-2', line: 1, qty: '1' },
      ],
      orders,
      items,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.lines).toEqual([
      { line: 1, salesOrder: 'SO-1', salesOrderLine: 1, item: 'FAN', qty: '4', warehouse: 'FG' },
      {
        line: 2,
        salesOrder: 'SO-2',
        salesOrderLine: 1,
        item: 'FAN-X',
        qty: '2',
        warehouse: 'FG2',
        lot: 'L1',
        trackingNo: 'SO-2',
      },
      {
        line: 3,
        salesOrder: 'SO-2',
        salesOrderLine: 1,
        item: 'FAN-X',
        qty: '1',
        warehouse: 'FG',
        trackingNo: 'SO-2',
      },
    ]);
    expect(r.value.orders.map((o) => [o.order.no, [...o.delivered], o.closes])).toEqual([
      ['SO-1', [[0, '4']], false],
      ['SO-2', [[0, '3']], true],
    ]);
  });

  it('an MTS line carrying a tracking number still ships from the pool', () => {
    const r = planDelivery(
      'C1',
      [{ salesOrder: 'SO-1', line: 1, qty: '1' }],
      byNo(aConfirmedOrder({ lines: [anOrderLine({ trackingNo: 'SO-1' })] })),
      items,
    );
    expect(r.ok && r.value.lines[0]!.trackingNo).toBeUndefined();
  });

  it('reports every bad line at once: unknown order, another customer, no such line, no warehouse', () => {
    const orders = byNo(
      aConfirmedOrder({ lines: [anOrderLine(), anOrderLine({ line: 2, item: 'BOX' })] }),
      aConfirmedOrder({ no: 'SO-9', customer: 'C2', customerName: '客户二' }),
    );
    const r = planDelivery(
      'C1',
      [
        { salesOrder: 'SO-404', line: 1, qty: '1' },
        { salesOrder: 'SO-9', line: 1, qty: '1' },
        { salesOrder: 'SO-1', line: 3, qty: '1' },
        { salesOrder: 'SO-1', line: 2, qty: '1' },
      ],
      orders,
      items,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path.join('.'))).toEqual([
      'lines.0.salesOrder',
      'lines.1.salesOrder',
      'lines.2.line',
      'lines.3.warehouse',
    ]);
    expect(r.issues[1]!.message).toContain('客户二');
    expect(r.issues[3]!.message).toContain('包装箱');
  });

  it.each(['draft', 'pending', 'rejected', 'cancelled', 'closed'] as const)(
    'refuses a %s order (409 salesOrder.invalidState)',
    (status) => {
      const err = refusal(() =>
        planDelivery(
          'C1',
          [{ salesOrder: 'SO-1', line: 1, qty: '1' }],
          byNo(aConfirmedOrder({ status })),
          items,
        ),
      );
      expect(err.code).toBe('salesOrder.invalidState');
    },
  );

  it('refuses more than is open, summed over lines of the same order line (409 delivery.overDelivery)', () => {
    const orders = byNo(aConfirmedOrder({ lines: [anOrderLine({ qty: '10', delivered: '7.5' })] }));
    const ok = planDelivery('C1', [{ salesOrder: 'SO-1', line: 1, qty: '2.5' }], orders, items);
    expect(ok.ok && ok.value.orders[0]!.closes).toBe(true);
    const err = refusal(() =>
      planDelivery(
        'C1',
        [
          { salesOrder: 'SO-1', line: 1, qty: '2' },
          { salesOrder: 'SO-1', line: 1, qty: '0.6' },
        ],
        orders,
        items,
      ),
    );
    expect(err.code).toBe('delivery.overDelivery');
    expect(err.details).toEqual({
      lines: [{ salesOrder: 'SO-1', line: 1, ordered: '10', delivered: '7.5', requested: '2.6' }],
    });
  });
});

describe('deliveredAfterReturn', () => {
  it('falls by the returned quantity, never below zero', () => {
    expect(deliveredAfterReturn('7', '3')).toBe('4');
    expect(deliveredAfterReturn('0.3', '0.1')).toBe('0.2');
    expect(deliveredAfterReturn('1', '2')).toBe('0');
  });
});

describe('delivery note', () => {
  it('escapes every text it shows', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    const html = deliveryNoteHtml({
      delivery: aDelivery({
        customerName: '<script>alert(1)</script>',
        note: 'a & b',
        lines: [{ ...aDelivery().lines[0]!, itemName: '"风扇"<b>' }],
      }),
      warehouses: new Map([['FG', '成品仓']]),
      expiresAt: '2026-12-08T01:00:00.000Z',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;风扇&quot;&lt;b&gt;');
    expect(html).toContain('a &amp; b');
    expect(html).toContain('成品仓');
    expect(html).toContain('<td>个</td>');
    expect(html).toContain('SO-1 / 1');
  });
});
