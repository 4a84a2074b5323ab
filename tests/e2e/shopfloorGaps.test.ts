import { jest } from '@jest/globals';
import type { Item, PickList, TaskOrderView } from '@factory/shared';
import type { Page } from 'playwright-core';
import { getDeps } from '../../functions/src/deps.js';
import { userRepo } from '../../functions/src/store/userRepo.js';
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

// The shop-floor gaps of issue 18, on the phone (H5, 390×844): 合并拣货 without orders, the
// merged list by 库位, a scan of another line's label jumping to it, the merged result as
// this pick only, a worker's own list, and why not one set can be kit-issued.
jest.setTimeout(300_000);

let e2e: E2E;
let api: AdminApi;

beforeAll(async () => {
  e2e = await startE2E();
  api = await adminApi(e2e);
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

async function scan(page: Page, box: string, value: string) {
  await fill(page, `${box}-scan-input`, value);
  await byTestId(page, `${box}-scan-confirm`).click();
}

/** The items of the visible pick lines, top to bottom. */
const lineOrder = (page: Page, box: string) =>
  page
    .locator(`[data-testid^="${box}-line-"][data-active]:visible`)
    .evaluateAll(
      (els, prefix) => els.map((e) => e.getAttribute('data-testid')!.slice(prefix.length)),
      `${box}-line-`,
    );

test('合并拣货 with no order ticked says why and leads back to the list', async () => {
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-merged-pick').click();
  await byTestId(clerk, 'merge-hint').waitFor();
  await expect(text(clerk, 'merge-reason')).resolves.toContain('还没有选择生产任务单');
  await expect(byTestId(clerk, 'merge-start').getAttribute('disabled')).resolves.not.toBeNull();
  await byTestId(clerk, 'merge-start').click({ force: true });
  await expect(byTestId(clerk, 'task-orders-page').count()).resolves.toBe(1);
  await expect(byTestId(clerk, 'merged-page').count()).resolves.toBe(0);
  await screenshot(clerk, 'g1-merge-none-chosen');
  const first = clerk.locator('[data-testid^="task-list-MO-"]:visible').first();
  await first.click();
  await expect(text(clerk, 'merge-reason')).resolves.toContain('再选 1 张');

  // The merged page opened without orders (a bookmark) is no dead end either.
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/merged/index`);
  await expect(text(clerk, 'merged-no-orders')).resolves.toContain('还没有选择生产任务单');
  await screenshot(clerk, 'g2-merged-without-orders');
  await byTestId(clerk, 'merged-choose').click();
  await byTestId(clerk, 'merge-hint').waitFor();
});

test('the merged list walks by 库位; another line’s label jumps to it; the result is this pick only', async () => {
  // Codes PT-HUB < PT-MB-WHT < PT-PP; bins the other way round (A-2 before A-10).
  const bins: Record<string, string> = { 'PT-PP': 'A-2', 'PT-MB-WHT': 'A-10', 'PT-HUB': 'B-01' };
  for (const [code, location] of Object.entries(bins)) {
    const item = await api.call<Item>('GET', `/api/items/${code}`);
    await api.call('PATCH', `/api/items/${code}`, { expectedVersion: item.version, location });
  }
  const nos = [await api.newOrder('SA-BLADE40', '100'), await api.newOrder('SA-BLADE40', '150')];
  const list = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${nos.join(',')}`);
  expect(list.lines.map((l) => l.item)).toEqual(['PT-PP', 'PT-MB-WHT', 'PT-HUB']);

  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/merged/index?orders=${nos.join(',')}`);
  await byTestId(clerk, 'merged-line-PT-HUB').waitFor();
  await expect(lineOrder(clerk, 'merged')).resolves.toEqual(['PT-PP', 'PT-MB-WHT', 'PT-HUB']);
  await expect(text(clerk, 'merged-line-PT-PP-location')).resolves.toBe('库位 A-2');
  await expect(text(clerk, 'merged-current')).resolves.toContain('PT-PP');
  await screenshot(clerk, 'g3-merged-by-location');

  // The clerk picks up the hubs first: their label jumps to that line and confirms it.
  await scan(clerk, 'merged', 'PT-HUB');
  await byTestId(clerk, 'merged-line-PT-HUB-ok').waitFor();
  await expect(byTestId(clerk, 'merged-scan-error').count()).resolves.toBe(0);
  await expect(text(clerk, 'merged-jumped')).resolves.toContain('已跳到 PT-HUB');
  await expect(byTestId(clerk, 'merged-line-PT-HUB').getAttribute('data-active')).resolves.toBe(
    'true',
  );
  await expect(byTestId(clerk, 'merged-line-PT-PP-ok').count()).resolves.toBe(0);
  // A label of an item not on the list is still refused, saying so.
  await scan(clerk, 'merged', 'PT-CONN');
  await expect(text(clerk, 'merged-scan-error')).resolves.toContain('不在本领料单上');
  await screenshot(clerk, 'g4-merged-jumped');

  // First pick: the hubs only.
  await byTestId(clerk, 'merged-submit').click();
  await expect(text(clerk, 'merged-done')).resolves.toMatch(/领料单 \S+ 已过账/);
  const hub = list.lines.find((l) => l.item === 'PT-HUB')!;
  for (const s of hub.shares) {
    await expect(text(clerk, `merged-done-${s.order}-PT-HUB`)).resolves.toBe(
      `扇叶铜嵌件 Φ8 PT-HUB ${Number(s.qty).toLocaleString('en-US')} 个`,
    );
  }
  // Second pick: part of the PP resin only. The result is what this pick issued: no hubs.
  await byTestId(clerk, 'merged-line-PT-PP').waitFor();
  await scan(clerk, 'merged', 'PT-PP');
  await byTestId(clerk, 'merged-line-PT-PP-ok').waitFor();
  await fill(clerk, 'merged-line-PT-PP-pick', '1.5');
  await byTestId(clerk, 'merged-submit').click();
  await clerk.waitForFunction(
    (id) => !document.querySelector(`[data-testid="${id}"]`),
    `merged-done-${nos[0]}-PT-HUB`,
  );
  await expect(text(clerk, `merged-done-${nos[0]}-PT-PP`)).resolves.toBe(
    'PP粒料 K8003 PT-PP 1.5 千克',
  );
  await expect(text(clerk, `merged-done-${nos[1]}`)).resolves.toContain('本次未领');
  await expect(
    clerk.locator('[data-testid^="merged-done-"][data-testid$="-PT-HUB"]:visible').count(),
  ).resolves.toBe(0);
  await screenshot(clerk, 'g5-merged-second-pick');
});

test('on a pick page another line’s label jumps to it; an unknown label is refused', async () => {
  const no = await api.newOrder('SA-HEAD40', '50');
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/pick/index?no=${no}`);
  await byTestId(clerk, 'pick-line-PT-MOT40').click();
  await scan(clerk, 'pick', 'PT-CONN');
  await expect(text(clerk, 'pick-scan-error')).resolves.toContain('不在本领料单上');
  await scan(clerk, 'pick', 'PT-GBOX');
  await byTestId(clerk, 'pick-line-PT-GBOX-ok').waitFor();
  await expect(byTestId(clerk, 'pick-scan-error').count()).resolves.toBe(0);
  await expect(text(clerk, 'pick-jumped')).resolves.toContain('已跳到 PT-GBOX');
  await expect(byTestId(clerk, 'pick-line-PT-GBOX').getAttribute('data-active')).resolves.toBe(
    'true',
  );
  await expect(byTestId(clerk, 'pick-line-PT-MOT40').getAttribute('data-active')).resolves.toBe(
    'false',
  );
  const box = await byTestId(clerk, 'pick-line-PT-GBOX').boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(844);
  await screenshot(clerk, 'g6-pick-jumped');
});

