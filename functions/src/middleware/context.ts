import type { RouteContract, Session } from '@factory/shared';
import type { Deps } from '../deps.js';
import type { CommitHooks } from '../usecases/hooks.js';

/** What a handler gets: the validated request, the caller, and the adapters. */
export type RouteContext<B = unknown, Q = unknown, P = unknown> = {
  route: RouteContract;
  deps: Deps;
  /** Present on every route that is not public. */
  session: Session;
  body: B;
  query: Q;
  params: P;
  requestId: string;
  now: Date;
  /**
   * Pass to use cases that write in transactions, so an idempotent request's result is
   * recorded in the same transaction as its work.
   */
  hooks<R>(): CommitHooks<R>;
};
