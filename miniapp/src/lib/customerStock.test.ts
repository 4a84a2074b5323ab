import type { Balance, CustomerStock, Item, Warehouse } from '@factory/shared';
import {
  customerItemsFirst,
  customerWarehouses,
  defaultCustomerWarehouse,
  ledgerRows,
  receiptField,
  receiptRequest,
  returnProblem,
  returnRequest,
  returnSources,
} from './customerStock';
import { groupDigits, qtyWithUnit } from './format';

const audit = {
  version: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'admin',
  updatedBy: 'admin',
};
const aWarehouse = (w: Partial<Warehouse> & { code: string }): Warehouse => ({
  name: w.code,
  kind: 'normal',
  allowNegative: false,
  active: true,
  ...audit,
  ...w,
});
const anItem = (i: Partial<Item> & { code: string }): Item => ({
  name: i.code,
  unit: 'kg',
  precision: 2,
  source: 'purchased',
  strategy: 'mts',
  leadTimeDays: 0,
  safetyStock: '0',
  lotSizing: { rule: 'lotForLot' },
  inspection: false,
  active: true,
  ...audit,
  ...i,
});
const aBalance = (b: Partial<Balance> & { warehouse: string; qty: string }): Balance => ({
  item: 'CS-RESIN',
  status: 'available',
  lot: '',
  trackingNo: '',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...b,
});

describe('quantities typed on the customer-supplied pages', () => {
  test('a return is at most what is on hand', () => {
    expect(returnProblem('30', 0, '30')).toBeUndefined();
    expect(returnProblem('30.5', 1, '30')).toBe('退还数量 30.5 超过结存 30');
    expect(returnProblem('0.25', 1, '30')).toBe('数量 0.25 最多 1 位小数');
  });
});

test('quantities are shown grouped by thousands, with the unit', () => {
  expect(groupDigits('1234567.125')).toBe('1,234,567.125');
  expect(groupDigits('999')).toBe('999');
  expect(groupDigits('-1200')).toBe('-1,200');
  expect(qtyWithUnit('1200', '千克')).toBe('1,200 千克');
  expect(qtyWithUnit('5', '')).toBe('5');
});

describe('the receipt', () => {
  const whs = [
    aWarehouse({ code: 'RM' }),
    aWarehouse({ code: 'CS', kind: 'customerSupplied' }),
    aWarehouse({ code: 'CS-C1', kind: 'customerSupplied', partner: 'C1' }),
    aWarehouse({ code: 'CS-C2', kind: 'customerSupplied', partner: 'C2' }),
    aWarehouse({ code: 'CS-OLD', kind: 'customerSupplied', active: false }),
  ];
  test('offers the customer-supplied warehouses of nobody or of the customer, its own first', () => {
    expect(customerWarehouses(whs, 'C1').map((w) => w.code)).toEqual(['CS', 'CS-C1']);
    expect(defaultCustomerWarehouse(whs, 'C1')).toBe('CS-C1');
    expect(defaultCustomerWarehouse(whs, 'C9')).toBe('CS');
    expect(defaultCustomerWarehouse(whs, undefined)).toBeUndefined();
  });
  test("lists the customer's customer-supplied items first, then others' and the rest", () => {
    const items = [
      anItem({ code: 'RM-1' }),
      anItem({ code: 'CS-2', source: 'customerSupplied', customer: 'C2' }),
      anItem({ code: 'CS-1', source: 'customerSupplied', customer: 'C1' }),
      anItem({ code: 'OLD', active: false }),
    ];
    expect(customerItemsFirst(items, 'C1').map((i) => i.code)).toEqual(['CS-1', 'CS-2', 'RM-1']);
  });
  test('is refused on the page without customer, warehouse, lines or with a bad quantity', () => {
    expect(receiptRequest({ date: '2026-12-01', lines: [] })).toEqual({
      ok: false,
      errors: { partner: '请选择客户', warehouse: '请选择客供料仓', lines: '请扫码或选择物料' },
    });
    const line = { item: 'CS-1', name: '树脂', unit: 'kg', precision: 1 };
    const bad = receiptRequest({
      date: '2026-12-01',
      customer: 'C1',
      warehouse: 'CS-C1',
      lines: [
        { ...line, qty: '2' },
        { ...line, item: 'CS-2', qty: '2.25' },
      ],
    });
    expect(bad).toEqual({ ok: false, errors: { 'lines.1.qty': '数量 2.25 最多 1 位小数' } });
  });
  test('posts reason customerSupplied with the owner on every line and no value', () => {
    const r = receiptRequest({
      date: '2026-12-01',
      customer: 'C1',
      warehouse: 'CS-C1',
      ref: ' DN-7 ',
      lines: [{ item: 'CS-1', name: '树脂', unit: 'kg', precision: 1, qty: ' 12.5 ' }],
    });
    expect(r).toEqual({
      ok: true,
      body: {
        date: '2026-12-01',
        reason: 'customerSupplied',
        partner: 'C1',
        ref: 'DN-7',
        lines: [{ item: 'CS-1', warehouse: 'CS-C1', qty: '12.5', customer: 'C1' }],
      },
    });
  });
  test("the API's line warehouse and owner issues show under the warehouse and the customer", () => {
    expect(receiptField('lines.3.warehouse')).toBe('warehouse');
    expect(receiptField('lines.0.customer')).toBe('partner');
    expect(receiptField('lines.0.qty')).toBe('lines.0.qty');
  });
});

