import {
  AppError,
  type FieldIssue,
  type Qty,
  type StockStatus,
  type TaskNeed,
  floorToPrecision,
  qty as toQty,
  roundUpToPrecision,
  toQtyString,
} from '@factory/shared';

/** What picking knows of a task order: its quantity and needs. */
export type PickOrder = { no: string; qty: string; needs: readonly TaskNeed[] };

/**
 * The balances a need draws from and returns to, besides item and warehouse: its status
 * (available, or rejected for the product a rework order repairs) and tracking number (the
 * order's for an MTO component of a tracked order; '' is the untracked pool).
 */
export type StockSource = { status: StockStatus; trackingNo: string };

export function sourceOf(n: Pick<TaskNeed, 'status' | 'trackingNo'>): StockSource {
  return { status: n.status ?? 'available', trackingNo: n.trackingNo ?? '' };
}

/** The source fields as the contracts show them: only what differs from the available pool. */
export function sourceFields(s: StockSource): { status?: StockStatus; trackingNo?: string } {
  return {
    ...(s.status !== 'available' ? { status: s.status } : {}),
    ...(s.trackingNo ? { trackingNo: s.trackingNo } : {}),
  };
}

const sourceKey = (x: { item: string; warehouse: string } & StockSource) =>
  `${x.item}\u0000${x.warehouse}\u0000${x.status}\u0000${x.trackingNo}`;

/** One share of an issue (qty > 0) or return (qty < 0): the need it posts to. */
export type Allocation = {
  order: string;
  need: number;
  item: string;
  warehouse: string;
  qty: string;
} & StockSource;

export type PickLineInput = { item: string; warehouse?: string; qty: string };

export type PickPlan = { ok: true; value: Allocation[] } | { ok: false; issues: FieldIssue[] };

const remainingOf = (n: TaskNeed): Qty => {
  const r = toQty(n.required).minus(n.issued);
  return r.isNegative() ? toQty(0) : r;
};

/** Every remaining manual need of an order (of the phantom, if given), in need order. */
function remainingAllocations(order: PickOrder, phantom?: string): Allocation[] {
  const out: Allocation[] = [];
  order.needs.forEach((n, i) => {
    const r = remainingOf(n);
    if (pickable(n, phantom) && r.greaterThan(0)) {
      out.push({
        order: order.no,
        need: i,
        item: n.item,
        warehouse: n.warehouse,
        qty: toQtyString(r),
        ...sourceOf(n),
      });
    }
  });
  return out;
}

/**
 * Places `want` over the matching needs in the order given, each at most its room in `left`
 * (which it lowers), calling `place` for each part; returns what could not be placed.
 */
function spread<M extends { i: number }>(
  want: Qty,
  matching: readonly M[],
  left: Qty[],
  place: (m: M, take: Qty) => void,
): Qty {
  let rest = want;
  for (const m of matching) {
    if (rest.isZero()) break;
    const room = left[m.i]!;
    const take = rest.lessThan(room) ? rest : room;
    if (take.isZero()) continue;
    left[m.i] = room.minus(take);
    rest = rest.minus(take);
    place(m, take);
  }
  return rest;
}

/** Needs a pick may serve: manual ones, and with `phantom` only those that came through it. */
export function pickable(n: TaskNeed, phantom?: string): boolean {
  return (
    n.issueMethod === 'manual' && (phantom === undefined || !!n.phantomPath?.includes(phantom))
  );
}

/**
 * A standard issue to one order. Without lines: every remaining manual need (of the phantom,
 * if given). With lines: each line is spread over the matching needs' remaining quantities;
 * more than remains is refused (that is a supplementary issue).
 */
