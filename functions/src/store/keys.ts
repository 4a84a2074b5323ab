import { isTaskOrderDone } from '../domain/states.js';

/**
 * Every key of the single table is built here, and every one starts with the tenant (the
 * WeCom corp id): no query can cross tenants because no key without a tenant exists.
 * Codes never contain '#' (see zCode), so '#' separates key parts safely.
 */
export type Key = { pk: string; sk: string };
export type IndexKey = { gsi1pk: string; gsi1sk: string };

/**
 * Price books: suppliers' prices (供应商价目表) and subcontractors' processing prices
 * (委外价格政策), the same shape in partitions of their own.
 */
export type PriceBook = 'purchase' | 'outsourcing';
/** The outbox's cross-tenant queue (index `pending` of store/table.ts). */
export type PendingKey = { pendingPk: string; pendingSk: string };

/** The one partition of the `pending` index: every outbox record waiting for delivery. */
export const OUTBOX_PENDING = 'outbox#pending';

export type MasterKind = 'item' | 'unit' | 'warehouse' | 'partner';
export type OrderKind = 'purchaseOrder' | 'taskOrder' | 'outsourcingOrder' | 'salesOrder';

const MASTER_PREFIX: Record<MasterKind, string> = {
  item: 'ITEM',
  unit: 'UNIT',
  warehouse: 'WH',
  partner: 'PARTNER',
};

const ORDER_PREFIX: Record<OrderKind, string> = {
  purchaseOrder: 'PO',
  taskOrder: 'MO',
  outsourcingOrder: 'OO',
  salesOrder: 'SO',
};

/** An order's partition key (`order`): its tenant is the first group. */
const ORDER_PK = new RegExp(`^T#([^#]+)#(?:${Object.values(ORDER_PREFIX).join('|')})#.`);
const t = (tenant: string) => `T#${tenant}`;
const ONE = '#';

export type BalanceParts = {
  item: string;
  warehouse: string;
  status: string;
  lot: string;
  trackingNo: string;
  /** The owner of customer-supplied stock; part of the key only when set. */
  customer?: string;
};

/** Customer-supplied stock keys its owner after the rest; our own stock's keys are unchanged. */
const ownerPart = (b: BalanceParts) => (b.customer ? `#C#${b.customer}` : '');

/** What places a task order in its index. */
export type TaskOrderIndexFacts = {
  no: string;
  status: string;
  priority?: number;
  dueDate?: string;
};

/** Index key prefixes of open and done task orders; `TASK_LEGACY_AFTER` sorts after both. */
export const TASK_OPEN = '!O#';
export const TASK_DONE = '!Z#';
export const TASK_LEGACY_AFTER = '!~';

/**
 * The pseudo-tenant of the health probe: `~` is in no WeCom corp id (letters and digits), so
 * its keys are in no tenant's partitions.
 */
export const HEALTH_TENANT = '~health';

