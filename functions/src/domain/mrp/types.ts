import type { ItemSource, LotSizing, PlannedOrderType } from '@factory/shared';
import type { EngineStructure } from './structure.js';
import type { NetChangeReport } from './netChange.js';

/** Everything a regenerative MRP run reads, as plain data with decimal strings. */
export type MrpInput = {
  runDate: string;
  horizonDays: number;
  calendar: {
    nonWorkingWeekdays: readonly number[];
    holidays: readonly string[];
    /** Days worked although their weekday is off or they are holidays (调休上班). */
    extraWorkingDays?: readonly string[];
  };
  items: readonly MrpItem[];
  /** Every version that may be effective in the horizon, per parent. */
  boms: ReadonlyMap<string, readonly MrpBomVersion[]>;
  /**
   * Plannable stock only, status available: normal warehouses; for a `customerSupplied` item,
   * instead, its customer's own stock in customer-supplied warehouses.
   */
  stock: readonly { item: string; qty: string; trackingNo?: string }[];
  purchaseOrders: readonly {
    no: string;
    supplier?: string;
    item: string;
    qty: string;
    dueDate: string;
    trackingNo?: string;
  }[];
  /** Task and outsourcing orders still open: `qty` still to be received; `issued` so far. */
  workOrders: readonly MrpWorkOrder[];
  /**
   * Open sales order lines: `qty` ordered, `delivered` so far (absent: none). Only
   * qty − delivered is demand; the whole ordered qty consumes the forecast of its period.
   */
  salesOrders: readonly {
    no: string;
    line: number;
    item: string;
    qty: string;
    delivered?: string;
    dueDate: string;
    trackingNo?: string;
  }[];
  forecasts: readonly { item: string; from: string; to: string; qty: string }[];
};

export type MrpItem = {
  code: string;
  source: ItemSource;
  strategy: 'mto' | 'mts';
  leadTimeDays: number;
  safetyStock: string;
  lotSizing: LotSizing;
  precision: number;
  defaultSupplier?: string;
  /** A `customerSupplied` item's customer: the supplier of its `customerSupply` orders. */
  customer?: string;
};

export type MrpBomVersion = {
  version: string;
  from?: string;
  to?: string;
  lines: readonly {
    component: string;
    qtyPer: string;
    lossRate: string;
    substitutes: readonly { item: string; priority: number; ratio: string }[];
  }[];
};

export type MrpWorkOrder = {
  no: string;
  kind: 'task' | 'outsourcing';
  item: string;
  /** Ordered quantity (the component needs are for all of it) ... */
  qty: string;
  /** ... and what has been received already. */
  received: string;
  startDate: string;
  dueDate: string;
  trackingNo?: string;
  supplier?: string;
  issued: readonly { item: string; qty: string }[];
  /**
   * The order's unissued component needs on available stock, from the needs it copied when it
   * was created (a rework order's: only its repair components; the product it repairs comes
   * from rejected stock, which is not planning stock). When given, they replace the BOM
   * explosion and `issued` is already deducted; absent (an imported order never read for
   * picking), the item's BOM at the start date is exploded.
   */
  needs?: readonly { item: string; qty: string }[];
  /** A rework order (返修): its needs are the product and repair parts, not BOM lines. */
  rework?: boolean;
};

/** The planning result, exactly as SCENARIO.md documents it. */
export type PlanningResult = {
  runDate: string;
  plannedOrders: PlannedOrder[];
  exceptions: MrpException[];
  /**
   * Only on a run given a NetChange: whether it was net or full, and how many items it
   * planned. Non-enumerable (JSON, spreads and equality do not see it).
   */
  readonly netChange?: NetChangeReport;
  /**
   * What the engine prepared from the input's items and BOMs, for a net run after this one
   * (NetChange.previous.structure). Non-enumerable, like `netChange`.
   */
  readonly structure?: EngineStructure;
};

export type PlannedOrder = {
  /** From the item's source; `customerSupply` is a request to the customer, never bought. */
  type: PlannedOrderType;
  item: string;
  qty: string;
  releaseDate: string;
  dueDate: string;
  trackingNo: string | null;
  supplier: string | null;
  pegging: { demand: string; qty: string }[];
  substitutes: { item: string; qty: string }[];
  late: boolean;
};

export type MrpException = {
  /**
   * notPlanned: the item's quantities do not fit exact computation; it was left out of the run.
   * promiseBroken: a sales order line's promised date is earlier than the plan can meet
   * (usecases/mrp/promises.ts, after the run).
   */
  kind:
    | 'late'
    | 'rescheduleIn'
    | 'rescheduleOut'
    | 'cancel'
    | 'substitute'
    | 'notPlanned'
    | 'promiseBroken';
  item: string;
  detail: string;
};