export function planStandardIssue(
  order: PickOrder,
  lines: PickLineInput[] | undefined,
  phantom?: string,
): PickPlan {
  if (!lines) {
    const out = remainingAllocations(order, phantom);
    if (!out.length) {
      return {
        ok: false,
        issues: [{ path: ['body'], message: `生产任务单 ${order.no} 没有待领的物料` }],
      };
    }
    return checkWarehouses(out);
  }
  const out: Allocation[] = [];
  const issues: FieldIssue[] = [];
  const left = order.needs.map(remainingOf);
  lines.forEach((line, li) => {
    const matching = order.needs
      .map((n, i) => ({ n, i }))
      .filter(
        ({ n }) =>
          n.item === line.item &&
          pickable(n, phantom) &&
          (line.warehouse === undefined || n.warehouse === '' || n.warehouse === line.warehouse),
      );
    if (!matching.length) {
      issues.push({
        path: ['body', 'lines', li, 'item'],
        message: `物料 ${line.item} 不是生产任务单 ${order.no} 的手工领料需求${phantom ? `（虚拟件 ${phantom} 下）` : ''}`,
      });
      return;
    }
    const unplaced = spread(toQty(line.qty), matching, left, ({ n, i }, take) =>
      out.push({
        order: order.no,
        need: i,
        item: n.item,
        warehouse: line.warehouse ?? n.warehouse,
        qty: toQtyString(take),
        ...sourceOf(n),
      }),
    );
    if (unplaced.greaterThan(0)) {
      const room = toQty(line.qty).minus(unplaced);
      issues.push({
        path: ['body', 'lines', li, 'qty'],
        message: `物料 ${line.item} 超出剩余需求：最多还能领 ${toQtyString(room)}，超出部分请走补料`,
        code: 'issue.overIssue',
      });
    }
  });
  if (issues.length) return { ok: false, issues };
  return checkWarehouses(out);
}

function checkWarehouses(out: Allocation[]): PickPlan {
  const missing = out.filter((a) => a.warehouse === '');
  if (missing.length) {
    return {
      ok: false,
      issues: missing.map((a) => ({
        path: ['body', 'lines'],
        message: `物料 ${a.item} 没有发料仓库，请在领料行中指定仓库`,
      })),
    };
  }
  return { ok: true, value: out };
}

/** Per component (item × warehouse × source) of a kit: the quantity one set needs. */
export type KitComponent = {
  item: string;
  warehouse: string;
  perSet: string;
  needs: number[];
} & StockSource;

export function kitComponents(order: PickOrder, phantom?: string): KitComponent[] {
  const by = new Map<
    string,
    { item: string; warehouse: string; perSet: Qty; needs: number[] } & StockSource
  >();
  order.needs.forEach((n, i) => {
    if (!pickable(n, phantom)) return;
    const source = sourceOf(n);
    const key = sourceKey({ item: n.item, warehouse: n.warehouse, ...source });
    const c = by.get(key) ?? {
      item: n.item,
      warehouse: n.warehouse,
      ...source,
      perSet: toQty(0),
      needs: [],
    };
    c.perSet = c.perSet.plus(toQty(n.qtyPer).times(toQty(1).plus(n.lossRate)));
    c.needs.push(i);
    by.set(key, c);
  });
  return [...by.values()]
    .filter((c) => c.perSet.greaterThan(0))
    .map((c) => ({ ...c, perSet: toQtyString(c.perSet) }));
}

/**
 * How many sets stock allows (per component: available / per set, floored to the parent's
 * precision; the smallest wins) and how many sets remain to be issued.
 */
export function kitLimits(
  order: PickOrder,
  parentPrecision: number,
  available: (item: string, warehouse: string, source: StockSource) => string,
  phantom?: string,
): {
  maxSets: string;
  remainingSets: string;
  components: {
    item: string;
    warehouse: string;
    status?: StockStatus;
    trackingNo?: string;
    perSet: string;
    available: string;
    sets: string;
  }[];
} {
  const comps = kitComponents(order, phantom);
  let max: Qty | undefined;
  let remaining: Qty | undefined;
  const components = comps.map((c) => {
    const avail = available(c.item, c.warehouse, c);
    const sets = toQty(floorToPrecision(toQty(avail).dividedBy(c.perSet), parentPrecision));
    const left = c.needs.reduce((s, i) => s.plus(remainingOf(order.needs[i]!)), toQty(0));
    const leftSets = toQty(floorToPrecision(left.dividedBy(c.perSet), parentPrecision));
    max = max === undefined || sets.lessThan(max) ? sets : max;
    remaining = remaining === undefined || leftSets.lessThan(remaining) ? leftSets : remaining;
    return {
      item: c.item,
      warehouse: c.warehouse,
      ...sourceFields(c),
      perSet: c.perSet,
      available: avail,
      sets: toQtyString(sets),
    };
  });
  const maxSets = max === undefined ? toQty(0) : max;
  const remainingSets = remaining === undefined ? toQty(0) : remaining;
  return {
    maxSets: toQtyString(maxSets.lessThan(remainingSets) ? maxSets : remainingSets),
    remainingSets: toQtyString(remainingSets),
    components,
  };
}

