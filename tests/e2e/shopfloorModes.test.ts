import { jest } from '@jest/globals';
import type { PickList } from '@factory/shared';
import { addDecimal } from '../../miniapp/src/lib/decimal.js';
import {
  byTestId,
  fill,
  loginAs,
  screenshot,
  startE2E,
  type E2E,
  adminApi,
  text,
  type AdminApi,
} from './harness.js';

// The other issue modes in the mini-program (H5): a warehouse clerk issues a task order by
// whole sets (齐套领料) — above what stock allows the server refuses and the page offers the
// maximum — and picks three task orders in one walk (合并拣货): items summed with each order's
// share, each line confirmed by scanning, posted once, each order's issued figures moved.
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

test('kit issue by sets: refused above what stock allows, then issued at the maximum', async () => {
  // SA-HEAD40 × 500: the 380 motors in stock allow 380 sets; the phantom oscillator's gearboxes
  // (420, 1.005 per set) allow 417 when issued skip-level.
  const no = await api.newOrder('SA-HEAD40', '500');
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-pick').click();
  await byTestId(clerk, `task-list-${no}`).click();
  await byTestId(clerk, 'pick-page').waitFor();
  await byTestId(clerk, 'pick-mode-kitIssue').click();
  await byTestId(clerk, 'kit-page').waitFor();
  await expect(text(clerk, 'kit-order')).resolves.toBe(no);
  await clerk.waitForFunction(() =>
    document.querySelector('[data-testid="kit-limits"]')?.textContent?.includes('380 套'),
  );
  await expect(text(clerk, 'kit-limits')).resolves.toBe('库存最多可配 380 套 · 剩余需求 500 套');
  await expect(text(clerk, 'kit-max')).resolves.toContain('最多 380 套');

  // Skip-level through the phantom oscillator: only its components, their own limit.
  await byTestId(clerk, 'kit-scope-PH-OSC').click();
  await clerk.waitForFunction(() =>
    document.querySelector('[data-testid="kit-limits"]')?.textContent?.includes('417 套'),
  );
  await expect(byTestId(clerk, 'kit-row-PT-MOT40@RM').count()).resolves.toBe(0);
  await byTestId(clerk, 'kit-row-PT-GBOX@RM').waitFor();
  await screenshot(clerk, 'k1-kit-skip-level');
  await byTestId(clerk, 'kit-scope-all').click();
  await byTestId(clerk, 'kit-row-PT-MOT40@RM').waitFor();

  // 99999 sets is past the 500 still needed: the need is the limit, said once, and no row
  // claims 库存不足.
  await fill(clerk, 'kit-sets', '99999');
  await expect(text(clerk, 'kit-sets-check')).resolves.toBe('超出剩余需求：最多还能领 500 套');
  await expect(
    clerk.locator('[data-testid="kit-rows"]:visible .tag-rejected').count(),
  ).resolves.toBe(0);

  // 400 sets: the page warns and shows what 400 sets would issue (exact: 400 × 1.005 = 402).
  await fill(clerk, 'kit-sets', '400');
  await expect(text(clerk, 'kit-sets-check')).resolves.toContain('最多 380 套');
  await expect(text(clerk, 'kit-row-PT-MOT40@RM-issue')).resolves.toBe('本次领料 400 个');
  await expect(text(clerk, 'kit-row-PT-CAP12@RM-issue')).resolves.toBe('本次领料 402 个');
  await byTestId(clerk, 'kit-submit').click();
  await byTestId(clerk, 'kit-refusal').waitFor();
  await expect(text(clerk, 'kit-refusal-message')).resolves.toBe('库存仅够 380 套，不能领 400 套');
  await expect(text(clerk, 'kit-refusal')).resolves.toContain(
    'PT-MOT40（RM）库存 380，仅够 380 套',
  );
  await screenshot(clerk, 'k2-kit-refused-above-stock');
  expect(await api.issuedOf(no, 'PT-MOT40')).toBe('0');

  // Take the offered maximum: 380 × 1.005 = 381.9 capacitors, rounded up to 382.
  await byTestId(clerk, 'kit-refusal-use').click();
  await expect(byTestId(clerk, 'kit-sets').locator('input').inputValue()).resolves.toBe('380');
  await expect(text(clerk, 'kit-row-PT-CAP12@RM-issue')).resolves.toBe('本次领料 382 个');
  await byTestId(clerk, 'kit-submit').click();
  await expect(text(clerk, 'kit-done')).resolves.toMatch(/领料单 \S+ 已过账（380 套）/);
  await clerk.waitForFunction(() =>
    document.querySelector('[data-testid="kit-limits"]')?.textContent?.includes('剩余需求 120 套'),
  );
  await screenshot(clerk, 'k3-kit-issued');
  expect(await api.issuedOf(no, 'PT-MOT40')).toBe('380');
  expect(await api.issuedOf(no, 'PT-CAP12')).toBe('382');
});

