import type { TxItem } from '../store/transact.js';

/**
 * Lets a caller add writes to a use case's own transactions without the use case knowing
 * why (the HTTP layer records idempotent results this way, atomically with the work).
 */
export type CommitHooks<R> = {
  /**
   * Extra items for the transaction that completes the work, given its result. A stock posting
   * leaves room for two (an idempotency record and one document update).
   */
  onComplete?: (result: R) => TxItem[];
  /** Extra items for the first transaction of a multi-transaction posting, given its id. */
  onStart?: (resource: string) => TxItem[];
  /** A multi-transaction posting an earlier attempt started and did not finish. */
  resume?: string;
};
