import { SECRET_MIN_REFRESH_MS, SECRET_TTL_MS, secretCache } from './secretCache.js';

/** A secret whose value the test rotates, counting the reads. */
function rotatingSecret() {
  const s = { value: 'v1', reads: 0, fail: false };
  const load = async () => {
    s.reads++;
    if (s.fail) throw new Error('Secrets Manager unreachable');
    return s.value;
  };
  return { s, load };
}

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('secretCache', () => {
  it('reads once within the TTL, and again after it: a rotation is seen within 5 minutes', async () => {
    const { s, load } = rotatingSecret();
    const c = clock();
    const cache = secretCache(load, { now: c.now });
    expect(await cache.get()).toBe('v1');
    s.value = 'v2';
    c.advance(SECRET_TTL_MS - 1);
    expect(await cache.get()).toBe('v1');
    expect(s.reads).toBe(1);
    c.advance(1);
    expect(await cache.get()).toBe('v2');
    expect(s.reads).toBe(2);
    expect(SECRET_TTL_MS).toBe(5 * 60_000);
  });

  it('shares one read between concurrent callers', async () => {
    const { s, load } = rotatingSecret();
    const cache = secretCache(load, { now: clock().now });
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['v1', 'v1', 'v1']);
    expect(s.reads).toBe(1);
  });

  it('does not keep a failed read: the next call reads again', async () => {
    const { s, load } = rotatingSecret();
    const cache = secretCache(load, { now: clock().now });
    s.fail = true;
    await expect(cache.get()).rejects.toThrow('unreachable');
    s.fail = false;
    expect(await cache.get()).toBe('v1');
    expect(s.reads).toBe(2);
  });

  it('refreshes on demand (a signature did not match), at most once per interval', async () => {
    const { s, load } = rotatingSecret();
    const c = clock();
    const cache = secretCache(load, { now: c.now });
    await cache.get();
    s.value = 'v2';
    // Just read: a refresh gives the same read (a burst of bad tokens reads nothing).
    expect(await cache.refresh()).toBe('v1');
    expect(s.reads).toBe(1);
    c.advance(SECRET_MIN_REFRESH_MS);
    expect(await cache.refresh()).toBe('v2');
    expect(await cache.get()).toBe('v2');
    expect(s.reads).toBe(2);
  });

  it('forgets its value on reset', async () => {
    const { s, load } = rotatingSecret();
    const cache = secretCache(load, { now: clock().now });
    await cache.get();
    cache.reset();
    s.value = 'v2';
    expect(await cache.get()).toBe('v2');
  });
});
