import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * DynamoDB refuses a transaction that touches an item another transaction is writing (a
 * TransactionCanceledException with reason TransactionConflict) and a single-item write to
 * such an item (TransactionConflictException). Nothing of the refused request was written,
 * and the same work a moment later usually goes through: a conflict is retried, never shown
 * to a clerk as someone else's change.
 */
export class TransactionConflictError extends Error {
  override readonly name = 'TransactionConflictError';
}

type Reason = { Code?: string };

/** Any form of a transaction conflict: ours, or the SDK's (TransactGet, single writes). */
export function isTransactionConflict(err: unknown): boolean {
  if (err instanceof TransactionConflictError) return true;
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: string; CancellationReasons?: Reason[] };
  if (e.name === 'TransactionConflictException') return true;
  return (
    e.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')
  );
}

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Ceiling of the first pause; it doubles per retry up to `capMs`. */
  baseMs: number;
  capMs: number;
};

/** Re-sending one transaction that is safe to send again (a chunk guarded by its progress). */
export const TRANSACTION_RETRY: RetryPolicy = { attempts: 6, baseMs: 10, capMs: 200 };

/**
 * Running a whole use case again from fresh reads. Fifty clerks on one balance take turns of
 * a transaction each; the budget lets the last of them through.
 */
export const USE_CASE_RETRY: RetryPolicy = { attempts: 10, baseMs: 20, capMs: 1000 };

/**
 * The pause before retry n (1-based): "equal jitter", half of the exponential ceiling fixed
 * and half random, so that retries spread out but none comes back at once.
 */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1));
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}

type Timing = { pause: (ms: number) => Promise<void>; random: () => number };

const realTiming: Timing = {
  pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};
let timing = realTiming;

/** Unit tests replace the pause and the randomness (nothing then waits in real time). */
export function useRetryTiming(t: Partial<Timing> | undefined): void {
  timing = { ...realTiming, ...(t ?? {}) };
}

/** Waits before retry n of a policy. */
export function pauseBeforeRetry(retry: number, policy: RetryPolicy): Promise<void> {
  return timing.pause(backoffMs(retry, policy, timing.random));
}

/**
 * Sends work that is safe to repeat as it is (one transaction whose conditions make a repeat
 * harmless) again after a conflict, with jittered exponential backoff.
 */
export async function retryOnConflict<T>(
  work: () => Promise<T>,
  policy: RetryPolicy = TRANSACTION_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isTransactionConflict(err) || attempt >= policy.attempts) throw err;
      await pauseBeforeRetry(attempt, policy);
    }
  }
}

// ---- attempts of a use case -----------------------------------------------------------------

const attempts = new AsyncLocalStorage<{ commits: number }>();

/** Called by the one place that sends transactions, after one committed. */
export function noteCommit(): void {
  const current = attempts.getStore();
  if (current) current.commits++;
}

export type AttemptOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: unknown;
      /** A transaction of this attempt had committed. */ committed: boolean;
    };

/**
 * Runs one attempt of a use case, noting whether any of its transactions committed before it
 * failed: only an attempt that wrote nothing that matters may simply be run again. (Writes
 * outside transactions are a number taken from a counter or a cache filled on first read,
 * both harmless to repeat.)
 */
export async function attempt<T>(work: () => Promise<T>): Promise<AttemptOutcome<T>> {
  const state = { commits: 0 };
  try {
    return { ok: true, value: await attempts.run(state, work) };
  } catch (error) {
    return { ok: false, error, committed: state.commits > 0 };
  }
}

/**
 * Runs a use case, and again from fresh reads after a conflict that committed nothing, up to
 * the policy's attempts. Callers that can tell more (an idempotent request knows whether its
 * work was linked or recorded) decide themselves with `attempt`.
 */
export async function retryUseCase<T>(
  work: () => Promise<T>,
  policy: RetryPolicy = USE_CASE_RETRY,
): Promise<T> {
  for (let n = 1; ; n++) {
    const outcome = await attempt(work);
    if (outcome.ok) return outcome.value;
    if (!isTransactionConflict(outcome.error) || outcome.committed || n >= policy.attempts)
      throw outcome.error;
    await pauseBeforeRetry(n, policy);
  }
}
