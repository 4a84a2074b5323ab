/**
 * How long a secret read from Secrets Manager is used before it is read again: a rotation (a
 * new session key, a WeCom app's new secret or callback token) takes effect within this time
 * in every container, without a redeploy.
 */
export const SECRET_TTL_MS = 5 * 60_000;

/** A forced re-read (refresh) happens at most this often, however many bad signatures come. */
export const SECRET_MIN_REFRESH_MS = 10_000;

export type SecretCache<T> = {
  /** The value, read again once it is older than the TTL; concurrent callers share one read. */
  get(): Promise<T>;
  /**
   * The value read again now (a signature did not match: the secret may have been rotated),
   * unless the last read is younger than SECRET_MIN_REFRESH_MS: then the value of that read.
   */
  refresh(): Promise<T>;
  /** Forgets the value (tests, a local runtime that changed its configuration). */
  reset(): void;
};

/**
 * A secret cached with a time to live. A failed read is not cached (the next call tries
 * again). `now` is a monotonic millisecond clock, injected by tests.
 */
export function secretCache<T>(
  load: () => Promise<T>,
  options: { ttlMs?: number; minRefreshMs?: number; now?: () => number } = {},
): SecretCache<T> {
  const ttl = options.ttlMs ?? SECRET_TTL_MS;
  const minRefresh = options.minRefreshMs ?? SECRET_MIN_REFRESH_MS;
  const now = options.now ?? (() => performance.now());
  let entry: { value: Promise<T>; at: number } | undefined;

  const read = (): Promise<T> => {
    const at = now();
    const value = load().catch((err: unknown) => {
      if (entry?.value === value) entry = undefined;
      throw err;
    });
    entry = { value, at };
    return value;
  };

  return {
    get: () => (entry && now() - entry.at < ttl ? entry.value : read()),
    refresh: () => (entry && now() - entry.at < minRefresh ? entry.value : read()),
    reset: () => {
      entry = undefined;
    },
  };
}
