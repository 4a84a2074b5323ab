import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError, type RouteContract } from '@factory/shared';
import type { Deps } from '../deps.js';
import { idempotencyRepo, type StoredResponse } from '../store/idempotencyRepo.js';
import type { CommitHooks } from '../usecases/hooks.js';
import { stableJson } from './stableJson.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

export type IdempotencyOutcome =
  | { kind: 'none' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'claimed'; session: IdempotentRequest };

/** A process that died right after its work: nothing after that point runs. */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

let crashAfterWork = false;

/**
 * Tests only: every idempotent request dies right after its use case returned, before the
 * HTTP layer writes anything more (the separate completion record) or answers. A retry must
 * then find the result recorded by the work's own transaction and replay it.
 */
export function simulateCrashAfterWork(on: boolean): void {
  crashAfterWork = on;
}

/** What an attempt that failed on a transaction conflict left on the record. */
export type AfterConflict =
  | { kind: 'completed'; response: StoredResponse }
  | { kind: 'resumable'; resource: string }
  | { kind: 'open' }
  | { kind: 'lost' };

/**
 * One idempotent request in flight. The handler's use case records the result inside its own
 * transaction (hooks); a route without such work (nothing written, or an external call last)
 * has it recorded right after the handler returns.
 */

export class IdempotentRequest {
  private completedInTransaction = false;
  private linked = false;

  constructor(
    private readonly repo: ReturnType<typeof idempotencyRepo>,
    private readonly key: string,
    private readonly token: string,
    private readonly route: RouteContract,
    private resumeResource: string | undefined,
  ) {
    this.linked = resumeResource !== undefined;
  }

  /**
   * Reads the record again after an attempt failed on a transaction conflict: its work may
   * have completed (replay that answer), or linked a multi-transaction posting (the next
   * attempt resumes it), or left nothing (the next attempt starts afresh).
   */
  async afterConflict(): Promise<AfterConflict> {
    this.completedInTransaction = false;
    const record = await this.repo.read(this.key);
    if (!record || record.token !== this.token) return { kind: 'lost' };
    if (record.status === 'completed' && record.response) {
      this.completedInTransaction = true;
      return { kind: 'completed', response: record.response };
    }
    if (record.resource) {
      this.resumeResource = record.resource;
      this.linked = true;
      return { kind: 'resumable', resource: record.resource };
    }
    this.linked = false;
    return { kind: 'open' };
  }

  hooks<R>(): CommitHooks<R> {
    return {
      onComplete: (result: R) => {
        this.completedInTransaction = true;
        return [this.repo.completeItem(this.key, this.token, this.response(result))];
      },
      onStart: (resource: string) => {
        this.linked = true;
        return [this.repo.linkItem(this.key, this.token, resource)];
      },
      ...(this.resumeResource ? { resume: this.resumeResource } : {}),
    };
  }

  private response(result: unknown): StoredResponse {
    return { statusCode: this.route.status, body: JSON.stringify(result) };
  }

  async succeeded(response: StoredResponse): Promise<void> {
    if (crashAfterWork) throw new SimulatedCrash('simulated crash after the work');
    if (!this.completedInTransaction) await this.repo.complete(this.key, this.token, response);
  }

  /**
   * A business refusal means nothing was done: free the key so a corrected retry can run.
   * After an unexpected failure of a linked posting, or a busy store, keep the claim: once
   * its lease runs out, a retry takes it over and resumes the posting instead of starting
   * another.
   */
  async failed(err: unknown): Promise<void> {
    if (err instanceof SimulatedCrash) return; // a dead process frees nothing
    const refusal = err instanceof AppError && err.code !== 'store.busy';
    if (refusal || !this.linked) await this.repo.release(this.key, this.token);
  }
}

export async function beginIdempotent(
  route: RouteContract,
  event: APIGatewayProxyEventV2,
  tenant: string | undefined,
  rawBody: unknown,
  deps: Deps,
  now: Date,
): Promise<IdempotencyOutcome> {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined || tenant === undefined) return { kind: 'none' };
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('request.invalid', 'Idempotency-Key 格式不正确', undefined, [
      { path: ['headers', 'idempotency-key'], message: '应为 8-128 位字母、数字或 _ . : -' },
    ]);
  }
  const hash = createHash('sha256')
    .update(
      stableJson({ route: route.id, params: event.pathParameters ?? {}, body: rawBody ?? null }) ??
        '',
    )
    .digest('hex');
  const repo = idempotencyRepo(deps, tenant);
  const token = randomUUID();
  const claim = await repo.claim(key, hash, token, now);
  switch (claim.state) {
    case 'replay':
      return { kind: 'replay', response: claim.response };
    case 'mismatch':
      throw new AppError('idempotency.keyReused', '该 Idempotency-Key 已用于另一个不同的请求', {
        key,
      });
    case 'inProgress':
      throw new AppError('idempotency.inProgress', '相同的请求正在处理中，请稍后重试', { key });
    case 'claimed':
      return {
        kind: 'claimed',
        session: new IdempotentRequest(repo, key, token, route, claim.resource),
      };
  }
}
