// Test builders for deliveries: a confirmed sales order, items and a delivery, with defaults.
import type { Delivery, SalesOrder, SalesOrderLine } from '@factory/shared';
import type { DeliveryItemInfo } from './delivery.js';

export function anOrderLine(overrides: Partial<SalesOrderLine> = {}): SalesOrderLine {
  return { line: 1, item: 'FAN', qty: '10', delivered: '0', dueDate: '2026-12-20', ...overrides };
}

/** A confirmed order of customer C1 with one line of 10 FAN. */
export function aConfirmedOrder(overrides: Partial<SalesOrder> = {}): SalesOrder {
  return {
    no: 'SO-1',
    origin: 'entry',
    customer: 'C1',
    customerName: '客户一',
    status: 'confirmed',
    lines: [anOrderLine()],
    total: { amount: 0, scale: 2, currency: 'CNY' },
    version: 3,
    createdBy: 'zhangwei',
    ...overrides,
  };
}

export function aDeliveryItem(overrides: Partial<DeliveryItemInfo> = {}): DeliveryItemInfo {
  return {
    code: 'FAN',
    name: '落地扇',
    unit: 'pcs',
    strategy: 'mts',
    defaultWarehouse: 'FG',
    ...overrides,
  };
}

export function byCode<T extends { code: string }>(...xs: T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.code, x]));
}

export function byNo<T extends { no: string }>(...xs: T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.no, x]));
}

export function aDelivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    no: 'DL-20261201-0001',
    customer: 'C1',
    customerName: '客户一',
    date: '2026-12-01',
    lines: [
      {
        line: 1,
        salesOrder: 'SO-1',
        salesOrderLine: 1,
        item: 'FAN',
        itemName: '落地扇',
        unit: 'pcs',
        unitName: '个',
        qty: '4',
        warehouse: 'FG',
        returned: '0',
      },
    ],
    salesOrders: ['SO-1'],
    closedOrders: [],
    version: 1,
    createdAt: '2026-12-01T01:00:00.000Z',
    createdBy: 'wangqiang',
    ...overrides,
  };
}
