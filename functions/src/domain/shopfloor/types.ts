import type { ItemSource } from '@factory/shared';

export type IssueMethod = 'manual' | 'backflush';

/** A purchase order as the receipt rules see it; `rev` guards concurrent receipts. */
export type PurchaseOrderFacts = {
  no: string;
  supplier?: string;
  status: string;
  lines: { item: string; qty: string; received: string; dueDate?: string; trackingNo?: string }[];
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
  rev?: number;
};

/** What backflush needs to know about a component. */
export type ComponentFacts = { source: ItemSource; precision: number; defaultWarehouse?: string };
