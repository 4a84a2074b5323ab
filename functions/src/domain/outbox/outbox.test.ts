import {
  afterDeferral,
  afterFailure,
  leaseUntil,
  retryDelayMs,
  type OutboxPolicy,
} from './index.js';

const policy: OutboxPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 5000,
  leaseMs: 60_000,
};
const now = new Date('2026-12-01T00:30:00.000Z');

describe('outbox delivery rules', () => {
  test('the pause doubles per attempt up to the cap, half of it fixed and half random', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, 0))).toEqual([
      500, 1000, 2000, 2500, 2500,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, 0.999999))).toEqual([
      999, 1999, 3999, 4999, 4999,
    ]);
  });

  test('a failed attempt is retried after the pause until the last one, then failed', () => {
    expect(afterFailure(1, false, now, policy, 0)).toEqual({
      status: 'pending',
      nextAttemptAt: '2026-12-01T00:30:00.500Z',
    });
    expect(afterFailure(3, false, now, policy, 0.5)).toEqual({
      status: 'pending',
      nextAttemptAt: '2026-12-01T00:30:03.000Z',
    });
    expect(afterFailure(4, false, now, policy, 0)).toEqual({
      status: 'failed',
      failedAt: now.toISOString(),
    });
  });

  test('a permanent failure (WeCom refused the message itself) fails at once', () => {
    expect(afterFailure(1, true, now, policy, 0)).toEqual({
      status: 'failed',
      failedAt: now.toISOString(),
    });
  });

  test('a deferral waits a growing, capped pause; a lease ends leaseMs after the claim', () => {
    expect(afterDeferral(0, now, policy)).toBe('2026-12-01T00:30:01.000Z');
    expect(afterDeferral(2, now, policy)).toBe('2026-12-01T00:30:04.000Z');
    expect(afterDeferral(50, now, policy)).toBe('2026-12-01T00:30:05.000Z');
    expect(leaseUntil(now, policy)).toBe('2026-12-01T00:31:00.000Z');
  });
});
