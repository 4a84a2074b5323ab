import type { Deps } from '../src/deps.js';
import type { OutboxPolicy } from '../src/domain/outbox/index.js';
import { onOutboxWritten } from '../src/store/outboxRepo.js';
import { deliverDue } from '../src/usecases/outbox/worker.js';

export type LocalOutboxOptions = {
  policy: OutboxPolicy;
  /** The longest sleep between passes when nothing is due (default 1 s). */
  pollMs?: number;
  /** Start paused (a process that dies before delivering; tests). */
  paused?: boolean;
  log?: (line: string) => void;
};

export type LocalOutbox = {
  /**
   * Resolves once a pass that started after the call found nothing pending: every message
   * written so far delivered or failed. Waits through retries' backoff. Resolves at once
   * while paused.
   */
  idle(): Promise<void>;
  /** Stops delivering (once the pass under way has finished) until `resume()`. */
  pause(): Promise<void>;
  resume(): void;
  /** Ends the loop after the pass under way. */
  stop(): Promise<void>;
};

/**
 * The local runtime's outbox worker: a loop in this process doing what the stream-triggered
 * Lambda and its scheduled sweep do in AWS. It is woken when a transaction with an outbox
 * record commits (the store calls back, as the stream would fire), else sleeps until the next
 * pending record is due (at most `pollMs`); each pass delivers what is due.
 */
export function startLocalOutbox(deps: () => Deps, options: LocalOutboxOptions): LocalOutbox {
  const pollMs = options.pollMs ?? 1000;
  let running = true;
  let paused = options.paused ?? false;
  let woken = false;
  let wakeUp: (() => void) | undefined;
  let started = 0;
  let current: Promise<void> | undefined;
  /** Waiting for a pass numbered at least `from` to finish: told how many were pending. */
  let waiters: { from: number; resolve: (pending: number) => void }[] = [];

  const wake = () => {
    woken = true;
    wakeUp?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || !running) return resolve();
      // The loop never keeps a process alive by itself (the servers beside it do).
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function pass(seq: number): Promise<void> {
    let pending: number;
    let nextDueAt: string | undefined;
    try {
      const result = await deliverDue(deps(), { policy: options.policy, workerId: 'local' });
      pending = result.pending;
      nextDueAt = result.nextDueAt;
    } catch (err) {
      options.log?.(`outbox worker: ${String(err)}`);
      pending = -1;
    }
    const told = waiters.filter((w) => w.from <= seq);
    waiters = waiters.filter((w) => w.from > seq);
    for (const w of told) w.resolve(pending);
    nextSleep = nextDueAt
      ? Math.max(0, Math.min(pollMs, Date.parse(nextDueAt) - deps().clock.now().getTime()))
      : pollMs;
  }

  let nextSleep = 0;
  async function loop(): Promise<void> {
    while (running) {
      if (paused) {
        woken = false;
        await sleep(pollMs);
        continue;
      }
      woken = false;
      current = pass(++started);
      await current;
      current = undefined;
      await sleep(nextSleep);
    }
  }

  onOutboxWritten(wake);
  const loopDone = loop();

  /** The next pass that starts from now on; `prompt` wakes the loop for it. */
  const passAfterNow = (prompt: boolean) =>
    new Promise<number>((resolve) => {
      waiters.push({ from: started + 1, resolve });
      if (prompt) wake();
    });

  return {
    async idle() {
      let prompt = true;
      while (running && !paused) {
        if ((await passAfterNow(prompt)) === 0) return;
        // Records are waiting for their next attempt: the loop sleeps until one is due.
        prompt = false;
      }
    },
    async pause() {
      paused = true;
      await current;
    },
    resume() {
      paused = false;
      wake();
    },
    async stop() {
      running = false;
      onOutboxWritten(undefined);
      wake();
      await loopDone;
      for (const w of waiters) w.resolve(0);
      waiters = [];
    },
  };
}
