import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { AppError, isIdempotent, type RouteContract, type Session } from '@factory/shared';
import { getDeps, type Deps } from '../deps.js';
import { authenticate } from './auth.js';
import type { RouteContext } from './context.js';
import { Accepted } from '../usecases/accepted.js';
import { FileResult, PageResult } from '../usecases/fileResult.js';
import { errorToResponse, jsonResponse } from './errors.js';
import { withSecurityHeaders } from './headers.js';
import { beginIdempotent, type IdempotentRequest } from './idempotency.js';
import { parseRequest, type ParsedRequest } from './parse.js';
import {
  attempt,
  isTransactionConflict,
  pauseBeforeRetry,
  USE_CASE_RETRY,
} from '../store/conflicts.js';
import type { StoredResponse } from '../store/idempotencyRepo.js';
import { addRequestFields, withRequestFields } from '../telemetry/log.js';

export type RouteHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

/** Per-request state the middlewares hand to each other. */
type State = {
  deps: Deps;
  now: Date;
  session?: Session;
  parsed?: ParsedRequest;
  idempotent?: IdempotentRequest;
};
type Mw = MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  Error,
  Context,
  { state: State }
>;

/** Outermost: every error becomes a JSON error response, in one place. */
const errorResponder = (): Mw => ({
  onError: (request) => errorToResponse(request.error, request.context.awsRequestId),
});

// middy hands `internal` to middlewares only; the handler finds the state by its event.
const states = new WeakMap<APIGatewayProxyEventV2, State>();

const requestState = (): Mw => ({
  before: (request) => {
    const deps = getDeps();
    const state = { deps, now: deps.clock.now() };
    request.internal.state = state;
    states.set(request.event, state);
  },
});

const auth = (route: RouteContract): Mw => ({
  before: async (request) => {
    const s = request.internal.state;
    s.session = await authenticate(route, request.event, s.deps, s.now);
  },
});

/** Every line logged from here on names the caller's tenant and user. */
const requestLog = (): Mw => ({
  before: (request) => {
    const session = request.internal.state.session;
    if (session) addRequestFields({ tenant: session.tenant, user: session.user });
  },
});

/**
 * Outside middy: the request's log fields (route, request ids, cold start) for everything
 * the route does, the error responder's lines included.
 */
function withRequestLog(route: RouteContract, handler: RouteHandler): RouteHandler {
  return (event, context) =>
    withRequestFields(
      {
        route: route.id,
        request_id: context.awsRequestId,
        ...(event.requestContext?.requestId
          ? { api_request_id: event.requestContext.requestId }
          : {}),
      },
      () => handler(event, context),
    );
}

const validation = (route: RouteContract): Mw => ({
  before: (request) => {
    request.internal.state.parsed = parseRequest(route, request.event);
  },
});

/** Replays a finished request, or claims the key and records the result when done. */
const idempotency = (route: RouteContract): Mw => ({
  before: async (request) => {
    const s = request.internal.state;
    const outcome = await beginIdempotent(
      route,
      request.event,
      s.session?.tenant,
      s.parsed?.rawBody,
      s.deps,
      s.now,
    );
    if (outcome.kind === 'replay') {
      return {
        statusCode: outcome.response.statusCode,
        headers: { 'content-type': 'application/json; charset=utf-8', 'idempotent-replay': 'true' },
        body: outcome.response.body,
      };
    }
    if (outcome.kind === 'claimed') s.idempotent = outcome.session;
    return undefined;
  },
  after: async (request) => {
    const response = request.response as { statusCode: number; body: string };
    await request.internal.state.idempotent?.succeeded({
      statusCode: response.statusCode,
      body: response.body,
    });
  },
  onError: async (request) => {
    await request.internal.state?.idempotent?.failed(request.error);
  },
});

/**
 * Runs the use case; when DynamoDB refuses one of its transactions with TransactionConflict
 * (another transaction was writing the same item), runs it again from fresh reads after a
 * jittered pause, as long as that is safe: the failed attempt committed nothing, or its
 * idempotency record says where it got to (a linked posting is resumed, a completed one
 * answered from the record). Without such a record an attempt that had committed part of its
 * work is not repeated. When retries run out: 503 store.busy (the phone retries with the
 * same key).
 */
