/**
 * Plain data of one period's costing (DOMAIN.md "Costing", rules 1–7). Quantities are decimal
 * strings, amounts yuan strings with at most two decimals; the engine works in integer fen and
 * integer 10⁻⁹ quantities (shares.ts).
 */

export type CostPeriod = { id: string; from: string; to: string };

export type CostItem = {
  code: string;
  /** Low-level code: the deepest BOM level the item appears at (costing goes deepest first). */
  llc: number;
  /** The `quantity` basis weight of a unit received (default 1). */
  costCoefficient?: string;
};

/**
 * What a move of own stock is to costing:
 * - `purchase`: a purchase receipt at `price` (a return to the supplier: negative qty at the
 *   returned receipt's price); or `value` instead of a price.
 * - `output`: a production or outsourcing receipt of `order` (valued by step 5).
 * - `issue`: an issue to `order` (negative) or a return from it (positive): its net issues.
 * - `consume`: consumption at receipt for `order` (backflush, at the subcontractor).
 * - `adjustment`: a value-only line (qty 0, signed `value`): settlement and invoice differences.
 * - `delivery`, `scrap`, `count`, `other`: other document lines, each its own consumer (a
 *   count gain or a customer's return comes in at the period's average).
 * - `transfer`: between own warehouses or statuses; moves no value.
 */
export type CostMoveKind =
  | 'purchase'
  | 'output'
  | 'issue'
  | 'consume'
  | 'adjustment'
  | 'delivery'
  | 'scrap'
  | 'count'
  | 'other'
  | 'transfer';

/** One ledger move of own stock dated in the period; the list is in order (date, doc, line). */
export type CostMove = {
  item: string;
  /** Signed quantity (0 for a value-only adjustment). */
  qty: string;
  kind: CostMoveKind;
  doc: string;
  line: number;
  date: string;
  order?: string;
  /** Unit price (yuan) of a purchase line. */
  price?: string;
  /** Signed value (yuan) of an adjustment, or of a purchase line given by value. */
  value?: string;
};

export type CostOrder = {
  no: string;
  kind: 'task' | 'outsourcing';
  item: string;
  qty: string;
  /** The order's date: pools go over task orders in order of date, then number. */
  date: string;
  /** Received before this period. */
  receivedBefore?: string;
  /** When the order was closed, if it was. */
  closedOn?: string;
  /** The month-end WIP count entered for this period (盘点), if any. */
  wipCount?: string;
  workshop?: string;
  /** The processing fee accrued in the period (outsourcing: receipts less returns). */
  fee?: string;
  /** Labour hours of its work reports in the period. */
  hours?: string;
  /**
   * A rework order (返修, rule 6): its product goes to it and comes back without value (the
   * loader gives those lines as transfers); what it costs is a value-only adjustment of the
   * product in the period.
   */
  rework?: boolean;
};

export type PoolBasis = 'quantity' | 'material' | 'hours';

export type CostPool = {
  code: string;
  name?: string;
  basis: PoolBasis;
  /** Shared only over this workshop's orders. */
  workshop?: string;
  /** Entered in the period (amounts and approved claims). */
  amount: string;
  /** Left unallocated last period. */
  carriedIn?: string;
};

/** An order's WIP by element. */
export type WipElements = { material: string; pools: Record<string, string>; fee: string };

export type CostingInput = {
  period: CostPeriod;
  items: readonly CostItem[];
  opening: {
    stock: readonly { item: string; qty: string; value: string }[];
    wip: readonly ({ order: string } & Partial<WipElements>)[];
  };
  orders: readonly CostOrder[];
  moves: readonly CostMove[];
  pools: readonly CostPool[];
};

export type ItemCost = {
  item: string;
  openingQty: string;
  openingValue: string;
  receiptQty: string;
  receiptValue: string;
  outQty: string;
  outValue: string;
  closingQty: string;
  closingValue: string;
  unitCost: string | null;
  priceDifference: string;
};

export type OrderCost = {
  no: string;
  kind: 'task' | 'outsourcing';
  item: string;
  received: string;
  openingWip: string;
  material: string;
  pools: Record<string, string>;
  outsourcingFee: string;
  completed: string;
  unitCost: string | null;
  closingWip: string;
  loss: string;
  /** What the order carries into the next period. */
  closingWipElements: WipElements;
  /** Its WIP quantity at the period's end (W of rule 5). */
  wipQty: string;
};

export type PoolCost = {
  code: string;
  amount: string;
  allocated: string;
  unallocated: string;
};

/** Both sides of rule 7's reconciliation, with what makes them up. */
export type Reconciliation = {
  in: string;
  out: string;
  difference: string;
  parts: Record<string, string>;
};

export type ConsumerValue = {
  item: string;
  kind: 'issue' | 'consume' | 'delivery' | 'scrap' | 'count' | 'other';
  order?: string;
  doc?: string;
  line?: number;
  qty: string;
  value: string;
};

export type CostingResult = {
  period: string;
  items: ItemCost[];
  orders: OrderCost[];
  pools: PoolCost[];
  /**
   * What each item's consumers took (rule 2): an order's net issues or consumption per item
   * (its direct material, drilled down), each delivery, scrap, count or other line. Negative
   * quantities came in at the average.
   */
  consumers: ConsumerValue[];
  /** The value of every output move (production and outsourcing receipts), for the ledger. */
  receiptValues: { doc: string; line: number; item: string; order: string; value: string }[];
  reconciliation: Reconciliation;
};
