import { type PurchaseOrder, formatMoney, qty, toQtyString } from '@factory/shared';
import { statusLabel } from './order.js';

/** Escapes text for HTML content and attribute values: nothing typed can become markup. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'`]/g,
    (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!,
  );
}

const e = escapeHtml;

/** "0.13" -> "13%"; "0.065" -> "6.5%". */
function percent(rate: string): string {
  return `${toQtyString(qty(rate).times(100))}%`;
}

const STYLE = `body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;font-size:14px}
h1{font-size:22px;margin:0 0 4px}
.meta{display:flex;flex-wrap:wrap;gap:4px 24px;margin:12px 0}
.meta div{min-width:200px}
table{border-collapse:collapse;width:100%;margin-top:12px}
th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2}
td.n{text-align:right;white-space:nowrap}
tfoot td{font-weight:bold}
.note{margin-top:16px;color:#555;font-size:12px}
@media print{body{margin:0}.note{display:none}}
@page{size:A4 landscape;margin:12mm}`;

export type SharePageContext = {
  /** Unit code -> its name ("kg" -> "千克"); a line shows the name, else the code. */
  unitNames: ReadonlyMap<string, string>;
  /** Until when the link works (ISO timestamp), shown below the order. */
  validUntil: string;
};

/**
 * The purchase order as the supplier sees it (a read-only share page, printable to PDF from
 * the browser): supplier, dates, every line with the item's name and unit, prices excluding
 * VAT, VAT rate and amounts, and the totals. Every text is escaped; the page has no script.
 */
export function renderPurchaseOrderPage(order: PurchaseOrder, ctx: SharePageContext): string {
  const unit = (code: string | undefined) => (code ? (ctx.unitNames.get(code) ?? code) : '');
  const rows = order.lines
    .map(
      (l) => `<tr>
<td class="n">${l.line}</td>
<td>${e(l.item)}</td>
<td>${e(l.itemName ?? '')}</td>
<td class="n">${e(l.qty)}</td>
<td>${e(unit(l.unit))}</td>
<td class="n">${l.unitPrice !== undefined ? `¥${e(l.unitPrice)}` : '—'}</td>
<td class="n">${l.vatRate !== undefined ? e(percent(l.vatRate)) : '—'}</td>
<td class="n">${l.amount ? e(formatMoney(l.amount)) : '—'}</td>
<td class="n">${l.tax ? e(formatMoney(l.tax)) : '—'}</td>
<td class="n">${l.amountWithTax ? e(formatMoney(l.amountWithTax)) : '—'}</td>
<td>${e(l.dueDate)}</td>
<td>${e([l.closed ? '已关闭' : '', l.note ?? ''].filter(Boolean).join('；'))}</td>
</tr>`,
    )
    .join('\n');
  const supplier = order.supplierName
    ? `${e(order.supplierName)}（${e(order.supplier)}）`
    : e(order.supplier);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>采购订单 ${e(order.no)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>采购订单 ${e(order.no)}</h1>
<div class="meta">
<div>供应商：${supplier}</div>
<div>订单日期：${e(order.orderDate ?? '')}</div>
<div>状态：${e(statusLabel(order.status))}</div>
</div>
${order.remark ? `<div>备注：${e(order.remark)}</div>` : ''}
<table>
<thead><tr><th>行</th><th>物料编码</th><th>物料名称</th><th>数量</th><th>单位</th><th>单价（不含税）</th><th>税率</th><th>金额（不含税）</th><th>税额</th><th>价税合计</th><th>交货日期</th><th>说明</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="7">合计</td><td class="n">${e(formatMoney(order.total))}</td><td class="n">${e(formatMoney(order.tax))}</td><td class="n">${e(formatMoney(order.totalWithTax))}</td><td colspan="2"></td></tr></tfoot>
</table>
<p class="note">金额单位：人民币元。单价不含税，税额按行计算并四舍五入到分。本页面只读，链接有效期至 ${e(ctx.validUntil.slice(0, 10))}。可使用浏览器“打印”保存为 PDF。</p>
</body>
</html>
`;
}

/** The page a link that is unknown or past its time answers with. */
export function renderExpiredPage(): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>链接无效</title><style>${STYLE}</style></head>
<body><h1>链接无效或已过期</h1><p>请联系采购方重新发送订单链接。</p></body>
</html>
`;
}
