import type { Delivery } from '@factory/shared';

/** What the printed delivery note shows besides the delivery itself. */
export type DeliveryNoteView = {
  delivery: Delivery;
  /** The company's name on the heading (default: 发货单 alone). */
  company?: string;
  /** Warehouse code -> name. */
  warehouses: ReadonlyMap<string, string>;
  expiresAt: string;
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The delivery note (发货单) as a self-contained printable zh-CN page: customer, date, the
 * lines with item names, units, quantities and order numbers. Every text is escaped; the page
 * loads nothing (inline style only), so it prints the same anywhere.
 */
export function deliveryNoteHtml(v: DeliveryNoteView): string {
  const d = v.delivery;
  const e = escapeHtml;
  const rows = d.lines
    .map(
      (l) => `<tr>
<td>${l.line}</td>
<td>${e(l.itemName ?? l.item)}<div class="code">${e(l.item)}</div></td>
<td class="num">${e(l.qty)}</td>
<td>${e(l.unitName ?? l.unit ?? '')}</td>
<td>${e(l.salesOrder)} / ${l.salesOrderLine}</td>
<td>${e(v.warehouses.get(l.warehouse) ?? l.warehouse)}${l.lot ? `<div class="code">批号 ${e(l.lot)}</div>` : ''}</td>
</tr>`,
    )
    .join('\n');
  const title = `发货单 ${e(d.no)}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:16px;color:#222}
h1{font-size:20px;margin:0 0 8px}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0 0 12px}
dt{color:#666}dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2;white-space:nowrap}.num{text-align:right}.code{color:#888;font-size:12px}
.sign{display:flex;gap:48px;margin-top:32px}.foot{color:#888;font-size:12px;margin-top:16px}
@media print{.foot{display:none}}
</style>
</head>
<body>
<h1>${v.company ? `${e(v.company)} ` : ''}发货单</h1>
<dl>
<dt>单号</dt><dd>${e(d.no)}</dd>
<dt>客户</dt><dd>${e(d.customerName ?? d.customer)}</dd>
<dt>发货日期</dt><dd>${e(d.date)}</dd>
<dt>销售订单</dt><dd>${d.salesOrders.map(e).join('、')}</dd>
${d.note ? `<dt>备注</dt><dd>${e(d.note)}</dd>` : ''}
</dl>
<table>
<thead><tr><th>行</th><th>物料</th><th class="num">数量</th><th>单位</th><th>订单 / 行</th><th>仓库</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<div class="sign"><span>发货人：</span><span>收货人签字：</span><span>日期：</span></div>
<p class="foot">此链接有效期至 ${e(v.expiresAt.slice(0, 10))}</p>
</body>
</html>
`;
}
