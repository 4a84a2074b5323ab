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
import { lineFactor } from '../bom/walk.js';

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
  /**
   * `item` is an allowed substitute issued in place of the need's component (or returned):
   * the component, and how much of it this covers (signed like `qty`).
   */
  substitute?: { for: string; covers: string };
} & StockSource;

export type PickLineInput = {
  item: string;
  warehouse?: string;
  qty: string;
  /** Cover `qty` of the (short) component `item` with this allowed substitute instead. */
  substitute?: string;
};

export type ReturnLineInput = {
  item: string;
  warehouse?: string;
  qty: string;
  /** Return only what was issued of `item` as a substitute for this component. */
  substituteFor?: string;
};

/** What a pick with substitutes must know besides the order. */
export type SubstituteContext = {
  item(
    code: string,
  ): { precision: number; defaultWarehouse?: string; strategy?: 'mto' | 'mts' } | undefined;
  /** Stock of a balance (no lot). */
  available(item: string, warehouse: string, source: StockSource): string;
  /** The order's tracking number: an MTO substitute of a tracked order is drawn from it. */
  trackingNo?: string;
};

export type PickPlan = { ok: true; value: Allocation[] } | { ok: false; issues: FieldIssue[] };

const remainingOf = (n: TaskNeed): Qty => {
  const r = toQty(n.required).minus(n.issued);
  return r.isNegative() ? toQty(0) : r;
};

/** What a need was issued of its own component: `issued` less what substitutes cover. */
const ownIssuedOf = (n: TaskNeed): Qty =>
  (n.substituted ?? []).reduce((q, s) => q.minus(s.covers), toQty(n.issued));

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
 * more than remains is refused (that is a supplementary issue). A line with a `substitute`
 * covers its quantity of the component with that substitute instead (`planSubstitute`).
 */
