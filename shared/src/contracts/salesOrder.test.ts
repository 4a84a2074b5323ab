import { issuesOf, pathsOf } from './contracts.builders.js';
import {
  zSalesOrderCancel,
  zSalesOrderClose,
  zSalesOrderCreate,
  zSalesOrderListQuery,
  zSalesOrderUpdate,
  zUnitPrice,
} from './salesOrderInput.js';
import { zApprovalRulesPut, zInboxQuery } from './approval.js';

const line = (overrides: Record<string, unknown> = {}) => ({
  item: 'FAN',
  qty: '10',
  unitPrice: '199.90',
  dueDate: '2026-12-20',
  ...overrides,
});
const order = (overrides: Record<string, unknown> = {}) => ({
  customer: 'C1',
  lines: [line()],
  ...overrides,
});

describe('zSalesOrderCreate', () => {
  test('accepts an order with a customer and priced lines', () => {
    expect(zSalesOrderCreate.parse(order())).toEqual(order());
  });

  test('reports every bad field at its path, in zh-CN', () => {
    const issues = issuesOf(zSalesOrderCreate, {
      lines: [
        line({ qty: '0', unitPrice: '-1', dueDate: '2026-02-30' }),
        line({ item: 'a b', unitPrice: '1.0000005', vatRate: '0.13%', color: 'red' }),
      ],
    });
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'customer',
      'lines.0.qty',
      'lines.0.unitPrice',
      'lines.0.dueDate',
      'lines.1.item',
      'lines.1.unitPrice',
      'lines.1.vatRate',
      'lines.1.color',
    ]);
    for (const i of issues) expect(i.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('needs at least one line', () => {
    expect(pathsOf(zSalesOrderCreate, order({ lines: [] }))).toEqual(['lines']);
  });
});

describe('zUnitPrice', () => {
  test('CNY with at most six decimals, never negative or in exponent form', () => {
    for (const ok of ['0', '0.5', '12.50', '1999', '99999999999.99', '1.234', '0.012345'])
      expect(zUnitPrice.safeParse(ok).success).toBe(true);
    for (const bad of [
      '-1',
      '1.2345678',
      '1e3',
      '01',
      '',
      ' 1',
      '100000000000',
      '999999999999',
      '1000000000.001',
    ])
      expect(zUnitPrice.safeParse(bad).success).toBe(false);
  });
});

describe('amounts', () => {
  test("a line whose qty × price passes ¥99,999,999,999.99 is refused at that line's qty", () => {
    const issues = issuesOf(
      zSalesOrderCreate,
      order({
        lines: [
          line(),
          line({ qty: '999999999999', unitPrice: '99999999999.99' }),
          line({ qty: '1000000', unitPrice: '100000' }),
        ],
      }),
    );
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['lines.1.qty', '金额（数量 × 单价）超出上限 ¥99,999,999,999.99'],
      ['lines.2.qty', '金额（数量 × 单价）超出上限 ¥99,999,999,999.99'],
    ]);
  });

  test('the largest amount itself (including VAT) is accepted, rounded half up to the fen', () => {
    expect(
      zSalesOrderCreate.safeParse(
        order({ lines: [line({ qty: '1', unitPrice: '99999999999.99', vatRate: '0' })] }),
      ).success,
    ).toBe(true);
    // With the default 13% VAT the same price is past the largest amount.
    expect(
      pathsOf(
        zSalesOrderCreate,
        order({ lines: [line({ qty: '1', unitPrice: '99999999999.99' })] }),
      ),
    ).toEqual(['lines.0.qty']);
    // 0.5 × 0.01 = 0.005 -> 0.01
    expect(
      zSalesOrderCreate.safeParse(order({ lines: [line({ qty: '0.5', unitPrice: '0.01' })] }))
        .success,
    ).toBe(true);
  });

  test('a total above the largest amount is refused at the lines', () => {
    const half = line({ qty: '1', unitPrice: '50000000000', vatRate: '0' });
    expect(pathsOf(zSalesOrderCreate, order({ lines: [half, half] }))).toEqual(['lines']);
    expect(pathsOf(zSalesOrderUpdate, { expectedVersion: 1, lines: [half, half] })).toEqual([
      'lines',
    ]);
    expect(zSalesOrderCreate.safeParse(order({ lines: [half] })).success).toBe(true);
  });
});

describe('updates and actions', () => {
  test('an update needs the version read and may clear the remark', () => {
    expect(pathsOf(zSalesOrderUpdate, { remark: 'x' })).toEqual(['expectedVersion']);
    expect(zSalesOrderUpdate.parse({ expectedVersion: 2, remark: null })).toEqual({
      expectedVersion: 2,
      remark: null,
    });
  });

  test('closing by hand needs a reason', () => {
    expect(pathsOf(zSalesOrderClose, {})).toEqual(['reason']);
    expect(pathsOf(zSalesOrderClose, { reason: '  ' })).toEqual(['reason']);
    expect(zSalesOrderClose.parse({ reason: ' 客户取消剩余数量 ' })).toEqual({
      reason: '客户取消剩余数量',
    });
  });

  test('cancel and list', () => {
    expect(zSalesOrderCancel.parse({})).toEqual({});
    expect(zSalesOrderListQuery.parse({ status: 'pending', limit: '5' })).toEqual({
      status: 'pending',
      limit: 5,
    });
    expect(pathsOf(zSalesOrderListQuery, { status: 'open' })).toEqual(['status']);
  });
});

describe('approval contracts', () => {
  const rules = {
    salesOrder: { steps: [{ name: '经理审批', amountAbove: 5000000, roles: ['manager'] }] },
    ecn: { steps: [{ name: '工程变更审批', roles: ['manager', 'engineer'] }] },
  };

  test('rules: steps default users/roles to empty and need at least one approver', () => {
    const parsed = zApprovalRulesPut.parse({ expectedVersion: 0, rules });
    expect(parsed.rules.salesOrder.steps[0]).toEqual({
      name: '经理审批',
      amountAbove: 5000000,
      roles: ['manager'],
      users: [],
    });
    expect(
      pathsOf(zApprovalRulesPut, {
        expectedVersion: 0,
        rules: { ...rules, ecn: { steps: [{ name: 'x' }] } },
      }),
    ).toEqual(['rules.ecn.steps.0.roles']);
  });

  test('rules: thresholds are whole fen; roles must exist', () => {
    expect(
      pathsOf(zApprovalRulesPut, {
        expectedVersion: 0,
        rules: {
          ...rules,
          salesOrder: { steps: [{ name: 'x', amountAbove: 10.5, roles: ['boss'] }] },
        },
      }),
    ).toEqual(['rules.salesOrder.steps.0.amountAbove', 'rules.salesOrder.steps.0.roles.0']);
  });

  test('inbox defaults to pending', () => {
    expect(zInboxQuery.parse({})).toEqual({ state: 'pending', limit: 50 });
    expect(pathsOf(zInboxQuery, { state: 'all' })).toEqual(['state']);
  });
});
