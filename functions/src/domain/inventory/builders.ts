// Test builders for the inventory rules: master-data facts and stock requests with
// defaults, so each test states only what it is about.
import type {
  AdjustmentRequest,
  IssueRequest,
  ReceiptRequest,
  TransferRequest,
} from '@factory/shared';
import type { BalanceRef, ItemFacts, PlannedMove, References, WarehouseFacts } from './types.js';

export function anItem(overrides: Partial<ItemFacts> = {}): ItemFacts {
  return {
    code: 'RM1',
    precision: 3,
    source: 'purchased',
    inspection: false,
    active: true,
    ...overrides,
  };
}

export function aWarehouse(overrides: Partial<WarehouseFacts> = {}): WarehouseFacts {
  return { code: 'RM', kind: 'normal', allowNegative: false, active: true, ...overrides };
}

/** References holding exactly the given items and warehouses. */
export function refs(...facts: (ItemFacts | WarehouseFacts)[]): References {
  const items = new Map<string, ItemFacts>();
  const warehouses = new Map<string, WarehouseFacts>();
  for (const f of facts) {
    if ('kind' in f) warehouses.set(f.code, f);
    else items.set(f.code, f);
  }
  return { items, warehouses };
}

/** The usual references: item RM1 (3 decimals), warehouses RM and FG. */
export function defaultRefs(): References {
  return refs(anItem(), aWarehouse(), aWarehouse({ code: 'FG' }));
}

type ReceiptLine = ReceiptRequest['lines'][number];
type IssueLine = IssueRequest['lines'][number];
type TransferLine = TransferRequest['lines'][number];
type AdjustmentLine = AdjustmentRequest['lines'][number];

export function aReceipt(
  lines: Partial<ReceiptLine>[] = [{}],
  overrides: Partial<ReceiptRequest> = {},
): ReceiptRequest {
  return {
    date: '2026-12-01',
    reason: 'purchase',
    lines: lines.map((l) => ({ item: 'RM1', warehouse: 'RM', qty: '10', ...l })),
    ...overrides,
  };
}

export function anIssue(
  lines: Partial<IssueLine>[] = [{}],
  overrides: Partial<IssueRequest> = {},
): IssueRequest {
  return {
    date: '2026-12-01',
    reason: 'production',
    lines: lines.map((l) => ({ item: 'RM1', warehouse: 'RM', qty: '4', ...l })),
    ...overrides,
  };
}

export function aTransfer(
  lines: Partial<TransferLine>[] = [{}],
  overrides: Partial<TransferRequest> = {},
): TransferRequest {
  return {
    date: '2026-12-01',
    lines: lines.map((l) => ({
      item: 'RM1',
      fromWarehouse: 'RM',
      toWarehouse: 'FG',
      qty: '3',
      ...l,
    })),
    ...overrides,
  };
}

export function anAdjustment(
  lines: Partial<AdjustmentLine>[] = [{}],
  overrides: Partial<AdjustmentRequest> = {},
): AdjustmentRequest {
  return {
    date: '2026-12-01',
    lines: lines.map((l) => ({ item: 'RM1', warehouse: 'RM', countedQty: '10', ...l })),
    ...overrides,
  };
}

export function aBalanceRef(overrides: Partial<BalanceRef> = {}): BalanceRef {
  return {
    item: 'RM1',
    warehouse: 'RM',
    status: 'available',
    lot: '',
    trackingNo: '',
    ...overrides,
  };
}

export function aMove(overrides: Partial<PlannedMove> = {}): PlannedMove {
  return { ...aBalanceRef(), lineNo: 1, qty: '1', ...overrides };
}
