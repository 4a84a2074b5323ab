import type { ItemSource } from '@factory/shared';

export type IssueMethod = 'manual' | 'backflush';

/** A purchase order as the receipt rules see it; `rev` guards concurrent receipts. */
export type PurchaseOrderFacts = {
  no: string;
  supplier?: string;
  status: string;
  lines: {
    item: string;
    qty: string;
    received: string;
    dueDate?: string;
    trackingNo?: string;
    /** Closed (短交): takes no more receipts. */
    closed?: boolean;
    /** The line's unit price excluding VAT (entered orders), for valuing receipts. */
    unitPrice?: string;
  }[];
  rev?: number;
};

/**
 * A component need of a task order as receipts read it: copied from the BOM with phantoms
 * expanded (`needs`), quantities per unit of the order through every phantom level.
 */
export type ComponentLine = {
  item: string;
  qtyPer: string;
  lossRate: string;
  issueMethod: IssueMethod;
  warehouse?: string;
  /** The tracking number an MTO component of a tracked order is drawn from. */
  trackingNo?: string;
};

/** What the production receipts of an order consumed by backflush, per balance. */
export type BackflushConsumed = {
  item: string;
  warehouse: string;
  trackingNo?: string;
  qty: string;
};

export type TaskOrderFacts = {
  no: string;
  /** A rework order repairs rejected product: its receipt backflushes nothing. */
  kind?: 'rework';
  item: string;
  qty: string;
  received: string;
  startDate: string;
  dueDate?: string;
  status: string;
  priority?: number;
  trackingNo?: string;
  warehouse?: string;
  /** Where a rework order's rejected product was taken from. */
  reworkWarehouse?: string;
  issued: { item: string; qty: string }[];
  needs?: ComponentLine[];
  reportedGood: string;
  reportedScrap: string;
  /**
   * The received quantity that came before the product's receipts (an imported order's
   * opening `received`, or what an order had received before receipts were checked this way):
   * it counts as already consumed by backflush and as reported. Absent until the first
   * receipt: then it is the order's `received` at that moment.
   */
  openingReceived?: string;
  /** What its production receipts consumed by backflush (cumulative backflush). */
  backflushed?: BackflushConsumed[];
  rev?: number;
};

/** What backflush needs to know about a component. */
export type ComponentFacts = { source: ItemSource; precision: number; defaultWarehouse?: string };