test("a worker's list shows only their task orders and the unassigned ones", async () => {
  await userRepo(getDeps(), 'wwdemo01').putIfAbsent({
    userid: 'huangfang',
    name: '黄芳（操作工）',
    roles: ['worker'],
    active: true,
  });
  const mine = await api.newOrder('SA-BLADE40', '11');
  const hers = await api.newOrder('SA-BLADE40', '12');
  const open = await api.newOrder('SA-BLADE40', '13');
  await api.call<TaskOrderView>('PUT', `/api/task-orders/${hers}/assignees`, {
    assignees: ['huangfang'],
  });

  // The supervisor assigns one on the task page, by name.
  const supervisor = await e2e.newPage();
  await loginAs(supervisor, e2e.appUrl, 'liuyang');
  await supervisor.goto(`${e2e.appUrl}#/pages/shopfloor/task/index?no=${mine}`);
  await expect(text(supervisor, 'task-assignees')).resolves.toContain('未指派');
  await byTestId(supervisor, 'task-assign-edit').click();
  await byTestId(supervisor, 'task-assign-chenjie').click();
  await byTestId(supervisor, 'task-assign-save').click();
  await byTestId(supervisor, 'task-assign-save').waitFor({ state: 'detached' });
  await expect(text(supervisor, 'task-assignees')).resolves.toBe('陈杰（操作工）');
  await screenshot(supervisor, 'g7-task-assigned');
  // The supervisor's list has every order, and a filter by worker.
  await supervisor.goto(`${e2e.appUrl}#/pages/shopfloor/tasks/index`);
  await byTestId(supervisor, `task-list-${hers}`).waitFor();
  await byTestId(supervisor, 'assignee-filter-huangfang').click();
  await byTestId(supervisor, `task-list-${mine}`).waitFor({ state: 'detached' });
  await byTestId(supervisor, `task-list-${hers}`).waitFor();

  const worker = await e2e.newPage();
  await loginAs(worker, e2e.appUrl, 'chenjie');
  await byTestId(worker, 'tile-work-report').click();
  await byTestId(worker, `task-list-${mine}`).waitFor();
  await expect(text(worker, `task-list-${mine}-assignees`)).resolves.toBe('负责人：陈杰（操作工）');
  await byTestId(worker, `task-list-${open}`).waitFor();
  await expect(text(worker, `task-list-${open}-assignees`)).resolves.toBe('负责人：未指派');
  await expect(byTestId(worker, `task-list-${hers}`).count()).resolves.toBe(0);
  await expect(text(worker, 'task-orders-mine')).resolves.toContain('指派给我');
  await screenshot(worker, 'g8-worker-own-list');
});

test('when not one set can be kit-issued the page names the short components', async () => {
  let no = '';
  let kit: PickList['kit'];
  for (const product of ['FG-BS40YJ', 'FG-FS40R', 'FG-TS40']) {
    no = await api.newOrder(product, '10');
    kit = (await api.call<PickList>('GET', `/api/picking/pick-list?orders=${no}`)).kit;
    if (kit?.maxSets === '0') break;
  }
  expect(kit?.maxSets).toBe('0');
  const short = kit!.components.filter((c) => Number(c.sets) <= 0);
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/kit/index?no=${no}`);
  await byTestId(clerk, 'kit-zero').waitFor();
  await expect(byTestId(clerk, 'kit-max').count()).resolves.toBe(0);
  for (const c of short) {
    const said = await text(clerk, `kit-zero-${c.item}`);
    expect(said).toContain(c.item);
    expect(said).toMatch(/库存 \S+ \S+，每套需 \S+ \S+/);
  }
  const box = await byTestId(clerk, 'kit-zero').boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(844);
  await screenshot(clerk, 'g9-kit-zero-sets');
});
