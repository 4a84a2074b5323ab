import { randomUUID } from 'node:crypto';

/** Refresh this long before WeCom's expiry, so no call goes out with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export type CachedToken = {
  accessToken: string;
  expiresAt: number;
  /** When to get a new one: 5 minutes before expiry, or half way for a short-lived token. */
  refreshAt?: number;
};

/** Where the token is shared between containers, and the lease of the one refreshing it. */
export interface TokenStore {
  read(): Promise<CachedToken | undefined>;
  write(token: CachedToken): Promise<void>;
  /** Takes the lease unless someone else holds one that has not run out. */
  acquireLease(holder: string, now: number, leaseMs: number): Promise<boolean>;
  releaseLease(holder: string): Promise<void>;
}

export type TokenProviderOptions = {
  store: TokenStore;
  /** gettoken: the new token and its lifetime in seconds. */
  fetchToken: () => Promise<{ accessToken: string; expiresIn: number }>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  refreshMarginMs?: number;
  /** How long a refresher may hold the lease. */
  leaseMs?: number;
  /** Waiters re-read the store this often, for at most waitMs. */
  pollMs?: number;
  waitMs?: number;
};

/**
 * One app's access token: kept in memory, shared through the table, refreshed ~5 minutes
 * before expiry by one caller at a time (in this container: one promise; across
 * containers: a conditional lease item; the others poll the table briefly).
 */
export class TokenProvider {
  private memo: CachedToken | undefined;
  private inflight: Promise<string> | undefined;
  private readonly holder = randomUUID();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly margin: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly waitMs: number;

  constructor(private readonly options: TokenProviderOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.pollMs = options.pollMs ?? 100;
    this.waitMs = options.waitMs ?? 5_000;
  }

  /** A token good for at least the refresh margin. */
  async get(): Promise<string> {
    if (this.memo && this.fresh(this.memo)) return this.memo.accessToken;
    return this.singleFlight(undefined);
  }

  /**
   * WeCom refused `stale` (40014/42001: revoked or expired early): get another one, unless
   * someone has already replaced it.
   */
  async renew(stale: string): Promise<string> {
    if (this.memo?.accessToken === stale) this.memo = undefined;
    return this.singleFlight(stale);
  }

  private fresh(t: CachedToken, stale?: string): boolean {
    return t.accessToken !== stale && (t.refreshAt ?? t.expiresAt - this.margin) > this.now();
  }

  /**
   * WeCom may hand back the current token with what is left of its lifetime; refreshing 5
   * minutes early would then ask again on every call. A short lifetime is used half way.
   */
  private issued(fetched: { accessToken: string; expiresIn: number }): CachedToken {
    const now = this.now();
    const lifetime = fetched.expiresIn * 1000;
    return {
      accessToken: fetched.accessToken,
      expiresAt: now + lifetime,
      refreshAt: now + Math.max(lifetime - this.margin, lifetime / 2),
    };
  }

  private singleFlight(stale: string | undefined): Promise<string> {
    this.inflight ??= this.refresh(stale).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refresh(stale: string | undefined): Promise<string> {
    const { store } = this.options;
    const deadline = this.now() + this.waitMs;
    for (;;) {
      const shared = await store.read();
      if (shared && this.fresh(shared, stale)) return this.remember(shared);
      if (await store.acquireLease(this.holder, this.now(), this.leaseMs)) {
        try {
          // Someone may have written a token between our read and our lease.
          const again = await store.read();
          if (again && this.fresh(again, stale)) return this.remember(again);
          const token = this.issued(await this.options.fetchToken());
          await store.write(token);
          return this.remember(token);
        } finally {
          await store.releaseLease(this.holder);
        }
      }
      if (this.now() >= deadline) {
        // The holder is stuck: fetch without the lease rather than fail the call.
        const token = this.issued(await this.options.fetchToken());
        await store.write(token);
        return this.remember(token);
      }
      await this.sleep(this.pollMs);
    }
  }

  private remember(token: CachedToken): string {
    this.memo = token;
    return token.accessToken;
  }
}