/**
 * A kit issue of `sets` sets: every component gets sets × its per-set quantity, rounded up
 * to its precision and capped at its remaining need. Refused with `issue.kitExceedsStock`
 * (the maximum in the details) above what stock allows, and as over-issue above what
 * remains of the order.
 */
export function planKitIssue(
  order: PickOrder,
  sets: string,
  precisionOf: (item: string) => number,
  limits: ReturnType<typeof kitLimits>,
  phantom?: string,
): Allocation[] {
  const comps = kitComponents(order, phantom);
  if (!comps.length) {
    throw new AppError(
      'request.invalid',
      `生产任务单 ${order.no} 没有可配套领料的物料`,
      undefined,
      [{ path: ['body', 'sets'], message: '没有手工领料的需求' }],
    );
  }
  if (toQty(sets).greaterThan(limits.remainingSets)) {
    throw new AppError(
      'issue.overIssue',
      `配套套数 ${sets} 超出剩余需求，最多还能领 ${limits.remainingSets} 套`,
      { remainingSets: limits.remainingSets },
    );
  }
  if (toQty(sets).greaterThan(limits.maxSets)) {
    throw new AppError(
      'issue.kitExceedsStock',
      `库存只够配套 ${limits.maxSets} 套，不能领 ${sets} 套`,
      {
        maxSets: limits.maxSets,
        requested: sets,
        limiting: limits.components
          .filter((c) => toQty(c.sets).lessThan(sets))
          .map((c) => ({
            item: c.item,
            warehouse: c.warehouse,
            ...(c.status ? { status: c.status } : {}),
            ...(c.trackingNo ? { trackingNo: c.trackingNo } : {}),
            available: c.available,
            sets: c.sets,
          })),
      },
    );
  }
  const out: Allocation[] = [];
  const left = order.needs.map(remainingOf);
  for (const c of comps) {
    const want = toQty(
      roundUpToPrecision(toQtyString(toQty(sets).times(c.perSet)), precisionOf(c.item)),
    );
    spread(
      want,
      c.needs.map((i) => ({ i })),
      left,
      ({ i }, take) =>
        out.push({
          order: order.no,
          need: i,
          item: c.item,
          warehouse: c.warehouse,
          qty: toQtyString(take),
          status: c.status,
          trackingNo: c.trackingNo,
        }),
    );
  }
  return out;
}

/** A return: each line taken back from the needs that issued it; no more than was issued. */
export function planReturn(order: PickOrder, lines: PickLineInput[]): PickPlan {
  const issues: FieldIssue[] = [];
  const out: Allocation[] = [];
  const left = order.needs.map((n) => toQty(n.issued));
  lines.forEach((line, li) => {
    const matching = order.needs
      .map((n, i) => ({ n, i }))
      .filter(
        ({ n }) =>
          n.item === line.item &&
          (line.warehouse === undefined || n.warehouse === line.warehouse || n.warehouse === ''),
      );
    const issued = matching.reduce((s, { i }) => s.plus(left[i]!), toQty(0));
    if (toQty(line.qty).greaterThan(issued)) {
      issues.push({
        path: ['body', 'lines', li, 'qty'],
        message: `物料 ${line.item} 退料 ${line.qty} 超过已领 ${toQtyString(issued)}`,
        code: 'issue.overReturn',
      });
      return;
    }
    // Taken back from the latest needs first.
    spread(toQty(line.qty), [...matching].reverse(), left, ({ n, i }, take) =>
      out.push({
        order: order.no,
        need: i,
        item: n.item,
        warehouse: line.warehouse ?? n.warehouse,
        qty: toQtyString(take.negated()),
        ...sourceOf(n),
      }),
    );
  });
  if (issues.length) {
    return { ok: false, issues };
  }
  return checkWarehouses(out);
}

