import type { MoneySnapshot } from '@factory/shared';
import type { TaskNeed } from '@factory/shared';

/**
 * A component need of an outsourcing order, in a task order's need shape (so the picking
 * rules plan its sends): every need is sent by hand (`manual`) and its `issued` is what was
 * sent, net of material returns.
 */
export type OutsourcingNeed = Pick<
  TaskNeed,
  | 'item'
  | 'qtyPer'
  | 'lossRate'
  | 'required'
  | 'issued'
  | 'warehouse'
  | 'trackingNo'
  | 'phantomPath'
> & { issueMethod: 'manual' };

/** What sits at the subcontractor per item, warehouse and tracking number. */
export type HeldAt = { item: string; warehouse: string; trackingNo?: string; qty: string };

export type OutsourcingDocumentKind = 'send' | 'materialReturn' | 'receipt' | 'productReturn';

/**
 * An outsourcing order as stored, whoever wrote it (entry, MRP release, import). `supplier` is
 * the subcontractor; `status` the stored name (absent: open; `received` from older writes
 * means completed).
 */
export type OutsourcingOrderRecord = {
  no: string;
  origin: 'entry' | 'mrp' | 'import';
  supplier: string;
  item: string;
  qty: string;
  received: string;
  orderDate?: string;
  startDate: string;
  dueDate: string;
  trackingNo?: string;
  status: string;
  /** Issue warehouse for needs whose BOM line and item name none. */
  warehouse?: string;
  /** The subcontractor's warehouse the materials went to, fixed by the first send. */
  subcontractorWarehouse?: string;
  bomVersion?: string;
  /** Absent on released and imported orders until first read. */
  needs?: OutsourcingNeed[];
  /** Sent per item (the needs' `issued` summed, plus extras): what MRP nets the needs by. */
  issued: { item: string; qty: string }[];
  /** What the receipts consumed at the subcontractor, per balance (cumulative rule). */
  consumed: HeldAt[];
  /** Sent by supplementary sends of items without a need, net of returns. */
  extras: HeldAt[];
  /** Received before the first receipt through this product (an imported order's opening). */
  openingReceived?: string;
  /**
   * Product returned to the subcontractor after inspection (its `received` fell by it): the
   * material for it was used, so the receipts' consumption counts it as still received.
   */
  returned?: string;
  documents: {
    no: string;
    kind: OutsourcingDocumentKind;
    date: string;
    qty?: string;
    /** Receipts and returns of product: the processing price and the fee (暂估). */
    unitPrice?: string;
    fee?: MoneySnapshot;
    /** A return of product: the receipt it came from. */
    receipt?: string;
    /** A receipt: the settlement that settled its fee. */
    settlement?: string;
  }[];
  note?: string;
  closeReason?: string;
  /** When it was closed (costing's W is 0 from then on). */
  closedAt?: string;
  version: number;
  /** The revision read (absent on records never written by this product since). */
  rev?: number;
  createdAt?: string;
  createdBy?: string;
  updatedAt?: string;
  updatedBy?: string;
  /** Kept as written by release or import. */
  source?: Record<string, unknown>;
  importId?: string;
};