export function planStandardIssue(
  order: PickOrder,
  lines: PickLineInput[] | undefined,
  phantom?: string,
  subs?: SubstituteContext,
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
  /** Component quantity this request already covers with substitutes, per component. */
  const substituted = new Map<string, Qty>();
  lines.forEach((line, li) => {
    if (line.substitute !== undefined) {
      const planned = planSubstitute(order, line, li, phantom, left, substituted, subs);
      if (planned.ok) out.push(...planned.value);
      else issues.push(...planned.issues);
      return;
    }
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

/**
 * One standard pick line that issues an allowed substitute X in place of the component Y:
 * only the needs of Y (of the phantom, if given) whose BOM line allows X take part; Y must
 * be short, and X covers at most what Y's own stock cannot (the remaining need of those
 * needs less Y's stock at their balances, less what this request already covered with
 * substitutes). The covered quantity is spread over the needs like any pick line (never more
 * than remains); each part issues `part × ratio` of X from X's balance (the line's
 * warehouse, else X's default, else the need's; the order's tracking number when X is an
 * MTO item of a tracked order), the total rounded up once to X's precision (the parts before
 * the last rounded down, the last takes the rest). Refusals: not an allowed substitute
 * (`issue.substituteNotAllowed`), Y not short or covered beyond its shortfall
 * (`issue.substituteNotShort`), beyond the remaining need (`issue.overIssue`).
 */
function planSubstitute(
  order: PickOrder,
  line: PickLineInput,
  li: number,
  phantom: string | undefined,
  left: Qty[],
  substituted: Map<string, Qty>,
  subs: SubstituteContext | undefined,
): PickPlan {
  const at = ['body', 'lines', li];
  const x = line.substitute!;
  const fail = (field: string, message: string, code?: string): PickPlan => ({
    ok: false,
    issues: [{ path: [...at, field], message, ...(code ? { code } : {}) }],
  });
  const mine = order.needs
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => n.item === line.item && pickable(n, phantom));
  if (!mine.length) {
    return fail(
      'item',
      `物料 ${line.item} 不是生产任务单 ${order.no} 的手工领料需求${phantom ? `（虚拟件 ${phantom} 下）` : ''}`,
    );
  }
  const allowed = mine
    .map((m) => ({ ...m, ratio: m.n.substitutes?.find((s) => s.item === x)?.ratio }))
    .filter((m): m is typeof m & { ratio: string } => m.ratio !== undefined);
  const info = subs?.item(x);
  const component = subs?.item(line.item);
  if (!allowed.length || !subs || !info || !component) {
    const named = [...new Set(mine.flatMap(({ n }) => (n.substitutes ?? []).map((s) => s.item)))];
    return fail(
      'substitute',
      `物料 ${x} 不是 ${line.item} 允许的替代料${named.length ? `（允许：${named.join('、')}）` : '（物料清单未设替代料）'}`,
      'issue.substituteNotAllowed',
    );
  }
  if (toQty(line.qty).decimalPlaces() > component.precision) {
    return fail('qty', `物料 ${line.item} 的数量最多 ${component.precision} 位小数`);
  }
  // Short: the component's own stock at the needs' balances cannot cover what remains.
  const remaining = allowed.reduce((q, { n }) => q.plus(remainingOf(n)), toQty(0));
  const balances = new Map(
    allowed.map(({ n }) => [
      sourceKey({ item: n.item, warehouse: n.warehouse, ...sourceOf(n) }),
      n,
    ]),
  );
  const stock = [...balances.values()].reduce(
    (q, n) => q.plus(subs.available(n.item, n.warehouse, sourceOf(n))),
    toQty(0),
  );
  const gap = remaining.minus(stock).minus(substituted.get(line.item) ?? toQty(0));
  const shortfall = gap.isNegative() ? toQty(0) : gap;
  if (toQty(line.qty).greaterThan(shortfall)) {
    return fail(
      'qty',
      shortfall.isZero()
        ? `物料 ${line.item} 库存 ${toQtyString(stock)} 够领剩余的 ${toQtyString(remaining)}，不能用替代料 ${x}`
        : `物料 ${line.item} 只缺 ${toQtyString(shortfall)}（剩余需求 ${toQtyString(remaining)}，库存 ${toQtyString(stock)}），替代料 ${x} 最多替代 ${toQtyString(shortfall)}，本次 ${line.qty}`,
      'issue.substituteNotShort',
    );
  }
  const parts: { i: number; take: Qty; ratio: string }[] = [];
  const unplaced = spread(toQty(line.qty), allowed, left, ({ i, ratio }, take) =>
    parts.push({ i, take, ratio }),
  );
  if (unplaced.greaterThan(0)) {
    return fail(
      'qty',
      `物料 ${line.item} 超出剩余需求：最多还能领 ${toQtyString(toQty(line.qty).minus(unplaced))}，超出部分请走补料`,
      'issue.overIssue',
    );
  }
  substituted.set(line.item, (substituted.get(line.item) ?? toQty(0)).plus(line.qty));
  const exact = parts.map((p) => p.take.times(p.ratio));
  const total = toQty(
    roundUpToPrecision(toQtyString(exact.reduce((a, b) => a.plus(b), toQty(0))), info.precision),
  );
  const warehouse = line.warehouse ?? info.defaultWarehouse ?? allowed[0]!.n.warehouse;
  const trackingNo = subs.trackingNo && info.strategy === 'mto' ? subs.trackingNo : '';
  let given = toQty(0);
  const value = parts.map((p, k): Allocation => {
    const q =
      k === parts.length - 1
        ? total.minus(given)
        : toQty(floorToPrecision(exact[k]!, info.precision));
    given = given.plus(q);
    return {
      order: order.no,
      need: p.i,
      item: x,
      warehouse,
      qty: toQtyString(q),
      status: 'available',
      trackingNo,
      substitute: { for: line.item, covers: toQtyString(p.take) },
    };
  });
  // A part may issue 0 of X (its share rounded away): it still records what it covers; the
  // poster leaves it out of the stock document.
  return { ok: true, value };
}

/**
 * The substitutes a pick list line may use (one order): those the BOM lines of its needs
 * allow, by priority (one per item, the first need's ratio), each with the balance it is
 * issued from, its stock there and how much of the component that covers (available /
 * ratio, rounded down to the component's precision).
 */
export function substituteOptions(
  needs: readonly TaskNeed[],
  line: { item: string; warehouse: string } & StockSource,
  phantom: string | undefined,
  subs: SubstituteContext,
): {
  item: string;
  priority: number;
  ratio: string;
  warehouse: string;
  trackingNo?: string;
  available: string;
  covers: string;
}[] {
  const key = sourceKey(line);
  const seen = new Map<string, { item: string; priority: number; ratio: string; need: TaskNeed }>();
  for (const n of needs) {
    if (!pickable(n, phantom)) continue;
    if (sourceKey({ item: n.item, warehouse: n.warehouse, ...sourceOf(n) }) !== key) continue;
    for (const s of n.substitutes ?? []) if (!seen.has(s.item)) seen.set(s.item, { ...s, need: n });
  }
  const precision = subs.item(line.item)?.precision ?? 0;
  return [...seen.values()]
    .sort((a, b) => a.priority - b.priority)
    .flatMap((s) => {
      const info = subs.item(s.item);
      if (!info) return [];
      const warehouse = info.defaultWarehouse ?? s.need.warehouse;
      const trackingNo = subs.trackingNo && info.strategy === 'mto' ? subs.trackingNo : '';
      const available = subs.available(s.item, warehouse, { status: 'available', trackingNo });
      return [
        {
          item: s.item,
          priority: s.priority,
          ratio: s.ratio,
          warehouse,
          ...(trackingNo ? { trackingNo } : {}),
          available,
          covers: floorToPrecision(toQty(available).dividedBy(s.ratio), precision),
        },
      ];
    });
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
    c.perSet = c.perSet.plus(lineFactor(n));
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

/**
 * A return: each line taken back from the needs that issued it; no more than was issued. An
 * item's own issues come back first (from the latest needs), then what it was issued as a
 * substitute; a line with `substituteFor` returns only its issues as a substitute for that
 * component. Returning a substitute uncovers the component in proportion (all of it when the
 * whole substitute issue comes back, else covers × returned / issued rounded up to the
 * component's precision, `precisionOf`), so the need is open again for what came back.
 */
export function planReturn(
  order: PickOrder,
  lines: ReturnLineInput[],
  precisionOf: (item: string) => number = () => 0,
): PickPlan {
  const issues: FieldIssue[] = [];
  const out: Allocation[] = [];
  const left = order.needs.map(ownIssuedOf);
  // What is left of each substitute issue, per need and entry, as lines take from it.
  const subsLeft = order.needs.map((n) =>
    (n.substituted ?? []).map((e) => ({ qty: toQty(e.qty), covers: toQty(e.covers) })),
  );
  lines.forEach((line, li) => {
    const own =
      line.substituteFor === undefined
        ? order.needs
            .map((n, i) => ({ n, i }))
            .filter(
              ({ n }) =>
                n.item === line.item &&
                (line.warehouse === undefined ||
                  n.warehouse === line.warehouse ||
                  n.warehouse === ''),
            )
        : [];
    const asSubstitute = order.needs.flatMap((n, i) =>
      (n.substituted ?? []).flatMap((e, k) =>
        e.item === line.item &&
        (line.substituteFor === undefined || n.item === line.substituteFor) &&
        (line.warehouse === undefined || e.warehouse === line.warehouse)
          ? [{ n, i, e, k }]
          : [],
      ),
    );
    const issued = own
      .reduce((s, { i }) => s.plus(left[i]!), toQty(0))
      .plus(asSubstitute.reduce((s, { i, k }) => s.plus(subsLeft[i]![k]!.qty), toQty(0)));
    if (toQty(line.qty).greaterThan(issued)) {
      issues.push({
        path: ['body', 'lines', li, 'qty'],
        message: `物料 ${line.item} 退料 ${line.qty} 超过已领 ${toQtyString(issued)}${line.substituteFor ? `（作为 ${line.substituteFor} 的替代料）` : ''}`,
        code: 'issue.overReturn',
      });
      return;
    }
    // Taken back from the latest needs first.
    let rest = spread(toQty(line.qty), [...own].reverse(), left, ({ n, i }, take) =>
      out.push({
        order: order.no,
        need: i,
        item: n.item,
        warehouse: line.warehouse ?? n.warehouse,
        qty: toQtyString(take.negated()),
        ...sourceOf(n),
      }),
    );
    for (const { n, i, e, k } of [...asSubstitute].reverse()) {
      if (rest.isZero()) break;
      const entry = subsLeft[i]![k]!;
      const take = rest.lessThan(entry.qty) ? rest : entry.qty;
      if (take.isZero()) continue;
      const proportional = toQty(
        roundUpToPrecision(
          toQtyString(entry.covers.times(take).dividedBy(entry.qty)),
          precisionOf(n.item),
        ),
      );
      const uncovered = take.equals(entry.qty)
        ? entry.covers
        : proportional.lessThan(entry.covers)
          ? proportional
          : entry.covers;
      entry.qty = entry.qty.minus(take);
      entry.covers = entry.covers.minus(uncovered);
      rest = rest.minus(take);
      out.push({
        order: order.no,
        need: i,
        item: e.item,
        warehouse: e.warehouse,
        qty: toQtyString(take.negated()),
        status: 'available',
        trackingNo: e.trackingNo ?? '',
        substitute: { for: n.item, covers: toQtyString(uncovered.negated()) },
      });
    }
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
    if (!a.substitute) {
      n.issued = toQtyString(toQty(n.issued).plus(a.qty));
      continue;
    }
    // Issued as substitute X for this need's component: it counts as covered by `covers`.
    n.issued = toQtyString(toQty(n.issued).plus(a.substitute.covers));
    const entries = (n.substituted ?? []).map((e) => ({ ...e }));
    const at = entries.findIndex(
      (e) =>
        e.item === a.item &&
        e.warehouse === a.warehouse &&
        (e.trackingNo ?? '') === (a.trackingNo ?? ''),
    );
    const e =
      at >= 0 ? entries[at]! : { item: a.item, warehouse: a.warehouse, qty: '0', covers: '0' };
    if (at < 0) {
      if (a.trackingNo) Object.assign(e, { trackingNo: a.trackingNo });
      entries.push(e);
    }
    e.qty = toQtyString(toQty(e.qty).plus(a.qty));
    e.covers = toQtyString(toQty(e.covers).plus(a.substitute.covers));
    const kept = entries.filter((x) => !toQty(x.qty).isZero() || !toQty(x.covers).isZero());
    if (kept.length) n.substituted = kept;
    else delete n.substituted;
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
