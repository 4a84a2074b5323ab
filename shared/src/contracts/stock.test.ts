import { issuesOf, pathsOf } from './contracts.builders.js';
import {
  zAdjustmentRequest,
  zBalanceQuery,
  zIssueRequest,
  zMoveQuery,
  zReceiptRequest,
  zTransferRequest,
} from './stock.js';

const receipt = (line: Record<string, unknown> = {}, header: Record<string, unknown> = {}) => ({
  date: '2026-12-01',
  reason: 'purchase',
  lines: [{ item: 'RM1', warehouse: 'RM', qty: '10', ...line }],
  ...header,
});

describe('zBalanceQuery', () => {
  test('accepts an item, a warehouse or both, and defaults the limit', () => {
    expect(zBalanceQuery.parse({ item: 'RM1' })).toEqual({ item: 'RM1', limit: 200 });
    expect(zBalanceQuery.parse({ warehouse: 'RM', limit: '10' })).toEqual({
      warehouse: 'RM',
      limit: 10,
    });
    expect(
      zBalanceQuery.safeParse({ item: 'RM1', warehouse: 'RM', status: 'inspection' }).success,
    ).toBe(true);
  });

  test('requires an item or a warehouse, reported at "item"', () => {
    expect(issuesOf(zBalanceQuery, {})).toEqual([
      { path: ['item'], message: '请指定物料或仓库', code: 'custom' },
    ]);
    expect(pathsOf(zBalanceQuery, { status: 'available' })).toEqual(['item']);
  });

  test('refuses unknown parameters and bad values', () => {
    expect(
      pathsOf(zBalanceQuery, { item: 'RM1', status: 'lost', includeZero: 'yes', sort: 'x' }),
    ).toEqual(['status', 'includeZero', 'sort']);
    expect(pathsOf(zBalanceQuery, { item: 'RM1', limit: '501' })).toEqual(['limit']);
  });
});

describe('zMoveQuery', () => {
  test('requires an item', () => {
    expect(zMoveQuery.parse({ item: 'RM1' })).toEqual({ item: 'RM1', limit: 200 });
    expect(pathsOf(zMoveQuery, {})).toEqual(['item']);
  });
});

describe('zReceiptRequest', () => {
  test('accepts a receipt with lot, tracking number and unit cost', () => {
    const req = receipt({
      lot: 'L-2026/01',
      trackingNo: 'SO-1',
      unitCost: { amount: 1250, scale: 2, currency: 'CNY' },
    });
    expect(zReceiptRequest.safeParse(req).success).toBe(true);
  });

  test('reports problems at their line path', () => {
    const req = {
      ...receipt(),
      lines: [
        { item: 'RM1', warehouse: 'RM', qty: '10' },
        { item: 'RM1', warehouse: 'RM', qty: '0', lot: 'bad lot', colour: 'red' },
      ],
    };
    expect(pathsOf(zReceiptRequest, req).sort()).toEqual([
      'lines.1.colour',
      'lines.1.lot',
      'lines.1.qty',
    ]);
  });

  test('needs at least one line and a known reason', () => {
    expect(pathsOf(zReceiptRequest, { ...receipt(), lines: [] })).toEqual(['lines']);
    expect(pathsOf(zReceiptRequest, receipt({}, { reason: 'gift' }))).toEqual(['reason']);
  });

  test('refuses more than 1000 lines', () => {
    const lines = Array.from({ length: 1001 }, () => ({ item: 'RM1', warehouse: 'RM', qty: '1' }));
    expect(pathsOf(zReceiptRequest, { ...receipt(), lines })).toEqual(['lines']);
    expect(zReceiptRequest.safeParse({ ...receipt(), lines: lines.slice(1) }).success).toBe(true);
  });

  test('refuses an impossible date', () => {
    expect(pathsOf(zReceiptRequest, receipt({}, { date: '2026-02-30' }))).toEqual(['date']);
  });

  test("refuses a line whose value (qty × unit cost) passes the largest amount, at the line's qty", () => {
    const unitCost = { amount: 1_000_000_00, scale: 2, currency: 'CNY' }; // ¥1,000,000.00
    const ok = receipt({ qty: '99999', unitCost });
    expect(zReceiptRequest.safeParse(ok).success).toBe(true);
    const issues = issuesOf(zReceiptRequest, receipt({ qty: '100000', unitCost }));
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['lines.0.qty', '金额（数量 × 单价）超出上限 ¥99,999,999,999.99'],
    ]);
  });

  test('refuses a negative or oversized unit cost', () => {
    const cost = (amount: number) => receipt({ unitCost: { amount, scale: 2, currency: 'CNY' } });
    expect(pathsOf(zReceiptRequest, cost(-1))).toEqual(['lines.0.unitCost.amount']);
    expect(pathsOf(zReceiptRequest, cost(2 ** 53 + 2))).toEqual(['lines.0.unitCost.amount']);
  });
});

describe('zIssueRequest', () => {
  test('refuses a zero quantity', () => {
    const req = {
      date: '2026-12-01',
      reason: 'production',
      lines: [{ item: 'RM1', warehouse: 'RM', qty: '0' }],
    };
    expect(pathsOf(zIssueRequest, req)).toEqual(['lines.0.qty']);
  });
});

describe('zTransferRequest', () => {
  test('accepts a status change in place (the domain decides if it moves anything)', () => {
    const req = {
      date: '2026-12-01',
      lines: [
        {
          item: 'RM1',
          fromWarehouse: 'QC',
          toWarehouse: 'QC',
          status: 'inspection',
          toStatus: 'available',
          qty: '5',
        },
      ],
    };
    expect(zTransferRequest.safeParse(req).success).toBe(true);
  });

  test('needs both warehouses', () => {
    const req = { date: '2026-12-01', lines: [{ item: 'RM1', qty: '5' }] };
    expect(pathsOf(zTransferRequest, req).sort()).toEqual([
      'lines.0.fromWarehouse',
      'lines.0.toWarehouse',
    ]);
  });
});

describe('zAdjustmentRequest', () => {
  test('a counted quantity may be zero but not negative', () => {
    const req = (countedQty: string) => ({
      date: '2026-12-01',
      lines: [{ item: 'RM1', warehouse: 'RM', countedQty }],
    });
    expect(zAdjustmentRequest.safeParse(req('0')).success).toBe(true);
    expect(issuesOf(zAdjustmentRequest, req('-1'))).toEqual([
      { path: ['lines', 0, 'countedQty'], message: '数量不能为负', code: 'custom' },
    ]);
  });
});