describe('the ledger', () => {
  const stock: CustomerStock = {
    runId: 'R1',
    lines: [
      {
        customer: 'C1',
        customerName: '客户一',
        item: 'CS-1',
        name: '树脂',
        unit: 'kg',
        received: '100',
        issued: '20',
        returned: '5',
        adjusted: '0',
        onHand: '75',
        requested: '30',
      },
    ],
    requests: [
      {
        customer: 'C1',
        item: 'CS-1',
        qty: '10',
        dueDate: '2026-12-20',
        trackingNo: null,
        late: false,
      },
      {
        customer: 'C1',
        item: 'CS-1',
        qty: '20',
        dueDate: '2026-12-08',
        trackingNo: null,
        late: true,
      },
      {
        customer: 'C2',
        item: 'CS-9',
        qty: '4',
        dueDate: '2026-12-09',
        trackingNo: null,
        late: false,
      },
    ],
  };
  test("joins the plan's requests to their lines, earliest first; a request alone is a row", () => {
    const rows = ledgerRows(stock, { customer: (c) => `名${c}`, item: (i) => i });
    expect(rows[0]!.requests).toEqual([
      { qty: '20', dueDate: '2026-12-08', late: true },
      { qty: '10', dueDate: '2026-12-20', late: false },
    ]);
    expect(rows[1]).toMatchObject({
      customer: 'C2',
      customerName: '名C2',
      item: 'CS-9',
      onHand: '0',
      requested: '4',
      requests: [{ qty: '4', dueDate: '2026-12-09', late: false }],
    });
  });
  test("returns come from the customer's available stock in customer-supplied warehouses", () => {
    const whs = [
      aWarehouse({ code: 'RM' }),
      aWarehouse({ code: 'CS', kind: 'customerSupplied' }),
      aWarehouse({ code: 'CS-C1', kind: 'customerSupplied', partner: 'C1' }),
    ];
    const sources = returnSources(
      [
        aBalance({ warehouse: 'RM', qty: '50' }),
        aBalance({ warehouse: 'CS', qty: '5', customer: 'C1' }),
        aBalance({ warehouse: 'CS-C1', qty: '70', customer: 'C1' }),
        aBalance({ warehouse: 'CS', qty: '9', customer: 'C2' }),
        aBalance({ warehouse: 'CS', qty: '3', customer: 'C1', status: 'inspection' }),
        aBalance({ warehouse: 'CS', qty: '0', customer: 'C1', lot: 'L1' }),
      ],
      whs,
      'C1',
    );
    expect(sources.map((b) => [b.warehouse, b.qty])).toEqual([
      ['CS-C1', '70'],
      ['CS', '5'],
    ]);
  });
});

test('a return to the customer names the owner and keeps the balance it comes from', () => {
  expect(
    returnRequest({
      date: '2026-12-01',
      customer: 'C1',
      item: 'CS-1',
      from: { warehouse: 'CS-C1', lot: 'L7', trackingNo: '' },
      qty: ' 250.5 ',
    }),
  ).toEqual({
    date: '2026-12-01',
    reason: 'returnToCustomer',
    partner: 'C1',
    lines: [{ item: 'CS-1', warehouse: 'CS-C1', qty: '250.5', customer: 'C1', lot: 'L7' }],
  });
});
