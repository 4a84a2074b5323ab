import { clockStartingAt, type Clock } from '../functions/src/deps.js';

/**
 * The business date every test runs on (08:30 in Shanghai on the demo factory's run date),
 * whatever the machine's date: the runtime under test, the WeCom simulator and the browser
 * all start at this instant and move on in real time from it.
 */
export const TEST_NOW = new Date('2026-12-01T00:30:00Z');

export const TEST_TODAY = '2026-12-01';

export function testClock(): Clock {
  return clockStartingAt(TEST_NOW);
}

/**
 * The business clock of a later start: `ms` after TEST_NOW (a restart after a crash, once the
 * crashed requests' idempotency leases have run out).
 */
export function testClockAfter(ms: number): Clock {
  return clockStartingAt(new Date(TEST_NOW.getTime() + ms));
}
