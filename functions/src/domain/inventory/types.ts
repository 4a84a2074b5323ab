import type {
  FieldIssue,
  ItemSource,
  MoneySnapshot,
  StockStatus,
  WarehouseKind,
} from '@factory/shared';

/** What the inventory rules need to know about an item. */
export type ItemFacts = {
  code: string;
  precision: number;
  source: ItemSource;
  inspection: boolean;
  /**
   * The receipt kinds the item's inspection plan inspects, when it has a plan: the plan then
   * decides instead of `inspection` (DOMAIN.md "Quality").
   */
  inspects?: readonly ('purchase' | 'outsourcing' | 'production' | 'customerReturn')[];
  active: boolean;
  /** A `customerSupplied` item's customer: the owner of its stock unless a line names another. */
  customer?: string;
};

export type WarehouseFacts = {
  code: string;
  kind: WarehouseKind;
  allowNegative: boolean;
  active: boolean;
};

export type References = {
  items: ReadonlyMap<string, ItemFacts>;
  warehouses: ReadonlyMap<string, WarehouseFacts>;
  /**
   * The partners that lines name as owners of customer-supplied stock, with their roles, when
   * the caller looked them up (stock documents by hand); a named owner must be a customer.
   */
  owners?: ReadonlyMap<string, { roles: readonly string[]; active: boolean }>;
};

/**
 * Identity of one balance: item x warehouse x status x lot x tracking number, and for stock in
 * a customer-supplied warehouse its owner (never set on our own stock).
 */
export type BalanceRef = {
  item: string;
  warehouse: string;
  status: StockStatus;
  lot: string;
  trackingNo: string;
  customer?: string;
};

/** One ledger move: the signed change that one document line makes to one balance. */
export type PlannedMove = BalanceRef & {
  lineNo: number;
  qty: string;
  unitCost?: MoneySnapshot;
  /**
   * A value-only line (成本调整, qty 0): the signed value it adds to the item's stock in its
   * period (a settlement's difference to the accrued processing fee).
   */
  value?: MoneySnapshot;
  /** The task order the line was posted for (issues, backflush, returns, production receipts). */
  taskOrder?: string;
  /** An issue (or return) of an allowed substitute: the component it was issued in place of. */
  substituteFor?: string;
};

/**
 * The net change of one balance within a document, with the moves that make it up.
 * `guardNonNegative` is set when the balance must not end below zero (decrements in a warehouse that
 * does not allow negative stock); `expected` when the change was computed from a counted
 * quantity and is only valid if the balance is still what it was when counted.
 */
export type BalanceChange = {
  ref: BalanceRef;
  delta: string;
  moves: PlannedMove[];
  guardNonNegative: boolean;
  expected?: string;
};

export type Planned<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };
