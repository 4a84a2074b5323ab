import type {
  Approval,
  AttachmentView,
  CostingPeriodRecord,
  ExpenseClaim,
  ExpenseEntry,
} from '@factory/shared';
import ExcelJS from 'exceljs';
import { getDeps, useApprovalNotifier } from '../../functions/src/deps.js';
import { costingRepo } from '../../functions/src/store/costingRepo.js';
import { JPEG_BYTES, PNG_BYTES, uploadAttachment } from './attachmentHarness.js';
import { errorOf, startApi, type Api } from './harness.js';
import { recordingNotifier, seedUsers } from './salesHarness.js';
import { idem } from './shopfloorHarness.js';

/**
 * Expense claims over the local runtime (issue 16, deliverable 1, API): categories mapped to
 * pools or period expenses, a claim of two lines through a two-step approval into the pools of
 * its period, a line of a closed period landing in the approval's period, paid by finance, and
 * an employee kept to their own claims. The business date is 2026-12-01 (tests/testClock.ts).
 */
const T = 'wwclaims01';
let api: Api;
let worker: string; // 陈杰（操作工）: the claimant
let other: string; // 王强（仓管）: another employee
let cost: string; // 孙丽（成本会计）: finance
let manager: string;

const call = <R>(method: string, path: string, token: string, body?: unknown) =>
  api.call<R>(method, path, {
    token,
    ...(method === 'GET' ? {} : { headers: idem() }),
    ...(body !== undefined ? { body } : {}),
  });

const approve = (approvalId: string, token: string) =>
  call<Approval>('POST', `/api/approvals/${approvalId}/approve`, token, {});

const entriesOf = async (period: string) =>
  (await call<ExpenseEntry[]>('GET', `/api/costing/periods/${period}/expenses`, cost)).body;

beforeAll(async () => {
  api = await startApi();
  await seedUsers(T);
  [worker, other, cost, manager] = await Promise.all([
    api.token('chenjie', T),
    api.token('wangqiang', T),
    api.token('sunli', T),
    api.token('zhoujun', T),
  ]);
  for (const [code, name] of [
    ['REPAIR', '修理费池'],
    ['ENERGY', '水电费池'],
  ]) {
    const res = await call('PUT', `/api/costing/pools/${code}`, cost, { name, basis: 'quantity' });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }
  useApprovalNotifier(recordingNotifier().notifier);
});
afterEach(() => api.runtime.outbox.idle());
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

describe('expense categories', () => {
  it('maps a category to a pool or marks it a period expense; bad input names fields', async () => {
    const repair = await call('PUT', '/api/expense-categories/REPAIR', cost, {
      name: '设备维修',
      pool: 'REPAIR',
      receiptRequired: true,
    });
    expect(repair.status).toBe(200);
    expect(repair.body).toMatchObject({ pool: 'REPAIR', periodExpense: false, active: true });
    const energy = await call('PUT', '/api/expense-categories/ENERGY', cost, {
      name: '水电',
      pool: 'ENERGY',
    });
    expect(energy.status).toBe(200);
    const meal = await call('PUT', '/api/expense-categories/MEAL', cost, {
      name: '业务招待',
      periodExpense: true,
    });
    expect(meal.body).toMatchObject({ periodExpense: true, receiptRequired: false });
    expect((await call('GET', '/api/expense-categories/MEAL', worker)).status).toBe(200);

    const neither = await call('PUT', '/api/expense-categories/X', cost, { name: '其他' });
    expect(neither.status).toBe(400);
    expect(errorOf(neither).issues?.map((i) => i.path.join('.'))).toEqual(['body.pool']);
    const both = await call('PUT', '/api/expense-categories/X', cost, {
      name: '其他',
      pool: 'REPAIR',
      periodExpense: true,
    });
    expect(both.status).toBe(400);
    const noPool = await call('PUT', '/api/expense-categories/X', cost, {
      name: '其他',
      pool: 'NOPE',
    });
    expect(noPool.status).toBe(400);
    expect(errorOf(noPool).issues).toEqual([
      { path: ['body', 'pool'], message: '费用池不存在：NOPE' },
    ]);
    // Only finance or an admin keeps the categories.
    expect(
      (await call('PUT', '/api/expense-categories/X', worker, { name: 'x', periodExpense: true }))
        .status,
    ).toBe(403);
  });
});

