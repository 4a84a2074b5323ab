import type { TxItem } from '../store/transact.js';

/**
 * Lets a caller add writes to a use case's own transactions without the use case knowing
 * why (the HTTP layer records idempotent results this way, atomically with the work).
 *
 * Every mutating use case takes hooks and puts `onComplete(result)` into the transaction that
 * completes its work, so "done" and "recorded as done" cannot come apart: a retry after a
 * crash finds the result recorded and replays it instead of doing the work again. A use case
 * whose work is several transactions links itself to the key in the first (`onStart`) and
 * completes in the last; a retry that takes over the key gets `resume` and finishes the work
 * it names instead of starting another.
 */
export type CommitHooks<R> = {
  /**
   * Extra items for the transaction that completes the work, given its result. A stock posting
   * leaves room for two (an idempotency record and one document update).
   */
  onComplete?: (result: R) => TxItem[];
  /** Extra items for the first transaction of a multi-transaction work, given its id. */
  onStart?: (resource: string) => TxItem[];
  /** A multi-transaction work an earlier attempt started and did not finish. */
  resume?: string;
};

/** The work's own writes plus the caller's for its result: one transaction. */
export function completing<R>(hooks: CommitHooks<R> | undefined, result: R, items: TxItem[]) {
  return [...items, ...(hooks?.onComplete?.(result) ?? [])];
}

/** Hooks for a use case whose result the caller answers in another shape. */
export function mapHooks<A, B>(hooks: CommitHooks<B>, answer: (result: A) => B): CommitHooks<A> {
  const { onComplete, ...rest } = hooks;
  return onComplete ? { ...rest, onComplete: (result: A) => onComplete(answer(result)) } : rest;
}
