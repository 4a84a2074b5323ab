import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';

/** Why a net-change run is asked for: a sales order confirmed, or a run asked to run again. */
export type NetChangeCause = { salesOrder: string; version: number } | { afterRun: string };

/** The outbox payload of an `mrpNetChange` record. */
export type NetChangeRequest = { tenant: string; cause: NetChangeCause };

/**
 * The outbox record that asks for a net-change MRP run (delivered by `requestNetChange`),
 * for the transaction of the change that causes it. One id per cause (alphanumeric, as the
 * resend route takes it), so the same confirmation or rerun asks once. Apart from the run
 * use case, so the areas that confirm orders do not carry the planning engine.
 */
export function netChangeRequestItem(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  cause: NetChangeCause,
  at: string,
): TxItem {
  const text = 'salesOrder' in cause ? `${cause.salesOrder}|${cause.version}` : cause.afterRun;
  const id = `nc${createHash('sha256').update(`${tenant}|${text}`).digest('hex').slice(0, 32)}`;
  const payload: NetChangeRequest = { tenant, cause };
  return outboxRepo(deps, tenant).enqueueItem(id, at, {
    kind: 'mrpNetChange',
    payload,
    summary:
      'salesOrder' in cause
        ? `净改变计划：销售订单 ${cause.salesOrder} 已确认`
        : `净改变计划：运行 ${cause.afterRun} 期间有新的变更`,
    recipients: [],
    ref: 'salesOrder' in cause ? { salesOrder: cause.salesOrder } : { runId: cause.afterRun },
  });
}