async function runWithConflictRetries(
  s: State,
  once: () => Promise<unknown>,
): Promise<{ result: unknown } | { stored: StoredResponse }> {
  for (let n = 1; ; n++) {
    const outcome = await attempt(once);
    if (outcome.ok) return { result: outcome.value };
    if (!isTransactionConflict(outcome.error)) throw outcome.error;
    const after = s.idempotent ? await s.idempotent.afterConflict() : undefined;
    if (after?.kind === 'completed') return { stored: after.response };
    const safe = after?.kind !== 'lost' && (!outcome.committed || after?.kind === 'resumable');
    if (!safe || n >= USE_CASE_RETRY.attempts) {
      throw new AppError('store.busy', '系统繁忙：有人正在同时修改相同的数据，请稍后重试', {
        attempts: n,
      });
    }
    await pauseBeforeRetry(n, USE_CASE_RETRY);
  }
}

/**
 * A route's handler before it is given its contract: what a handler module
 * (src/http/<group>/<action>.ts) exports. The area's router binds it to the route of its id
 * from the area's routes (shared/src/api/routes/<area>.ts), so a handler never looks the route
 * up in the whole table and an area's bundle carries only its own contracts.
 */
export type HttpRoute = {
  /** The id of the route it serves (`group.action`). */
  readonly id: string;
  /** The Lambda handler of the route, built for its contract. */
  bind(route: RouteContract): RouteHandler;
};

/**
 * Defines the handler of one route of the route table. Bound to its contract, middlewares
 * authenticate and check roles, validate against the shared contract, honour Idempotency-Key
 * and map errors; `run` only chooses the use case.
 */
export function httpRoute<B = unknown, Q = unknown, P = unknown>(
  routeId: string,
  run: (ctx: RouteContext<B, Q, P>) => Promise<unknown>,
): HttpRoute {
  return {
    id: routeId,
    bind: (route) => {
      if (route.id !== routeId) throw new Error(`the handler of ${routeId} bound to ${route.id}`);
      return routeHandler(route, run);
    },
  };
}

function routeHandler<B, Q, P>(
  route: RouteContract,
  run: (ctx: RouteContext<B, Q, P>) => Promise<unknown>,
): RouteHandler {
  const handler = middy<
    APIGatewayProxyEventV2,
    APIGatewayProxyResultV2,
    Error,
    Context,
    { state: State }
  >()
    .use(errorResponder())
    .use(httpHeaderNormalizer())
    .use(requestState())
    .use(auth(route))
    .use(requestLog())
    .use(validation(route));
  if (isIdempotent(route)) handler.use(idempotency(route));
  const lambda = handler.handler(async (event, context) => {
    const s = states.get(event)!;
    const parsed = s.parsed!;
    const ctx: RouteContext<B, Q, P> = {
      route,
      deps: s.deps,
      session: s.session!,
      body: parsed.body as B,
      query: parsed.query as Q,
      params: parsed.params as P,
      requestId: context.awsRequestId,
      now: s.now,
      hooks: <R>() => s.idempotent?.hooks<R>() ?? {},
    };
    const outcome = await runWithConflictRetries(s, () => run(ctx));
    if ('stored' in outcome) {
      return {
        statusCode: outcome.stored.statusCode,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: outcome.stored.body,
      };
    }
    const result = outcome.result;
    if (result instanceof PageResult) {
      return {
        statusCode: result.status,
        headers: { 'content-type': 'text/html; charset=utf-8', ...result.headers },
        body: result.html,
      };
    }
    if (route.text) {
      return {
        statusCode: route.status,
        headers: { 'content-type': route.text.responseContentType },
        body: typeof result === 'string' ? result : '',
      };
    }
    if (result instanceof Accepted) return jsonResponse(202, result.body);
    if (result instanceof FileResult) {
      return {
        statusCode: route.status,
        headers: {
          'content-type': result.contentType,
          // RFC 5987, so a Chinese file name survives.
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(result.filename)}`,
        },
        body: result.data.toString('base64'),
        isBase64Encoded: true,
      };
    }
    return jsonResponse(route.status, result);
  }) as unknown as RouteHandler;
  return withRequestLog(route, withSecurityHeaders(lambda));
}
