import {
  AppError,
  type FieldIssue,
  type Item,
  type OutsourcingMaterialReturnCreate,
  type OutsourcingSendCreate,
  type OutsourcingTransfer,
  type Session,
  type Warehouse,
  cmpQty,
  invalidRequest,
  qty as toQty,
  toQtyString,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { balanceId, planTransfer } from '../../domain/inventory/index.js';
import {
  type Allocation,
  applyAllocations,
  issuedSummary,
  kitLimits,
  type PickPlan,
  planKitIssue,
  planStandardIssue,
} from '../../domain/issue/index.js';
import {
  addHeld,
  asTaskNeeds,
  assertAction,
  componentsOf,
  type HeldAt,
  type OutsourcingOrderRecord,
  subcontractorWarehouse,
  toOutsourcingNeeds,
} from '../../domain/outsourcing/index.js';
import { keys } from '../../store/keys.js';
import { getMasterRecords, masterDataRepo } from '../../store/masterDataRepo.js';
import { outsourcingOrderRepo } from '../../store/outsourcingOrderRepo.js';
import { queryAll } from '../../store/query.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { stockRepo, type DocumentHeader } from '../../store/stockRepo.js';
import { completing, type CommitHooks } from '../hooks.js';
import { loadReferences } from '../references.js';
import { itemFactsOf } from '../taskOrders/needs.js';
import { shanghaiDate } from '../time.js';
import { commitOutsourcing, posted, retryOnOrderConflict, type OutsourcingDoc } from './commit.js';
import { loadOrder, viewWithNames } from './orders.js';

/** Document reasons of outsourcing transfers (the ledger's documents name them). */
export const SEND_REASON = 'outsourcingSend';
export const MATERIAL_RETURN_REASON = 'outsourcingMaterialReturn';

/** The tenant's warehouses of kind `subcontractor` of a partner. */
export async function subcontractorWarehouses(
  deps: Deps,
  tenant: string,
  partner: string,
): Promise<Warehouse[]> {
  const repo = masterDataRepo<Warehouse>(deps, tenant, 'warehouse');
  const rows = await queryAll(deps, {
    attr: 'pk',
    value: keys.masterPartition(tenant, 'warehouse'),
  });
  return rows
    .map((r) => repo.toRecord(r))
    .filter((w) => w.kind === 'subcontractor' && w.partner === partner);
}

/** The subcontractor's warehouse the order's materials go to (400 naming the field). */
async function destination(
  deps: Deps,
  tenant: string,
  order: OutsourcingOrderRecord,
  named: string | undefined,
  path: (string | number)[],
): Promise<string> {
  const [ofPartner, found] = await Promise.all([
    subcontractorWarehouses(deps, tenant, order.supplier),
    named ? getMasterRecords(deps, tenant, { warehouse: [named] }) : undefined,
  ]);
  const picked = subcontractorWarehouse(
    order,
    named,
    (code) =>
      (found?.warehouse?.get(code) as Warehouse | undefined) ??
      ofPartner.find((w) => w.code === code),
    ofPartner,
    path,
  );
  if (!picked.ok) throw invalidRequest(picked.issues);
  return picked.code;
}

/** The picking rules speak of task orders and picks: say it of this order and its sends. */
const reword = (text: string) =>
  text
    .replace('生产任务单', '委外订单')
    .replace('手工领料需求', '发料需求')
    .replace('配套领料', '配套发料')
    .replace('最多还能领', '最多还能发')
    .replace('超出部分请走补料', '超出部分请用补料发料')
    .replace('不能领', '不能发');

function reworded<R>(plan: () => R): R {
  try {
    return plan();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new AppError(
      err.code,
      reword(err.message),
      err.details,
      err.issues?.map((i) => ({ ...i, message: reword(i.message) })),
    );
  }
}

function unwrap(plan: PickPlan): Allocation[] {
  if (!plan.ok) {
    const over = plan.issues.find(
      (i) => i.code === 'issue.overIssue' || i.code === 'issue.overReturn',
    );
    if (over)
      throw new AppError(over.code as 'issue.overIssue', over.message, undefined, plan.issues);
    throw invalidRequest(plan.issues);
  }
  return plan.value;
}

/** Stock available at our balances (no lot) for the kit limit. */
async function availability(
  deps: Deps,
  tenant: string,
  allocs: { item: string; warehouse: string; trackingNo: string }[],
) {
  const refOf = (item: string, warehouse: string, trackingNo: string) => ({
    item,
    warehouse,
    status: 'available' as const,
    lot: '',
    trackingNo,
  });
  const found = await stockRepo(deps, tenant).getBalances(
    allocs.filter((a) => a.warehouse).map((a) => refOf(a.item, a.warehouse, a.trackingNo)),
  );
  return (item: string, warehouse: string, source: { trackingNo: string }) => {
    const q = found.get(balanceId(refOf(item, warehouse, source.trackingNo)));
    return q === undefined || cmpQty(q, '0') < 0 ? '0' : q;
  };
}

/** One transfer part of a send or return: which need (or extra) it posts to. */
type Part = {
  item: string;
  from: string;
  to: string;
  qty: string;
  trackingNo: string;
  /** The need's index, or undefined for an extra (an item without a need). */
  need?: number;
  /** The request line it came from (for the paths of refusals). */
  line?: number;
  /** An extra: our warehouse it was sent from (what the order keeps it under). */
  extraOf?: string;
};

/**
 * Plans the transfer of the parts (item, warehouses, precision checked) and the order after
 * it: the needs' `issued` (sent) and the extras moved by the parts' signed quantities, the
 * order's `issued[]` (what MRP nets by) summed again.
 */
async function transfer(
  deps: Deps,
  s: Session,
  order: OutsourcingOrderRecord,
  parts: Part[],
  sign: 1 | -1,
  fields: { prefix: string; reason: string; date: string; note?: string },
) {
  const refs = await loadReferences(
    deps,
    s.tenant,
    parts.map((p) => p.item),
    parts.flatMap((p) => [p.from, p.to]),
  );
  const planned = planTransfer(
    {
      date: fields.date,
      lines: parts.map((p) => ({
        item: p.item,
        fromWarehouse: p.from,
        toWarehouse: p.to,
        qty: p.qty,
        ...(p.trackingNo ? { trackingNo: p.trackingNo } : {}),
      })),
    },
    refs,
  );
  if (!planned.ok) {
    throw invalidRequest(
      planned.issues.map((i) => {
        const line = parts[Number(i.path[1])]?.line;
        return {
          ...i,
          path: line === undefined ? ['body'] : ['body', 'lines', line, ...i.path.slice(2)],
        };
      }),
    );
  }
  const signed = (q: string) => (sign === 1 ? q : toQtyString(toQty(q).negated()));
  const needs = applyAllocations(
    asTaskNeeds(order.needs ?? []),
    parts
      .filter((p) => p.need !== undefined)
      .map((p) => ({
        order: order.no,
        need: p.need!,
        item: p.item,
        warehouse: p.from,
        qty: signed(p.qty),
        status: 'available',
        trackingNo: p.trackingNo,
      })),
  );
  const held: HeldAt[] = parts
    .filter((p) => p.need === undefined)
    .map((p) => ({
      item: p.item,
      warehouse: p.extraOf ?? p.from,
      ...(p.trackingNo ? { trackingNo: p.trackingNo } : {}),
      qty: signed(p.qty),
    }));
  const extras = addHeld(order.extras, held);
  const now = deps.clock.now();
  const header: DocumentHeader = {
    no: await nextDocumentNumber(deps, s.tenant, fields.prefix, shanghaiDate(now)),
    kind: 'transfer',
    date: fields.date,
    reason: fields.reason,
    ref: order.no,
    partner: order.supplier,
    ...(fields.note ? { note: fields.note } : {}),
    postedAt: now.toISOString(),
    postedBy: s.user,
  };
  const outNeeds = toOutsourcingNeeds(needs);
  const next: OutsourcingOrderRecord = {
    ...order,
    needs: outNeeds,
    issued: [...issuedSummary(needs), ...extras.map((e) => ({ item: e.item, qty: e.qty }))].reduce<
      { item: string; qty: string }[]
    >((acc, x) => {
      const found = acc.find((a) => a.item === x.item);
      if (found) found.qty = toQtyString(toQty(found.qty).plus(x.qty));
      else acc.push({ ...x });
      return acc;
    }, []),
    extras,
    documents: [
      ...order.documents,
      { no: header.no, kind: sign === 1 ? 'send' : 'materialReturn', date: fields.date },
    ],
    version: order.version + 1,
    updatedAt: header.postedAt,
    updatedBy: s.user,
  };
  return { doc: { header, moves: planned.value } as OutsourcingDoc, next, refs };
}

async function commitTransfer(
  deps: Deps,
  s: Session,
  planned: Awaited<ReturnType<typeof transfer>>,
  hooks: CommitHooks<OutsourcingTransfer>,
): Promise<OutsourcingTransfer> {
  const answer: OutsourcingTransfer = {
    document: posted(planned.doc),
    outsourcingOrder: await viewWithNames(deps, s.tenant, planned.next),
  };
  await commitOutsourcing(
    deps,
    s,
    planned.doc,
    completing(hooks, answer, [outsourcingOrderRepo(deps, s.tenant).put(planned.next)]),
    planned.refs,
  );
  return answer;
}

/**
 * A send (委外发料): components from our warehouses into the subcontractor's, as one transfer
 * document in one transaction with the order (guarded by its revision). `standard`: the rest
 * of every need, or with `lines` parts of it (never beyond what remains: 422
 * issue.overIssue); `kit`: N whole sets (409 issue.kitExceedsStock above what stock allows);
 * `supplementary`: the lines beyond the need, with a reason (an item without a need is kept
 * as an extra). What was sent counts as issued to the order for planning.
 */
export function sendMaterials(
  deps: Deps,
  s: Session,
  no: string,
  input: OutsourcingSendCreate,
  hooks: CommitHooks<OutsourcingTransfer> = {},
): Promise<OutsourcingTransfer> {
  return retryOnOrderConflict(async () => {
    const order = await loadOrder(deps, s.tenant, no);
    assertAction(order, 'send');
    const to = await destination(deps, s.tenant, order, input.toWarehouse, ['body', 'toWarehouse']);
    const needs = asTaskNeeds(order.needs ?? []);
    const pick = { no: order.no, qty: order.qty, needs };
    const date = input.date ?? shanghaiDate(deps.clock.now());
    let parts: Part[];
    if (input.mode === 'supplementary') {
      parts = await supplementaryParts(deps, s.tenant, order, input.lines!, to);
    } else {
      let allocations: Allocation[];
      if (input.mode === 'kit') {
        const items = (
          await getMasterRecords(deps, s.tenant, {
            item: [order.item, ...needs.map((n) => n.item)],
          })
        ).item as Map<string, Item>;
        const available = await availability(
          deps,
          s.tenant,
          needs.map((n) => ({
            item: n.item,
            warehouse: n.warehouse,
            trackingNo: n.trackingNo ?? '',
          })),
        );
        const limits = kitLimits(pick, items.get(order.item)?.precision ?? 0, available);
        allocations = reworded(() =>
          planKitIssue(pick, input.sets!, (c) => items.get(c)?.precision ?? 0, limits),
        );
      } else {
        if (!input.lines && needs.every((n) => cmpQty(n.issued, n.required) >= 0)) {
          throw invalidRequest([
            { path: ['body'], message: `委外订单 ${order.no} 没有待发的材料` },
          ]);
        }
        allocations = reworded(() =>
          unwrap(
            planStandardIssue(
              pick,
              input.lines?.map((l) => ({
                item: l.item,
                qty: l.qty,
                ...(l.warehouse ? { warehouse: l.warehouse } : {}),
              })),
            ),
          ),
        );
      }
      parts = allocations.map((a) => ({
        item: a.item,
        from: a.warehouse,
        to,
        qty: a.qty,
        trackingNo: a.trackingNo,
        need: a.need,
      }));
    }
    if (!parts.length) {
      throw invalidRequest([{ path: ['body'], message: `委外订单 ${order.no} 没有待发的材料` }]);
    }
    const planned = await transfer(deps, s, { ...order, subcontractorWarehouse: to }, parts, 1, {
      prefix: 'WF',
      reason: SEND_REASON,
      date,
      ...(input.note || input.reason
        ? {
            note: [input.reason && `补料原因：${input.reason}`, input.note]
              .filter(Boolean)
              .join('；'),
          }
        : {}),
    });
    return commitTransfer(deps, s, planned, hooks);
  });
}

/**
 * Lines of a supplementary send: each goes to the order's first need of its item (beyond what
 * it requires), else it is an extra; from the line's warehouse, else the need's, else the
 * item's default.
 */
async function supplementaryParts(
  deps: Deps,
  tenant: string,
  order: OutsourcingOrderRecord,
  lines: NonNullable<OutsourcingSendCreate['lines']>,
  to: string,
): Promise<Part[]> {
  const needs = order.needs ?? [];
  const items = (await getMasterRecords(deps, tenant, { item: lines.map((l) => l.item) }))
    .item as Map<string, Item>;
  const issues: FieldIssue[] = [];
  const parts: Part[] = [];
  lines.forEach((l, i) => {
    // The need of the item drawn from that warehouse, else the item's first need.
    const same = needs.findIndex((n) => n.item === l.item && n.warehouse === l.warehouse);
    const need = same >= 0 ? same : needs.findIndex((n) => n.item === l.item);
    const n = need >= 0 ? needs[need] : undefined;
    const from = l.warehouse ?? (n?.warehouse || items.get(l.item)?.defaultWarehouse);
    if (!from) {
      issues.push({
        path: ['body', 'lines', i, 'warehouse'],
        message: `物料 ${l.item} 没有默认仓库，请指定发料仓库`,
      });
      return;
    }
    const strategyTracked = items.get(l.item)?.strategy === 'mto' && order.trackingNo;
    parts.push({
      item: l.item,
      from,
      to,
      qty: l.qty,
      trackingNo: n?.trackingNo ?? (strategyTracked ? order.trackingNo! : ''),
      ...(n ? { need } : {}),
      line: i,
    });
  });
  if (issues.length) throw invalidRequest(issues);
  return parts;
}

/**
 * Materials back from the subcontractor (委外退料): a transfer from its warehouse into ours (the
 * line's warehouse, else the need's), never more of an item than is still there for the order
 * (sent less consumed; 422 issue.overReturn naming the line). Extras come back first, then the
 * needs' material, latest need first; what comes back is no longer sent (MRP counts it again).
 */
export function returnMaterials(
  deps: Deps,
  s: Session,
  no: string,
  input: OutsourcingMaterialReturnCreate,
  hooks: CommitHooks<OutsourcingTransfer> = {},
): Promise<OutsourcingTransfer> {
  return retryOnOrderConflict(async () => {
    const order = await loadOrder(deps, s.tenant, no);
    assertAction(order, 'returnMaterials');
    const from = order.subcontractorWarehouse;
    if (!from) {
      throw invalidRequest([{ path: ['body', 'lines'], message: `委外订单 ${order.no} 尚未发料` }]);
    }
    const needItems = (
      await getMasterRecords(deps, s.tenant, { item: (order.needs ?? []).map((n) => n.item) })
    ).item as Map<string, Item>;
    const held = componentsOf(order, undefined, itemFactsOf(needItems)).map((c) =>
      toQty(c.atSubcontractor),
    );
    const extras = order.extras.map((e) => ({ ...e, left: toQty(e.qty) }));
    const needs = order.needs ?? [];
    const issues: FieldIssue[] = [];
    const parts: Part[] = [];
    input.lines.forEach((l, i) => {
      const there = extras
        .filter((e) => e.item === l.item)
        .reduce((q, e) => q.plus(e.left), toQty(0))
        .plus(needs.reduce((q, n, k) => (n.item === l.item ? q.plus(held[k]!) : q), toQty(0)));
      if (toQty(l.qty).greaterThan(there)) {
        issues.push({
          path: ['body', 'lines', i, 'qty'],
          message: `物料 ${l.item} 退回 ${l.qty} 超过外协厂处本单结存 ${toQtyString(there)}`,
          code: 'issue.overReturn',
        });
        return;
      }
      let rest = toQty(l.qty);
      for (const e of extras) {
        if (rest.isZero() || e.item !== l.item || !e.left.greaterThan(0)) continue;
        const take = rest.lessThan(e.left) ? rest : e.left;
        e.left = e.left.minus(take);
        rest = rest.minus(take);
        parts.push({
          item: l.item,
          from,
          to: l.warehouse ?? e.warehouse,
          qty: toQtyString(take),
          trackingNo: e.trackingNo ?? '',
          line: i,
          extraOf: e.warehouse,
        });
      }
      for (let k = needs.length - 1; k >= 0 && !rest.isZero(); k--) {
        const n = needs[k]!;
        if (n.item !== l.item || !held[k]!.greaterThan(0)) continue;
        const take = rest.lessThan(held[k]!) ? rest : held[k]!;
        held[k] = held[k]!.minus(take);
        rest = rest.minus(take);
        parts.push({
          item: l.item,
          from,
          to: l.warehouse ?? n.warehouse,
          qty: toQtyString(take),
          trackingNo: n.trackingNo ?? '',
          need: k,
          line: i,
        });
      }
    });
    if (issues.length) {
      throw new AppError('issue.overReturn', issues[0]!.message, undefined, issues);
    }
    const planned = await transfer(deps, s, order, parts, -1, {
      prefix: 'WT',
      reason: MATERIAL_RETURN_REASON,
      date: input.date ?? shanghaiDate(deps.clock.now()),
      ...(input.note ? { note: input.note } : {}),
    });
    return commitTransfer(deps, s, planned, hooks);
  });
}
