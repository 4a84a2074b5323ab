/**
 * The outbox's delivery rules (pure): when the next attempt is due after a failure, and when
 * to give up. A WeCom message is written to the outbox in the transaction of the business
 * change that causes it; the worker tries to deliver it, and after a failure waits longer
 * each time (exponential backoff with jitter) until it is delivered or has failed
 * `maxAttempts` times.
 */
export type OutboxPolicy = {
  /** Attempts in all (the first included) before a record is `failed`. */
  maxAttempts: number;
  /** Ceiling of the pause after the first failed attempt; it doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * How long a claimed record belongs to its worker: a worker that dies mid-attempt leaves
   * the record due again once this has passed (longer than one attempt can take).
   */
  leaseMs: number;
};

/**
 * The AWS worker: a stream-triggered first attempt, then retries picked up by the sweep that
 * runs every minute: 30 s, 1, 2, 4, 8, 16 and 30 min apart at most (jitter halves the low
 * end), 8 attempts, about an hour in all. The lease outlasts the 60 s Lambda timeout.
 */
export const AWS_OUTBOX_POLICY: OutboxPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 30 * 60_000,
  leaseMs: 2 * 60_000,
};

/** The local runtime's loop: 1, 2, 4 … 60 s apart, 8 attempts, about 2 minutes in all. */
export const LOCAL_OUTBOX_POLICY: OutboxPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  leaseMs: 60_000,
};

/**
 * The pause after failed attempt n (1-based): "equal jitter", half of
 * min(maxDelay, base · 2^(n-1)) fixed and half random, so retries of many records spread out
 * but none comes back at once. `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, policy: OutboxPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + (random * ceiling) / 2);
}

/** What becomes of a record after a failed attempt. */
export type AfterFailure =
  { status: 'pending'; nextAttemptAt: string } | { status: 'failed'; failedAt: string };

/**
 * After failed attempt `attempts` (the count including this one): another attempt after the
 * backoff, or `failed` when this was the last one or the failure is permanent (WeCom refused
 * the message itself: retrying it unchanged cannot succeed).
 */
export function afterFailure(
  attempts: number,
  permanent: boolean,
  now: Date,
  policy: OutboxPolicy,
  random: number,
): AfterFailure {
  if (permanent || attempts >= policy.maxAttempts)
    return { status: 'failed', failedAt: now.toISOString() };
  const at = new Date(now.getTime() + retryDelayMs(attempts, policy, random));
  return { status: 'pending', nextAttemptAt: at.toISOString() };
}

/**
 * A message that cannot go yet and is not failing (a card update waiting for its card to be
 * delivered): due again after a short pause, the attempt not counted.
 */
export function afterDeferral(deferrals: number, now: Date, policy: OutboxPolicy): string {
  const pause = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(deferrals, 20));
  return new Date(now.getTime() + pause).toISOString();
}

/** The end of a claim taken now. */
export function leaseUntil(now: Date, policy: OutboxPolicy): string {
  return new Date(now.getTime() + policy.leaseMs).toISOString();
}
