import { jest } from '@jest/globals';
import type { Balance, OutsourcingOrder, Page } from '@factory/shared';
import {
  adminApi,
  byTestId,
  fill,
  loginAs,
  screenshot,
  startE2E,
  text,
  type AdminApi,
  type E2E,
} from './harness.js';

// Outsourcing on the phone (H5, 390x844): the warehouse clerk opens an outsourcing order of
// the demo's 兴华 (W-XINGHUA, warehouse SUB-XH) for chrome-plated tubes, reads its processing
// price, sends it 2 kits by scanning (a wrong subcontractor warehouse refused under its field),
// then receives part of it by scanning (quantity 0 and a receipt beyond what was sent refused,
// the shortage named per component); the balances at the subcontractor, the order's received
// and its accrued fee are checked through the API.
jest.setTimeout(240_000);

let e2e: E2E;
let api: AdminApi;

beforeAll(async () => {
  e2e = await startE2E();
  api = await adminApi(e2e);
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

const TUBE = 'PT-TUBEO40B';

async function atSubcontractor(item: string): Promise<string> {
  const page = await api.call<Page<Balance>>(
    'GET',
    `/api/stock/balances?item=${item}&warehouse=SUB-XH`,
  );
  return page.items.find((b) => b.status === 'available' && !b.trackingNo)?.qty ?? '0';
}

test('send 2 kits and receive part of an outsourcing order by scan', async () => {
  // 100 tubes from 兴华: priced at the base break (¥1.85; ¥1.60 from 500).
  const made = await api.call<OutsourcingOrder>('POST', '/api/outsourcing-orders', {
    subcontractor: 'W-XINGHUA',
    item: 'OS-TUBE40',
    qty: '100',
    dueDate: '2026-12-10',
  });
  const no = made.no;
  const before = await atSubcontractor(TUBE);

  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-outsourcing').click();
  await byTestId(clerk, 'os-orders-page').waitFor();
  await expect(text(clerk, `os-row-${no}-item`)).resolves.toBe(
    '立杆外管Φ19(镀铬) · 100 个 · 已收 0 个',
  );
  await expect(text(clerk, `os-row-${no}-sub`)).resolves.toContain('交期 2026-12-10');
  await expect(text(clerk, `os-row-${no}-sub`)).resolves.toContain(
    '佛山市南海区兴华电镀厂 W-XINGHUA',
  );
  await screenshot(clerk, 'o1-outsourcing-orders');

  // The order: needs, no fee yet, the price in force and the other break.
  await byTestId(clerk, `os-row-${no}`).click();
  await byTestId(clerk, 'os-order-page').waitFor();
  await expect(text(clerk, `os-comp-${TUBE}-figures`)).resolves.toBe(
    '应发 101 个 · 已发 0 个 · 在外协厂 0 个 · 已耗用 0 个',
  );
  await expect(text(clerk, 'os-fee-amount')).resolves.toBe('¥0.00');
  await expect(text(clerk, 'os-price-in-force')).resolves.toContain(
    '本单加工单价 ¥1.85/个（基础价',
  );
  await expect(text(clerk, 'os-price-break-500')).resolves.toContain('¥1.60/个');
  await screenshot(clerk, 'o2-outsourcing-order');

  // Send: 2 kits (2 × 1.01 = 2.02, rounded up to 3 tubes).
  await byTestId(clerk, 'os-go-send').click();
  await byTestId(clerk, 'os-send-page').waitFor();
  await expect(text(clerk, 'os-send-order-no')).resolves.toBe(no);
  await byTestId(clerk, 'os-send-mode-kit').click();
  await fill(clerk, 'os-send-sets', '2');
  await expect(text(clerk, `os-send-row-${TUBE}-qty`)).resolves.toBe('本次发料 3 个');
  // Posting before the label is scanned is refused on the page; a wrong label is refused.
  await byTestId(clerk, 'os-send-submit').click();
  await expect(text(clerk, 'os-send-banner')).resolves.toContain('请先扫码确认');
  await fill(clerk, 'os-send-scan-input', 'PT-POWDER');
  await byTestId(clerk, 'os-send-scan-confirm').click();
  await expect(text(clerk, 'os-send-scan-error')).resolves.toContain('不是本委外订单的用料');
  await fill(clerk, 'os-send-scan-input', TUBE);
  await byTestId(clerk, 'os-send-scan-confirm').click();
  await byTestId(clerk, `os-send-row-${TUBE}-ok`).waitFor();
  // Another subcontractor's warehouse: refused under the field, nothing sent.
  await byTestId(clerk, 'os-send-to-SUB-LM').click();
  await byTestId(clerk, 'os-send-submit').click();
  await expect(text(clerk, 'os-send-to-error')).resolves.toContain('外协仓-丽美喷涂');
  await expect(text(clerk, 'os-send-to-error')).resolves.not.toContain('SUB-LM');
  await screenshot(clerk, 'o3-outsourcing-send-wrong-warehouse');
  expect(await atSubcontractor(TUBE)).toBe(before);
  await byTestId(clerk, 'os-send-to-SUB-XH').click();
  await byTestId(clerk, 'os-send-submit').click();
  await expect(text(clerk, 'os-send-doc')).resolves.toMatch(/^调拨单 \S+ 已过账$/);
  await expect(text(clerk, `os-send-done-${TUBE}`)).resolves.toMatch(/^立杆外管 .+ 3 个 → /);
  await clerk.waitForTimeout(2_200); // the toast goes
  await screenshot(clerk, 'o4-outsourcing-sent');
  const sent = await api.call<OutsourcingOrder>('GET', `/api/outsourcing-orders/${no}`);
  expect(sent.components[0]).toMatchObject({ item: TUBE, sent: '3', atSubcontractor: '3' });
  expect(sent.subcontractorWarehouse).toBe('SUB-XH');
  expect(await atSubcontractor(TUBE)).toBe(String(Number(before) + 3));

  // Receipt by scanning the order number from the list's 扫码入库.
  await clerk.goBack();
  await clerk.goBack();
  await byTestId(clerk, 'os-orders-receipt').click();
  await byTestId(clerk, 'os-receipt-page').waitFor();
  await fill(clerk, 'os-receipt-scan-input', no);
  await byTestId(clerk, 'os-receipt-scan-confirm').click();
  await expect(text(clerk, 'os-receipt-order-no')).resolves.toBe(no);
  // Quantity 0: refused under the field.
  await fill(clerk, 'os-receipt-qty', '0');
  await byTestId(clerk, 'os-receipt-submit').click();
  await byTestId(clerk, 'os-receipt-qty-error').waitFor();
  await screenshot(clerk, 'o5a-outsourcing-receipt-qty-0');
  // 5 tubes need 5.05 -> 6 of what was sent (3): the shortage per component, by name.
  await fill(clerk, 'os-receipt-qty', '5');
  await byTestId(clerk, 'os-receipt-submit').click();
  await expect(text(clerk, 'os-receipt-shortage')).resolves.toContain('外协厂用料不足');
  await expect(text(clerk, 'os-receipt-shortage-line')).resolves.toMatch(
    /^立杆外管 Φ19×620 白坯\(未镀\)：外协仓-\S+ 仅有 \d+个，本次需耗用 \d+个，缺 \d+个$/,
  );
  await screenshot(clerk, 'o5-outsourcing-receipt-shortage');
  expect((await api.call<OutsourcingOrder>('GET', `/api/outsourcing-orders/${no}`)).received).toBe(
    '0',
  );

  // 2 tubes: consumed at the subcontractor, fee 2 × ¥1.85.
  await fill(clerk, 'os-receipt-qty', '2');
  await byTestId(clerk, 'os-receipt-submit').click();
  await expect(text(clerk, 'os-receipt-fee')).resolves.toBe('加工费暂估 ¥3.70（2 个 × ¥1.85）');
  await expect(text(clerk, `os-receipt-consumed-${TUBE}`)).resolves.toMatch(
    /^立杆外管 .+ \d+ 个（外协仓-\S+）$/,
  );
  await expect(text(clerk, 'os-receipt-total')).resolves.toBe(
    '累计已收 2 个 / 100 个 · 累计暂估 ¥3.70',
  );
  await clerk.waitForTimeout(2_200);
  await screenshot(clerk, 'o6-outsourcing-received');

  const after = await api.call<OutsourcingOrder>('GET', `/api/outsourcing-orders/${no}`);
  expect(after.received).toBe('2');
  expect(after.accruedFee).toEqual({ amount: 370, scale: 2, currency: 'CNY' });
  const consumed = after.components[0]!.consumed;
  expect(Number(consumed)).toBeGreaterThan(0);
  expect(after.components[0]!.atSubcontractor).toBe(String(3 - Number(consumed)));
  expect(await atSubcontractor(TUBE)).toBe(String(Number(before) + 3 - Number(consumed)));

  // The order page shows the receipt, its fee and the new figures.
  await clerk.goto(`${e2e.appUrl}#/pages/outsourcing/order/index?no=${no}`);
  await expect(text(clerk, 'os-fee-amount')).resolves.toBe('¥3.70');
  await expect(text(clerk, `os-comp-${TUBE}-figures`)).resolves.toBe(
    `应发 101 个 · 已发 3 个 · 在外协厂 ${3 - Number(consumed)} 个 · 已耗用 ${consumed} 个`,
  );
  await screenshot(clerk, 'o7-outsourcing-order-after');
  expect(e2e.cspViolations).toEqual([]);
});

test('an order without a processing price: the order says so, the receipt is refused at the order', async () => {
  // 丽美 has a price for the guards only: none for tubes.
  const made = await api.call<OutsourcingOrder>('POST', '/api/outsourcing-orders', {
    subcontractor: 'W-LIMEI',
    item: 'OS-TUBE40',
    qty: '50',
    dueDate: '2026-12-10',
  });
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/outsourcing/order/index?no=${made.no}`);
  await expect(text(clerk, 'os-price-none')).resolves.toContain('没有适用于 50 个 的委外价格');
  await byTestId(clerk, 'os-go-receipt').click();
  await byTestId(clerk, 'os-receipt-page').waitFor();
  await fill(clerk, 'os-receipt-qty', '1');
  await byTestId(clerk, 'os-receipt-submit').click();
  const said = await text(clerk, 'os-receipt-order-error');
  expect(said).toContain('没有有效的委外价格');
  expect(said).toContain('立杆外管Φ19(镀铬)');
  expect(said).not.toContain('W-LIMEI');
  await screenshot(clerk, 'o8-outsourcing-receipt-no-price');
  expect(
    (await api.call<OutsourcingOrder>('GET', `/api/outsourcing-orders/${made.no}`)).received,
  ).toBe('0');
});

test('a standard send of every need scanned with its location, then a supplementary send with its reason', async () => {
  // 10 guards from 丽美: front and rear nets 10 × 1.01 -> 11 each, powder 10 × 0.065 × 1.05.
  const made = await api.call<OutsourcingOrder>('POST', '/api/outsourcing-orders', {
    subcontractor: 'W-LIMEI',
    item: 'OS-GUARD40',
    qty: '10',
    dueDate: '2026-12-10',
  });
  const no = made.no;
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-outsourcing').click();
  await byTestId(clerk, 'os-orders-send').click();
  await byTestId(clerk, 'os-send-page').waitFor();
  await fill(clerk, 'os-send-scan-input', 'NOT-AN-ORDER');
  await byTestId(clerk, 'os-send-scan-confirm').click();
  await expect(text(clerk, 'os-send-scan-error')).resolves.toBe('条码 NOT-AN-ORDER 不是委外订单号');
  await fill(clerk, 'os-send-scan-input', no);
  await byTestId(clerk, 'os-send-scan-confirm').click();
  await expect(text(clerk, 'os-send-order-no')).resolves.toBe(no);
  await expect(text(clerk, 'os-send-row-PT-GUARDF40B-qty')).resolves.toBe('本次发料 11 个');
  await expect(text(clerk, 'os-send-row-PT-POWDER-qty')).resolves.toBe('本次发料 0.683 千克');
  // The subcontractor's own warehouse is chosen for the clerk.
  await expect(byTestId(clerk, 'os-send-to-SUB-LM').getAttribute('class')).resolves.not.toContain(
    'tag-draft',
  );
  // A wrong location is refused; the line's own confirms it; then each item label.
  await fill(clerk, 'os-send-scan-input', 'FG');
  await byTestId(clerk, 'os-send-scan-confirm').click();
  await expect(text(clerk, 'os-send-scan-error')).resolves.toContain('库位不对');
  await fill(clerk, 'os-send-scan-input', 'RM');
  await byTestId(clerk, 'os-send-scan-confirm').click();
  for (const item of ['PT-GUARDF40B', 'PT-GUARDR40B', 'PT-POWDER']) {
    await fill(clerk, 'os-send-scan-input', item);
    await byTestId(clerk, 'os-send-scan-confirm').click();
    await byTestId(clerk, `os-send-row-${item}-ok`).waitFor();
  }
  await screenshot(clerk, 'o9-outsourcing-standard-scanned');
  await byTestId(clerk, 'os-send-submit').click();
  await expect(text(clerk, 'os-send-doc')).resolves.toMatch(/^调拨单 \S+ 已过账$/);
  await expect(text(clerk, 'os-send-done-PT-POWDER')).resolves.toBe(
    '环氧塑粉 白 0.683 千克 → 外协仓-丽美喷涂',
  );
  let order = await api.call<OutsourcingOrder>('GET', `/api/outsourcing-orders/${no}`);
  expect(order.components.map((c) => [c.item, c.sent])).toEqual([
    ['PT-GUARDF40B', '11'],
    ['PT-GUARDR40B', '11'],
    ['PT-POWDER', '0.683'],
  ]);

  // Supplementary: 2 front nets; without a reason it is refused under the field.
  await clerk.goto(`${e2e.appUrl}#/pages/outsourcing/send/index?no=${no}`);
  await byTestId(clerk, 'os-send-mode-supplementary').click();
  await fill(clerk, 'os-send-row-PT-GUARDF40B-qty', '2');
  await fill(clerk, 'os-send-scan-input', 'PT-GUARDF40B');
  await byTestId(clerk, 'os-send-scan-confirm').click();
  await byTestId(clerk, 'os-send-row-PT-GUARDF40B-ok').waitFor();
  await byTestId(clerk, 'os-send-submit').click();
  await expect(text(clerk, 'os-send-reason-error')).resolves.toBe('补料请填写原因');
  await fill(clerk, 'os-send-reason', '外协厂喷涂报废 2 件');
  await byTestId(clerk, 'os-send-submit').click();
  await expect(text(clerk, 'os-send-done-PT-GUARDF40B')).resolves.toBe(
    '16寸前网 白坯(未喷涂) 2 个 → 外协仓-丽美喷涂',
  );
  await clerk.waitForTimeout(2_200);
  await screenshot(clerk, 'o10-outsourcing-supplementary');
  order = await api.call<OutsourcingOrder>('GET', `/api/outsourcing-orders/${no}`);
  expect(order.components[0]).toMatchObject({ item: 'PT-GUARDF40B', sent: '13' });
});
