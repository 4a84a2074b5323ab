import { type SalesOrder } from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  brokenPromises,
  brokenPromisesSince,
  type BrokenPromise,
} from '../../domain/mrp/brokenPromises.js';
import { byItem, type MrpInput, type PlanningResult } from '../../domain/mrp/index.js';
import { keys } from '../../store/keys.js';
import { mrpRepo } from '../../store/mrpRepo.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import { queryAll } from '../../store/query.js';
import { salesOrderRecord } from '../../store/salesOrderRepo.js';

/** What the rep who entered the order is told (the outbox payload of a `promiseNotice`). */
export type PromiseNotice = BrokenPromise & { tenant: string; touser: string[] };

const PART = 'PB';

/** An open line with a promised date, as the promise check reads it. */
export type PromisedLine = ReturnType<typeof promisedLinesOf>[number];

/** The confirmed entered lines that carry a promised date, of the tenant's sales order rows. */
export function promisedLinesOf(rows: readonly Record<string, unknown>[]) {
  const orders: SalesOrder[] = rows
    .filter((r) => r.origin === 'entry' && r.status === 'confirmed')
    .map((r) => salesOrderRecord.read(r));
  return orders.flatMap((o) =>
    o.lines
      .filter((l) => l.promisedDate)
      .map((l) => ({
        no: o.no,
        line: l.line,
        item: l.item,
        qty: l.qty,
        delivered: l.delivered,
        dueDate: l.dueDate,
        promisedDate: l.promisedDate!,
        ...(o.createdBy ? { rep: o.createdBy } : {}),
      })),
  );
}

async function promisedLines(deps: Deps, tenant: string): Promise<PromisedLine[]> {
  return promisedLinesOf(
    await queryAll(deps, { attr: 'gsi1pk', value: keys.ordersByKind(tenant, 'salesOrder') }),
  );
}

/**
 * After a run is computed (full or net-change): the open lines whose promised date the plan
 * does not meet get a `promiseBroken` exception in the result (added here, kept sorted by
 * item), and are kept with the run, so that `notifyBrokenPromises` tells their reps once the
 * run is current. The lines are those the run's load read with its input (`promised`), or,
 * for an input snapshot without them, read now. Answers how many lines were checked (after a
 * net run, `since`: only those it can have changed).
 */
export async function checkPromises(
  deps: Deps,
  tenant: string,
  runId: string,
  input: Pick<MrpInput, 'runDate' | 'calendar' | 'items' | 'boms'>,
  result: PlanningResult,
  promised?: readonly PromisedLine[],
  since?: PreviousCheck,
): Promise<number> {
  const lines = promised ?? (await promisedLines(deps, tenant));
  if (!lines.length) return 0;
  const repo = mrpRepo(deps, tenant);
  const { exceptions, broken, checked } = since
    ? brokenPromisesSince(
        input,
        result,
        lines,
        {
          lines: since.lines,
          // A run writes its broken lines only when there are some.
          broken: (await repo.getParts<BrokenPromise[]>(since.runId, PART)) ?? [],
        },
        since.changed,
      )
    : { ...brokenPromises(input, result, lines), checked: lines.length };
  if (!broken.length) return checked;
  result.exceptions.push(...exceptions);
  result.exceptions.sort(byItem);
  await repo.putParts(runId, PART, broken);
  return checked;
}

/**
 * The check of the run a net run is based on, for checking again only what the net run can
 * have changed (brokenPromisesSince): that run, the lines it checked, and the items whose
 * planned orders differ from its plan. Only for a net run on the same items and BOMs.
 */
export type PreviousCheck = {
  runId: string;
  lines: readonly PromisedLine[];
  changed: ReadonlySet<string>;
};

/**
 * Once the run is current: a WeCom text (through the outbox) to the rep who entered each
 * line whose promise it broke, once per line and promised date (the outbox record's id), so a
 * later run that still breaks the same promise does not tell them again.
 */
export async function notifyBrokenPromises(
  deps: Deps,
  tenant: string,
  runId: string,
): Promise<void> {
  const broken = await mrpRepo(deps, tenant).getParts<BrokenPromise[]>(runId, PART);
  if (!broken?.length) return;
  const outbox = outboxRepo(deps, tenant);
  const at = deps.clock.now().toISOString();
  for (const b of broken) {
    if (!b.rep) continue;
    const id = `promise-${b.no}-${b.line}-${b.promisedDate}`;
    if (await outbox.get(id)) continue;
    const notice: PromiseNotice = { ...b, tenant, touser: [b.rep] };
    try {
      await outbox.enqueue(id, at, {
        kind: 'promiseNotice',
        payload: notice,
        summary: `交期承诺无法兑现：销售订单 ${b.no} 第 ${b.line} 行（承诺 ${b.promisedDate}）`,
        recipients: notice.touser,
        ref: { salesOrder: b.no, line: String(b.line), runId },
      });
    } catch (err) {
      // Another run told them meanwhile: once is enough.
      if (!(await outbox.get(id))) throw err;
    }
  }
}
