import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { readConfig, type Config } from './config.js';
import { createDocumentClient } from './store/client.js';

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and moves on with the process's monotonic time: tests and
 * demos run on a fixed business date whatever the machine's date, while intervals (token
 * lifetimes, leases) still pass as they do in real time.
 */
export function clockStartingAt(start: Date): Clock {
  const origin = performance.now();
  const base = start.getTime();
  return { now: () => new Date(base + Math.floor(performance.now() - origin)) };
}

/**
 * The system clock, unless FACTORY_NOW (an ISO instant) starts the business clock elsewhere:
 * `npm start`, the CLI and tests of a given day.
 */
export function configuredClock(): Clock {
  const at = process.env.FACTORY_NOW;
  if (!at) return systemClock;
  const start = new Date(at);
  if (Number.isNaN(start.getTime())) throw new Error(`FACTORY_NOW is not a date: ${at}`);
  return clockStartingAt(start);
}

let clockOverride: Clock | undefined;

/** The local runtime runs its handlers on the clock it was given (tests: a fixed date). */
export function useClock(clock: Clock | undefined): void {
  clockOverride = clock;
  if (current) current.clock = clock ?? systemClock;
}

/** The adapters a use case may touch. Built once per Lambda container (or local process). */
export type Deps = {
  config: Config;
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  newId: () => string;
};

let current: Deps | undefined;

export function getDeps(): Deps {
  if (!current) {
    const config = readConfig();
    current = {
      config,
      db: createDocumentClient(config),
      tableName: config.tableName,
      clock: clockOverride ?? configuredClock(),
      newId: monotonicFactory(),
    };
  }
  return current;
}

/** The local runtime re-reads the environment after it has set it (tests start several). */
export function resetDeps(): void {
  current?.db.destroy();
  current = undefined;
}
