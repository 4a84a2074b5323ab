import {
  AppError,
  type Defect,
  type InspectionDetail,
  type InspectionListQuery,
  type InspectionRecord,
  type InspectionResult,
  type InspectionResultInput,
  type InspectionResultPosted,
  type InspectionReversalInput,
  type InspectionView,
  type Item,
  type Page,
  type Partner,
  type Session,
  type Warehouse,
  invalidRequest,
  notFound,
  subQty,
  sumQty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { PlannedMove } from '../../domain/inventory/index.js';
import {
  checkResult,
  checkReversal,
  planQualityMoves,
  reversingResult,
  sampleSize,
  statusAfterResult,
  type QualityPlan,
} from '../../domain/quality/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import {
  qualityRepo,
  type QualityFact,
  type StoredInspectionPlan,
} from '../../store/qualityRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { combineStockErrors, type DocumentHeader } from '../../store/stockRepo.js';
import type { TxItem } from '../../store/transact.js';
import { completing, type CommitHooks } from '../hooks.js';
import { countDocumentsPosted, documentsWrites } from '../posting.js';
import { shanghaiDate } from '../time.js';

/**
 * Inspection orders (检验单) after a receipt opened them (openings.ts): listed for inspectors,
 * read with what the form needs, a result posted once (its stock moves in the same
 * transaction), a wrong result reversed (DOMAIN.md "Quality"; rules in docs/architecture.md).
 */

/** The stock document reason of quality's status changes and disposals. */
export const QUALITY_REASON = 'inspection';

const ATTEMPTS = 3;

/** Runs `attempt` again when the inspection order changed under it (fresh reads decide). */
export async function retryOnOrderConflict<R>(attempt: () => Promise<R>): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const conflict =
        err instanceof AppError &&
        err.code === 'resource.versionConflict' &&
        err.details?.entity === 'inspection';
      if (!conflict || n >= ATTEMPTS) throw err;
    }
  }
}

export async function loadInspection(
  deps: Deps,
  tenant: string,
  no: string,
): Promise<InspectionRecord> {
  const order = await qualityRepo(deps, tenant).getInspection(no);
  if (!order) throw notFound('inspection', no);
  return order;
}

/** The result in force of an order (undefined while it is open). */
export function resultInForce(order: InspectionRecord): InspectionResult | undefined {
  return order.results.find((r) => r.id === order.result);
}

/** Rejected quantity of the result in force that no disposition holds (rejected concessions free theirs). */
export function undisposedOf(order: InspectionRecord): string {
  const result = resultInForce(order);
  if (!result) return '0';
  const held = order.dispositions
    .filter((d) => d.approval?.status !== 'rejected')
    .map((d) => d.qty);
  return subQty(result.rejected, sumQty(held));
}

function view(
  order: InspectionRecord,
  extra: {
    plan?: StoredInspectionPlan;
    precision?: number;
    partnerName?: string;
    warehouseName?: string;
  } = {},
): InspectionView {
  const { plan, precision, partnerName, warehouseName } = extra;
  return {
    ...order,
    undisposed: undisposedOf(order),
    ...(plan && precision !== undefined
      ? { requiredSample: sampleSize(plan.sampling, order.qty, precision) }
      : {}),
    ...(partnerName ? { partnerName } : {}),
    ...(warehouseName ? { warehouseName } : {}),
  };
}

/** Inspection orders as listed (oldest first), each with its plan's sample. */
export async function listInspections(
  deps: Deps,
  s: Session,
  q: InspectionListQuery,
): Promise<Page<InspectionView>> {
  const repo = qualityRepo(deps, s.tenant);
  const page = await repo.listInspections(q);
  const codes = [...new Set(page.items.map((o) => o.item))];
  const partners = [...new Set(page.items.flatMap((o) => (o.partner ? [o.partner] : [])))];
  const [plans, master] = await Promise.all([
    repo.getPlans(codes),
    getMasterRecords(deps, s.tenant, { item: codes, partner: partners }),
  ]);
  const items = (master.item ?? new Map()) as Map<string, Item>;
  const partnerOf = (code?: string) =>
    code ? (master.partner?.get(code) as Partner | undefined) : undefined;
  return {
    items: page.items.map((o) => {
      const plan = plans.get(o.item);
      const precision = items.get(o.item)?.precision;
      const partner = partnerOf(o.partner);
      return view(o, {
        ...(plan ? { plan } : {}),
        ...(precision !== undefined ? { precision } : {}),
        ...(partner ? { partnerName: partner.name } : {}),
      });
    }),
    nextCursor: page.nextCursor,
  };
}

