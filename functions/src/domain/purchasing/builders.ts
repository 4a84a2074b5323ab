// Test builders for purchase orders: items, a supplier, price entries and order lines.
import type { PurchaseOrderLineInput } from '@factory/shared';
import type { PurchaseItemInfo, SupplierInfo } from './order.js';
import type { PriceEntry } from './priceList.js';

/** An active steel bar bought by the kilogram (3 decimals). */
export function aPurchaseItem(overrides: Partial<PurchaseItemInfo> = {}): PurchaseItemInfo {
  return { code: 'STEEL', name: '圆钢', unit: 'kg', precision: 3, active: true, ...overrides };
}

export function aSupplier(overrides: Partial<SupplierInfo> = {}): SupplierInfo {
  return { code: 'S1', name: '供应商一', isSupplier: true, active: true, ...overrides };
}

export function aPriceEntry(overrides: Partial<PriceEntry> = {}): PriceEntry {
  return {
    supplier: 'S1',
    item: 'STEEL',
    unitPrice: '5',
    minQty: '0',
    effectiveFrom: '2026-01-01',
    ...overrides,
  };
}

export function aPurchaseLine(
  overrides: Partial<PurchaseOrderLineInput> = {},
): PurchaseOrderLineInput {
  return { item: 'STEEL', qty: '10', dueDate: '2026-12-20', ...overrides };
}

export function purchaseItemsOf(...items: PurchaseItemInfo[]): Map<string, PurchaseItemInfo> {
  return new Map(items.map((i) => [i.code, i]));
}
