// What the front and the transactions need from the store underneath: one DynamoDB
// operation at a time, as JSON in and JSON out, and a way to make several of them one
// durable write. engine.ts provides it in process.
import type { PendingWrites } from './engine.js';

export type JsonResponse = { status: number; body: Record<string, unknown> };

export type Upstream = {
  call(op: string, payload: Record<string, unknown>): Promise<JsonResponse>;
  /** Runs fn with the store's writes held back; returns them instead of writing them. */
  capture<T>(fn: () => Promise<T>): Promise<{ value: T; writes: PendingWrites }>;
  /** Writes held-back writes as one atomic batch. */
  commit(writes: PendingWrites): Promise<void>;
};