/** Everything the inspection form shows: the order, its plan's sample, the codes allowed. */
export async function getInspection(deps: Deps, s: Session, no: string): Promise<InspectionDetail> {
  const repo = qualityRepo(deps, s.tenant);
  const order = await loadInspection(deps, s.tenant, no);
  const [plan, master, defects] = await Promise.all([
    repo.getPlan(order.item),
    getMasterRecords(deps, s.tenant, {
      item: [order.item],
      warehouse: [order.warehouse],
      ...(order.partner ? { partner: [order.partner] } : {}),
    }),
    activeDefects(deps, s.tenant),
  ]);
  const item = master.item?.get(order.item) as Item | undefined;
  const precision = item?.precision ?? 0;
  const partner = order.partner
    ? (master.partner?.get(order.partner) as Partner | undefined)
    : undefined;
  const warehouse = master.warehouse?.get(order.warehouse) as Warehouse | undefined;
  const allowed = plan?.defects?.length ? new Set(plan.defects) : undefined;
  return {
    ...view(order, {
      ...(plan ? { plan } : {}),
      precision,
      ...(partner ? { partnerName: partner.name } : {}),
      ...(warehouse ? { warehouseName: warehouse.name } : {}),
    }),
    precision,
    defectChoices: [...defects.values()]
      .filter((d) => !allowed || allowed.has(d.code))
      .map((d) => ({ code: d.code, name: d.name, category: d.category })),
  };
}