export const keys = {
  tenantPrefix: (tenant: string) => `${t(tenant)}#`,

  /** What /api/health reads (a GetItem, data plane): the item never exists. */
  healthProbe: (): Key => ({ pk: `${t(HEALTH_TENANT)}#PROBE`, sk: ONE }),

  /** All records of one master-data kind share a partition, sorted by code. */
  masterPartition: (tenant: string, kind: MasterKind) => `${t(tenant)}#${MASTER_PREFIX[kind]}`,
  master: (tenant: string, kind: MasterKind, code: string): Key => ({
    pk: keys.masterPartition(tenant, kind),
    sk: code,
  }),

  balancePartition: (tenant: string, item: string) => `${t(tenant)}#BAL#${item}`,
  balance: (tenant: string, b: BalanceParts): Key & IndexKey => ({
    pk: keys.balancePartition(tenant, b.item),
    sk: `${b.warehouse}#${b.status}#${b.lot}#${b.trackingNo}${ownerPart(b)}`,
    gsi1pk: keys.balanceByWarehousePartition(tenant, b.warehouse),
    gsi1sk: `${b.item}#${b.status}#${b.lot}#${b.trackingNo}${ownerPart(b)}`,
  }),
  balanceByWarehousePartition: (tenant: string, warehouse: string) =>
    `${t(tenant)}#BALWH#${warehouse}`,

  movePartition: (tenant: string, item: string) => `${t(tenant)}#MOVE#${item}`,
  /** `seq` numbers the moves of one document (a transfer line makes two); reversals sort after. */
  move: (
    tenant: string,
    item: string,
    postedAt: string,
    docNo: string,
    seq: number,
    reversal = false,
  ): Key => ({
    pk: keys.movePartition(tenant, item),
    sk: `${postedAt}#${docNo}#${String(seq).padStart(5, '0')}${reversal ? '#R' : ''}`,
  }),

  stockDocument: (tenant: string, no: string): Key => ({ pk: `${t(tenant)}#SDOC#${no}`, sk: ONE }),
  /** A page of a large document's lines (M), posting plan (P) or context (C), in order. */
  stockDocumentPage: (
    tenant: string,
    no: string,
    part: 'M' | 'P' | 'C' | string,
    n: number,
  ): Key => ({
    pk: `${t(tenant)}#SDOC#${no}`,
    sk: `${part}#${String(n).padStart(5, '0')}`,
  }),
  stockDocumentIndex: (tenant: string, kind: string, postedAt: string, no: string): IndexKey => ({
    gsi1pk: `${t(tenant)}#SDOCS#${kind}`,
    gsi1sk: `${postedAt}#${no}`,
  }),

  sequence: (tenant: string, name: string): Key => ({ pk: `${t(tenant)}#SEQ`, sk: name }),
  idempotency: (tenant: string, key: string): Key => ({ pk: `${t(tenant)}#IDEM#${key}`, sk: ONE }),
  importJob: (tenant: string, id: string): Key => ({ pk: `${t(tenant)}#IMPORT#${id}`, sk: ONE }),
  /** The file of an import run as a job, gzip-compressed, in parts (beside its job record). */
  importFilePart: (tenant: string, id: string, n: number): Key => ({
    pk: `${t(tenant)}#IMPORT#${id}`,
    sk: `FILE#${String(n).padStart(4, '0')}`,
  }),
  /** Held by the import running in a tenant (one at a time), with a lease it renews. */
  importLock: (tenant: string): Key => ({ pk: `${t(tenant)}#IMPORTLOCK`, sk: ONE }),
  meta: (tenant: string): Key => ({ pk: `${t(tenant)}#META`, sk: ONE }),
  calendar: (tenant: string): Key => ({ pk: `${t(tenant)}#CAL`, sk: ONE }),

  /** A BOM version with its lines packed in. */
  bomVersion: (tenant: string, parent: string, version: string): Key => ({
    pk: `${t(tenant)}#BOM#${parent}`,
    sk: `V#${version}`,
  }),
  /** Page n of a large version's lines (the version item says how many there are). */
  bomLinePage: (tenant: string, parent: string, version: string, n: number): Key => ({
    pk: `${t(tenant)}#BOM#${parent}`,
    sk: `L#${version}#${String(n).padStart(5, '0')}`,
  }),
  /** A BOM's head: every version's status and window, and a revision guarding changes. */
  bomHead: (tenant: string, parent: string): Key => ({
    pk: `${t(tenant)}#BOM#${parent}`,
    sk: '#HEAD',
  }),
  /** Where-used: one entry per component and BOM version that ever was approved. */
  usagePartition: (tenant: string, component: string) => `${t(tenant)}#USE#${component}`,
  usage: (tenant: string, component: string, parent: string, version: string): Key => ({
    pk: keys.usagePartition(tenant, component),
    sk: `${parent}#${version}`,
  }),
  /** The product structure, one entry per parent: for cycle checks and low-level codes. */
  structurePartition: (tenant: string) => `${t(tenant)}#BOMGRAPH`,
  structure: (tenant: string, parent: string): Key => ({
    pk: keys.structurePartition(tenant),
    sk: parent,
  }),
  /** Bumped by every change to the structure index, so readers can cache it safely. */
  structureRevision: (tenant: string): Key => ({ pk: `${t(tenant)}#BOMGRAPHREV`, sk: ONE }),
  lowLevelCodePartition: (tenant: string) => `${t(tenant)}#LLC`,
  lowLevelCode: (tenant: string, item: string): Key => ({
    pk: keys.lowLevelCodePartition(tenant),
    sk: item,
  }),
  /** Product users of a tenant (WeCom userid -> roles); one small partition per tenant. */
  userPartition: (tenant: string) => `${t(tenant)}#USER`,
  user: (tenant: string, userid: string): Key => ({ pk: keys.userPartition(tenant), sk: userid }),
  ecn: (tenant: string, no: string): Key & IndexKey => ({
    pk: `${t(tenant)}#ECN#${no}`,
    sk: ONE,
    gsi1pk: `${t(tenant)}#ECNS`,
    gsi1sk: no,
  }),
  /** The log of a multi-transaction change (one entry per applied chunk, with its undo). */
  applyLogPartition: (tenant: string, owner: string) => `${t(tenant)}#APPLY#${owner}`,
  applyLog: (tenant: string, owner: string, chunk: number): Key => ({
    pk: keys.applyLogPartition(tenant, owner),
    sk: String(chunk).padStart(6, '0'),
  }),
  /** One MRP run: its record (sk '#'), input snapshot chunks (IN#n) and result pages (PO#n, EX#n). */
  mrpRunPartition: (tenant: string, runId: string) => `${t(tenant)}#MRPRUN#${runId}`,
  mrpRun: (tenant: string, runId: string): Key & IndexKey => ({
    pk: keys.mrpRunPartition(tenant, runId),
    sk: ONE,
    gsi1pk: `${t(tenant)}#MRPRUNS`,
    gsi1sk: runId,
  }),
  /** `kind`: IN (input snapshot), PX (result index), PSnnnnn / ESnnnnn (result segments). */
  mrpRunPart: (tenant: string, runId: string, kind: string, n: number): Key => ({
    pk: keys.mrpRunPartition(tenant, runId),
    sk: `${kind}#${String(n).padStart(5, '0')}`,
  }),
  /**
   * A planning mark: an item whose demand or supply changed since the current plan (one row
   * per item in the tenant's mark partition; `*` for a change too wide to list).
   */
  mrpMarkPartition: (tenant: string) => `${t(tenant)}#MRPMARK`,
  mrpMark: (tenant: string, item: string): Key => ({
    pk: keys.mrpMarkPartition(tenant),
    sk: item,
  }),
  /**
   * An order mark: an order (its partition key, `order`) written with planning marks since the
   * current plan, so that a net run's load reads again only the orders marked, not them all.
   */
  mrpOrderMarkPartition: (tenant: string) => `${t(tenant)}#MRPMARKO`,
  mrpOrderMark: (tenant: string, orderPk: string): Key => ({
    pk: keys.mrpOrderMarkPartition(tenant),
    sk: orderPk,
  }),
  /** Which run's planned orders are the current ones. */
  mrpCurrent: (tenant: string): Key => ({ pk: `${t(tenant)}#MRP`, sk: 'CURRENT' }),
  /** A planned order released into a document: written once, so it is released at most once. */
  mrpReleased: (tenant: string, plannedOrderId: string): Key => ({
    pk: `${t(tenant)}#MRPREL#${plannedOrderId}`,
    sk: ONE,
  }),
  /**
   * Supplier price list entries (供应商价目表) share one partition per tenant, sorted by
   * supplier, item, effective date and quantity break: a lookup reads one supplier's item.
   */
  priceListPartition: (tenant: string, book: PriceBook = 'purchase') =>
    `${t(tenant)}#${book === 'purchase' ? 'PRICES' : 'OSPRICES'}`,
  priceListEntry: (
    tenant: string,
    e: { supplier: string; item: string; effectiveFrom: string; minQty: string },
    book: PriceBook = 'purchase',
  ): Key => ({
    pk: keys.priceListPartition(tenant, book),
    sk: `${e.supplier}#${e.item}#${e.effectiveFrom}#${e.minQty}`,
  }),
  forecastPartition: (tenant: string) => `${t(tenant)}#FC`,
  ordersByKind: (tenant: string, kind: OrderKind) => `${t(tenant)}#${ORDER_PREFIX[kind]}S`,
  /**
   * A task order's place in the task orders' index (gsi1): open ones by priority, due date and
   * number ('!O#…'), then done ones (completed, closed) by number ('!Z#…'). The '!' keeps both
   * below the plain order numbers that records written before this index carry (the list
   * moves those on first sight).
   */
  taskOrderIndexSk: (o: TaskOrderIndexFacts): string =>
    isTaskOrderDone(o.status)
      ? `${TASK_DONE}${o.no}`
      : `${TASK_OPEN}${String(o.priority ?? 5).padStart(3, '0')}#${o.dueDate ?? '9999-12-31'}#${o.no}`,
  /** A task order's record keys, its index key placed by `taskOrderIndexSk`. */
  taskOrder: (tenant: string, o: TaskOrderIndexFacts): Key & IndexKey => ({
    ...keys.order(tenant, 'taskOrder', o.no),
    gsi1sk: keys.taskOrderIndexSk(o),
  }),
  /** The key of the order whose partition key is `pk`. */
  orderOfPk: (pk: string): Key => ({ pk, sk: ONE }),
  /** The tenant of the order whose partition key is `pk`; undefined for any other key. */
  tenantOfOrderPk: (pk: string): string | undefined => ORDER_PK.exec(pk)?.[1],
  order: (tenant: string, kind: OrderKind, no: string): Key & IndexKey => ({
    pk: `${t(tenant)}#${ORDER_PREFIX[kind]}#${no}`,
    sk: ONE,
    gsi1pk: `${t(tenant)}#${ORDER_PREFIX[kind]}S`,
    gsi1sk: no,
  }),
  /**
   * A delivery (发货单, issue 12), listed newest first by shipment date in the tenant's
   * deliveries index (gsi1). A customer return (销售退货, numbered SR-…, never DL-…) sits in a
   * partition of the same kind, under its own number: `{ pk: keys.delivery(t, { no }).pk }`.
   */
  delivery: (tenant: string, d: { no: string; date?: string }): Key & IndexKey => ({
    pk: `${t(tenant)}#DLV#${d.no}`,
    sk: ONE,
    gsi1pk: `${t(tenant)}#DLVS`,
    gsi1sk: `${d.date}#${d.no}`,
  }),
  /**
   * Work reports of one task order share its partition: R#<no> per entry, and REV#<no> once a
   * report was reversed (written with the reversing entry, at most once).
   */
  workReportPartition: (tenant: string, taskOrder: string) => `${t(tenant)}#WR#${taskOrder}`,
  workReport: (tenant: string, taskOrder: string, no: string): Key => ({
    pk: keys.workReportPartition(tenant, taskOrder),
    sk: `R#${no}`,
  }),
  workReportReversed: (tenant: string, taskOrder: string, no: string): Key => ({
    pk: keys.workReportPartition(tenant, taskOrder),
    sk: `REV#${no}`,
  }),
  /** The completion notice a report triggered: sent, failed or skipped. */
  workReportNotice: (tenant: string, taskOrder: string, no: string): Key => ({
    pk: keys.workReportPartition(tenant, taskOrder),
    sk: `NOTICE#${no}`,
  }),
  /** Which task order a work report number belongs to (reversal by number). */
  workReportOwner: (tenant: string, no: string): Key => ({
    pk: `${t(tenant)}#WRNO#${no}`,
    sk: ONE,
  }),
  /** The tenant's defect list (缺陷代码, issue 13): one partition, in code order. */
  defectPartition: (tenant: string) => `${t(tenant)}#DEFECT`,
  defect: (tenant: string, code: string): Key => ({ pk: keys.defectPartition(tenant), sk: code }),
  /** Inspection plans (检验方案, issue 13): one per item, one partition, in item order. */
  inspectionPlanPartition: (tenant: string) => `${t(tenant)}#QPLAN`,
  inspectionPlan: (tenant: string, item: string): Key => ({
    pk: keys.inspectionPlanPartition(tenant),
    sk: item,
  }),
  /** Inspection orders (检验单): one partition by number; gsi1 lists them by state and age. */
  inspectionPartition: (tenant: string) => `${t(tenant)}#QIO`,
  /** pending (open or inspected) or done (disposed): the lists inspectors read, oldest first. */
  inspectionQueue: (tenant: string, queue: 'P' | 'D') => `${t(tenant)}#QIOS#${queue}`,
  inspection: (
    tenant: string,
    o: { no: string; status?: string; openedAt?: string },
  ): Key & IndexKey => ({
    pk: keys.inspectionPartition(tenant),
    sk: o.no,
    gsi1pk: keys.inspectionQueue(tenant, o.status === 'disposed' ? 'D' : 'P'),
    gsi1sk: `${o.openedAt}#${o.no}`,
  }),
  /** Outsourcing settlements (委外结算): one partition per tenant, by number. */
  /**
   * Costing (issue 15): one partition per tenant for its pools (`POOL#code`), the opening it
   * starts from (`OPENING`), the posting lock (`LOCK`) and its periods (`PERIOD#YYYY-MM`);
   * one per period for its entries (`EXP#id`), WIP counts (`WIP#order`) and run parts.
   */
  costingPartition: (tenant: string) => `${t(tenant)}#COSTING`,
  costPool: (tenant: string, code: string): Key => ({
    pk: keys.costingPartition(tenant),
    sk: `POOL#${code}`,
  }),
  /** Where costing starts: compressed parts in a partition of their own (20k items: ~1 MB). */
  costingOpeningPart: (tenant: string, n: number): Key => ({
    pk: `${t(tenant)}#COSTOPEN`,
    sk: String(n).padStart(5, '0'),
  }),
  costingSettings: (tenant: string): Key => ({
    pk: keys.costingPartition(tenant),
    sk: 'SETTINGS',
  }),
  /** Read by every posting transaction: a document dated on or before `closedThrough` fails. */
  costingLock: (tenant: string): Key => ({ pk: keys.costingPartition(tenant), sk: 'LOCK' }),
  costingPeriod: (tenant: string, period: string): Key => ({
    pk: keys.costingPartition(tenant),
    sk: `PERIOD#${period}`,
  }),
  costPeriodPartition: (tenant: string, period: string) => `${t(tenant)}#COSTP#${period}`,
  costExpense: (tenant: string, period: string, id: string): Key => ({
    pk: keys.costPeriodPartition(tenant, period),
    sk: `EXP#${id}`,
  }),
  costWipCount: (tenant: string, period: string, order: string): Key => ({
    pk: keys.costPeriodPartition(tenant, period),
    sk: `WIP#${order}`,
  }),
  costRunPart: (tenant: string, period: string, runId: string, kind: string, n: number): Key => ({
    pk: keys.costPeriodPartition(tenant, period),
    sk: `RUN#${runId}#${kind}#${String(n).padStart(5, '0')}`,
  }),
  /**
   * Expense claims (issue 16): one partition per tenant for its expense categories (`CAT#code`)
   * and its claims (`CLAIM#no`).
   */
  claimsPartition: (tenant: string) => `${t(tenant)}#CLAIMS`,
  expenseCategory: (tenant: string, code: string): Key => ({
    pk: keys.claimsPartition(tenant),
    sk: `CAT#${code}`,
  }),
  expenseClaim: (tenant: string, no: string): Key => ({
    pk: keys.claimsPartition(tenant),
    sk: `CLAIM#${no}`,
  }),
  /**
   * Attachments (issue 16): one item each, in a partition of its own (read by id only; the
   * id is random, so the partitions spread).
   */
  attachment: (tenant: string, id: string): Key => ({
    pk: `${t(tenant)}#ATT#${id}`,
    sk: ONE,
  }),
  /**
   * Generic approvals (issue 16): one partition per tenant for its form definitions
   * (`DEF#code`) and the requests on them (`REQ#no`).
   */
  formsPartition: (tenant: string) => `${t(tenant)}#FORMS`,
  formDefinition: (tenant: string, code: string): Key => ({
    pk: keys.formsPartition(tenant),
    sk: `DEF#${code}`,
  }),
  formRequest: (tenant: string, no: string): Key => ({
    pk: keys.formsPartition(tenant),
    sk: `REQ#${no}`,
  }),
  /** The posting lock of the tenant whose key `pk` is (`T#<tenant>#...`). */
  costingLockOfKey: (pk: string): Key => ({
    pk: `${pk.slice(0, pk.indexOf('#', 2))}#COSTING`,
    sk: 'LOCK',
  }),
  outsourcingSettlementPartition: (tenant: string) => `${t(tenant)}#OSSET`,
  outsourcingSettlement: (tenant: string, no: string): Key => ({
    pk: keys.outsourcingSettlementPartition(tenant),
    sk: no,
  }),
  /** A result as the quality reports read it: one partition per month, by date. */
  qualityFactPartition: (tenant: string, month: string) => `${t(tenant)}#QFACT#${month}`,
  qualityFact: (tenant: string, f: { date: string; result: string }): Key => ({
    pk: keys.qualityFactPartition(tenant, f.date.slice(0, 7)),
    sk: `${f.date}#${f.result}`,
  }),
  forecast: (tenant: string, item: string, from: string): Key => ({
    pk: keys.forecastPartition(tenant),
    sk: `${item}#${from}`,
  }),
  /**
   * One item's forecast guard: its `rev` moves with every forecast of the item written, so two
   * writers cannot both pass the overlap check of the same item's periods.
   */
  forecastGuard: (tenant: string, item: string): Key => ({
    pk: `${t(tenant)}#FCG#${item}`,
    sk: ONE,
  }),
  /**
   * One approval: its record (sk '#', indexed by document), one inbox entry per approver and
   * step (INBOX#<step>#<user>, indexed by approver: pending under P#, decided under D#) and the
   * card notification of each step (NOTIFY#<step>) and the submitter's message about each
   * step's decision (NOTICE#<step>). Reading the partition reads all of them.
   */
  approvalPartition: (tenant: string, id: string) => `${t(tenant)}#APPROVAL#${id}`,
  approval: (tenant: string, id: string, docType: string, docNo: string): Key & IndexKey => ({
    pk: keys.approvalPartition(tenant, id),
    sk: ONE,
    gsi1pk: keys.approvalsOfDocument(tenant, docType, docNo),
    gsi1sk: id,
  }),
  approvalsOfDocument: (tenant: string, docType: string, docNo: string) =>
    `${t(tenant)}#APPROVALDOC#${docType}#${docNo}`,
  inboxPartition: (tenant: string, user: string) => `${t(tenant)}#INBOX#${user}`,
  inboxEntry: (
    tenant: string,
    id: string,
    step: number,
    user: string,
    state: { pending: true; since: string } | { pending: false; decidedAt: string },
  ): Key & IndexKey => ({
    pk: keys.approvalPartition(tenant, id),
    sk: `INBOX#${String(step).padStart(2, '0')}#${user}`,
    gsi1pk: keys.inboxPartition(tenant, user),
    gsi1sk: state.pending ? `P#${state.since}#${id}` : `D#${state.decidedAt}#${id}`,
  }),
  approvalNotification: (tenant: string, id: string, step: number): Key => ({
    pk: keys.approvalPartition(tenant, id),
    sk: `NOTIFY#${String(step).padStart(2, '0')}`,
  }),
  approvalNotice: (tenant: string, id: string, step: number): Key => ({
    pk: keys.approvalPartition(tenant, id),
    sk: `NOTICE#${String(step).padStart(2, '0')}`,
  }),
  /** The tenant's approval rules (absent: the defaults). */
  approvalRules: (tenant: string): Key => ({ pk: `${t(tenant)}#APRULES`, sk: ONE }),
  /** The WeCom access token of one app, shared by every container (pk per tenant). */
  wecomToken: (tenant: string, agentId: number): Key => ({
    pk: `${t(tenant)}#WECOM`,
    sk: `TOKEN#${agentId}`,
  }),
  /** The lease of whoever is refreshing that token (one refresh at a time). */
  wecomTokenLease: (tenant: string, agentId: number): Key => ({
    pk: `${t(tenant)}#WECOM`,
    sk: `TOKENLEASE#${agentId}`,
  }),
  /** A WeCom callback already received (MsgId, or FromUserName + CreateTime), kept with a TTL. */
  wecomCallback: (tenant: string, dedupeKey: string): Key => ({
    pk: `${t(tenant)}#WECOMCB#${dedupeKey}`,
    sk: ONE,
  }),
  /** A supplementary issue request (补料单), indexed under its task order. */
  supplementaryIssue: (tenant: string, no: string, order: string): Key & IndexKey => ({
    pk: `${t(tenant)}#SUPPL#${no}`,
    sk: ONE,
    gsi1pk: keys.supplementaryByOrder(tenant, order),
    gsi1sk: no,
  }),
  /**
   * A WeCom message in the outbox (written in the transaction of the business change that
   * causes it; delivered by the outbox worker). Listed per tenant by state and time (gsi1:
   * `<status>#<at>#<id>`).
   */
  outbox: (tenant: string, id: string): Key => ({ pk: `${t(tenant)}#OUTBOX#${id}`, sk: ONE }),
  outboxList: (tenant: string) => `${t(tenant)}#OUTBOX`,
  outboxListEntry: (tenant: string, status: string, at: string, id: string): IndexKey => ({
    gsi1pk: keys.outboxList(tenant),
    gsi1sk: `${status}#${at}#${id}`,
  }),
  /**
   * While a record waits for delivery it also sits in the cross-tenant `pending` index, sorted
   * by when it is due, so the worker finds what is due without knowing the tenants. (The one
   * key not starting with the tenant; its sort key names the tenant, and only the worker
   * reads it.)
   */
  outboxPending: (tenant: string, id: string, dueAt: string): PendingKey => ({
    pendingPk: OUTBOX_PENDING,
    pendingSk: `${dueAt}#${tenant}#${id}`,
  }),
  /**
   * The daily digest's subscriptions (docs/digest.md): one partition per tenant, an item per
   * user who ever saved a choice (the hourly job reads the partition).
   */
  digestPartition: (tenant: string) => `${t(tenant)}#DIGEST`,
  digestSubscription: (tenant: string, user: string): Key => ({
    pk: keys.digestPartition(tenant),
    sk: `SUB#${user}`,
  }),
  /** The index partition of one task order's supplementary issue requests. */
  supplementaryByOrder: (tenant: string, order: string) => `${t(tenant)}#SUPPLS#${order}`,
};
