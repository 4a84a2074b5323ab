import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { readConfig, type Config } from './config.js';
import { createDocumentClient } from './store/client.js';

export type Clock = { now(): Date };

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
      clock: { now: () => new Date() },
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
