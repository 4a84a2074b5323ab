import type { Deps } from '../../deps.js';
import type { OutboxRecord } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';

/** What a delivered message returned (WeCom's message id and a card's response code). */
export type DeliveryResult = { msgid?: string; responseCode?: string };

/** The message cannot go yet and is not failing (a card update waiting for its card). */
export type Deferral = { defer: string };

/**
 * How one kind of outbox message is delivered, and what its outcome writes to the business
 * record it belongs to (an approval's card notification, a work report's notice). The
 * writes ride in the transaction that records the outcome on the outbox record, so the two
 * cannot disagree.
 */
export type OutboxHandler = {
  /** Sends the message (throws on failure). */
  deliver(deps: Deps, r: OutboxRecord): Promise<DeliveryResult | Deferral>;
  delivered(deps: Deps, r: OutboxRecord, result: DeliveryResult, at: string): TxItem[];
  /** The worker gave up (after its last attempt, or a permanent refusal). */
  failed(deps: Deps, r: OutboxRecord, error: string, at: string): TxItem[];
};

export function isDeferral(x: DeliveryResult | Deferral): x is Deferral {
  return 'defer' in x;
}

/** A failure that retrying the same message cannot mend: the record fails at once. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}
