import type { Deps } from '../../deps.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';

/** The outbox payload of an `mrpNetChange` record. */
export type NetChangeRequest = { tenant: string };

/**
 * The outbox record that asks for a net-change MRP run (delivered by `requestNetChange`),
 * for the transaction of the change that causes it. `cause` (letters and digits of what
 * caused it: an order and its version, a run) makes its id, so one cause asks once. Apart
 * from the run use case, and small, so the areas that confirm orders carry nothing more.
 */
export function netChangeRequestItem(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  cause: { id: string; summary: string; ref: Record<string, string> },
  at: string,
): TxItem {
  const id = `nc${cause.id.replace(/[^0-9A-Za-z]/g, '')}`.slice(0, 40);
  const payload: NetChangeRequest = { tenant };
  return outboxRepo(deps, tenant).enqueueItem(id, at, {
    kind: 'mrpNetChange',
    payload,
    summary: cause.summary,
    recipients: [],
    ref: cause.ref,
  });
}
