import { RwLock } from './rwLock.js';

const tick = () => new Promise((r) => setImmediate(r));

/** A task that records when it starts and ends, and finishes when told to. */
function task(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return {
    run: async () => {
      log.push(`${name}+`);
      await done;
      log.push(`${name}-`);
    },
    finish: () => finish(),
  };
}

describe('RwLock', () => {
  test('readers share the lock', async () => {
    const lock = new RwLock();
    const log: string[] = [];
    const [a, b] = [task(log, 'r1'), task(log, 'r2')];
    const all = Promise.all([lock.read(a.run), lock.read(b.run)]);
    await tick();
    expect(log).toEqual(['r1+', 'r2+']);
    a.finish();
    b.finish();
    await all;
  });

  test('a writer runs alone and in arrival order', async () => {
    const lock = new RwLock();
    const log: string[] = [];
    const [r1, w, r2] = [task(log, 'r1'), task(log, 'w'), task(log, 'r2')];
    const all = Promise.all([lock.read(r1.run), lock.write(w.run), lock.read(r2.run)]);
    await tick();
    // r2 arrived after the writer, so it must not overtake it (no writer starvation).
    expect(log).toEqual(['r1+']);
    r1.finish();
    await tick();
    expect(log).toEqual(['r1+', 'r1-', 'w+']);
    w.finish();
    await tick();
    expect(log).toEqual(['r1+', 'r1-', 'w+', 'w-', 'r2+']);
    r2.finish();
    await all;
  });

  test('releases the lock when the task throws', async () => {
    const lock = new RwLock();
    await expect(lock.write(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.write(async () => 'next')).resolves.toBe('next');
  });
});
