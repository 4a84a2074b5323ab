// Test builders for sales orders: items, a customer and order lines with defaults.
import type { SalesOrderLineInput } from '@factory/shared';
import type { CustomerInfo, SalesItemInfo } from './order.js';

/** An active MTS fan counted in pieces. */
export function aSalesItem(overrides: Partial<SalesItemInfo> = {}): SalesItemInfo {
  return {
    code: 'FAN',
    name: '落地扇',
    unit: 'pcs',
    precision: 0,
    strategy: 'mts',
    active: true,
    ...overrides,
  };
}

export function aCustomer(overrides: Partial<CustomerInfo> = {}): CustomerInfo {
  return { code: 'C1', name: '客户一', isCustomer: true, active: true, ...overrides };
}

export function aLineInput(overrides: Partial<SalesOrderLineInput> = {}): SalesOrderLineInput {
  return { item: 'FAN', qty: '1', unitPrice: '100', dueDate: '2026-12-20', ...overrides };
}

export function itemsOf(...items: SalesItemInfo[]): Map<string, SalesItemInfo> {
  return new Map(items.map((i) => [i.code, i]));
}
