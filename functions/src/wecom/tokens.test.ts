import { TokenProvider, type CachedToken, type TokenStore } from './tokens.js';

/** The table as several containers see it: one shared item and one lease. */
function sharedStore(clock: { t: number }) {
  const state: { token?: CachedToken; lease?: { holder: string; until: number } } = {};
  const store: TokenStore = {
    read: async () => (state.token ? { ...state.token } : undefined),
    write: async (t) => {
      state.token = { ...t };
    },
    acquireLease: async (holder, now, leaseMs) => {
      if (state.lease && state.lease.until >= now) return false;
      state.lease = { holder, until: now + leaseMs };
      return true;
    },
    releaseLease: async (holder) => {
      if (state.lease?.holder === holder) state.lease = undefined;
    },
  };
  void clock;
  return { store, state };
}

function setup() {
  const clock = { t: Date.parse('2026-12-01T08:00:00Z') };
  const { store, state } = sharedStore(clock);
  let fetches = 0;
  const fetchToken = async () => {
    fetches++;
    // WeCom takes a while: every other caller arrives during the refresh.
    await new Promise((r) => setTimeout(r, 20));
    return { accessToken: `tok-${fetches}`, expiresIn: 7200 };
  };
  const provider = () =>
    new TokenProvider({
      store,
      fetchToken,
      now: () => clock.t,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
      pollMs: 5,
    });
  return { clock, state, provider, fetches: () => fetches };
}

describe('TokenProvider', () => {
  test('concurrent callers in one container share one gettoken', async () => {
    const s = setup();
    const p = s.provider();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => p.get()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(s.fetches()).toBe(1);
  });

  test('containers share the token through the store: one refresh at a time (lease), others poll', async () => {
    const s = setup();
    const containers = Array.from({ length: 5 }, () => s.provider());
    const tokens = await Promise.all(containers.map((c) => c.get()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(s.fetches()).toBe(1);
    expect(s.state.lease).toBeUndefined();
  });

  test('the token is used from memory until 5 minutes before expiry, then refreshed once', async () => {
    const s = setup();
    const p = s.provider();
    expect(await p.get()).toBe('tok-1');
    s.clock.t += (7200 - 301) * 1000;
    expect(await p.get()).toBe('tok-1');
    s.clock.t += 2000;
    const [a, b] = await Promise.all([p.get(), s.provider().get()]);
    expect([a, b]).toEqual(['tok-2', 'tok-2']);
    expect(s.fetches()).toBe(2);
  });

  test('a token handed back with little time left is used half way, not refetched on every call', async () => {
    const clock = { t: 0 };
    const { store } = sharedStore(clock);
    let fetches = 0;
    const p = new TokenProvider({
      store,
      now: () => clock.t,
      fetchToken: async () => {
        fetches++;
        return { accessToken: `short-${fetches}`, expiresIn: 120 };
      },
    });
    expect(await p.get()).toBe('short-1');
    clock.t += 59_000;
    expect(await p.get()).toBe('short-1');
    expect(fetches).toBe(1);
    clock.t += 2_000;
    expect(await p.get()).toBe('short-2');
  });

  test('renew(stale) replaces a refused token once; a token already replaced by someone else is reused', async () => {
    const s = setup();
    const a = s.provider();
    const b = s.provider();
    expect(await a.get()).toBe('tok-1');
    expect(await b.get()).toBe('tok-1');
    expect(await a.renew('tok-1')).toBe('tok-2');
    // b learns of the revocation later, with the same stale token: no second gettoken.
    expect(await b.renew('tok-1')).toBe('tok-2');
    expect(s.fetches()).toBe(2);
  });

  test('a failed refresh releases the lease, so the next caller can try', async () => {
    const clock = { t: 0 };
    const { store, state } = sharedStore(clock);
    let calls = 0;
    const p = new TokenProvider({
      store,
      now: () => clock.t,
      fetchToken: async () => {
        calls++;
        if (calls === 1) throw new Error('network down');
        return { accessToken: 'ok', expiresIn: 7200 };
      },
    });
    await expect(p.get()).rejects.toThrow('network down');
    expect(state.lease).toBeUndefined();
    expect(await p.get()).toBe('ok');
  });

  test('a stuck lease holder is waited for at most waitMs, then the token is fetched anyway', async () => {
    const clock = { t: 0 };
    const { store, state } = sharedStore(clock);
    state.lease = { holder: 'stuck', until: 60_000 };
    const p = new TokenProvider({
      store,
      now: () => clock.t,
      sleep: async (ms) => {
        clock.t += ms;
      },
      pollMs: 100,
      waitMs: 1_000,
      fetchToken: async () => ({ accessToken: 'late', expiresIn: 7200 }),
    });
    expect(await p.get()).toBe('late');
    expect(clock.t).toBeGreaterThanOrEqual(1_000);
    expect(clock.t).toBeLessThan(2_000);
  });
});
