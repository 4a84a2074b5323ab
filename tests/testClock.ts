import { clockStartingAt, type Clock } from '../functions/src/deps.js';

/**
 * The business date every test runs on (08:30 in Shanghai on the demo factory's run date),
 * whatever the machine's date: the runtime under test, the WeCom simulator and the browser
 * all start at this instant and move on in real time from it.
 */
export const TEST_NOW = new Date('2026-12-01T00:30:00Z');

export const TEST_TODAY = '2026-12-01';

let shared: Clock | undefined;

/**
 * One clock per test process, so a runtime started again (a restart test) goes on from where
 * the last one was instead of going back to TEST_NOW: a token issued before the restart is
 * never "issued in the future" after it.
 */
export function testClock(): Clock {
  shared ??= clockStartingAt(TEST_NOW);
  return shared;
}

/**
 * The business clock of a later start: `ms` after TEST_NOW (a restart after a crash, once the
 * crashed requests' idempotency leases have run out).
 */
export function testClockAfter(ms: number): Clock {
  return clockStartingAt(new Date(TEST_NOW.getTime() + ms));
}