describe('claims', () => {
  let claimNo: string;

  it('refuses bad lines naming each field: amount, date, unknown category, missing receipt', async () => {
    const bad = await call('POST', '/api/expense-claims', worker, {
      lines: [
        { category: 'REPAIR', amount: '0', date: '2026-11-20' },
        { category: 'MEAL', amount: '12.345', date: '2026-13-01' },
        { category: 'ENERGY', amount: '1000000.01', date: '2026-11-20' },
      ],
    });
    expect(bad.status).toBe(400);
    const paths = errorOf(bad).issues?.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.lines.0.amount',
        'body.lines.1.amount',
        'body.lines.1.date',
        'body.lines.2.amount',
      ]),
    );
    const unknown = await call('POST', '/api/expense-claims', worker, {
      lines: [
        { category: 'NOPE', amount: '10', date: '2026-11-20' },
        { category: 'REPAIR', amount: '10', date: '2026-11-20' },
      ],
    });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).issues?.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.category',
      'body.lines.1.receipts',
    ]);
    expect((await call('POST', '/api/expense-claims', worker, { lines: [] })).status).toBe(400);
  });

  it('a claim of two lines and photos: draft, edited, submitted, approved in two steps, lands in the pools', async () => {
    // The receipt photos go up first (presigned multipart POST, then complete).
    const invoice = await uploadAttachment(api, worker, {
      fileName: '维修发票.jpg',
      contentType: 'image/jpeg',
      bytes: JPEG_BYTES,
    });
    const slip = await uploadAttachment(api, worker, {
      fileName: '付款凭条.png',
      contentType: 'image/png',
      bytes: PNG_BYTES,
    });
    const created = await call<ExpenseClaim>('POST', '/api/expense-claims', worker, {
      title: '11月维修与招待',
      lines: [
        { category: 'REPAIR', amount: '4000', date: '2026-11-20', receipts: [invoice] },
        { category: 'MEAL', amount: '1200.5', date: '2026-11-21', note: '客户来访' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      claimant: 'chenjie',
      claimantName: '陈杰（操作工）',
      version: 1,
    });
    expect(created.body.total.amount).toBe(520050);
    claimNo = created.body.no;

    const edited = await call<ExpenseClaim>('PATCH', `/api/expense-claims/${claimNo}`, worker, {
      expectedVersion: 1,
      lines: [
        {
          category: 'REPAIR',
          amount: '4000.00',
          date: '2026-11-20',
          department: 'MAINT',
          receipts: [invoice, slip],
        },
        {
          category: 'MEAL',
          amount: '1200.50',
          date: '2026-11-21',
          note: '客户来访',
          receipts: [slip],
        },
      ],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.lines.map((l) => l.receipts)).toEqual([[invoice, slip], [slip]]);
    // Each photo now names the claim.
    const photo = await call<AttachmentView>('GET', `/api/attachments/${slip}`, worker);
    expect(photo.body.refs).toEqual([{ kind: 'expenseClaim', no: claimNo }]);
    // An id that is no attachment is refused, naming the receipt.
    const unknownReceipt = await call('PATCH', `/api/expense-claims/${claimNo}`, worker, {
      lines: [
        { category: 'REPAIR', amount: '1', date: '2026-11-20', receipts: ['nosuchattachment01'] },
      ],
    });
    expect(unknownReceipt.status).toBe(400);
    expect(errorOf(unknownReceipt).issues?.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.receipts.0',
    ]);
    const stale = await call('PATCH', `/api/expense-claims/${claimNo}`, worker, {
      expectedVersion: 1,
      title: 'x',
    });
    expect(stale.status).toBe(409);

    const submitted = await call<ExpenseClaim>(
      'POST',
      `/api/expense-claims/${claimNo}/submit`,
      worker,
      {},
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('pending');
    const approvalId = submitted.body.approvalId!;
    // Pending: no longer editable, not payable.
    expect(
      (await call('PATCH', `/api/expense-claims/${claimNo}`, worker, { title: 'y' })).status,
    ).toBe(409);
    const early = await call('POST', `/api/expense-claims/${claimNo}/pay`, cost, {
      paidOn: '2026-12-01',
    });
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('expenseClaim.invalidState');

    // Above ¥5,000: finance checks, then the manager decides.
    const first = await approve(approvalId, cost);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('pending');
    expect(await entriesOf('2026-11')).toEqual([]);
    const second = await approve(approvalId, manager);
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('approved');
    // The manager, an approver, sees the receipt photos by their links.
    const seen = await call<AttachmentView>('GET', `/api/attachments/${invoice}`, manager);
    expect(seen.status).toBe(200);
    const file = await fetch(seen.body.downloadUrl!);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer()).equals(JPEG_BYTES)).toBe(true);

    const read = await call<ExpenseClaim>('GET', `/api/expense-claims/${claimNo}`, worker);
    expect(read.body.status).toBe('approved');
    expect(read.body.lines[0]!.landing).toMatchObject({ pool: 'REPAIR', period: '2026-11' });
    expect(read.body.lines[1]!.landing).toEqual({ periodExpense: true });
    const entries = await entriesOf('2026-11');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      pool: 'REPAIR',
      amount: '4000.00',
      date: '2026-11-20',
      source: { kind: 'claim', ref: `${claimNo}#1` },
    });
    // The period expense landed nowhere.
    expect(await entriesOf('2026-12')).toEqual([]);
  });

  it('finance marks the approved claim paid; paying twice is 409; only finance pays', async () => {
    expect(
      (await call('POST', `/api/expense-claims/${claimNo}/pay`, worker, { paidOn: '2026-12-01' }))
        .status,
    ).toBe(403);
    const bad = await call('POST', `/api/expense-claims/${claimNo}/pay`, cost, { paidOn: 'soon' });
    expect(bad.status).toBe(400);
    expect(new Set(errorOf(bad).issues?.map((i) => i.path.join('.')))).toEqual(
      new Set(['body.paidOn']),
    );
    const paid = await call<ExpenseClaim>('POST', `/api/expense-claims/${claimNo}/pay`, cost, {
      paidOn: '2026-12-01',
    });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paidOn: '2026-12-01', paidBy: 'sunli' });
    const again = await call('POST', `/api/expense-claims/${claimNo}/pay`, cost, {
      paidOn: '2026-12-02',
    });
    expect(again.status).toBe(409);
  });

  it('a line dated in a closed period lands in the period of the approval', async () => {
    // November closed (the posting lock through its last day).
    await getDeps().unitOfWork.commit([
      costingRepo(getDeps(), T).setLock({ closedThrough: '2026-11-30', period: '2026-11' }),
    ]);
    const created = await call<ExpenseClaim>('POST', '/api/expense-claims', worker, {
      lines: [{ category: 'ENERGY', amount: '300', date: '2026-11-25' }],
    });
    const submitted = await call<ExpenseClaim>(
      'POST',
      `/api/expense-claims/${created.body.no}/submit`,
      worker,
      {},
    );
    // ¥300: one step (finance).
    const decided = await approve(submitted.body.approvalId!, cost);
    expect(decided.body.status).toBe('approved');
    const dec = await entriesOf('2026-12');
    expect(dec).toEqual([
      expect.objectContaining({
        pool: 'ENERGY',
        amount: '300',
        date: '2026-12-01',
        source: { kind: 'claim', ref: `${created.body.no}#1` },
      }),
    ]);
    expect((await entriesOf('2026-11')).map((e) => e.pool)).toEqual(['REPAIR']);
    await getDeps().unitOfWork.commit([costingRepo(getDeps(), T).setLock(undefined)]);
    const period = await call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-12', cost);
    expect(period.status).toBe(200);
  });

  it('an employee sees only their own claims; finance and managers see all', async () => {
    const theirs = await call('GET', `/api/expense-claims/${claimNo}`, other);
    expect(theirs.status).toBe(403);
    expect(errorOf(theirs).code).toBe('auth.forbidden');
    expect((await call('POST', `/api/expense-claims/${claimNo}/submit`, other, {})).status).toBe(
      403,
    );
    const own = await call<ExpenseClaim[]>('GET', '/api/expense-claims', other);
    expect(own.body).toEqual([]);
    expect((await call('GET', '/api/expense-claims?claimant=chenjie', other)).status).toBe(403);
    const mine = await call<ExpenseClaim[]>('GET', '/api/expense-claims', worker);
    expect(mine.body).toHaveLength(2);
    const all = await call<ExpenseClaim[]>('GET', '/api/expense-claims?status=paid', manager);
    expect(all.body.map((c) => c.no)).toEqual([claimNo]);
    expect((await call('GET', `/api/expense-claims/${claimNo}`, cost)).status).toBe(200);
  });

  it('finance searches claims by expense date, category, status and text, and exports them', async () => {
    const nos = async (query: string, token = cost) => {
      const res = await call<ExpenseClaim[]>('GET', `/api/expense-claims?${query}`, token);
      expect(res.status).toBe(200);
      return res.body.map((c) => c.no);
    };
    // Lines dated 2026-11-20/21 (the paid claim) and 2026-11-25 (the closed-period one).
    expect(await nos('from=2026-11-20&to=2026-11-21')).toEqual([claimNo]);
    expect(await nos('from=2026-11-22')).toHaveLength(1);
    expect(await nos('from=2026-11-22')).not.toContain(claimNo);
    expect(await nos('category=MEAL')).toEqual([claimNo]);
    expect(await nos('category=MEAL&from=2026-11-22')).toEqual([]);
    expect(await nos('q=客户来访')).toEqual([claimNo]);
    expect(await nos(`q=${claimNo.slice(-4)}`)).toContain(claimNo);
    expect(await nos('q=CHENJIE')).toHaveLength(2);
    expect(await nos('status=paid&q=维修')).toEqual([claimNo]);
    // An employee's search stays within their own claims.
    expect(await nos('q=客户来访', other)).toEqual([]);
    const backwards = await call('GET', '/api/expense-claims?from=2026-11-30&to=2026-11-01', cost);
    expect(backwards.status).toBe(400);
    expect(errorOf(backwards).issues?.map((i) => i.path.join('.'))).toEqual(['query.to']);

    // The export: the same filters, one row per matching line (the static path is no claim no).
    const xlsx = await fetch(
      `${api.url}/api/expense-claims/export.xlsx?from=2026-11-01&to=2026-11-30`,
      {
        headers: { authorization: `Bearer ${cost}` },
      },
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.getWorksheet('费用报销')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('单号');
    expect(sheet.rowCount).toBe(4);
    const paidRows = [2, 3, 4]
      .map((n) => sheet.getRow(n).values as unknown[])
      .filter((v) => v[1] === claimNo);
    expect(paidRows.map((v) => [v[6], v[7], v[9]])).toEqual([
      ['2026-11-20', 'REPAIR', '4000.00'],
      ['2026-11-21', 'MEAL', '1200.50'],
    ]);
    const meal = await fetch(`${api.url}/api/expense-claims/export.xlsx?category=MEAL`, {
      headers: { authorization: `Bearer ${cost}` },
    });
    const mealBook = new ExcelJS.Workbook();
    await mealBook.xlsx.load(await meal.arrayBuffer());
    expect(mealBook.getWorksheet('费用报销')!.rowCount).toBe(2);
    // Only finance, managers and admins export.
    const denied = await fetch(`${api.url}/api/expense-claims/export.xlsx`, {
      headers: { authorization: `Bearer ${worker}` },
    });
    expect(denied.status).toBe(403);
  });

  it("another tenant's finance finds no claim or category of this tenant", async () => {
    await seedUsers('wwclaims02');
    const stranger = await api.token('sunli', 'wwclaims02');
    expect((await call('GET', `/api/expense-claims/${claimNo}`, stranger)).status).toBe(404);
    expect((await call<ExpenseClaim[]>('GET', '/api/expense-claims', stranger)).body).toEqual([]);
    expect((await call('GET', '/api/expense-categories/REPAIR', stranger)).status).toBe(404);
  });
});
