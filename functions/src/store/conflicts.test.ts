import {
  attempt,
  backoffMs,
  isTransactionConflict,
  noteCommit,
  retryOnConflict,
  retryUseCase,
  TransactionConflictError,
  useRetryTiming,
  type RetryPolicy,
} from './conflicts.js';

const policy: RetryPolicy = { attempts: 4, baseMs: 10, capMs: 40 };
const conflict = () => new TransactionConflictError('held');
const sdkError = (name: string, codes: string[] = []) =>
  Object.assign(new Error(name), {
    name,
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** Work that fails with the given errors in turn, then answers 'done'. */
function failing(...errors: unknown[]) {
  let calls = 0;
  const work = async () => {
    const err = errors[calls++];
    if (err !== undefined) throw err;
    return 'done';
  };
  return { work, calls: () => calls };
}

let pauses: number[];
beforeEach(() => {
  pauses = [];
  useRetryTiming({ pause: async (ms) => void pauses.push(ms), random: () => 0.5 });
});
afterAll(() => useRetryTiming(undefined));

describe('transaction conflicts', () => {
  it('recognises our error and the SDK forms, and nothing else', () => {
    expect(isTransactionConflict(conflict())).toBe(true);
    expect(isTransactionConflict(sdkError('TransactionConflictException'))).toBe(true);
    expect(
      isTransactionConflict(
        sdkError('TransactionCanceledException', ['None', 'TransactionConflict']),
      ),
    ).toBe(true);
    expect(
      isTransactionConflict(sdkError('TransactionCanceledException', ['ConditionalCheckFailed'])),
    ).toBe(false);
    expect(isTransactionConflict(new Error('boom'))).toBe(false);
    expect(isTransactionConflict(undefined)).toBe(false);
  });

  it('backs off exponentially up to the cap, half fixed and half random', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy, () => 0))).toEqual([5, 10, 20, 20]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy, () => 0.999))).toEqual([9, 19, 39, 39]);
  });

  it('sends work again after conflicts only, and gives up after the policy', async () => {
    const twice = failing(conflict(), conflict());
    await expect(retryOnConflict(twice.work, policy)).resolves.toBe('done');
    expect(twice.calls()).toBe(3);
    expect(pauses).toEqual([7, 15]);

    const always = failing(conflict(), conflict(), conflict(), conflict(), conflict());
    await expect(retryOnConflict(always.work, policy)).rejects.toBeInstanceOf(
      TransactionConflictError,
    );
    expect(always.calls()).toBe(4);

    const other = failing(new Error('boom'));
    await expect(retryOnConflict(other.work, policy)).rejects.toThrow('boom');
    expect(other.calls()).toBe(1);
  });

  it('an attempt knows whether a transaction of it committed before it failed', async () => {
    const clean = await attempt(async () => {
      throw conflict();
    });
    expect(clean).toMatchObject({ ok: false, committed: false });
    const partial = await attempt(async () => {
      await Promise.resolve();
      noteCommit();
      throw conflict();
    });
    expect(partial).toMatchObject({ ok: false, committed: true });
    // Commits outside any attempt are not counted anywhere.
    noteCommit();
    expect(await attempt(async () => 1)).toEqual({ ok: true, value: 1 });
  });

  it('runs a use case again only when the failed attempt committed nothing', async () => {
    const retried = failing(conflict());
    await expect(retryUseCase(retried.work, policy)).resolves.toBe('done');
    expect(retried.calls()).toBe(2);

    let calls = 0;
    const halfDone = async () => {
      calls++;
      noteCommit();
      throw conflict();
    };
    await expect(retryUseCase(halfDone, policy)).rejects.toBeInstanceOf(TransactionConflictError);
    expect(calls).toBe(1);
  });
});