test('merged picking across 3 task orders: summed, scanned, posted once to each order', async () => {
  const nos = [
    await api.newOrder('SA-BLADE40', '100'),
    await api.newOrder('SA-BLADE40', '150'),
    await api.newOrder('SA-BLADE40', '200'),
  ];
  const expected = await api.call<PickList>(
    'GET',
    `/api/picking/pick-list?orders=${nos.join(',')}`,
  );
  expect(expected.lines.map((l) => l.item).sort()).toEqual(['PT-HUB', 'PT-MB-WHT', 'PT-PP']);

  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-merged-pick').click();
  await byTestId(clerk, 'merge-hint').waitFor();
  for (const no of nos) await byTestId(clerk, `task-list-${no}`).click();
  await expect(text(clerk, 'merge-start')).resolves.toContain('已选 3 张');
  await screenshot(clerk, 'm1-merge-choose-orders');
  await byTestId(clerk, 'merge-start').click();
  await byTestId(clerk, 'merged-page').waitFor();
  await expect(text(clerk, 'merged-orders')).resolves.toBe(nos.join('、'));

  // Each item once, its total the sum of the three orders' shares (exact decimals).
  for (const l of expected.lines) {
    // Warehouse by name and code, every quantity with its unit (digits grouped).
    const shown = (await text(clerk, `merged-line-${l.item}-qty`)).replace(/,/g, '');
    expect(shown).toMatch(
      new RegExp(`^仓库 \\S+ ${l.warehouse} · 合计 ${l.qty} \\S+ · 库存 ${l.available} \\S+$`),
    );
    const shares = (await text(clerk, `merged-line-${l.item}-shares`)).replace(/,/g, '');
    for (const s of l.shares) expect(shares).toContain(`${s.order} ${s.qty}`);
    expect(l.shares.map((s) => s.order)).toEqual(nos);
    expect(l.shares.reduce((sum, s) => addDecimal(sum, s.qty), '0')).toBe(l.qty);
  }
  await screenshot(clerk, 'm2-merged-list');

  // The list is walked in order; a label not on the list is refused (another line's label
  // jumps to that line: shopfloorGaps.test.ts).
  const [first] = expected.lines;
  await expect(text(clerk, 'merged-current')).resolves.toContain(first!.item);
  await fill(clerk, 'merged-scan-input', 'PT-CONN');
  await byTestId(clerk, 'merged-scan-confirm').click();
  await expect(text(clerk, 'merged-scan-error')).resolves.toContain(
    `扫描的物料不是 ${first!.item}`,
  );
  await expect(byTestId(clerk, `merged-line-${first!.item}-ok`).count()).resolves.toBe(0);
  await screenshot(clerk, 'm3-merged-wrong-item');
  // A location label: another warehouse is refused, the line's own is confirmed.
  await fill(clerk, 'merged-scan-input', 'QC');
  await byTestId(clerk, 'merged-scan-confirm').click();
  await expect(text(clerk, 'merged-scan-error')).resolves.toContain(
    `库位不对：本行应从 ${first!.warehouse}`,
  );
  await fill(clerk, 'merged-scan-input', first!.warehouse);
  await byTestId(clerk, 'merged-scan-confirm').click();
  await byTestId(clerk, `merged-line-${first!.item}-located`).waitFor();

  // Posting before any line is scanned is refused on the page.
  await byTestId(clerk, 'merged-submit').click();
  await expect(text(clerk, 'form-error')).resolves.toContain('请先扫码确认');

  for (const l of expected.lines) {
    await fill(clerk, 'merged-scan-input', l.item);
    await byTestId(clerk, 'merged-scan-confirm').click();
    await byTestId(clerk, `merged-line-${l.item}-ok`).waitFor();
  }
  await expect(text(clerk, 'merged-progress')).resolves.toBe('已扫码 3 / 3 种物料');
  await screenshot(clerk, 'm4-merged-all-scanned');

  await byTestId(clerk, 'merged-submit').click();
  await expect(text(clerk, 'merged-done')).resolves.toMatch(/领料单 \S+ 已过账/);
  // Each order's issued figures moved by its share, on the page and in the API.
  for (const l of expected.lines) {
    for (const s of l.shares) {
      // This pick's share, the item by name with its unit.
      await expect(text(clerk, `merged-done-${s.order}-${l.item}`)).resolves.toContain(
        `${l.item} ${Number(s.qty).toLocaleString('en-US', { maximumFractionDigits: 6 })} `,
      );
      expect(await api.issuedOf(s.order, l.item)).toBe(s.qty);
    }
  }
  await byTestId(clerk, 'merged-empty').waitFor();
  await screenshot(clerk, 'm5-merged-posted');

  // The task order page shows the issue too.
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/task/index?no=${nos[0]}`);
  const hub = expected.lines.find((l) => l.item === 'PT-HUB')!.shares[0]!.qty;
  await expect(text(clerk, 'need-PT-HUB-issued')).resolves.toBe(hub);
});
