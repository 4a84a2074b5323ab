import type { OutboxKind } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { outboxRepo, type OutboxRecord } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';
import { approvalRequeueItems } from '../approval/messages.js';
import { completionOutcome } from '../shopfloor/completionNotice.js';

/**
 * What resending a failed record writes on its business record (waiting again), by kind.
 * Apart from the delivery handlers (worker.ts), so routes that resend load no WeCom code.
 */
const REQUEUED: Record<OutboxKind, (deps: Deps, r: OutboxRecord, at: string) => TxItem[]> = {
  approvalCard: approvalRequeueItems,
  approvalCardUpdate: approvalRequeueItems,
  approvalText: approvalRequeueItems,
  completionNotice: (deps, r, at) => completionOutcome(deps, r, { status: 'queued', at }),
  // Shipment and inspection notices keep their outcome on their outbox record only.
  shipmentNotice: () => [],
  inspectionNotice: () => [],
  costingNotice: () => [],
  // A digest keeps its outcome on its outbox record only.
  dailyDigest: () => [],
  // A broken-promise notice keeps its outcome on its outbox record only.
  promiseNotice: () => [],
  // A net-change request has no business record: resending asks for the run again.
  mrpNetChange: () => [],
};

/**
 * A failed record delivered again: pending and due now, its attempts starting over, the
 * business record showing it waiting again (in the same transaction).
 */
export function resendItems(deps: Deps, r: OutboxRecord, at: string): TxItem[] {
  return [outboxRepo(deps, r.tenant).resendItem(r, at), ...REQUEUED[r.kind](deps, r, at)];
}