/** The tenant's active defect codes (a factory keeps tens of them: a few pages at most). */
async function activeDefects(deps: Deps, tenant: string): Promise<Map<string, Defect>> {
  const repo = qualityRepo(deps, tenant);
  const out = new Map<string, Defect>();
  let cursor: string | undefined;
  do {
    const page = await repo.listDefects({
      active: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const d of page.items) out.set(d.code, d);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** A status-change document of quality: one move pair per step, numbered in order. */
export async function qualityDocument(
  deps: Deps,
  s: Session,
  order: InspectionRecord,
  plan: QualityPlan,
  fields: { prefix: string; kind: DocumentHeader['kind']; reason: string; note?: string },
): Promise<{ header: DocumentHeader; moves: PlannedMove[] } | undefined> {
  const moves = plan.postings.flatMap((p, i) => p.moves.map((m) => ({ ...m, lineNo: i + 1 })));
  if (!moves.length) return undefined;
  const now = deps.clock.now();
  const header: DocumentHeader = {
    no: await nextDocumentNumber(deps, s.tenant, fields.prefix, shanghaiDate(now)),
    kind: fields.kind,
    date: shanghaiDate(now),
    reason: fields.reason,
    ref: order.no,
    ...(order.partner ? { partner: order.partner } : {}),
    ...(fields.note ? { note: fields.note } : {}),
    postedAt: now.toISOString(),
    postedBy: s.user,
  };
  return { header, moves };
}

/**
 * When the order changed meanwhile, that is the refusal (the retry reads it afresh and answers
 * with the domain's reason: already inspected, already disposed), not the stock its change
 * had already moved.
 */
function orderFirst(errors: AppError[]): AppError {
  return (
    errors.find(
      (e) => e.code === 'resource.versionConflict' && e.details?.entity === 'inspection',
    ) ?? combineStockErrors(errors)
  );
}

/** Commits quality's documents with the order's own writes and the caller's completion. */
export async function commitQuality(
  deps: Deps,
  s: Session,
  docs: { header: DocumentHeader; moves: PlannedMove[] }[],
  writes: TxItem[],
): Promise<void> {
  const items = [...(await documentsWrites(deps, s.tenant, docs)), ...writes];
  await deps.unitOfWork.commit(items, { combine: orderFirst });
  countDocumentsPosted(docs);
}

export function factOf(order: InspectionRecord, result: InspectionResult): QualityFact {
  return {
    result: result.id,
    order: order.no,
    kind: order.receipt.kind,
    item: order.item,
    ...(order.partner ? { partner: order.partner } : {}),
    date: shanghaiDate(new Date(result.at)),
    accepted: result.accepted,
    rejected: result.rejected,
    defects: result.defects,
  };
}

/**
 * Posts the result of an open order: checked against the order, the item's precision, the
 * tenant's defect list and the plan; accepted quantity moves inspection -> available, rejected
 * inspection -> rejected, in one transaction with the order (guarded by its version), the
 * result's report fact and the idempotency record. A second result is refused.
 */
export function postInspectionResult(
  deps: Deps,
  s: Session,
  no: string,
  input: InspectionResultInput,
  hooks: CommitHooks<InspectionResultPosted> = {},
): Promise<InspectionResultPosted> {
  return retryOnOrderConflict(async () => {
    const repo = qualityRepo(deps, s.tenant);
    const order = await loadInspection(deps, s.tenant, no);
    const [plan, master, defects] = await Promise.all([
      repo.getPlan(order.item),
      getMasterRecords(deps, s.tenant, { item: [order.item] }),
      repo.getDefects(input.defects.map((d) => d.code)),
    ]);
    const precision = (master.item?.get(order.item) as Item | undefined)?.precision ?? 0;
    const checked = checkResult(order, input, {
      precision,
      defects,
      ...(plan?.defects?.length ? { planDefects: plan.defects } : {}),
      ...(plan ? { requiredSample: sampleSize(plan.sampling, order.qty, precision) } : {}),
    });
    if (!checked.ok) throw invalidRequest(checked.issues);
    const at = deps.clock.now().toISOString();
    const result: InspectionResult = {
      id: `${order.no}.R${order.results.length + 1}`,
      order: order.no,
      sampled: input.sampled,
      accepted: input.accepted,
      rejected: input.rejected,
      defects: input.defects,
      inspector: s.user,
      ...(s.name ? { inspectorName: s.name } : {}),
      at,
      ...(input.note ? { note: input.note } : {}),
    };
    const next: InspectionRecord = {
      ...order,
      status: statusAfterResult(result),
      result: result.id,
      results: [...order.results, result],
      version: order.version + 1,
    };
    return commitResult(deps, s, order, result, next, factOf(order, result), hooks);
  });
}

/**
 * Reverses the result in force of an order not yet disposed: a reversing result (the same
 * quantities, naming it) moves them back into inspection; the reversed result's fact no longer
 * counts; the order is open again for a new result.
 */
export function reverseInspectionResult(
  deps: Deps,
  s: Session,
  no: string,
  input: InspectionReversalInput,
  hooks: CommitHooks<InspectionResultPosted> = {},
): Promise<InspectionResultPosted> {
  return retryOnOrderConflict(async () => {
    const order = await loadInspection(deps, s.tenant, no);
    const reversed = order.results.find((r) => r.id === input.reverses);
    const checked = checkReversal(order, reversed);
    if (!checked.ok) throw invalidRequest(checked.issues);
    const at = deps.clock.now().toISOString();
    const reversing = reversingResult(
      reversed!,
      `${order.no}.R${order.results.length + 1}`,
      s.user,
      at,
      input.reason,
    );
    const { result: _inForce, ...rest } = order;
    const next: InspectionRecord = {
      ...rest,
      status: 'open',
      results: [
        ...order.results.map((r) =>
          r.id === reversed!.id ? { ...r, reversedBy: reversing.id } : r,
        ),
        reversing,
      ],
      version: order.version + 1,
    };
    const fact = { ...factOf(order, reversed!), reversed: true };
    return commitResult(
      deps,
      s,
      order,
      reversing,
      next,
      fact,
      hooks,
      `冲销 ${reversed!.id}：${input.reason}`,
    );
  });
}

/**
 * A result's or reversal's moves as a status-change document, written in one transaction with
 * the order (guarded by the version read), the result's report fact and the caller's
 * completion.
 */
async function commitResult(
  deps: Deps,
  s: Session,
  order: InspectionRecord,
  result: InspectionResult,
  next: InspectionRecord,
  fact: QualityFact,
  hooks: CommitHooks<InspectionResultPosted>,
  note?: string,
): Promise<InspectionResultPosted> {
  const doc = await qualityDocument(deps, s, order, planQualityMoves(order, result), {
    prefix: 'QT',
    kind: 'transfer',
    reason: QUALITY_REASON,
    ...(note ? { note } : {}),
  });
  const repo = qualityRepo(deps, s.tenant);
  const answer: InspectionResultPosted = {
    inspection: view(next),
    result,
    ...(doc ? { document: doc.header.no } : {}),
  };
  await commitQuality(
    deps,
    s,
    doc ? [doc] : [],
    completing(hooks, answer, [repo.replaceInspection(next, order.version), repo.putFact(fact)]),
  );
  return answer;
}