/** The order's needs after the allocations (issues add, returns subtract). */
export function applyAllocations(
  needs: readonly TaskNeed[],
  allocations: Allocation[],
): TaskNeed[] {
  const out = needs.map((n) => ({ ...n }));
  for (const a of allocations) {
    const n = out[a.need]!;
    n.issued = toQtyString(toQty(n.issued).plus(a.qty));
  }
  return out;
}

/**
 * Merged picking: the remaining manual needs of several orders, summed per item, warehouse
 * and source (status, tracking number), each order's share kept.
 */
export function planMerged(
  orders: PickOrder[],
  phantom?: string,
): {
  lines: ({
    item: string;
    warehouse: string;
    qty: string;
    shares: { order: string; qty: string }[];
  } & { status?: StockStatus; trackingNo?: string })[];
  allocations: Allocation[];
} {
  const allocations = orders.flatMap((o) => remainingAllocations(o, phantom));
  const by = new Map<
    string,
    {
      item: string;
      warehouse: string;
      qty: Qty;
      shares: Map<string, Qty>;
      key: string;
    } & StockSource
  >();
  for (const a of allocations) {
    const key = sourceKey(a);
    const l = by.get(key) ?? {
      item: a.item,
      warehouse: a.warehouse,
      status: a.status,
      trackingNo: a.trackingNo,
      key,
      qty: toQty(0),
      shares: new Map(),
    };
    l.qty = l.qty.plus(a.qty);
    l.shares.set(a.order, (l.shares.get(a.order) ?? toQty(0)).plus(a.qty));
    by.set(key, l);
  }
  const lines = [...by.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((l) => ({
      item: l.item,
      warehouse: l.warehouse,
      ...sourceFields(l),
      qty: toQtyString(l.qty),
      shares: [...l.shares].map(([order, q]) => ({ order, qty: toQtyString(q) })),
    }));
  return { lines, allocations };
}

/** A line of a partial merged pick: what was taken of one line of the merged list. */
export type MergedLineInput = {
  item: string;
  warehouse: string;
  qty: string;
  status?: StockStatus;
  trackingNo?: string;
};

/**
 * A partial merged pick: each picked line's quantity is shared out over the orders in the
 * order of `allocations` (the caller plans the orders by priority), each share at most the
 * order's remaining need, so the most urgent order is served first when stock is short. A
 * line that is not on the merged list, given twice, or above its total is refused.
 */
export function takeMerged(allocations: Allocation[], lines: MergedLineInput[]): PickPlan {
  const issues: FieldIssue[] = [];
  const out: Allocation[] = [];
  const seen = new Set<string>();
  lines.forEach((line, li) => {
    const key = sourceKey({
      item: line.item,
      warehouse: line.warehouse,
      status: line.status ?? 'available',
      trackingNo: line.trackingNo ?? '',
    });
    const shares = allocations.filter((a) => sourceKey(a) === key);
    if (!shares.length) {
      issues.push({
        path: ['body', 'lines', li, 'item'],
        message: `物料 ${line.item}（仓库 ${line.warehouse}）不在合并拣货单上`,
      });
      return;
    }
    if (seen.has(key)) {
      issues.push({
        path: ['body', 'lines', li, 'item'],
        message: `物料 ${line.item}（仓库 ${line.warehouse}）重复`,
      });
      return;
    }
    seen.add(key);
    let want = toQty(line.qty);
    const total = shares.reduce((sum, a) => sum.plus(a.qty), toQty(0));
    if (want.greaterThan(total)) {
      issues.push({
        path: ['body', 'lines', li, 'qty'],
        message: `物料 ${line.item} 超出合并需求：最多还能领 ${toQtyString(total)}，超出部分请走补料`,
        code: 'issue.overIssue',
      });
      return;
    }
    for (const a of shares) {
      if (want.isZero()) break;
      const take = want.lessThan(a.qty) ? want : toQty(a.qty);
      want = want.minus(take);
      out.push({ ...a, qty: toQtyString(take) });
    }
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: out };
}
